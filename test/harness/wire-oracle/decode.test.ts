import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkAgainstOracle } from '../../../harness/properties/wire-oracle-check.ts';
import { oracleRead } from '../../../harness/wire-oracle/decode.ts';
import { FILE_HEADER, sealChunk } from '../../../harness/wire-oracle/layout.ts';

// Every byte below is derived by hand from src/wire/FORMAT.md (never from our writer's output); the
// comments give the field each byte is. sealChunk (harness/wire-oracle/layout.ts) only frames a payload
// with FORMAT.md §3's header and the CRC-32 written from §3.

/** A chunk of FORMAT.md §3 whose header announces `events` events, with these records as its payload. */
const chunk = (events: number, ...records: number[][]): number[] => [...sealChunk(Uint8Array.from(records.flat()), events)];
/** A file: §2's header, then the chunks. */
const file = (...chunks: number[][]): Uint8Array => Uint8Array.from([...FILE_HEADER, ...chunks.flat()]);
/** The offset of chunk `i` of a file of these chunks. */
const offsetOf = (chunks: number[][], i: number): number => 12 + chunks.slice(0, i).reduce((n, c) => n + c.length, 0);

// Records by FORMAT.md §4's table.
const defineF = [0x02, 0x00, 0x01, 0x66]; // define-code: id 0, 1 byte, "f"
const defineG = [0x02, 0x01, 0x01, 0x67]; // define-code: id 1, 1 byte, "g"
/** checkpoint: chunk index, events before, next seq, flags 0 (no timestamps), open count 0. */
const checkpoint = (index: number, before: number, seq: number): number[] => [0x01, index, before, seq, 0x00, 0x00];
const call = (delta: number, code: number): number[] => [0x11, delta, code]; // delta already zigzagged

