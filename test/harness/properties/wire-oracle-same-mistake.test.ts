import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { checkWireCase, runWireProperty, type WireCase } from '../../../harness/properties/wire-property.ts';
import { CHUNK_HEADER, sealChunk } from '../../../harness/wire-oracle/layout.ts';
import { splitRecords } from '../../../harness/wire-oracle/records.ts';
import { EventKind } from '../../../src/model/kinds.ts';
import { Trace } from '../../../src/model/trace.ts';
import { ChunkDecoder } from '../../../src/wire/chunk-decoder.ts';
import { encodeWire } from '../../../src/wire/encode.ts';
import { decodeWire } from '../../../src/wire/reader.ts';
import { WireWriter } from '../../../src/wire/writer.ts';

// A mutated codec: a field mistake made identically in the writer and the reader. The writer's sealed chunks
// go through `mistake` before they reach the sink, and the reader undoes it (each mistake is its own
// inverse) before it decodes a chunk. Every field stays where the codec expects it, so every round trip
// passes; the bytes are no longer what FORMAT.md says, and only the independent decoder can tell.

/** Where a varint that starts at `p` ends. */
const after = (b: Uint8Array, p: number): number => {
  while (b[p]! >= 0x80) p++;
  return p + 1;
};
/** Record types of FORMAT.md §4 whose first two fields are activation delta and code id. */
const FRAME = new Set([0x06, 0x08, 0x0b, 0x0c, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x19, 0x1a, 0x1b, 0x1c, 0x1d, 0x1e, 0x1f]);

/** A field mistake: rewrites a chunk payload in place (and is its own inverse). */
type Mistake = (payload: Uint8Array) => void;

/** Each event record's activation delta and code id written in the other order. */
const swapActivationAndCode: Mistake = (payload) => {
  const records = splitRecords(payload);
  if (typeof records === 'string') throw new Error(records);
  for (const r of records) {
    if (!FRAME.has(r.type)) continue;
    const a = after(payload, r.start + 1);
    const c = after(payload, a);
    payload.set([...payload.subarray(a, c), ...payload.subarray(r.start + 1, a)], r.start + 1);
  }
};

/** Where the n-th varint field (from 0) of the chunk's checkpoint starts: after the define-codes (§3), past the type byte. */
function checkpointField(payload: Uint8Array, n: number): number {
  let p = 0;
  while (payload[p] === 0x02) {
    const length = after(payload, p + 1);
    p = after(payload, length) + payload[length]!; // the names of this test are shorter than 128 bytes
  }
  if (payload[p] !== 0x01) throw new Error('no checkpoint');
  p++;
  for (let i = 0; i < n; i++) p = after(payload, p);
  return p;
}

/** The state bytes of the checkpoint's open entries (§4: activation, code id, state), its flags read as FORMAT.md says. */
function openStates(payload: Uint8Array): number[] {
  let p = checkpointField(payload, 4 + (payload[checkpointField(payload, 3)]! & 1)); // the open count, after the base if any
  const count = payload[p]! < 0x80 ? payload[p]! : (payload[p]! & 0x7f) + payload[p + 1]! * 128; // fewer than 2^14 here
  p = after(payload, p);
  const states: number[] = [];
  for (let i = 0; i < count; i++) {
    p = after(payload, after(payload, p));
    states.push(p++);
  }
  return states;
}

const MISTAKES: [string, Mistake][] = [
  ['the activation and code id of every event swapped', swapActivationAndCode],
  ['the open states running (1) and suspended (2) swapped', (p) => openStates(p).forEach((s) => (p[s] = 3 - p[s]!))],
  ['the checkpoint flag bits timestamps (bit 0) and partial (bit 1) swapped', (p) => void (p[checkpointField(p, 3)] = [0, 2, 1, 3][p[checkpointField(p, 3)]!]!)],
  ['the timestamp base off by one (its low bit flipped)', (p) => void (p[checkpointField(p, 4)]! ^= 1)],
  ['the next seq of every checkpoint off by one (its low bit flipped)', (p) => void (p[checkpointField(p, 2)]! ^= 1)],
];

