// Runtime adapter: imports node:diagnostics_channel, which Node, Deno 2 and Bun 1 all provide.
// The one place where what differs between runtimes is detected; each difference has a test in test/portable/.
import diagnostics from 'node:diagnostics_channel';
import { type ClockCost, measureClockCost } from './clock-cost.ts';
import { type RuntimeInfo, detectRuntime } from './runtime.ts';

/** What this runtime can do, where Node, Deno and Bun differ (see {@link detectCapabilities}). */
export interface RuntimeCapabilities {
  /** Which runtime this is, and its version. */
  readonly runtime: RuntimeInfo;
  /**
   * `TracingChannel#hasSubscribers` is a boolean (Node >= 20.13, Deno 2); false on Bun 1, where it is
   * `undefined`. Use {@link tracingChannelHasSubscribers} instead of reading it.
   */
  readonly tracingChannelHasSubscribers: boolean;
  /**
   * Generators have the ES2025 iterator helpers (`map`, `take`, `toArray`, ...): Deno 2, Bun 1, Node >= 22;
   * not Node 20. A traced generator has them exactly when this is true.
   */
  readonly iteratorHelpers: boolean;
  /** `performance.now()` measured here: cost per read and resolution. */
  readonly clock: ClockCost;
}

/**
 * Detects the runtime and what differs between runtimes. Runs a short clock measurement (about 2 ms).
 * @example
 * ```ts
 * import { detectCapabilities } from 'trace-harness/runtime';
 * const caps = detectCapabilities();
 * // on Bun 1.4: { runtime: { name: 'bun', version: '1.4.5' }, tracingChannelHasSubscribers: false,
 * //   iteratorHelpers: true, clock: { costNs: 39, resolutionNs: 40 } }
 * ```
 * @returns the {@link RuntimeCapabilities}
 */
export function detectCapabilities(): RuntimeCapabilities {
  const probe = diagnostics.tracingChannel('trace-harness:capability-probe') as { hasSubscribers?: unknown };
  const generator = (function* () {})() as unknown as { map?: unknown };
  return {
    runtime: detectRuntime(),
    tracingChannelHasSubscribers: typeof probe.hasSubscribers === 'boolean',
    iteratorHelpers: typeof generator.map === 'function',
    clock: measureClockCost(),
  };
}
