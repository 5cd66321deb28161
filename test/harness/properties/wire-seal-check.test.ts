import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkSealRule } from '../../../harness/properties/wire-seal-check.ts';
import { traceArbitrary } from '../../../harness/properties/trace-arbitrary.ts';
import { EventKind } from '../../../src/model/kinds.ts';
import { Trace } from '../../../src/model/trace.ts';
import { encodeWire } from '../../../src/wire/encode.ts';

// 400 calls and returns of one function, 3 bytes each with no clock: about 1,200 bytes of events.
const trace = Trace.fromEvents(
  Array.from({ length: 400 }, (_, i) => ({ seq: i, kind: i % 2 === 0 ? EventKind.Call : EventKind.Return, activation: 1 + (i >> 1), code: 0, flags: 0 })),
  ['f'],
);

describe('the seal rule (FORMAT.md §9)', () => {
  it('should hold for the writer on random traces at every chunk size', () => {
    fc.assert(
      fc.property(traceArbitrary(), fc.constantFrom(256, 512, 4096), (t, chunkBytes) => {
        expect(checkSealRule(encodeWire(t, { chunkBytes }), chunkBytes)).toEqual([]);
      }),
      { numRuns: 200, seed: 3 },
    );
  });

  it('should report chunks sealed late (a writer that seals at 4096 judged at 256)', () => {
    const bytes = encodeWire(trace, { chunkBytes: 4096 });
    expect(checkSealRule(bytes, 256)).toEqual([expect.stringMatching(/^seal rule \(FORMAT\.md §9\): chunk 0 at byte 12 held \d+ bytes after its checkpoint when its last event came, not sealed at chunkBytes 256$/)]);
  });

  it('should report chunks sealed early (a writer that seals at 256 judged at 512)', () => {
    const bytes = encodeWire(trace, { chunkBytes: 256 });
    expect(checkSealRule(bytes, 512)).toEqual([expect.stringMatching(/^seal rule \(FORMAT\.md §9\): chunk 0 at byte 12 sealed with 25[6-9] bytes after its checkpoint, before chunkBytes 512 and with no flush$/)]);
  });

  it('should say nothing of a file that is not FORMAT.md\'s', () => {
    expect(checkSealRule(new Uint8Array([1, 2, 3]), 256)).toEqual([]);
  });
});
