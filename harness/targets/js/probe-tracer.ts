import type { Violation } from '../../../src/check/violation.ts';
import type { TracerFactory } from './check-program.ts';
import { methodsOf, type OptionalMethod } from './tracer-methods.ts';
import { createChecked, guardTrace, snapshotChecked, TracerFault, type TracerRule, UNUSABLE_RULES } from './tracer-guard.ts';

/** A named verdict on a tracer under test as a whole: data, never thrown (STYLE "Errors" 4). */
export interface TracerVerdict {
  readonly rule: TracerRule;
  /** One line, lowercase: `want X, got Y`. */
  readonly message: string;
  /** True when the module cannot be used as a tracer at all (`check` exits 2, nothing runs). */
  readonly unusable: boolean;
}

/** What {@link probeTracer} found: the optional methods the tracer has, or the verdict that stops the run. */
export type TracerProbe = { readonly ok: true; readonly methods: ReadonlySet<OptionalMethod> } | { readonly ok: false; readonly verdict: TracerVerdict };

/** A value and an error only the probe makes: a wrapper that hands back anything else changed it. */
const RESULT = Object.freeze({ probe: 'result' });
const ERROR = new Error('the probe error');

/**
 * Tries a tracer under test once before anything runs, so that a tracer broken for every program is
 * named once instead of in every regression, suite and golden:
 * 1. `createTracer()` returns an object with `trace` and `snapshot` (else unusable: `tracer/create-threw`,
 *    `tracer/create-not-object`, `tracer/missing-method`);
 * 2. `trace` wraps a sync function and a generator function, returning functions (`tracer/trace-threw`,
 *    `tracer/trace-not-function`);
 * 3. the sync wrapper hands back the probe's own result and its own error (`tracer/changed-result`,
 *    `tracer/changed-error`);
 * 4. `snapshot()` returns a trace (`tracer/snapshot-threw`, `tracer/snapshot-not-trace`).
 *
 * Program runs check the same things again (see {@link guardTrace}), for a tracer that fails only on some.
 * @param createTracer - the tracer under test's factory
 * @returns the optional methods it has, or the first verdict
 * @example
 * ```ts
 * probeTracer(() => ({ trace: () => undefined, snapshot: () => new Tracer().snapshot() }));
 * // { ok: false, verdict: { rule: 'tracer/trace-not-function', message: 'want trace(probe, "probe") to return a function, got undefined', unusable: false } }
 * ```
 */
export function probeTracer(createTracer: TracerFactory): TracerProbe {
  try {
    const tracer = createChecked(createTracer);
    const faults: Violation[] = [];
    const trace = guardTrace(tracer, faults);
    const returns = trace(() => RESULT, 'probe');
    const throws = trace(function probeThrow(): never {
      throw ERROR;
    }, 'probeThrow');
    trace(function* probeGenerator() {}, 'probeGenerator');
    returns();
    try {
      throws();
    } catch {
      // the guard compares what came out
    }
    snapshotChecked(tracer);
    const fault = faults[0];
    if (fault !== undefined) return { ok: false, verdict: { rule: fault.rule as TracerRule, message: fault.message, unusable: false } };
    return { ok: true, methods: methodsOf(() => tracer) };
  } catch (error) {
    if (!(error instanceof TracerFault)) throw error;
    return { ok: false, verdict: { rule: error.rule, message: error.message, unusable: UNUSABLE_RULES.has(error.rule) } };
  }
}
