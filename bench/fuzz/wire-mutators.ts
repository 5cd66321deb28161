/**
 * Structure-aware mutations of wire files (FORMAT.md): records inserted into a chunk's payload (every
 * record type, unknown and extension types, varints at every width edge, over 2^53, non-canonical and
 * longer than 10 bytes, lengths and counts past their limits), chunk header lies, chunks dropped,
 * repeated, reordered or taken from another file, file header damage, and truncation at every kind of
 * point. After a mutation the chunks are framed again with their real lengths and a fresh CRC-32 (the
 * project's `crc32`), most of the time: a reader then meets well-framed but unexpected records, past the
 * CRC check, instead of stopping at `bad-crc`.
 * @module
 */
import { CHUNK_HEADER_BYTES, EXTENSION_FIRST, EXTENSION_LAST, FILE_HEADER_BYTES, LIMITS, MAGIC, Record } from '../../src/wire/spec.ts';
import { BYTE_MUTATORS } from './byte-mutators.ts';
import type { Mutator, WeightedMutator } from './mutator.ts';
import type { Rng } from './rng.ts';
import { chunkBytes, concat, type Framed, frames, unframe } from './wire-frames.ts';

/** Values at the edges of varint widths and of the format's limits. */
const EDGES = [0, 1, 2, 3, 126, 127, 128, 255, 16383, 16384, LIMITS.maxStringBytes, LIMITS.maxStringBytes + 1, LIMITS.maxOpen, LIMITS.maxOpen + 1, LIMITS.maxCodes - 1, LIMITS.maxCodes, LIMITS.maxChunkBytes, 2 ** 31, 2 ** 32 - 1, 2 ** 32, 2 ** 35, 2 ** 53 - 1, 2 ** 53, 2 ** 63, 2 ** 64 - 1];

/** Record types: every defined one, events with and without flags, extension bounds, and undefined codes. */
const TYPES = [...Object.values(Record), 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x19, 0x1a, 0x1f, 0x00, 0x0e, 0x0f, 0x1e, 0x20, 0x3f, EXTENSION_FIRST, 0x55, EXTENSION_LAST, 0x80, 0xc5, 0xff];

/** LEB128 of a value up to 2^64 (beyond 2^53 too: the reader must refuse it, not round it). */
export function varint(value: number): number[] {
  const out: number[] = [];
  let v = BigInt(Math.floor(value));
  do {
    let b = Number(v & 0x7fn);
    v >>= 7n;
    if (v > 0n) b |= 0x80;
    out.push(b);
  } while (v > 0n);
  return out;
}

/** A varint field, mostly canonical, sometimes not: a trailing zero byte, 10 or 11 bytes, cut off. */
function field(rng: Rng, value = rng.chance(0.5) ? rng.pick(EDGES) : rng.int(300)): number[] {
  const r = rng.int(20);
  if (r === 0) return [...varint(value).map((b) => b | 0x80), 0x00]; // non-canonical: trailing zero
  if (r === 1) return [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, rng.chance(0.5) ? 0x01 : 0xff, 0x01]; // 10 or 11 bytes
  if (r === 2) return [0x80]; // a varint cut off by what follows
  return varint(value);
}

/** Bytes of a string field: valid UTF-8, a lone surrogate encoded as UTF-8 (not UTF-8), a BOM, or JSON. */
function stringBytes(rng: Rng): number[] {
  const r = rng.int(6);
  if (r === 0) return [0xed, 0xa0, 0x80];
  if (r === 1) return [0xef, 0xbb, 0xbf, 0x66];
  if (r === 2) return [...new TextEncoder().encode(rng.pick(['[1,2]', '{"a":1}', '"\\ud800"', '1e400', '[[[[[[[[', ' 1', '9007199254740993', '{"a":1,"a":2}']))];
  if (r === 3) return new Array<number>(rng.pick([0, 4096, 4097])).fill(0x61);
  return [...new TextEncoder().encode(rng.pick(['f', 'main', 'ünï', 'a"b', '日本']))];
}

/** One record, well or badly formed. */
export function record(rng: Rng): number[] {
  const type = rng.pick(TYPES);
  const out = [type];
  switch (type) {
    case Record.Checkpoint: {
      out.push(...field(rng), ...field(rng), ...field(rng), ...field(rng, rng.int(5)));
      if (rng.chance(0.5)) out.push(...field(rng));
      const n = rng.chance(0.8) ? rng.int(3) : rng.pick(EDGES);
      out.push(...field(rng, n));
      for (let i = 0; i < Math.min(n, 3); i++) out.push(...field(rng), ...field(rng, rng.int(4)), rng.pick([1, 2, 0, 3]));
      break;
    }
    case Record.DefineCode:
    case Record.Payload: {
      if (type === Record.DefineCode) out.push(...field(rng, rng.int(6)));
      const s = stringBytes(rng);
      out.push(...field(rng, rng.chance(0.8) ? s.length : rng.pick(EDGES)), ...s);
      break;
    }
    default: {
      if (type >= EXTENSION_FIRST && type <= EXTENSION_LAST) {
        const n = rng.int(8);
        out.push(...field(rng, rng.chance(0.8) ? n : rng.pick(EDGES)), ...new Array<number>(n).fill(0xab));
        break;
      }
      // Events and stream records: a few varint fields, as many as the longest record has.
      const n = rng.int(5);
      for (let i = 0; i < n; i++) out.push(...field(rng, rng.chance(0.6) ? rng.int(8) : undefined));
    }
  }
  return out;
}

