import { NotFinishedValidator } from '../check/not-finished.ts';
import { checkedEvents, runValidators } from '../check/run.ts';
import { StackBalanceValidator } from '../check/stack-balance.ts';
import type { Violation } from '../check/violation.ts';
import type { CanonicalEvent } from '../model/event.ts';
import { Trace } from '../model/trace.ts';
import { TraceAssertionError } from './assertion-error.ts';
import { formatViolations } from './report.ts';

/** Options of {@link expectBalanced} and `toBeBalanced`. */
export interface BalancedOptions {
  /**
   * Also require every activation the trace starts to be finished by its end: a generator or coroutine
   * left suspended (it popped itself with `yield`, so the stack alone is balanced) is reported as
   * `lifecycle/not-finished`. Activations a snapshot declares open at its start (`trace.open`) are
   * exempt; `abandoned` finishes an activation. See {@link NotFinishedValidator}.
   * @defaultValue false
   */
  readonly strict?: boolean;
}

/**
 * Asserts stack balance (DESIGN §4 invariant 1): every exit pops its own activation from the top of the
 * stack and nothing is left running at the end. A generator left suspended is balanced; with
 * `{ strict: true }` it is not.
 *
 * @example
 * ```ts
 * expectBalanced(tracer.snapshot()); // passes for call f, call g, return g, return f
 * // fails for call f, call g, return f, return g:
 * //   expectBalanced: 1 violation in 4 events
 * //   stack-balance/exit-not-top at event 2 (seq 2, activation #1): want exit of #2 (top of stack), got return f #1
 * //     ...
 * expectBalanced(trace, { strict: true }); // fails for call main, call g, yield g, return main:
 * //   expectBalanced: 1 violation in 4 events
 * //   lifecycle/not-finished at end of trace: want #2 (g) returned or unwound by the end, got suspended
 * //          1  call g #2
 * //          2  yield g #2
 * //          3  return main #1
 * ```
 * @param trace - a {@link Trace} or canonical events
 * @param options - see {@link BalancedOptions}
 * @throws {@link TraceAssertionError} listing every violation with the events around it
 * @throws TypeError when `options.strict` is not a boolean
 */
export function expectBalanced(trace: Trace | readonly CanonicalEvent[], options: BalancedOptions = {}): void {
  assertNoViolations('expectBalanced', trace, balanceViolations('expectBalanced', trace, options));
}

/** Stack balance, and with `strict` every activation finished (running ones are stack balance's). @internal */
export function balanceViolations(api: string, trace: Trace | readonly CanonicalEvent[], options: BalancedOptions): Violation[] {
  const strict = options.strict;
  if (strict !== undefined && typeof strict !== 'boolean') throw new TypeError(`${api}: options.strict must be a boolean, got ${typeof strict}`);
  if (strict !== true) return runValidators(trace, [new StackBalanceValidator()]);
  const open = trace instanceof Trace ? trace.open : [];
  return runValidators(trace, [new StackBalanceValidator(), new NotFinishedValidator({ open, running: false })]);
}

/** Throws a {@link TraceAssertionError} when `violations` is not empty. @internal */
export function assertNoViolations(matcher: string, trace: Trace | readonly CanonicalEvent[], violations: readonly Violation[]): void {
  if (violations.length === 0) return;
  const events = checkedEvents(trace);
  const n = violations.length;
  throw new TraceAssertionError(`${matcher}: ${n} violation${n === 1 ? '' : 's'} in ${events.length} events\n${formatViolations(violations, events)}`);
}
