import { LifecycleValidator } from '../check/lifecycle.ts';
import { runValidators } from '../check/run.ts';
import type { CanonicalEvent } from '../model/event.ts';
import type { Trace } from '../model/trace.ts';
import { assertNoViolations } from './expect-balanced.ts';

/**
 * Asserts a closed lifecycle (DESIGN §4 invariant 2): every activation has one `call`, resumes only while
 * suspended, and ends with exactly one `return` or `unwind` with nothing after it. A generator left
 * suspended is reported as `lifecycle/not-finished`.
 *
 * @example
 * ```ts
 * const g = gen(); g.next();                  // suspended at its first yield
 * expectLifecycleClosed(tracer.snapshot());   // throws:
 * //   expectLifecycleClosed: 1 violation in 3 events
 * //   lifecycle/not-finished at end of trace: want #2 (gen) returned or unwound by the end, got suspended
 * ```
 * @param trace - a {@link Trace} or canonical events
 * @throws {@link TraceAssertionError} listing every violation with the events around it
 */
export function expectLifecycleClosed(trace: Trace | readonly CanonicalEvent[]): void {
  assertNoViolations('expectLifecycleClosed', trace, runValidators(trace, [new LifecycleValidator({ requireClosed: true })]));
}
