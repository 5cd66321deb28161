import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkWriterEconomy } from '../../../harness/properties/wire-economy-check.ts';
import { traceArbitrary } from '../../../harness/properties/trace-arbitrary.ts';
import { FILE_HEADER, sealChunk, varint } from '../../../harness/wire-oracle/layout.ts';
import { encodeWire } from '../../../src/wire/encode.ts';

// Records by FORMAT.md §4, written by hand: define-code, checkpoint (no open activations), seq-set,
// timestamp-reset, call and return (0x11, 0x12), end-of-stream.
const define = (code: number, name: string): number[] => [0x02, code, name.length, ...[...name].map((c) => c.charCodeAt(0))];
const checkpoint = (chunk: number, before: number, nextSeq: number, base?: number): number[] =>
  [0x01, chunk, before, ...varint(nextSeq), base === undefined ? 0 : 1, ...(base === undefined ? [] : varint(base)), 0];
// Activation 1 (zigzag delta 2 from 0, then 0), code 0, [timestamp delta].
const call = (dt?: number): number[] => [0x11, 2, 0, ...(dt === undefined ? [] : varint(dt))];
const ret = (dt?: number): number[] => [0x12, 0, 0, ...(dt === undefined ? [] : varint(dt))];
const file = (...chunks: [number[], number][]): Uint8Array =>
  Uint8Array.from([...FILE_HEADER, ...chunks.flatMap(([records, events]) => [...sealChunk(Uint8Array.from(records), events)])]);

describe('the writer economy rules (FORMAT.md §9)', () => {
  it('should hold for the writer on random traces, with and without a clock, at every chunk size', () => {
    fc.assert(
      fc.property(traceArbitrary(), fc.constantFrom(256, 512, 65536), (t, chunkBytes) => {
        expect(checkWriterEconomy(encodeWire(t, { chunkBytes }))).toEqual([]);
      }),
      { numRuns: 300, seed: 5 },
    );
  });

  it('should accept a hand-built file that spends nothing needless', () => {
    expect(checkWriterEconomy(file([[...define(0, 'f'), ...checkpoint(0, 0, 0, 7), ...call(0), ...ret(3), 0x03, 2], 2]))).toEqual([]);
    // A second chunk: its base is the first chunk's last timestamp (10), its seq continues, code 0 defined again.
    expect(checkWriterEconomy(file(
      [[...define(0, 'f'), ...checkpoint(0, 0, 0, 7), ...call(0), ...ret(3)], 2],
      [[...define(0, 'f'), ...checkpoint(1, 2, 2, 10), ...call(1), ...ret(1), 0x03, 4], 2],
    ))).toEqual([]);
  });

  it('should report a code defined twice in a chunk', () => {
    expect(checkWriterEconomy(file([[...define(0, 'f'), ...define(0, 'f'), ...checkpoint(0, 0, 0), ...call(), ...ret(), 0x03, 2], 2])))
      .toEqual(['economy (FORMAT.md §9): chunk 0 at byte 12: code 0 defined twice']);
  });

  it('should report a code defined in a chunk that does not use it', () => {
    expect(checkWriterEconomy(file([[...define(0, 'f'), ...define(1, 'g'), ...checkpoint(0, 0, 0), ...call(), ...ret(), 0x03, 2], 2])))
      .toEqual(['economy (FORMAT.md §9): chunk 0 at byte 12: code 1 defined but not used in the chunk']);
  });

  it('should report a seq-set that repeats the implicit seq, and accept one that does not', () => {
    expect(checkWriterEconomy(file([[...define(0, 'f'), ...checkpoint(0, 0, 0), ...call(), 0x04, 1, ...ret(), 0x03, 2], 2])))
      .toEqual(['economy (FORMAT.md §9): chunk 0 at byte 12: a seq-set before event 1 (seq 1), whose seq is the implicit one']);
    expect(checkWriterEconomy(file([[...define(0, 'f'), ...checkpoint(0, 0, 0), ...call(), 0x04, 5, ...ret(), 0x03, 2], 2]))).toEqual([]);
  });

  it('should report a timestamp-reset where the clock did not go back, and accept one where it did', () => {
    expect(checkWriterEconomy(file([[...define(0, 'f'), ...checkpoint(0, 0, 0, 7), ...call(0), 0x05, 9, ...ret(0), 0x03, 2], 2])))
      .toEqual(['economy (FORMAT.md §9): chunk 0 at byte 12: a timestamp-reset before event 1 (9 ns), where the clock did not go back from 7 ns']);
    expect(checkWriterEconomy(file([[...define(0, 'f'), ...checkpoint(0, 0, 0, 7), ...call(0), 0x05, 6, ...ret(0), 0x03, 2], 2]))).toEqual([]);
  });

  it('should report a timestamp base other than the first event\'s (chunk 0) or the last one before (later chunks)', () => {
    expect(checkWriterEconomy(file([[...define(0, 'f'), ...checkpoint(0, 0, 0, 0), ...call(7), ...ret(3), 0x03, 2], 2])))
      .toEqual(['economy (FORMAT.md §9): chunk 0 at byte 12: timestamp base 0, want 7']);
    expect(checkWriterEconomy(file(
      [[...define(0, 'f'), ...checkpoint(0, 0, 0, 7), ...call(0), ...ret(3)], 2],
      [[...define(0, 'f'), ...checkpoint(1, 2, 2, 11), ...call(0), ...ret(1), 0x03, 4], 2],
    ))).toEqual([expect.stringMatching(/^economy \(FORMAT\.md §9\): chunk 1 at byte \d+: timestamp base 11, want 10$/)]);
  });

  it('should say nothing of a file that is not FORMAT.md\'s', () => {
    expect(checkWriterEconomy(new Uint8Array([1, 2, 3]))).toEqual([]);
  });
});
