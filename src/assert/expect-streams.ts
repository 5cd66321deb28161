import { checkedEvents } from '../check/run.ts';
import { checkStreams } from '../check/streams.ts';
import type { MergedTrace } from '../model/merged-trace.ts';
import { TraceAssertionError } from './assertion-error.ts';
import { formatViolations } from './report.ts';

/**
 * Asserts that a multi-stream trace holds (see {@link checkStreams}): each stream's seq, stack balance and
 * lifecycle on its own, and each stream's order kept in the merged view.
 *
 * @example
 * ```ts
 * expectStreamsValid(mergeStreams([{ id: 'main', trace: a.snapshot() }, { id: 'worker-1', trace: b.snapshot() }]));
 * ```
 * @param merged - the merged view
 * @param options - `complete`: frames still running at a stream's end are violations (default true);
 *   `strict`: every activation a stream starts is finished by its end, a generator left suspended fails as
 *   `lifecycle/not-finished` (default false; as {@link checkStreams})
 * @example
 * ```ts
 * expectStreamsValid(merged, { strict: true }); // fails when stream b ends with call g #2, yield g #2:
 * //   expectStreamsValid: 1 violation in 1 of 2 streams
 * //   stream b:
 * //   lifecycle/not-finished at end of trace: want #2 (g) returned or unwound by the end, got suspended
 * ```
 * @throws {@link TraceAssertionError} listing every violation per stream, with the events around it
 */
export function expectStreamsValid(merged: MergedTrace, options: { readonly complete?: boolean; readonly strict?: boolean } = {}): void {
  const bad = checkStreams(merged, options);
  if (bad.length === 0) return;
  const n = bad.reduce((sum, s) => sum + s.violations.length, 0);
  const parts = bad.map((s) => `stream ${s.stream}:\n${formatViolations(s.violations, checkedEvents(merged.stream(s.stream)!))}`);
  throw new TraceAssertionError(`expectStreamsValid: ${n} violation${n === 1 ? '' : 's'} in ${bad.length} of ${merged.streams.length} streams\n${parts.join('\n')}`);
}
