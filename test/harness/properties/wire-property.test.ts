import { describe, expect, it } from 'vitest';
import { WHOLE } from '../../../harness/properties/wire-pieces.ts';
import { checkWireCase, runWireProperty } from '../../../harness/properties/wire-property.ts';
import { EventKind } from '../../../src/model/kinds.ts';
import { Trace } from '../../../src/model/trace.ts';

describe('the wire property', () => {
  it('should hold for 300 random traces', async () => {
    const r = await runWireProperty(300, 17);
    expect(r.failure).toBeUndefined();
    expect(r.runs).toBe(300);
  });

  it('should compare codes by name, so JSONL renumbering code ids is not a failure', async () => {
    const trace = Trace.fromEvents(
      [
        { seq: 0, kind: EventKind.Call, activation: 1, code: 1, flags: 0 },
        { seq: 1, kind: EventKind.Call, activation: 2, code: 0, flags: 0 },
      ],
      ['second', 'first'],
    );
    expect(await checkWireCase({ trace, chunkBytes: 256, cut: 0.5, flip: 0.3, headerFlip: 72, chunks: [0, 0.9], noise: new Uint8Array([0x89, 0x54, 1, 2]), mutations: [{ mutation: { kind: 'unknown', type: 0x20 }, at: [0, 0.5] }], readerEdit: { format: 'text', edit: 'unknown-kind', at: 0.5, other: 0, streams: 0 }, pieces: { at: [0.5], nearChunk: [], ones: [0, 16] } })).toEqual([]);
  });

  it('should report a trace the format cannot hold instead of passing it', async () => {
    const trace = Trace.fromEvents([{ seq: 0, kind: EventKind.Call, activation: 1, code: 0, flags: 0 }], ['x'.repeat(5000)]);
    await expect(checkWireCase({ trace, chunkBytes: 256, cut: 0, flip: 0, headerFlip: 64, chunks: [0, 0], noise: new Uint8Array(0), mutations: [{ mutation: { kind: 'stray-end' }, at: [0, 0] }], readerEdit: { format: 'chrome', edit: 'extra-field', at: 0, other: 0, streams: 0 }, pieces: WHOLE })).rejects.toThrow('max 4096');
  });
});
