import { describe, expect, it } from 'vitest';
import { checkAgainstOracle } from '../../../harness/properties/wire-oracle-check.ts';
import { TraceFormatError } from '../../../src/model/errors.ts';
import { readWire, type WireReadResult } from '../../../src/wire/reader.ts';
import { FILE_HEADER, sealChunk } from '../../../harness/wire-oracle/layout.ts';
import { EventKind } from '../../../src/model/kinds.ts';
import { Trace } from '../../../src/model/trace.ts';
import { encodeWire } from '../../../src/wire/encode.ts';

// Files built by hand from FORMAT.md (see test/harness/wire-oracle/decode.test.ts for the field-by-field derivation).
const chunk = (events: number, ...records: number[][]): number[] => [...sealChunk(Uint8Array.from(records.flat()), events)];
const file = (...chunks: number[][]): Uint8Array => Uint8Array.from([...FILE_HEADER, ...chunks.flat()]);
const defineF = [0x02, 0x00, 0x01, 0x66];
const checkpoint = (index: number, before: number, seq: number): number[] => [0x01, index, before, seq, 0x00, 0x00];
const good = chunk(1, defineF, checkpoint(0, 0, 0), [0x11, 0x02, 0x00]);

describe('our reader against the independent decoder', () => {
  it('should agree on a file our writer wrote, every checkpoint included', () => {
    const trace = Trace.fromEvents(
      Array.from({ length: 120 }, (_, i) => ({ seq: i, kind: i % 2 === 0 ? EventKind.Call : EventKind.Yield, activation: 1 + Math.floor(i / 2), code: i % 3, flags: 0, tsNs: 1000 + i })),
      ['f', 'g', 'ünï'],
    );
    expect(checkAgainstOracle('valid file', encodeWire(trace, { chunkBytes: 256, timestamps: true }), { everyCheckpoint: true })).toEqual([]);
  });

  it.each([
    ['an extension record before the checkpoint', file(good, chunk(0, [0x40, 0x00], defineF, checkpoint(1, 1, 1)))],
    // flags 2^32 + 1: bit 0 (timestamps) and bit 32, which FORMAT.md does not define; base 0, 0 open, then a call with ts +0
    ['checkpoint flags 2^32 + 1', file(chunk(1, defineF, [0x01, 0x00, 0x00, 0x00, 0x81, 0x80, 0x80, 0x80, 0x10, 0x00, 0x00], [0x11, 0x02, 0x00, 0x00]))],
    ['a payload after a call', file(chunk(1, defineF, checkpoint(0, 0, 0), [0x11, 0x02, 0x00], [0x0d, 0x01, 0x31]))],
    ['a dropped record between two events', file(chunk(3, defineF, checkpoint(0, 0, 0), [0x11, 0x02, 0x00], [0x07, 0x01], [0x11, 0x02, 0x00], [0x03, 0x03]))],
    ['a recovery id past 2^32 - 1', file(chunk(1, defineF, checkpoint(0, 0, 0), [0x0a, 0x80, 0x80, 0x80, 0x80, 0x10]))],
    ['a chunk ending with a seq-set, then a chunk with that next seq', file(chunk(1, defineF, checkpoint(0, 0, 0), [0x11, 0x02, 0x00], [0x04, 0x09]), chunk(0, defineF, checkpoint(1, 1, 9)))],
    ['a truncated file header', Uint8Array.from([0x89, 0x54])],
    ['random bytes that start like a chunk', Uint8Array.from([0xc5, 1, 2, 3])],
  ])('should agree on %s', (_, bytes) => {
    expect(checkAgainstOracle('hand-built', bytes)).toEqual([]);
  });

  describe('should hold our loss report to §7 (a reader that gets one field wrong fails)', () => {
    // chunk 1: 2 events announced, its CRC (header bytes 9..12) damaged: bad-crc at the chunk's byte 9
    const second = chunk(2, defineF, checkpoint(1, 1, 1), [0x11, 0x02, 0x00], [0x11, 0x03, 0x00]);
    second[9]! ^= 0xff;
    const bytes = file(good, second);
    const at = FILE_HEADER.length + good.length;
    const lossOf = (edit: (r: WireReadResult) => WireReadResult['loss']) => (b: Uint8Array): WireReadResult => {
      const r = readWire(b);
      return { ...r, loss: edit(r) };
    };

    it('should agree with our reader as it is: bad-crc at byte 9 of the chunk, the rest lost, 2 events announced', () => {
      expect(readWire(bytes).loss).toMatchObject({ byteOffset: at, lostBytes: second.length, lostEvents: 2, error: { code: 'bad-crc', byteOffset: at + 9 } });
      expect(checkAgainstOracle('damaged CRC', bytes)).toEqual([]);
    });

    it.each([
      ['the error at another byte', (r: WireReadResult) => ({ ...r.loss!, error: new TraceFormatError('bad-crc', at + 10, 'crc') })],
      ['another code', (r: WireReadResult) => ({ ...r.loss!, error: new TraceFormatError('bad-chunk', at + 9, 'crc') })],
      ['no detail after the code', (r: WireReadResult) => ({ ...r.loss!, error: new TraceFormatError('bad-crc', at + 9, '') })],
      ['the announced events not counted', (r: WireReadResult) => ({ byteOffset: r.loss!.byteOffset, lostBytes: r.loss!.lostBytes, error: r.loss!.error })],
      ['one byte fewer lost', (r: WireReadResult) => ({ ...r.loss!, lostBytes: r.loss!.lostBytes - 1 })],
    ])('%s', (_, edit) => {
      // (An empty detail is named twice: as a loss unlike §7's, and as a refusal without its promised shape.)
      expect(checkAgainstOracle('damaged CRC', bytes, { read: lossOf(edit) })).toContainEqual(expect.stringMatching(/^oracle: damaged CRC: (our reader stops with|loss at byte)/));
    });

    it('should name the offending byte of a header that is not this format (a reserved byte set: bad-header at byte 10)', () => {
      const reserved = file(good);
      reserved[11] = 1;
      expect(checkAgainstOracle('reserved byte', reserved)).toEqual([]);
      const atNine = (): WireReadResult => {
        throw new TraceFormatError('bad-header', 9, 'reserved header bytes are not zero');
      };
      expect(checkAgainstOracle('reserved byte', reserved, { read: atNine })).toEqual([expect.stringContaining('our reader threw bad-header at byte 9')]);
    });
  });
});
