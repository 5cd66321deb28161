import { ExactnessValidator } from '../check/exactness.ts';
import { runValidators } from '../check/run.ts';
import { WakeCausalityValidator } from '../check/wake-causality.ts';
import type { CanonicalEvent } from '../model/event.ts';
import type { Trace } from '../model/trace.ts';
import { assertNoViolations } from './expect-balanced.ts';

/**
 * Asserts exactness (DESIGN §4 invariant 4): every exit recorded while its activation is current, every
 * known waker's wake while the waker is.
 *
 * @example
 * ```ts
 * expectExact(tracer.snapshot());
 * // fails for call a, call b, return a: exact/exit-not-current at event 2: want #1 current, got return a #1 while #2 runs
 * ```
 * @throws {@link TraceAssertionError} listing every violation with the events around it
 */
export function expectExact(trace: Trace | readonly CanonicalEvent[]): void {
  assertNoViolations('expectExact', trace, runValidators(trace, [new ExactnessValidator()]));
}

/**
 * Asserts wake causality (DESIGN §4 invariant 5): known wakers exist and are running when they wake, one
 * wake per suspension, no await cycle.
 *
 * @example
 * ```ts
 * expectWakeCausal(tracer.snapshot());
 * // fails for ... wake f #1 by #9 (never called): wake/unknown-waker at event 3: want a waker that was called before, ...
 * ```
 * @throws {@link TraceAssertionError} listing every violation with the events around it
 */
export function expectWakeCausal(trace: Trace | readonly CanonicalEvent[]): void {
  const open = Array.isArray(trace) ? [] : (trace as Trace).open; // a snapshot's activations open at its start
  assertNoViolations('expectWakeCausal', trace, runValidators(trace, [new WakeCausalityValidator({ open })]));
}
