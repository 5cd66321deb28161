/**
 * The release gate's verdicts: pure decisions over estimates, baselines and counters (no timing here).
 * @module
 */

/** Deterministic counters of a case (events and bytes per operation): equal on every run of one build. */
export type Counters = Readonly<Record<string, number>>;

/**
 * A case's verdict (the fail tier; the report tier, a p-value and a flag, is `change.ts`):
 * - `ok`: within `--max-regression` of the baseline;
 * - `faster`: the ratio is more than `--max-regression` below the baseline (consider updating it);
 * - `slower`: the ratio exceeds baseline x (1 + max regression); with `--gate` only when a confirmation re-run
 *   in a fresh process says so too (fails);
 * - `noise`: the first run looked slower, the confirmation re-run did not (passes);
 * - `new`: no baseline for this case (passes);
 * - `counters`: the deterministic counters differ from the baseline's (fails outright);
 * - `refused`: samples too close to the timer's resolution to report (fails: the case must batch more);
 * - `smoke`: a smoke run (too short to judge a ratio; only the counters are compared);
 * - `error`: the case threw (fails).
 */
export type Verdict = 'ok' | 'faster' | 'slower' | 'noise' | 'new' | 'counters' | 'refused' | 'smoke' | 'error';

/** Verdicts that make `--gate` (and `--smoke`) exit 1. */
export const FAILING_VERDICTS: readonly Verdict[] = ['slower', 'counters', 'refused', 'error'];

/**
 * The default `--max-regression`: a ratio 20% over the baseline's fails (dd-trace-js's hard limit). Smaller
 * changes are reported (p-value, flag), not failed: on a shared runner a process's ratio moves by several %.
 */
export const DEFAULT_MAX_REGRESSION = 0.2;

/**
 * Compares one ratio with the baseline ratio (the fail tier).
 * @param estimate - the run's ratio (median over rounds)
 * @param baselineRatio - the committed ratio, or undefined when the case is new
 * @param maxRegression - the largest change that passes, >= 0 (0.2 = 20%)
 * @returns `slower` when `ratio > baseline * (1 + maxRegression)`, `faster` when
 *   `ratio < baseline * (1 - maxRegression)`, `new` without a baseline, else `ok`
 * @throws RangeError for a negative maxRegression
 */
export function ratioVerdict(estimate: { readonly ratio: number }, baselineRatio: number | undefined, maxRegression: number): 'ok' | 'faster' | 'slower' | 'new' {
  if (!(maxRegression >= 0)) throw new RangeError(`ratioVerdict: maxRegression must be >= 0, got ${maxRegression}`);
  if (baselineRatio === undefined) return 'new';
  if (estimate.ratio > baselineRatio * (1 + maxRegression)) return 'slower';
  if (estimate.ratio < baselineRatio * (1 - maxRegression)) return 'faster';
  return 'ok';
}

/**
 * The verdict after the confirmation re-run: a case is `slower` only when both runs say so; a first
 * `slower` that the re-run does not repeat is `noise`. Any other first verdict stands.
 * @param first - the verdict of the first run
 * @param rerun - the verdict of the re-run (made only when `first` is `slower`)
 */
export function confirmVerdict(first: Verdict, rerun: Verdict | undefined): Verdict {
  if (first !== 'slower') return first;
  if (rerun === undefined) return 'slower';
  return rerun === 'slower' ? 'slower' : 'noise';
}

/**
 * The differences between a run's counters and the baseline's, as lowercase "want X, got Y" lines.
 * Values are compared to 9 significant digits (they are ratios of integers, equal on every run).
 * @param now - this run's counters
 * @param base - the baseline's; undefined for a new case (no differences)
 * @returns one line per counter that differs, is missing or is new; empty when they match
 */
export function countersDiff(now: Counters, base: Counters | undefined): string[] {
  if (base === undefined) return [];
  const out: string[] = [];
  for (const key of new Set([...Object.keys(base), ...Object.keys(now)])) {
    const a = base[key];
    const b = now[key];
    if (a === undefined) out.push(`${key}: want no such counter, got ${b}`);
    else if (b === undefined) out.push(`${key}: want ${a}, got none`);
    else if (!sameCounter(a, b)) out.push(`${key}: want ${a}, got ${b}`);
  }
  return out;
}

function sameCounter(a: number, b: number): boolean {
  return a === b || Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));
}

/**
 * The gate's exit code over every case's final verdict.
 * @returns 1 when any verdict is in {@link FAILING_VERDICTS}, else 0
 */
export function gateExitCode(verdicts: readonly Verdict[]): 0 | 1 {
  return verdicts.some((v) => FAILING_VERDICTS.includes(v)) ? 1 : 0;
}
