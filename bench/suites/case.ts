/**
 * A bench case: a traced workload and its untraced twin, measured interleaved in one process, plus
 * deterministic counters that do not vary with noise.
 * @module
 */
import type { OpsPerSample } from '../gate/ratio.ts';
import type { Counters } from '../gate/verdict.ts';
import type { ClockKind } from '../measure/clock.ts';

/** One sample of a twin: runs the case's batch of operations (`ops`) (sync, or a promise). */
export type Twin = () => unknown;

/** What a case's setup builds. */
export interface Twins {
  /** The untraced twin, or for throughput cases the reference workload (a plain pass over the same data). */
  readonly plain: Twin;
  /** The traced twin (or the codec / checker whose cost is measured). */
  readonly traced: Twin;
  /** Events and bytes per operation, computed once outside the timing on fresh state. */
  counters(): Counters | Promise<Counters>;
  /** Releases what setup acquired (an adapter process), after the case and any re-run. */
  close?(): Promise<void>;
}

/** What a case may need from outside. */
export interface SuiteContext {
  /** The golden directory (the wire cases read its traces). */
  readonly goldenDir: string;
}

/** The groups of the issues: hot path, wire, checkers, harness, peers, CLI startup. */
export type CaseGroup = 'hot path' | 'wire' | 'checkers' | 'harness' | 'peers' | 'startup';

/** One bench case. */
export interface BenchCase {
  /** Stable id, the key in the baseline: `group/name`, e.g. `hot/sync-call`. */
  readonly id: string;
  readonly group: CaseGroup;
  /** What one operation is, for the reader: `wrapped sync call (2 events)`. */
  readonly title: string;
  /** The unit of an operation: `call`, `event`, `step`, `program`, ... */
  readonly unit: string;
  /**
   * Operations one sample of each twin runs, >= 1: enough that every sample lasts far longer than the
   * timer's grain (a cheap untraced twin batches more than its traced twin).
   */
  readonly ops: OpsPerSample;
  /** Samples of each twin per round. */
  readonly samplesPerRound: number;
  /** What the untraced twin is, for the reader. */
  readonly twin: string;
  /** The clock: `wall` when the work runs in another process (its CPU time is not ours). @defaultValue the run's */
  readonly clock?: ClockKind;
  /** Builds the twins (inputs may be large; they are dropped after the case). */
  setup(context: SuiteContext): Twins | Promise<Twins>;
}
