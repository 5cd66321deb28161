import { runValidators } from '../check/run.ts';
import { SeqValidator } from '../check/seq.ts';
import type { CanonicalEvent } from '../model/event.ts';
import type { Trace } from '../model/trace.ts';
import { assertNoViolations } from './expect-balanced.ts';

/**
 * Asserts monotonic seq (DESIGN §4 invariant 6): strictly increasing, gap-free except where a `dropped`
 * record declares the evicted ones, each seq unique; with `from`, the stream starts there (a snapshot of
 * a whole stream starts at 0, which a lost `dropped` record breaks).
 *
 * @example
 * ```ts
 * expectMonotonicSeq(tracer.snapshot(), { from: 0 });
 * // fails for seqs 0, 1, 1: seq/not-increasing at event 2 (seq 1, ...): want seq 2, got seq 1 on ...
 * ```
 * @param trace - a {@link Trace} (canonical events carry no seq: their index is used)
 * @param options - `from`: the seq the stream must start at
 * @throws {@link TraceAssertionError} listing every violation with the events around it
 */
export function expectMonotonicSeq(trace: Trace | readonly CanonicalEvent[], options: { readonly from?: number } = {}): void {
  assertNoViolations('expectMonotonicSeq', trace, runValidators(trace, [new SeqValidator(options)]));
}
