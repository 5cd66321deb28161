import { bootstrapInterval, median } from './bootstrap.ts';

/**
 * The samples of one interleaved round: each sample is the time of one call of a twin, which runs
 * `opsPerSample` operations, in ms (tinybench's unit).
 */
export interface RoundSamples {
  /** Samples of the untraced twin (or the reference workload), in ms. */
  readonly plain: readonly number[];
  /** Samples of the traced twin, in ms. */
  readonly traced: readonly number[];
}

/** Operations one sample of each twin runs. */
export interface OpsPerSample {
  readonly plain: number;
  readonly traced: number;
}

/** The statistic of one bench case: the traced/untraced ratio with its confidence interval. */
export interface RatioEstimate {
  /** Median over the rounds of (median traced sample / median plain sample), per operation. */
  readonly ratio: number;
  /** Bootstrap 95% interval of {@link RatioEstimate.ratio} (rounds resampled). */
  readonly low: number;
  readonly high: number;
  /** Rounds that went into it. */
  readonly rounds: number;
  /** Median traced sample per operation, in ns. */
  readonly tracedNsPerOp: number;
  /** Median untraced sample per operation, in ns. */
  readonly plainNsPerOp: number;
  /** `tracedNsPerOp - plainNsPerOp`, in ns (may be negative within noise). */
  readonly overheadNsPerOp: number;
  /** The per-round ratios, in round order. */
  readonly roundRatios: readonly number[];
}

/** Options of {@link estimateRatio}. */
export interface EstimateOptions {
  /** Bootstrap resamples. @defaultValue 2000 */
  readonly resamples?: number;
  /** Bootstrap seed. @defaultValue 1 */
  readonly seed?: number;
}

/**
 * Estimates the traced/untraced ratio of a case from its interleaved rounds.
 *
 * Why this statistic: the two twins of one round ran back to back (A B), so machine drift (frequency
 * scaling, a noisy neighbour) hits both alike and cancels in their ratio; the per-round median of the
 * samples ignores a GC pause inside one sample; the median over rounds ignores a round that was
 * disturbed as a whole. The interval resamples rounds, the unit that is independent.
 *
 * @param rounds - at least 2 rounds, each with at least one sample of each twin (ms, > 0)
 * @param ops - operations one sample of each twin runs, >= 1
 * @returns the ratio, its 95% interval and ns per operation
 * @throws RangeError for fewer than 2 rounds, an empty round or a sample <= 0
 */
export function estimateRatio(rounds: readonly RoundSamples[], ops: OpsPerSample, options: EstimateOptions = {}): RatioEstimate {
  if (rounds.length < 2) throw new RangeError(`estimateRatio: want at least 2 rounds, got ${rounds.length}`);
  if (!(ops.plain >= 1 && ops.traced >= 1)) throw new RangeError(`estimateRatio: operations per sample must be >= 1, got ${JSON.stringify(ops)}`);
  // Per operation: a twin may batch more operations than the other (a cheap plain call needs more to
  // outlast the timer's grain).
  const scale = ops.plain / ops.traced;
  const roundRatios: number[] = [];
  const plainAll: number[] = [];
  const tracedAll: number[] = [];
  for (const [i, r] of rounds.entries()) {
    if (r.plain.length === 0 || r.traced.length === 0) throw new RangeError(`estimateRatio: round ${i} has no samples of a twin`);
    for (const s of [...r.plain, ...r.traced]) if (!(s > 0)) throw new RangeError(`estimateRatio: samples must be > 0 ms, got ${s} in round ${i}`);
    roundRatios.push((median(r.traced) / median(r.plain)) * scale);
    plainAll.push(...r.plain);
    tracedAll.push(...r.traced);
  }
  const ci = bootstrapInterval(roundRatios, median, { ...(options.resamples !== undefined ? { resamples: options.resamples } : {}), seed: options.seed ?? 1 });
  const plainNsPerOp = (median(plainAll) * 1e6) / ops.plain;
  const tracedNsPerOp = (median(tracedAll) * 1e6) / ops.traced;
  return { ratio: median(roundRatios), low: ci.low, high: ci.high, rounds: rounds.length, tracedNsPerOp, plainNsPerOp, overheadNsPerOp: tracedNsPerOp - plainNsPerOp, roundRatios };
}
