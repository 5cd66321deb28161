import type { MergedTrace } from '../model/merged-trace.ts';
import { validateTrace } from './validate-trace.ts';
import { type Violation, violation } from './violation.ts';

/** The violations found in one stream of a merged view. */
export interface StreamViolations {
  /** The stream's id. */
  readonly stream: string;
  /** Its violations; event indexes and seq are the stream's own. */
  readonly violations: readonly Violation[];
}

/**
 * Checks a multi-stream trace (issue 5): every stream on its own, seq per stream (strictly increasing,
 * gap-free but for declared drops and recoveries, DESIGN §4 invariant 6), stack balance and lifecycle per
 * stream (activation ids are per stream); and the merged view: each stream's events appear in it exactly
 * once, in the stream's own order.
 *
 * Rules (besides the per-stream validators'): `streams/order` (a stream's event out of its order in the
 * merged view: its index in the stream is given), `streams/missing` (a stream's events the view lacks).
 *
 * @param merged - the merged view
 * @param options - `complete`: every stream ran to its end, so frames still running at its end are
 *   violations (default true); `strict`: every activation a stream starts is finished by the stream's end,
 *   a generator left suspended is `lifecycle/not-finished` (default false; the `strict` option of {@link validateTrace})
 * @returns the streams that have violations, in stream order; empty when all hold
 */
export function checkStreams(merged: MergedTrace, options: { readonly complete?: boolean; readonly strict?: boolean } = {}): StreamViolations[] {
  const found = merged.streams.map((s) => [...validateTrace(s.trace, { complete: options.complete ?? true, strict: options.strict === true })]);
  const next = new Array<number>(merged.streams.length).fill(0);
  for (let p = 0; p < merged.length; p++) {
    const k = merged.streamOf[p]!;
    const index = merged.indexOf[p]!;
    if (index !== next[k]) {
      const e = merged.streams[k]!.trace.at(index);
      found[k]!.push(violation('streams/order', index, e.seq, e.activation, `event ${next[k]} of stream ${merged.streams[k]!.id} at merged position ${p}`, `event ${index}`));
    }
    next[k] = Math.max(next[k]!, index + 1);
  }
  merged.streams.forEach((s, k) => {
    if (next[k]! < s.trace.length) {
      found[k]!.push(violation('streams/missing', -1, -1, 0, `all ${s.trace.length} events of stream ${s.id} in the merged view`, `${s.trace.length - next[k]!} missing from event ${next[k]}`));
    }
  });
  return merged.streams.map((s, k) => ({ stream: s.id, violations: found[k]! })).filter((s) => s.violations.length > 0);
}
