/**
 * Percentile bootstrap confidence intervals over a small set of values (the per-round ratios of a bench
 * case), with a seeded generator so the same samples always give the same interval.
 * @module
 */

/** A closed interval, `low <= high`. */
export interface Interval {
  readonly low: number;
  readonly high: number;
}

/** Options of {@link bootstrapInterval}. */
export interface BootstrapOptions {
  /** Resamples drawn, >= 100. @defaultValue 2000 */
  readonly resamples?: number;
  /** Coverage of the interval, in (0, 1). @defaultValue 0.95 */
  readonly level?: number;
  /** Seed of the resampling generator (any 32-bit integer). @defaultValue 1 */
  readonly seed?: number;
}

/**
 * A seeded uniform generator in [0, 1) (mulberry32: 32-bit state, fast, good enough for resampling).
 * @param seed - any 32-bit integer
 */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The median of `values` (the mean of the two middle ones for an even count).
 * @throws RangeError for no values
 */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('median: want at least one value, got none');
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/**
 * The q-quantile of sorted values, linearly interpolated (q in [0, 1]).
 * @internal
 */
export function quantileSorted(sorted: readonly number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

/**
 * Percentile bootstrap interval of `statistic` over `values`: draws `resamples` samples of the same size
 * with replacement, computes the statistic on each, and returns the central `level` quantiles.
 *
 * @example
 * ```ts
 * bootstrapInterval([1.01, 0.99, 1.02, 1.0], median); // { low: ~0.995, high: ~1.015 }
 * ```
 * @param values - independent observations (one per interleaved round), at least 2
 * @param statistic - e.g. {@link median}
 * @param options - see {@link BootstrapOptions}
 * @returns the interval, in the statistic's unit
 * @throws RangeError for fewer than 2 values or options out of range
 */
export function bootstrapInterval(values: readonly number[], statistic: (v: readonly number[]) => number, options: BootstrapOptions = {}): Interval {
  const resamples = options.resamples ?? 2000;
  const level = options.level ?? 0.95;
  if (values.length < 2) throw new RangeError(`bootstrapInterval: want at least 2 values, got ${values.length}`);
  if (!(Number.isInteger(resamples) && resamples >= 100)) throw new RangeError(`bootstrapInterval: resamples must be an integer >= 100, got ${resamples}`);
  if (!(level > 0 && level < 1)) throw new RangeError(`bootstrapInterval: level must be in (0, 1), got ${level}`);
  const random = seededRandom(options.seed ?? 1);
  const n = values.length;
  const draw = new Array<number>(n);
  const stats = new Array<number>(resamples);
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < n; i++) draw[i] = values[Math.floor(random() * n)]!;
    stats[r] = statistic(draw);
  }
  stats.sort((a, b) => a - b);
  const tail = (1 - level) / 2;
  return { low: quantileSorted(stats, tail), high: quantileSorted(stats, 1 - tail) };
}
