import { type Violation, violation } from '../../../src/check/violation.ts';
import type { Trace } from '../../../src/model/trace.ts';
import type { TracerUnderTest } from '../../../src/recorder/tracer.ts';
import type { TracerFactory } from './check-program.ts';

/**
 * What a tracer under test did wrong outside its trace. The scheme: `tracer/` and what the harness saw.
 * `create-threw`, `create-not-object` and `missing-method` make the tracer unusable (`check` exits 2);
 * the others are failures of the tracer (exit 1): a wrapper must hand back exactly what the wrapped
 * function returned or threw (`changed-result`, `changed-error`).
 */
export type TracerRule =
  | 'tracer/create-threw'
  | 'tracer/create-not-object'
  | 'tracer/missing-method'
  | 'tracer/trace-threw'
  | 'tracer/trace-not-function'
  | 'tracer/snapshot-threw'
  | 'tracer/snapshot-not-trace'
  | 'tracer/changed-result'
  | 'tracer/changed-error';

/** The rules after which nothing can run: the module cannot be used as a tracer. */
export const UNUSABLE_RULES: ReadonlySet<TracerRule> = new Set(['tracer/create-threw', 'tracer/create-not-object', 'tracer/missing-method']);

/**
 * A tracer under test failed at something every run needs (making it, `trace`, `snapshot`): the run
 * cannot go on. The program checks turn it into a verdict, never an internal error.
 */
export class TracerFault extends Error {
  override readonly name = 'TracerFault';
  /**
   * @param rule - what went wrong
   * @param expected - what the harness wanted, e.g. `trace(fn, name) to return a function`
   * @param found - what it got, e.g. `undefined`
   */
  constructor(
    readonly rule: TracerRule,
    readonly expected: string,
    readonly found: string,
  ) {
    super(`want ${expected}, got ${found}`);
  }
}

/**
 * A value as a verdict names it: `undefined`, `42`, `Tagged "E1"`, `TypeError: x is not a function`,
 * `an object`; at most 80 characters. @internal
 */
