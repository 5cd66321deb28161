import { ExactnessValidator } from '../check/exactness.ts';
import { LifecycleValidator } from '../check/lifecycle.ts';
import { WakeCausalityValidator } from '../check/wake-causality.ts';
import { checkedEvents, runValidators } from '../check/run.ts';
import type { Violation } from '../check/violation.ts';
import { formatCanonical } from '../formats/text.ts';
import type { CanonicalEvent } from '../model/event.ts';
import { Trace } from '../model/trace.ts';
import { balanceViolations, type BalancedOptions } from './expect-balanced.ts';
import { compareTraces, toCanonical, type TraceLike } from './expect-trace-equal.ts';
import { formatViolations } from './report.ts';

/** The part of a test runner's matcher context these matchers use (vitest's / Jest's `MatcherState`). */
export interface MatcherContext {
  readonly isNot: boolean;
  readonly utils: {
    matcherHint(name: string, received?: string, expected?: string, options?: { isNot?: boolean }): string;
  };
}

/** A matcher's answer, as vitest and Jest read it. */
export interface MatcherOutcome {
  readonly pass: boolean;
  readonly message: () => string;
  readonly actual?: unknown;
  readonly expected?: unknown;
}

function requireTrace(matcher: string, received: unknown): Trace | readonly CanonicalEvent[] {
  if (received instanceof Trace || Array.isArray(received)) return received as Trace | readonly CanonicalEvent[];
  throw new TypeError(`${matcher}: received value must be a Trace or canonical events, got ${received === null ? 'null' : typeof received}`);
}

function outcome(ctx: MatcherContext, name: string, trace: Trace | readonly CanonicalEvent[], violations: Violation[], what: string): MatcherOutcome {
  // `pass` is the positive claim and never depends on isNot (STYLE "Matchers").
  const pass = violations.length === 0;
  return {
    pass,
    message: () => {
      const hint = ctx.utils.matcherHint(name, 'trace', '', { isNot: ctx.isNot });
      if (pass) return `${hint}\n\nExpected the trace not to be ${what}, but it is (${checkedEvents(trace).length} events)`;
      return `${hint}\n\n${violations.length} violation(s):\n${formatViolations(violations, checkedEvents(trace))}`;
    },
  };
}

/**
 * The shape of {@link traceMatchers}: each matcher takes the received value (and, for `toEqualTrace`, the
 * expected trace). A type alias, not an interface, so it fits `expect.extend`'s record of matchers.
 */
export type TraceMatchers = {
  toBeBalanced(this: MatcherContext, received: unknown, options?: BalancedOptions): MatcherOutcome;
  toHaveClosedLifecycle(this: MatcherContext, received: unknown): MatcherOutcome;
  toBeExact(this: MatcherContext, received: unknown): MatcherOutcome;
  toBeWakeCausal(this: MatcherContext, received: unknown): MatcherOutcome;
  toEqualTrace(this: MatcherContext, received: unknown, expected: TraceLike): MatcherOutcome;
};

/**
 * Matchers for `expect.extend` (vitest, Jest): `toBeBalanced({ strict }?)`, `toHaveClosedLifecycle()`,
 * `toEqualTrace(expected)`. They mirror {@link expectBalanced}, {@link expectLifecycleClosed} and
 * {@link expectTraceEqual}. A received value that is not a trace throws TypeError.
 */
export const traceMatchers: TraceMatchers = {
  toBeBalanced(this: MatcherContext, received: unknown, options: BalancedOptions = {}): MatcherOutcome {
    const trace = requireTrace('toBeBalanced', received);
    return outcome(this, 'toBeBalanced', trace, balanceViolations('toBeBalanced', trace, options), options.strict === true ? 'balanced with every activation finished' : 'balanced');
  },

  toHaveClosedLifecycle(this: MatcherContext, received: unknown): MatcherOutcome {
    const trace = requireTrace('toHaveClosedLifecycle', received);
    const v = runValidators(trace, [new LifecycleValidator({ requireClosed: true })]);
    return outcome(this, 'toHaveClosedLifecycle', trace, v, 'lifecycle-closed');
  },

  toBeExact(this: MatcherContext, received: unknown): MatcherOutcome {
    const trace = requireTrace('toBeExact', received);
    return outcome(this, 'toBeExact', trace, runValidators(trace, [new ExactnessValidator()]), 'exact');
  },

  toBeWakeCausal(this: MatcherContext, received: unknown): MatcherOutcome {
    const trace = requireTrace('toBeWakeCausal', received);
    return outcome(this, 'toBeWakeCausal', trace, runValidators(trace, [new WakeCausalityValidator({ open: Array.isArray(trace) ? [] : (trace as Trace).open })]), 'wake-causal');
  },

  toEqualTrace(this: MatcherContext, received: unknown, expected: TraceLike): MatcherOutcome {
    const trace = requireTrace('toEqualTrace', received);
    const violations = compareTraces(trace, expected);
    const base = outcome(this, 'toEqualTrace', trace, violations, 'equal to the expected trace');
    return { ...base, actual: formatCanonical(toCanonical(trace)), expected: formatCanonical(toCanonical(expected)) };
  },
};
