import type { TracerUnderTest } from '../../../src/recorder/tracer.ts';
import type { Program } from '../../program/ast.ts';
import { statementsOf } from '../../program/statements.ts';
import type { TracerFactory } from './check-program.ts';
import { isAsyncProgram } from './compile.ts';

/**
 * The optional methods of a {@link TracerUnderTest} some programs need: `enterAsync` for async functions,
 * `event` for user events. Every tracer under test has `trace` and `snapshot`; a program that needs a
 * method the tracer lacks is skipped, not failed (README "check --tracer").
 */
export type OptionalMethod = 'enterAsync' | 'event';

/** Every optional method, in the order reasons name them. */
export const OPTIONAL_METHODS: readonly OptionalMethod[] = ['enterAsync', 'event'];

/**
 * The optional methods the tracers a factory makes have, judged on one fresh tracer.
 * @param createTracer - the tracer under test's factory
 * @returns the methods present; all of them when the factory throws or returns no object (the runs report
 *   that themselves, as a `tracer/create-*` verdict, instead of skipping everything)
 */
export function methodsOf(createTracer: TracerFactory): ReadonlySet<OptionalMethod> {
  let tracer: unknown;
  try {
    tracer = createTracer();
  } catch {
    return new Set(OPTIONAL_METHODS);
  }
  if (typeof tracer !== 'object' || tracer === null) return new Set(OPTIONAL_METHODS);
  return new Set(OPTIONAL_METHODS.filter((m) => typeof (tracer as Record<string, unknown>)[m] === 'function'));
}

/**
 * The optional methods a program needs that a tracer lacks.
 * @example
 * ```ts
 * missingMethods(programWithAnEvent, new Set(['enterAsync'])); // ['event']
 * ```
 * @param program - a program
 * @param has - the methods the tracer has (see {@link methodsOf})
 * @returns the missing methods, in {@link OPTIONAL_METHODS} order; empty when the tracer can run it
 */
export function missingMethods(program: Program, has: ReadonlySet<OptionalMethod>): OptionalMethod[] {
  const missing: OptionalMethod[] = [];
  if (!has.has('enterAsync') && isAsyncProgram(program)) missing.push('enterAsync');
  if (!has.has('event') && statementsOf(program).includes('event')) missing.push('event');
  return missing;
}

/**
 * Why a program is skipped, as the report says it: `need event`, `need enterAsync and event`.
 * @param missing - what {@link missingMethods} returned (not empty)
 */
export function needText(missing: readonly OptionalMethod[]): string {
  return `need ${missing.join(' and ')}`;
}