export function describeValue(v: unknown): string {
  let text: string;
  if (v instanceof Error) text = 'tag' in v ? `${v.name} ${JSON.stringify((v as { tag: unknown }).tag)}` : `${v.name}: ${v.message.split('\n')[0]}`;
  else if (typeof v === 'string') text = JSON.stringify(v);
  else if (typeof v === 'function') text = 'a function';
  else if (typeof v === 'object' && v !== null) text = 'an object';
  else text = String(v);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/**
 * Makes a tracer with the factory and checks it is one: an object with `trace` and `snapshot` functions.
 * @throws {@link TracerFault} `tracer/create-threw`, `tracer/create-not-object` or `tracer/missing-method`
 */
export function createChecked(createTracer: TracerFactory): TracerUnderTest {
  let tracer: unknown;
  try {
    tracer = createTracer();
  } catch (error) {
    throw new TracerFault('tracer/create-threw', 'createTracer() to return a tracer', `a throw of ${describeValue(error)}`);
  }
  const want = 'createTracer() to return an object with trace(fn, name) and snapshot()';
  if ((typeof tracer !== 'object' && typeof tracer !== 'function') || tracer === null) throw new TracerFault('tracer/create-not-object', want, describeValue(tracer));
  const lacks = ['trace', 'snapshot'].filter((m) => typeof (tracer as Record<string, unknown>)[m] !== 'function');
  if (lacks.length > 0) throw new TracerFault('tracer/missing-method', want, `an object without ${lacks.join(' and ')}`);
  return tracer as TracerUnderTest;
}

/**
 * The tracer's snapshot, checked to be a trace (duck-typed: a tracer module may bring its own copy of
 * this package).
 * @throws {@link TracerFault} `tracer/snapshot-threw` or `tracer/snapshot-not-trace`
 */
export function snapshotChecked(tracer: TracerUnderTest): Trace {
  let trace: unknown;
  try {
    trace = tracer.snapshot();
  } catch (error) {
    throw new TracerFault('tracer/snapshot-threw', 'snapshot() to return the trace', `a throw of ${describeValue(error)}`);
  }
  const t = trace as Partial<Trace> | null | undefined;
  if (typeof t?.canonical !== 'function' || typeof t.length !== 'number') throw new TracerFault('tracer/snapshot-not-trace', 'snapshot() to return a Trace', describeValue(trace));
  return trace as Trace;
}

/** What the last sync function to end did: nothing yet, returned `value`, or threw `value`. */
const NONE = 0;
const RETURNED = 1;
const THREW = 2;

/**
 * The `trace` a compiled program calls: the tracer's own, checked. `trace(fn, name)` must return a
 * function; and for a sync function, its wrapper must hand back exactly what `fn` returned or threw
 * (the same value, the same error object), checked at every call: `fn` is wrapped in a function that
 * notes its result, and the tracer's wrapper in one that compares. Two variables, no allocation per call:
 * between `fn` ending and its wrapper returning no program code runs, so the last result noted is `fn`'s.
 *
 * @param tracer - the tracer under test
 * @param faults - receives a `tracer/changed-result` or `tracer/changed-error` violation, the first of
 *   each rule only
 * @param onEntry - called first thing in every sync function, with its name (exactness checks)
 * @returns a function with the signature of `tracer.trace`
 * @throws {@link TracerFault} `tracer/trace-threw` or `tracer/trace-not-function` (from the returned function)
 */
export function guardTrace(tracer: TracerUnderTest, faults: Violation[], onEntry?: (name: string | undefined) => void): TracerUnderTest['trace'] {
  let last = NONE;
  let value: unknown;
  const fault = (rule: TracerRule, expected: string, found: string): void => {
    if (!faults.some((f) => f.rule === rule)) faults.push(violation(rule, -1, -1, 0, expected, found));
  };
  return (fn, name) => {
    const sync = Object.getPrototypeOf(fn) === Function.prototype;
    const label = name ?? fn.name;
    const noted = sync
      ? (function (this: unknown, ...args: never[]) {
          onEntry?.(name);
          try {
            value = fn.apply(this, args);
            last = RETURNED;
            return value;
          } catch (error) {
            value = error;
            last = THREW;
            throw error;
          }
        } as typeof fn)
      : fn;
    if (noted !== fn) Object.defineProperty(noted, 'name', { value: fn.name });
    let wrapper: unknown;
    try {
      wrapper = tracer.trace(noted, name);
    } catch (error) {
      throw new TracerFault('tracer/trace-threw', `trace(${label}, ${JSON.stringify(label)}) to return a wrapper`, `a throw of ${describeValue(error)}`);
    }
    if (typeof wrapper !== 'function') throw new TracerFault('tracer/trace-not-function', `trace(${label}, ${JSON.stringify(label)}) to return a function`, describeValue(wrapper));
    if (!sync) return wrapper as typeof fn;
    const wrapped = wrapper as (...args: never[]) => unknown;
    return function (this: unknown, ...args: never[]) {
      last = NONE;
      let result: unknown;
      try {
        result = wrapped.apply(this, args);
      } catch (error) {
        if (last === THREW && value !== error) fault('tracer/changed-error', `the wrapper of ${label} to rethrow what it threw (${describeValue(value)})`, `a throw of ${describeValue(error)}`);
        else if (last === RETURNED) fault('tracer/changed-result', `the wrapper of ${label} to return what it returned (${describeValue(value)})`, `a throw of ${describeValue(error)}`);
        else if (last === NONE) fault('tracer/changed-result', `the wrapper of ${label} to call it`, `a throw of ${describeValue(error)} without calling it`);
        throw error;
      }
      if (last === THREW) fault('tracer/changed-error', `the wrapper of ${label} to rethrow what it threw (${describeValue(value)})`, `a return of ${describeValue(result)}`);
      else if (last === NONE) fault('tracer/changed-result', `the wrapper of ${label} to call it`, `a return of ${describeValue(result)} without calling it`);
      else if (!Object.is(value, result)) fault('tracer/changed-result', `the wrapper of ${label} to return what it returned (${describeValue(value)})`, describeValue(result));
      return result;
    } as typeof fn;
  };
}
