/**
 * The release gate's verdicts: pure decisions over estimates, baselines and counters (no timing here).
 * @module
 */

/** Deterministic counters of a case (events and bytes per operation): equal on every run of one build. */
export type Counters = Readonly<Record<string, number>>;

/**
 * A case's verdict:
 * - `ok`: within the threshold of the baseline;
 * - `faster`: the whole interval is more than the threshold below the baseline (consider updating it);
 * - `slower`: the interval's lower bound exceeds baseline x (1 + threshold), confirmed by a re-run (fails);
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

/** The default gate threshold: 10% over the baseline ratio. */
export const DEFAULT_THRESHOLD = 0.1;

/**
 * Compares one ratio estimate with the baseline ratio.
 * @param estimate - the ratio's 95% interval
 * @param baselineRatio - the committed ratio, or undefined when the case is new
 * @param threshold - relative tolerance, >= 0 (0.1 = 10%)
 * @returns `slower` when `low > baseline * (1 + threshold)`, `faster` when `high < baseline * (1 - threshold)`,
 *   `new` without a baseline, else `ok`
 * @throws RangeError for a negative threshold
 */
export function ratioVerdict(estimate: { readonly low: number; readonly high: number }, baselineRatio: number | undefined, threshold: number): 'ok' | 'faster' | 'slower' | 'new' {
  if (!(threshold >= 0)) throw new RangeError(`ratioVerdict: threshold must be >= 0, got ${threshold}`);
  if (baselineRatio === undefined) return 'new';
  if (estimate.low > baselineRatio * (1 + threshold)) return 'slower';
  if (estimate.high < baselineRatio * (1 - threshold)) return 'faster';
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
