import type { BaselineCase } from './baseline.ts';
import type { Change } from './change.ts';
import type { RatioEstimate } from './ratio.ts';
import type { Counters, Verdict } from './verdict.ts';

/** Everything the gate knows about one case after a run: what the report, the JSON and the baseline read. */
export interface CaseResult {
  readonly id: string;
  readonly group: string;
  readonly title: string;
  /** The unit of one operation (`call`, `event`, ...). */
  readonly unit: string;
  /** What the untraced twin is. */
  readonly twin: string;
  /** The ratio and ns/op; absent when the case was refused or threw. */
  readonly estimate?: RatioEstimate;
  /** Why the samples were not reported (timer resolution), or the error the case threw. */
  readonly problem?: string;
  readonly counters: Counters;
  /** Counter differences from the baseline ("want X, got Y"), empty when they match. */
  readonly counterDiffs: readonly string[];
  readonly baseline?: BaselineCase;
  /** The report tier: the change from the baseline, its p-value and flag (absent without a baseline or estimate). */
  readonly change?: Change;
  /** The first run's verdict, and the confirmation re-run's when there was one. */
  readonly firstVerdict: Verdict;
  readonly rerunVerdict?: Verdict;
  /** The re-run's estimate, when there was one. */
  readonly rerunEstimate?: RatioEstimate;
  readonly verdict: Verdict;
}
