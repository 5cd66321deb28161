/**
 * Format-blind mutations of bytes, as AFL's and libFuzzer's: bit flips, interesting bytes, insertion,
 * deletion and duplication of a range, splicing with another seed, truncation, and byte sequences that are
 * not UTF-8. Every format's target uses them next to its structure-aware mutators.
 * @module
 */
import type { WeightedMutator } from './mutator.ts';
import { TYPICAL_INPUT_BYTES } from './mutator.ts';
import type { Rng } from './rng.ts';
import { concat } from './wire-frames.ts';

/** Bytes that change a parser's state: zero, high bits, the chunk marker, JSON and text punctuation. */
const INTERESTING = [0x00, 0x01, 0x7f, 0x80, 0xff, 0xc5, 0x89, 0x22, 0x5c, 0x5b, 0x5d, 0x7b, 0x7d, 0x2c, 0x3a, 0x0a, 0x0d, 0x20, 0x23, 0x40, 0x3d, 0x2d, 0x30, 0x39];

/** Sequences that are not UTF-8 (an overlong NUL, a UTF-8-encoded surrogate, a stray continuation, 0xF8) or are odd in it (a BOM, U+2028). */
const ODD_UTF8 = [[0xc0, 0x80], [0xed, 0xa0, 0x80], [0xed, 0xbf, 0xbf], [0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xef, 0xbb, 0xbf], [0xe2, 0x80, 0xa8], [0xe0, 0x80]];

/** A position in `0..n` (inclusive: the end is a position too). */
const at = (rng: Rng, n: number): number => rng.int(n + 1);

function insert(input: Uint8Array, pos: number, bytes: Uint8Array | readonly number[]): Uint8Array {
  return concat([input.subarray(0, pos), Uint8Array.from(bytes), input.subarray(pos)]);
}

/** Byte mutators with their weights. */
export const BYTE_MUTATORS: readonly WeightedMutator[] = [
  {
    name: 'bit-flip',
    weight: 4,
    mutate: (input, rng) => {
      if (input.length === 0) return input;
      const out = input.slice();
      const flips = rng.chance(0.7) ? 1 : rng.range(2, 8);
      for (let k = 0; k < flips; k++) out[rng.int(out.length)]! ^= 1 << rng.int(8);
      return out;
    },
  },
  {
    name: 'interesting-byte',
    weight: 3,
    mutate: (input, rng) => {
      if (input.length === 0) return Uint8Array.of(rng.pick(INTERESTING));
      const out = input.slice();
      out[rng.int(out.length)] = rng.pick(INTERESTING);
      return out;
    },
  },
  {
    name: 'insert-bytes',
    weight: 2,
    mutate: (input, rng) => {
      const n = rng.range(1, 16);
      const bytes = new Uint8Array(n);
      for (let i = 0; i < n; i++) bytes[i] = rng.chance(0.5) ? rng.pick(INTERESTING) : rng.int(256);
      return insert(input, at(rng, input.length), bytes);
    },
  },
  {
    name: 'delete-range',
    weight: 3,
    mutate: (input, rng) => {
      if (input.length === 0) return input;
      const from = rng.int(input.length);
      const n = Math.min(input.length - from, 1 + rng.smallSize(input.length));
      return concat([input.subarray(0, from), input.subarray(from + n)]);
    },
  },
  {
    name: 'duplicate-range',
    weight: 2,
    mutate: (input, rng) => {
      if (input.length === 0 || input.length > TYPICAL_INPUT_BYTES) return input;
      const from = rng.int(input.length);
      const n = Math.min(input.length - from, 1 + rng.smallSize(input.length));
      const piece = input.slice(from, from + n);
      const times = rng.chance(0.8) ? 1 : rng.range(2, 64);
      const parts: Uint8Array[] = [input.subarray(0, from + n)];
      for (let k = 0; k < times && piece.length * k < TYPICAL_INPUT_BYTES; k++) parts.push(piece);
      parts.push(input.subarray(from + n));
      return concat(parts);
    },
  },
  {
    name: 'splice',
    weight: 2,
    mutate: (input, rng, seeds) => {
      const other = rng.pick(seeds);
      return concat([input.subarray(0, at(rng, input.length)), other.subarray(at(rng, other.length))]);
    },
  },
  {
    name: 'truncate',
    weight: 3,
    mutate: (input, rng) => input.slice(0, rng.chance(0.3) ? Math.max(0, input.length - rng.range(1, 4)) : at(rng, input.length)),
  },
  {
    name: 'odd-utf8',
    weight: 1,
    mutate: (input, rng) => insert(input, rng.chance(0.2) ? 0 : at(rng, input.length), rng.pick(ODD_UTF8)),
  },
];
