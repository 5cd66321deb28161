/**
 * The report tier: how a case's ratio changed from the baseline's, with a p-value. It flags, it never fails
 * (the fail tier is `--max-regression`, see `verdict.ts`).
 * @module
 */

/** z of a two-sided 95% interval: the baseline's and the run's intervals are both 95%. */
const Z95 = 1.959964;

/** A ratio with its 95% interval (a run's estimate, or the baseline's entry). */
export interface RatioInterval {
  readonly ratio: number;
  readonly low: number;
  readonly high: number;
}

/** How a run compares with the baseline. */
export interface Change {
  /** ratio / baseline ratio - 1 (0.2 = 20% slower). */
  readonly change: number;
  /** Two-sided p-value of "no change", in [0, 1]. */
  readonly pValue: number;
  /** `pValue < FLAG_P`: worth a look, never a failure on its own. */
  readonly flagged: boolean;
}

/** The p-value under which a change is flagged. */
export const FLAG_P = 0.05;

/**
 * Compares a run's ratio with the baseline's: a z test on log ratios (Welch-like: unequal variances), each
 * standard error read off its 95% interval as `(ln high - ln low) / (2 x 1.96)`.
 *
 * What it assumes, and so what it cannot see: the intervals bootstrap over the rounds of one process, so they
 * miss the shift V8's compilation decisions make between processes (several %). A flag at p < 0.05 is then
 * often a process shift, not a change of the code; and over N cases about N x 0.05 are flagged by chance
 * alone (the multiple-comparisons warning of Node's `benchmark/compare.js`). Hence: report, do not fail.
 *
 * @example
 * ```ts
 * compareWithBaseline({ ratio: 2.2, low: 2.15, high: 2.25 }, { ratio: 2, low: 1.95, high: 2.05 });
 * // { change: 0.1, pValue: ~1e-9, flagged: true }
 * ```
 * @param run - this run's ratio and interval (positive)
 * @param baseline - the baseline's (positive)
 * @returns the change, its p-value and whether it is flagged
 */
export function compareWithBaseline(run: RatioInterval, baseline: RatioInterval): Change {
  const se = (r: RatioInterval): number => Math.max(0, Math.log(r.high) - Math.log(r.low)) / (2 * Z95);
  const diff = Math.log(run.ratio) - Math.log(baseline.ratio);
  const s = Math.hypot(se(run), se(baseline));
  const pValue = s === 0 ? (diff === 0 ? 1 : 0) : 2 * (1 - normalCdf(Math.abs(diff) / s));
  return { change: run.ratio / baseline.ratio - 1, pValue, flagged: pValue < FLAG_P };
}

/**
 * The standard normal CDF, to about 1e-7 (erf by Abramowitz and Stegun 7.1.26).
 * @internal
 */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const erf = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}