/** Applies `change` to the framing of the input and writes it back, with fresh lengths and CRCs most of the time. */
function framed(change: (f: Framed, rng: Rng, seeds: readonly Uint8Array[]) => void): Mutator {
  return (input, rng, seeds) => {
    const f = frames(input);
    if (f.frames.length === 0) return input;
    change(f, rng, seeds);
    if (rng.chance(0.9)) return unframe(f);
    // A wrong CRC on one chunk: bad-crc must win over what is inside.
    const k = rng.int(f.frames.length);
    return concat([f.header ?? new Uint8Array(0), ...f.frames.map((c, i) => chunkBytes(c, c.payload.length, i !== k)), f.rest]);
  };
}

/** Mutates the payload of one chunk with a byte mutator. */
const payloadBytes: Mutator = framed((f, rng, seeds) => {
  const c = rng.pick(f.frames);
  const m = rng.pick(BYTE_MUTATORS.filter((b) => b.name !== 'splice'));
  c.payload = m.mutate(c.payload, rng, seeds);
});

/** Wire mutators with their weights, byte mutators included. */
export const WIRE_MUTATORS: readonly WeightedMutator[] = [
  ...BYTE_MUTATORS.map((m) => ({ ...m, weight: m.weight / 4 })),
  { name: 'wire-payload-bytes', weight: 4, mutate: payloadBytes },
  {
    name: 'wire-insert-record',
    weight: 6,
    mutate: framed((f, rng) => {
      const c = rng.pick(f.frames);
      const n = rng.chance(0.7) ? 1 : rng.range(2, 6);
      const recs: number[] = [];
      for (let i = 0; i < n; i++) recs.push(...record(rng));
      const pos = rng.chance(0.5) ? c.payload.length : rng.int(c.payload.length + 1);
      c.payload = concat([c.payload.subarray(0, pos), Uint8Array.from(recs), c.payload.subarray(pos)]);
      if (rng.chance(0.3)) c.events += rng.int(3);
    }),
  },
  {
    name: 'wire-replace-varint',
    weight: 3,
    mutate: framed((f, rng) => {
      const c = rng.pick(f.frames);
      if (c.payload.length === 0) return;
      const pos = rng.int(c.payload.length);
      c.payload = concat([c.payload.subarray(0, pos), Uint8Array.from(field(rng)), c.payload.subarray(pos + 1)]);
    }),
  },
  {
    name: 'wire-event-count',
    weight: 2,
    mutate: framed((f, rng) => {
      const c = rng.pick(f.frames);
      c.events = rng.pick([0, Math.max(0, c.events - 1), c.events + 1, Math.floor(c.payload.length / 3), Math.floor(c.payload.length / 3) + 1, 0xffffffff]);
    }),
  },
  {
    name: 'wire-length-lie',
    weight: 1,
    mutate: (input, rng) => {
      const f = frames(input);
      if (f.frames.length === 0) return input;
      const k = rng.int(f.frames.length);
      const c = f.frames[k]!;
      const length = rng.pick([0, c.payload.length - 1, c.payload.length + 1, LIMITS.maxChunkBytes, LIMITS.maxChunkBytes + 1, 0xffffffff]);
      return concat([f.header ?? new Uint8Array(0), ...f.frames.map((x, i) => (i === k ? chunkBytes(x, length) : chunkBytes(x))), f.rest]);
    },
  },
  {
    name: 'wire-chunks',
    weight: 3,
    mutate: framed((f, rng, seeds) => {
      const k = rng.int(f.frames.length);
      const r = rng.int(5);
      if (r === 0) f.frames.splice(k, 1);
      else if (r === 1) f.frames.splice(k, 0, { ...f.frames[k]! });
      else if (r === 2) {
        const j = rng.int(f.frames.length);
        [f.frames[k], f.frames[j]] = [f.frames[j]!, f.frames[k]!];
      } else if (r === 3) {
        const other = frames(rng.pick(seeds)).frames;
        if (other.length > 0) f.frames.splice(k, rng.int(2), rng.pick(other));
      } else f.frames.reverse();
    }),
  },
  {
    name: 'wire-file-header',
    weight: 1,
    mutate: (input, rng) => {
      const out = input.slice();
      const r = rng.int(4);
      if (r === 0 && out.length > 9) out[8] = rng.pick([0, 2, 0xff]);
      else if (r === 1 && out.length > 11) out[rng.pick([10, 11])] = rng.range(1, 255);
      else if (r === 2 && out.length > 9) out[9] = rng.int(256);
      else if (out[0] === MAGIC[0]) return out.slice(FILE_HEADER_BYTES); // a headerless run of chunks
      return out;
    },
  },
  {
    name: 'wire-truncate-at-point',
    weight: 3,
    mutate: (input, rng) => {
      // Cut inside the file header, at a chunk boundary, inside a chunk header, or inside a payload.
      const f = frames(input);
      const starts: number[] = [];
      let p = f.header?.length ?? 0;
      for (const c of f.frames) {
        starts.push(p);
        p += CHUNK_HEADER_BYTES + c.payload.length;
      }
      starts.push(p);
      const s = rng.pick(starts);
      const r = rng.int(4);
      const cut = r === 0 ? rng.int(FILE_HEADER_BYTES + 1) : r === 1 ? s : r === 2 ? s + rng.range(1, CHUNK_HEADER_BYTES - 1) : s + CHUNK_HEADER_BYTES + rng.int(64);
      return input.slice(0, Math.min(cut, input.length));
    },
  },
];
