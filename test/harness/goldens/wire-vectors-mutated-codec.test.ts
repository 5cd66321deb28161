import CRC32 from 'crc-32';
import { describe, expect, it, vi } from 'vitest';
import { runWireVectors } from '../../../harness/goldens/wire-vectors.ts';
import { checkWireCase } from '../../../harness/properties/wire-property.ts';
import { EventKind } from '../../../src/model/kinds.ts';
import { Trace } from '../../../src/model/trace.ts';
import { encodeWire } from '../../../src/wire/encode.ts';
import { decodeWire } from '../../../src/wire/reader.ts';

// A mutated codec: the CRC covers only the last part it is given (the payload), not the chunk header bytes
// 1..8 before it. Writer and reader share the mistake, so every round trip still passes.
vi.mock('../../../src/wire/crc32.ts', () => ({ crc32: (bytes: Uint8Array) => CRC32.buf(bytes) >>> 0 }));

const trace = Trace.fromEvents(
  Array.from({ length: 50 }, (_, i) => ({ seq: i, kind: EventKind.Call, activation: i + 1, code: 0, flags: 0 })),
  ['f'],
);

describe('a CRC mistake made identically in writer and reader', () => {
  it('should be invisible to a round trip', () => {
    expect(decodeWire(encodeWire(trace, { chunkBytes: 256 })).length).toBe(50);
  });

  it('should fail every known-answer vector with bad-crc', () => {
    const results = runWireVectors('golden/wire');
    expect(results.length).toBeGreaterThan(0);
    for (const r of results) expect(r.problem).toMatch(/^the reader threw .*CRC/i);
  });

  it('should fail the wire property through the independent CRC', async () => {
    const problems = await checkWireCase({ trace, chunkBytes: 256, cut: 0.5, flip: 0.5, headerFlip: 80, chunks: [0, 0.5], noise: new Uint8Array(0), mutations: [{ mutation: { kind: 'extension', type: 0x40, length: 1 }, at: [0, 0] }], readerEdit: { format: 'jsonl', edit: 'swap-lines', at: 0, other: 0.5, streams: 0 }, pieces: { at: [0.5], nearChunk: [], ones: [0, 0] } });
    expect(problems.some((p) => /^chunk at byte 12: CRC 0x[0-9a-f]+, want 0x[0-9a-f]+/.test(p))).toBe(true);
    // And the re-sealed mutated chunk, sealed with FORMAT.md's CRC, is refused by the mutated reader.
    expect(problems.some((p) => p.startsWith('record mutation extension 0x40 length 1: FORMAT.md §6 skips it'))).toBe(true);
  });
});
