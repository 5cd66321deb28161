import { describe, expect, it } from 'vitest';
import { checkAgainstOracle } from '../../../harness/properties/wire-oracle-check.ts';
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
});