describe('the independent wire decoder (FORMAT.md alone)', () => {
  it('should import nothing from src/ (it shares no code with the reader it judges)', () => {
    const dir = 'harness/wire-oracle';
    const imports = readdirSync(dir).flatMap((f) => [...readFileSync(`${dir}/${f}`, 'utf8').matchAll(/from '([^']+)'/g)].map((m) => `${f}: ${m[1]}`));
    expect(imports.length).toBeGreaterThan(0);
    expect(imports.filter((i) => !/: \.\/[\w-]+\.ts$/.test(i))).toEqual([]);
  });

  it('should decode every field of every event record of a chunk with timestamps', () => {
    // Arrange
    const c0 = chunk(
      8,
      defineF,
      defineG,
      [0x01, 0x00, 0x00, 0x05, 0x01, 0x64, 0x00], // checkpoint: chunk 0, 0 before, next seq 5, flags 1 (timestamps), base 100, 0 open
      [0x11, 0x06, 0x00, 0x0a], // call: delta +3 (zigzag 6), code 0, ts +10
      [0x11, 0x01, 0x01, 0x05], // call: delta -1 (zigzag 1), code 1, ts +5
      [0x04, 0xe8, 0x07], // seq-set 1000 (0x3E8: 0x68|0x80, 7)
      [0x1c, 0x00, 0x01, 0x01, 0x00], // resume with flags: delta 0, code 1, flags 1, ts +0
      [0x05, 0x32], // timestamp-reset 50
      [0x12, 0x00, 0x01, 0x07], // return: delta 0, code 1, ts +7
      [0x0d, 0x03, 0x5b, 0x31, 0x5d], // payload "[1]"
      [0x17, 0x02, 0x00, 0x02, 0x00], // wake: delta +1, code 0, waker 2, ts +0
      [0x07, 0x04, 0x01], // dropped: count 4, ts +1 (no activation: the next delta is still from #3)
      [0x0b, 0x00, 0x00, 0x00, 0x03], // await: delta 0, code 0, awaited 0, ts +3
      [0x0c, 0x05, 0x01, 0x00], // user event: delta -3 (zigzag 5), code 1, ts +0
      [0x0d, 0x09, ...new TextEncoder().encode('{"a":"b"}')], // its payload
      [0x40, 0x02, 0xaa, 0xbb], // extension 0x40, 2 bytes: skipped
      [0x03, 0x08], // end-of-stream: 8 events
    );

    // Act
    const r = oracleRead(file(c0));

    // Assert
    expect(r.stop).toBeUndefined();
    expect(r.complete).toBe(true);
    expect(r.version).toEqual({ major: 1, minor: 0 });
    expect(r.chunks[0]!.checkpoint).toEqual({ chunkIndex: 0, eventsBefore: 0, nextSeq: 5, timestamps: true, partial: false, tsBaseNs: 100, open: [] });
    expect(r.chunks[0]!.endTotal).toBe(8);
    expect(r.events).toEqual([
      { seq: 5, kind: 1, activation: 3, code: 0, name: 'f', flags: 0, tsNs: 110 },
      { seq: 6, kind: 1, activation: 2, code: 1, name: 'g', flags: 0, tsNs: 115 },
      { seq: 1000, kind: 4, activation: 2, code: 1, name: 'g', flags: 1, tsNs: 115 },
      { seq: 1001, kind: 2, activation: 2, code: 1, name: 'g', flags: 0, tsNs: 57, payload: '[1]' },
      { seq: 1002, kind: 7, activation: 3, code: 0, name: 'f', flags: 0, waker: 2, tsNs: 57 },
      { seq: 1003, kind: 9, activation: 0, flags: 0, dropped: 4, tsNs: 58 },
      { seq: 1004, kind: 13, activation: 3, code: 0, name: 'f', flags: 0, awaited: 0, tsNs: 61 },
      { seq: 1005, kind: 14, activation: 0, code: 1, name: 'g', flags: 0, tsNs: 61, payload: '{"a":"b"}' },
    ]);
  });

  it('should read a second chunk on its counters, its open set and its partial flag', () => {
    // Arrange: chunk 0 calls and suspends #1 "gen"; chunk 1 declares it suspended and resumes it.
    const defineGen = [0x02, 0x00, 0x03, 0x67, 0x65, 0x6e]; // id 0, 3 bytes, "gen"
    const c0 = chunk(2, defineGen, checkpoint(0, 0, 0), call(0x02, 0x00), [0x13, 0x00, 0x00]); // call #1, yield #1
    const c1 = chunk(
      2,
      defineGen,
      [0x01, 0x01, 0x02, 0x02, 0x02, 0x01, 0x01, 0x00, 0x02], // checkpoint: chunk 1, 2 before, next seq 2, flags 2 (partial), 1 open: #1 code 0 state 2
      [0x1c, 0x02, 0x00, 0x01], // resume, flags 1: delta +1 from 0 at the chunk start
      [0x12, 0x00, 0x00], // return #1
      [0x03, 0x04], // end-of-stream: 4
    );

    // Act
    const r = oracleRead(file(c0, c1));

    // Assert
    expect(r.stop).toBeUndefined();
    expect(r.chunks[1]!.checkpoint).toEqual({ chunkIndex: 1, eventsBefore: 2, nextSeq: 2, timestamps: false, partial: true, open: [{ activation: 1, code: 0, name: 'gen', state: 'suspended' }] });
    expect(r.events.map((e) => [e.seq, e.kind, e.activation, e.flags])).toEqual([[0, 1, 1, 0], [1, 3, 1, 0], [2, 4, 1, 1], [3, 2, 1, 0]]);
  });

  it('should keep a leading U+FEFF of a code name and saturate seq at 2^53 - 1', () => {
    const c0 = chunk(
      2,
      [0x02, 0x00, 0x03, 0xef, 0xbb, 0xbf], // define-code: id 0, 3 bytes, U+FEFF
      [0x01, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x00, 0x00], // next seq 2^53 - 1 (7 x 0xFF, 0x0F)
      call(0x02, 0x00),
      call(0x02, 0x00),
      [0x03, 0x02],
    );
    const r = oracleRead(file(c0));
    expect(r.stop).toBeUndefined();
    expect(r.events.map((e) => [e.seq, e.name])).toEqual([[2 ** 53 - 1, '\ufeff'], [2 ** 53 - 1, '\ufeff']]);
  });

  it('should read a run of chunks without the file header from any chunk', () => {
    const r = oracleRead(Uint8Array.from(chunk(1, defineF, checkpoint(3, 7, 9), call(0x02, 0x00))));
    expect(r.version).toBeUndefined();
    expect(r.stop).toBeUndefined();
    expect(r.complete).toBe(false);
    expect(r.events).toEqual([{ seq: 9, kind: 1, activation: 1, code: 0, name: 'f', flags: 0 }]);
  });

  describe('on invalid input: the events of the whole chunks before, then where and why it stopped', () => {
    const good = chunk(1, defineF, checkpoint(0, 0, 0), call(0x02, 0x00));
    /** The file `good` then a chunk 1 (1 event before, next seq 1) with these records after its checkpoint, and where chunk 1's payload starts. */
    const second = (events: number, ...records: number[][]): { bytes: Uint8Array; at: number } => ({
      bytes: file(good, chunk(events, defineF, checkpoint(1, 1, 1), ...records)),
      at: offsetOf([good], 1),
    });
    const payloadAt = (at: number, k: number): number => at + 13 + defineF.length + 6 + k; // byte k after chunk 1's checkpoint

    it.each([
      ['a non-canonical varint', [[0x04, 0x81, 0x00]], 'bad-varint', 2], // at its trailing 0x00 (FORMAT.md §1)
      ['an 11-byte varint', [[0x04, 0x81, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00]], 'bad-varint', 1],
      ['2^53 in a seq-set', [[0x04, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x10]], 'unsafe-integer', 1],
      ['an unknown record type', [[0x20]], 'unknown-record', 0],
      ['a code defined only in the chunk before', [call(0x02, 0x01)], 'undefined-code', 0],
      ['a code id defined again with another name', [[0x02, 0x00, 0x01, 0x68]], 'code-conflict', 0],
      ['a code name longer than the chunk', [[0x02, 0x01, 0x05, 0x67]], 'bad-record', 0],
      ['a code name of 4097 bytes', [[0x02, 0x01, 0x81, 0x20]], 'limit-exceeded', 0],
      ['a name that is not UTF-8', [[0x02, 0x01, 0x01, 0xff]], 'bad-record', 3],
      ['a flags field of 0', [[0x19, 0x02, 0x00, 0x00]], 'bad-record', 0],
      ['an unknown flag bit', [[0x19, 0x02, 0x00, 0x02]], 'unknown-flag', 0],
      ['an activation below 0', [[0x11, 0x01, 0x00]], 'bad-record', 0],
      ['a waker past 2^32 - 1', [[0x17, 0x02, 0x00, 0x80, 0x80, 0x80, 0x80, 0x10]], 'bad-record', 0], // a value out of range: at its record (FORMAT.md §7)
      ['a payload that is not compact JSON', [call(0x02, 0x00), [0x0d, 0x03, 0x5b, 0x31, 0x20]], 'bad-record', 5],
      ['a payload after a dropped record', [[0x07, 0x01], [0x0d, 0x01, 0x31]], 'bad-record', 2],
      ['a second payload for one event', [call(0x02, 0x00), [0x0d, 0x01, 0x31], [0x0d, 0x01, 0x31]], 'bad-record', 6],
      ['a payload after an extension record', [call(0x02, 0x00), [0x40, 0x00], [0x0d, 0x01, 0x31]], 'bad-record', 5],
      ['a timestamp-reset without timestamps', [[0x05, 0x01]], 'bad-record', 0],
      ['an extension running past the chunk', [[0x40, 0x05, 0x00]], 'bad-record', 0],
      ['a wrong end-of-stream total', [call(0x02, 0x00), [0x03, 0x01]], 'bad-record', 3],
      ['a record after end-of-stream', [call(0x02, 0x00), [0x03, 0x02], [0x40, 0x00]], 'bad-record', 5],
    ] as [string, number[][], string, number][])('should stop at chunk 1 on %s', (_, records, code, k) => {
      // Arrange
      const events = records.filter((r) => r[0] === 0x11 || r[0] === 0x19 || r[0] === 0x17 || r[0] === 0x07).length;
      const { bytes, at } = second(events, ...records);

      // Act
      const r = oracleRead(bytes);

      // Assert
      expect(r.events).toHaveLength(1);
      expect(r.stop).toMatchObject({ chunk: 1, byteOffset: at, code, faultOffset: payloadAt(at, k), fatal: false });
      expect(checkAgainstOracle('hand-built', bytes)).toEqual([]); // and our reader stops the same way (§7)
    });

    it.each([
      ['an extension record before the checkpoint (§3: only define-code precede it)', [0x40, 0x00, ...defineF, ...checkpoint(1, 1, 1)], 'bad-record'],
      ['checkpoint flags 4', [...defineF, 0x01, 0x01, 0x01, 0x01, 0x04, 0x00], 'bad-record'],
      ['checkpoint flags 2^32 + 1 (bit 0 set, and bit 32)', [...defineF, 0x01, 0x01, 0x01, 0x01, 0x81, 0x80, 0x80, 0x80, 0x10, 0x00, 0x00], 'bad-record'],
      ['a chunk index that skips one', [...defineF, ...checkpoint(2, 1, 1)], 'bad-record'],
      ['events before that do not continue', [...defineF, ...checkpoint(1, 0, 1)], 'bad-record'],
      ['a next seq that does not continue', [...defineF, ...checkpoint(1, 1, 2)], 'bad-record'],
      ['timestamps switched on', [...defineF, 0x01, 0x01, 0x01, 0x01, 0x01, 0x00, 0x00], 'bad-record'],
      ['an open count past the payload / 3', [...defineF, 0x01, 0x01, 0x01, 0x01, 0x00, 0x02, 0x01, 0x00, 0x01], 'limit-exceeded'],
      ['an open state 3', [...defineF, 0x01, 0x01, 0x01, 0x01, 0x00, 0x01, 0x01, 0x00, 0x03], 'bad-record'],
      ['an open activation whose code is not defined in the chunk', [0x01, 0x01, 0x01, 0x01, 0x00, 0x01, 0x01, 0x00, 0x01], 'undefined-code'],
      ['no checkpoint', [...defineF], 'bad-record'],
      ['two checkpoints', [...defineF, ...checkpoint(1, 1, 1), ...checkpoint(1, 1, 1)], 'bad-record'],
    ])('should stop at chunk 1 on %s', (_, payload, code) => {
      const bytes = file(good, chunk(0, payload));
      const r = oracleRead(bytes);
      expect(r.events).toHaveLength(1);
      expect(r.stop).toMatchObject({ chunk: 1, byteOffset: offsetOf([good], 1), code, fatal: false });
      expect(checkAgainstOracle('hand-built', bytes)).toEqual([]); // and our reader stops the same way (§7)
    });

    it('should stop at a chunk 0 of a file that is not chunk 0 (§4.1)', () => {
      expect(oracleRead(file(chunk(0, defineF, checkpoint(1, 0, 0)))).stop).toMatchObject({ chunk: 0, byteOffset: 12, code: 'bad-record' });
    });

    it('should stop at a chunk after end-of-stream (§5)', () => {
      const ended = chunk(1, defineF, checkpoint(0, 0, 0), call(0x02, 0x00), [0x03, 0x01]);
      const r = oracleRead(file(ended, chunk(0, defineF, checkpoint(1, 1, 1))));
      expect(r.events).toHaveLength(1);
      expect(r.complete).toBe(false);
      expect(r.stop).toMatchObject({ chunk: 1, byteOffset: offsetOf([ended], 1), code: 'bad-record' });
    });

    it('should stop with bad-chunk on an event count the header does not announce, bad-crc on a changed byte', () => {
      expect(oracleRead(file(good, chunk(2, defineF, checkpoint(1, 1, 1), call(0x02, 0x00)))).stop).toMatchObject({ chunk: 1, code: 'bad-chunk' });
      const c1 = chunk(1, defineF, checkpoint(1, 1, 1), call(0x02, 0x00));
      c1[c1.length - 1] = 0x01; // the code id, after sealing
      expect(oracleRead(file(good, c1)).stop).toMatchObject({ chunk: 1, code: 'bad-crc', faultOffset: offsetOf([good], 1) + 9 });
    });

    it('should stop with truncated at a chunk cut short, after the chunks before it', () => {
      const bytes = file(good, good);
      for (const cut of [offsetOf([good], 1) + 1, offsetOf([good], 1) + 13, bytes.length - 1]) {
        const r = oracleRead(bytes.subarray(0, cut));
        expect(r.events).toHaveLength(1);
        expect(r.stop).toMatchObject({ chunk: 1, byteOffset: offsetOf([good], 1), code: 'truncated', fatal: false });
      }
    });

    it('should stop at a timestamp past 2^53 - 1', () => {
      const max = [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x0f]; // 2^53 - 1
      const r = oracleRead(file(chunk(1, defineF, [0x01, 0x00, 0x00, 0x00, 0x01, ...max, 0x00], [0x11, 0x02, 0x00, 0x01])));
      expect(r.stop).toMatchObject({ chunk: 0, code: 'unsafe-integer' });
    });

    it.each([
      ['a wrong magic byte', [0x89, 0x54, 0x52, 0x48, 0x0d, 0x0a, 0x1a, 0x0b, 1, 0, 0, 0], 'bad-magic', true],
      ['major version 2', [0x89, 0x54, 0x52, 0x48, 0x0d, 0x0a, 0x1a, 0x0a, 2, 0, 0, 0], 'unsupported-version', true],
      ['a reserved byte set', [0x89, 0x54, 0x52, 0x48, 0x0d, 0x0a, 0x1a, 0x0a, 1, 0, 0, 1], 'bad-header', true],
      ['a header cut short', [0x89, 0x54, 0x52], 'truncated', false],
      ['nothing', [], 'truncated', false],
    ] as [string, number[], string, boolean][])('should refuse %s at the file header', (_, bytes, code, fatal) => {
      expect(oracleRead(Uint8Array.from(bytes)).stop).toMatchObject({ chunk: 0, byteOffset: 0, code, fatal });
    });

    it('should accept any minor version of major 1', () => {
      const bytes = file(good);
      bytes[9] = 7;
      const r = oracleRead(bytes);
      expect(r.version).toEqual({ major: 1, minor: 7 });
      expect(r.stop).toBeUndefined();
    });
  });
});