/** The mistake applied to a whole sealed chunk at `at` (sealed again with FORMAT.md's CRC), when it is whole, has a good CRC and parses. */
function applyTo(bytes: Uint8Array, at: number, mistake: Mistake): Uint8Array {
  if (bytes.length - at < CHUNK_HEADER || bytes[at] !== 0xc5) return bytes;
  const view = new DataView(bytes.buffer, bytes.byteOffset + at);
  const length = view.getUint32(1, true);
  if (bytes.length - at - CHUNK_HEADER < length) return bytes;
  const payload = bytes.slice(at + CHUNK_HEADER, at + CHUNK_HEADER + length);
  const resealed = sealChunk(payload, view.getUint32(5, true));
  if (resealed.subarray(9, 13).some((b, i) => b !== bytes[at + 9 + i])) return bytes; // a chunk with a bad CRC stays as it is
  try {
    mistake(payload);
  } catch {
    return bytes; // a chunk the mistake cannot parse (a mutated one) stays as it is
  }
  const out = bytes.slice();
  out.set(sealChunk(payload, view.getUint32(5, true)), at);
  return out;
}

let mistake: Mistake | undefined;
beforeEach(() => {
  const writer = WireWriter.prototype as unknown as { emit(bytes: Uint8Array): void };
  const emit = writer.emit;
  vi.spyOn(writer, 'emit').mockImplementation(function (this: unknown, bytes: Uint8Array) {
    emit.call(this, mistake === undefined ? bytes : applyTo(bytes, 0, mistake));
  });
  const decoder = ChunkDecoder.prototype;
  const decode = decoder.decode;
  vi.spyOn(decoder, 'decode').mockImplementation(function (this: ChunkDecoder, bytes, at, base, out) {
    return decode.call(this, mistake === undefined ? bytes : applyTo(bytes, at, mistake), at, base, out);
  });
});
afterEach(() => {
  mistake = undefined;
  vi.restoreAllMocks();
});

// Per group j: call #2j+1 f, call #2j+2 g, yield #2j+2: the f stay running, the g suspended. At 256-byte
// chunks, every checkpoint after the first declares both states; timestamps on.
const trace = Trace.fromEvents(
  Array.from({ length: 120 }, (_, i) => {
    const j = Math.floor(i / 3);
    const k = i % 3;
    return { seq: i, kind: k === 2 ? EventKind.Yield : EventKind.Call, activation: k === 0 ? 2 * j + 1 : 2 * j + 2, code: k === 0 ? 0 : 1, flags: 0, tsNs: 1000 + 7 * i };
  }),
  ['f', 'g'],
);
const aCase: WireCase = { trace, chunkBytes: 256, cut: 0.5, flip: 0.5, headerFlip: 64, chunks: [0, 0.9], noise: new Uint8Array(0), mutations: [{ mutation: { kind: 'extension', type: 0x40, length: 1 }, at: [0.5, 0.5] }], readerEdit: { format: 'jsonl', edit: 'swap-lines', at: 0, other: 0.5, streams: 0 }, pieces: { at: [0.5], nearChunk: [[0.5, 4]], ones: [0, 16] } };

describe('a field mistake made identically in writer and reader', () => {
  it('should leave the wire property passing with the codec as it is', async () => {
    expect(await checkWireCase(aCase)).toEqual([]);
  });

  describe.each(MISTAKES)('%s', (_, m) => {
    it('should be invisible to a round trip, and change the bytes', () => {
      const honest = encodeWire(trace, { chunkBytes: 256, timestamps: true });
      mistake = m;
      const bytes = encodeWire(trace, { chunkBytes: 256, timestamps: true });
      expect(bytes).not.toEqual(honest);
      expect(decodeWire(bytes).events()).toEqual(trace.events());
    });

    // Only through it: the oracle's comparison, and the writer economy rules, judged on the oracle's reading.
    it('should fail the wire property through the independent decoder, and only through it', async () => {
      mistake = m;
      const problems = await checkWireCase(aCase);
      expect(problems.some((p) => p.startsWith('oracle: valid file: '))).toBe(true);
      expect(problems.filter((p) => !p.startsWith('oracle: ') && !p.startsWith('economy (FORMAT.md §9): '))).toEqual([]);
    });
  });

  it('should fail the wire property as check runs it (random traces)', async () => {
    mistake = swapActivationAndCode;
    const r = await runWireProperty(20, 1);
    expect(r.failure?.problems.some((p) => p.startsWith('oracle: valid file: event '))).toBe(true);
  });
});
