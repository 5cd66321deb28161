/**
 * The performance targets of issue 15 (Node 20, 2-core machine), plus issue 12's observe-mode target, checked
 * against a run's results. They are reported beside the gate, never gated: the gate compares with the
 * committed baseline.
 * @module
 */
import type { RatioEstimate } from './ratio.ts';
import type { Counters } from './verdict.ts';
import { formatNs } from './report.ts';

/** One target and how this run did. */
export interface TargetCheck {
  /** The target in words, e.g. `wrapped sync call (2 events): <= 15 ns overhead`. */
  readonly target: string;
  /** What was measured, with units. */
  readonly measured: string;
  /** Met, missed, or undefined when the cases it needs were not run. */
  readonly met: boolean | undefined;
}

/** What a target reads of a case: its estimate and its deterministic counters. */
export interface TargetInput {
  readonly estimate: RatioEstimate;
  readonly counters: Counters;
}

type Lookup = (id: string) => TargetInput | undefined;

const mps = (e: RatioEstimate): number => 1e3 / e.tracedNsPerOp; // M ops/s
const perS = (e: RatioEstimate): number => 1e9 / e.tracedNsPerOp;

/** The CLI startup cases and what each runs. */
export const STARTUP_TARGETS: readonly (readonly [id: string, what: string])[] = [
  ['startup/version', 'trace-harness --version'],
  ['startup/help', 'trace-harness --help'],
  ['startup/verify', 'trace-harness verify <small golden>'],
];

/**
 * Checks every target whose cases ran (issue 15's table, row by row).
 * @param lookup - a case's estimate and counters by id (undefined when not run or refused)
 */
export function checkTargets(lookup: Lookup): TargetCheck[] {
  const out: TargetCheck[] = [];
  const add = (target: string, ids: readonly string[], judge: (xs: TargetInput[]) => [string, boolean]): void => {
    const xs = ids.map(lookup);
    if (xs.some((x) => x === undefined)) return;
    const [measured, met] = judge(xs as TargetInput[]);
    out.push({ target, measured, met });
  };
  for (const [id, what] of STARTUP_TARGETS) {
    add(`${what}: <= 150 ms wall (quiet machine)`, [id], ([x]) => [`${(x!.estimate.tracedNsPerOp / 1e6).toFixed(0)} ms`, x!.estimate.tracedNsPerOp <= 150e6]);
  }
  add('generators suite: >= 3000 programs/s', ['harness/programs'], ([x]) => [`${perS(x!.estimate).toFixed(0)} programs/s`, perS(x!.estimate) >= 3000]);
  add('coroutines suite: >= 1500 programs/s', ['harness/coroutine-programs'], ([x]) => [`${perS(x!.estimate).toFixed(0)} programs/s`, perS(x!.estimate) >= 1500]);
  add('wrapped sync call (2 events): <= 15 ns overhead', ['hot/sync-call'], ([x]) => [`${formatNs(x!.estimate.overheadNsPerOp)} ns`, x!.estimate.overheadNsPerOp <= 15]);
  add('generator step: <= 1.8x untraced', ['hot/generator-step'], ([x]) => [`${x!.estimate.ratio.toFixed(2)}x`, x!.estimate.ratio <= 1.8]);
  add('one await: <= 2.0x untraced and ahead of TracingChannel.tracePromise', ['hot/async-await', 'peer/tracing-channel-promise'], ([x, tc]) => {
    const r = x!.estimate.ratio;
    const peer = tc!.estimate.ratio;
    return [`${r.toFixed(2)}x (tracePromise ${peer.toFixed(2)}x)`, r <= 2 && r < peer];
  });
  for (const corpus of ['golden', 'random']) {
    for (const dir of ['encode', 'decode']) {
      add(`wire ${dir}, ${corpus}: >= 50 M events/s and <= 5 B/event`, [`wire/${dir}-${corpus}`], ([x]) => {
        const bytes = x!.counters['wire bytes/event'] ?? NaN;
        return [`${mps(x!.estimate).toFixed(1)} M events/s, ${bytes.toFixed(2)} B/event`, mps(x!.estimate) >= 50 && bytes <= 5];
      });
    }
  }
  add('all validators together: >= 60 M events/s', ['check/validators'], ([x]) => [`${mps(x!.estimate).toFixed(1)} M events/s`, mps(x!.estimate) >= 60]);
  add('observe mode, reference AsyncLocalStorage tracer: >= 500 programs/s (issue 12)', ['harness/observe-programs'], ([x]) => [`${perS(x!.estimate).toFixed(0)} programs/s`, perS(x!.estimate) >= 500]);
  return out;
}
