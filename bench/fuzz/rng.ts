/**
 * The fuzz driver's random numbers: a small seeded generator (SplitMix32), one per case, so that a case is
 * a pure function of `(seed, decoder, case index)` and can be made again from those three numbers.
 * @module
 */

/** A seeded pseudo-random generator (SplitMix32: 32-bit state, full period, fast). @internal */
export class Rng {
  private state: number;

  /** @param seed - any 32-bit integer */
  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** The next 32-bit unsigned integer. */
  u32(): number {
    this.state = (this.state + 0x9e3779b9) >>> 0;
    let z = this.state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  }

  /**
   * An integer in `0..n - 1`.
   * @param n - the bound, 1..2^32 (exclusive)
   */
  int(n: number): number {
    return n <= 1 ? 0 : Math.floor((this.u32() / 0x1_0000_0000) * n);
  }

  /** An integer in `lo..hi`, both inclusive. */
  range(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }

  /** True with probability `p` (0..1). */
  chance(p: number): boolean {
    return this.u32() / 0x1_0000_0000 < p;
  }

  /** One element of a non-empty list. */
  pick<T>(list: readonly T[]): T {
    return list[this.int(list.length)]!;
  }

  /** A size skewed to small values: mostly below 16, sometimes up to `max` (inclusive). */
  smallSize(max: number): number {
    const r = this.int(8);
    const cap = r < 5 ? 16 : r < 7 ? 256 : max;
    return this.int(Math.min(cap, max) + 1);
  }

  /** One entry picked by weight: `[weight, value]` pairs, weights > 0. */
  weighted<T>(entries: readonly (readonly [number, T])[]): T {
    let total = 0;
    for (const [w] of entries) total += w;
    let r = this.u32() / 0x1_0000_0000 * total;
    for (const [w, v] of entries) {
      if ((r -= w) < 0) return v;
    }
    return entries[entries.length - 1]![1];
  }
}

/**
 * The seed of one case: a hash of the run's seed, the decoder's position and the case index, so every case
 * draws from its own stream (a case can be made again alone, and the order of decoders changes nothing).
 * @param seed - the run's seed (`--seed`), a u32
 * @param decoder - the decoder's index in the target list
 * @param index - the case index, 0-based
 * @returns a u32
 */
export function caseSeed(seed: number, decoder: number, index: number): number {
  let h = Math.imul(seed ^ 0x5bd1e995, 0x27d4eb2d) ^ Math.imul(decoder + 1, 0x165667b1) ^ Math.imul(index, 0x9e3779b1);
  h = Math.imul(h ^ (h >>> 15), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** A stream of piece sizes for a streaming reader, from the input's own bytes: replaying a file feeds it the same way. @internal */
export function pieceRng(bytes: Uint8Array): Rng {
  let h = bytes.length ^ 0x811c9dc5;
  const step = Math.max(1, bytes.length >>> 6);
  for (let i = 0; i < bytes.length; i += step) h = Math.imul(h ^ bytes[i]!, 0x01000193);
  return new Rng(h);
}
