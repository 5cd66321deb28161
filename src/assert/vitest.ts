/**
 * The vitest plugin: importing `trace-harness/vitest` (for example from a `setupFiles` entry) registers
 * {@link traceMatchers} with vitest's `expect` and types them on `Assertion`.
 *
 * @example
 * ```ts
 * // vitest.config.ts: test: { setupFiles: ['trace-harness/vitest'] }
 * expect(tracer.snapshot()).toBeBalanced();
 * expect(tracer.snapshot()).toBeBalanced({ strict: true }); // no generator left suspended either
 * expect(tracer.snapshot()).toHaveClosedLifecycle();
 * expect(tracer.snapshot()).toEqualTrace('call main #1\nreturn main #1\n');
 * ```
 * @module
 */
import { expect } from 'vitest';
import type { BalancedOptions } from './expect-balanced.ts';
import type { TraceLike } from './expect-trace-equal.ts';
import { traceMatchers } from './matchers.ts';

/** The matchers this plugin adds, typed for vitest's `Matchers<T>`. */
export interface TraceMatchers<R = unknown> {
  /**
   * The trace is stack-balanced (DESIGN §4 invariant 1); with `{ strict: true }` also every activation it
   * starts is finished (a generator left suspended fails as `lifecycle/not-finished`).
   */
  toBeBalanced(options?: BalancedOptions): R;
  /** Every activation returned or unwound exactly once (DESIGN §4 invariant 2). */
  toHaveClosedLifecycle(): R;
  /** Every exit and known wake recorded while its activation is current (DESIGN §4 invariant 4). */
  toBeExact(): R;
  /** Known wakers exist and run when they wake, one wake per suspension, no await cycle (invariant 5). */
  toBeWakeCausal(): R;
  /** The trace equals `expected` in canonical form (DESIGN §4 invariant 3). */
  toEqualTrace(expected: TraceLike): R;
}

declare module 'vitest' {
  // vitest declares `Matchers<T = any>`; an augmentation must repeat its parameters exactly.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any, @typescript-eslint/no-empty-object-type
  interface Matchers<T = any> extends TraceMatchers<T> {}
}

expect.extend(traceMatchers);

export { traceMatchers };
