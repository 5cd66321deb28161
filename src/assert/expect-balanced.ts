import { checkedEvents, runValidators } from '../check/run.ts';
import { StackBalanceValidator } from '../check/stack-balance.ts';
import type { Violation } from '../check/violation.ts';
import type { CanonicalEvent } from '../model/event.ts';
import type { Trace } from '../model/trace.ts';
import { TraceAssertionError } from './assertion-error.ts';
import { formatViolations } from './report.ts';

/**
 * Asserts stack balance (DESIGN §4 invariant 1): every exit pops its own activation from the top of the
 * stack and nothing is left running at the end.
 *
 * @example
 * ```ts
 * expectBalanced(tracer.snapshot()); // passes for call f, call g, return g, return f
 * // fails for call f, call g, return f, return g:
 * //   expectBalanced: 1 violation in 4 events
 * //   stack-balance/exit-not-top at event 2 (seq 2, activation #1): want exit of #2 (top of stack), got return f #1
 * //     ...
 * ```
 * @param trace - a {@link Trace} or canonical events
 * @throws {@link TraceAssertionError} listing every violation with the events around it
 */
export function expectBalanced(trace: Trace | readonly CanonicalEvent[]): void {
  assertNoViolations('expectBalanced', trace, runValidators(trace, [new StackBalanceValidator()]));
}

/** Throws a {@link TraceAssertionError} when `violations` is not empty. @internal */
export function assertNoViolations(matcher: string, trace: Trace | readonly CanonicalEvent[], violations: readonly Violation[]): void {
  if (violations.length === 0) return;
  const events = checkedEvents(trace);
  const n = violations.length;
  throw new TraceAssertionError(`${matcher}: ${n} violation${n === 1 ? '' : 's'} in ${events.length} events\n${formatViolations(violations, events)}`);
}
