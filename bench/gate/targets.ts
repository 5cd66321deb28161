/**
 * The performance targets (Node 20, 2-core machine), checked against a run's results. They are
 * reported beside the gate, never gated: the gate compares with the committed baseline.
 * @module
 */
import type { RatioEstimate } from './ratio.ts';
import { formatNs } from './report.ts';

/** One target and how this run did. */
export interface TargetCheck {
  /** The target in words, e.g. `record one event, no clock: <= 15 ns`. */
  readonly target: string;
  /** What was measured, with units. */
  readonly measured: string;
  /** Met, missed, or undefined when the cases it needs were not run. */
  readonly met: boolean | undefined;
}

type Lookup = (id: string) => RatioEstimate | undefined;

const mps = (e: RatioEstimate): number => 1e3 / e.tracedNsPerOp; // M ops/s

/**
 * Checks every target whose cases ran.
 * @param estimate - the estimate of a case by id (undefined when not run or refused)
 */
export function checkTargets(estimate: Lookup): TargetCheck[] {
  const out: TargetCheck[] = [];
  const add = (target: string, ids: readonly string[], judge: (es: RatioEstimate[]) => [string, boolean]): void => {
    const es = ids.map(estimate);
    if (es.some((e) => e === undefined)) return;
    const [measured, met] = judge(es as RatioEstimate[]);
    out.push({ target, measured, met });
  };
  add('record one event, no clock: <= 15 ns', ['hot/record'], ([e]) => [`${formatNs(e!.tracedNsPerOp)} ns`, e!.tracedNsPerOp <= 15]);
  add('record one event, with a clock: <= 1.2x (clock read + ring write)', ['hot/record-clock'], ([e]) => [`${e!.ratio.toFixed(2)}x`, e!.ratio <= 1.2]);
  add('wrapped sync call (2 events): <= 30 ns overhead', ['hot/sync-call'], ([e]) => [`${formatNs(e!.overheadNsPerOp)} ns`, e!.overheadNsPerOp <= 30]);
  add('wrapped sync call: >= 10x cheaper than TracingChannel.traceSync with a subscriber', ['hot/sync-call', 'peer/tracing-channel-sync'], ([e, tc]) => {
    const k = tc!.overheadNsPerOp / e!.overheadNsPerOp;
    return [`${k.toFixed(1)}x (${formatNs(tc!.overheadNsPerOp)} vs ${formatNs(e!.overheadNsPerOp)} ns overhead)`, k >= 10];
  });
  add('wrapped sync call: >= 100x cheaper than an OpenTelemetry span', ['hot/sync-call', 'peer/otel-span'], ([e, ot]) => {
    const k = ot!.overheadNsPerOp / e!.overheadNsPerOp;
    return [`${k.toFixed(0)}x (${formatNs(ot!.overheadNsPerOp)} vs ${formatNs(e!.overheadNsPerOp)} ns overhead)`, k >= 100];
  });
  add('generator step: <= 1.3x untraced', ['hot/generator-step'], ([e]) => [`${e!.ratio.toFixed(2)}x`, e!.ratio <= 1.3]);
  add('async call with one await: <= 2x untraced', ['hot/async-await'], ([e]) => [`${e!.ratio.toFixed(2)}x`, e!.ratio <= 2]);
  for (const corpus of ['golden', 'random']) {
    for (const dir of ['encode', 'decode']) {
      add(`wire ${dir}, ${corpus}: >= 20 M events/s`, [`wire/${dir}-${corpus}`], ([e]) => [`${mps(e!).toFixed(1)} M events/s`, mps(e!) >= 20]);
    }
  }
  add('observe mode, reference AsyncLocalStorage tracer: >= 500 programs/s (issue 12)', ['harness/observe-programs'], ([e]) => [`${Math.round(1e9 / e!.tracedNsPerOp)} programs/s`, 1e9 / e!.tracedNsPerOp >= 500]);
  add('checkers: >= 50 M events/s', ['check/validators'], ([e]) => [`${mps(e!).toFixed(1)} M events/s`, mps(e!) >= 50]);
  return out;
}
