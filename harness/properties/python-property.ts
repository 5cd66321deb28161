import { programArbitrary } from '../program/arbitrary.ts';
import type { ProgramRunner } from '../targets/process/runner.ts';
import { checkPythonProgram } from '../targets/python/check-program.ts';
import { type ProgramPropertyReport, runProgramProperty } from './program-property.ts';

/** Options of {@link runPythonProperty}. */
export interface PythonPropertyOptions {
  /** Random programs, >= 1. */
  readonly runs: number;
  readonly seed?: number;
  readonly path?: string;
  /** The adapter worker. */
  readonly runner: ProgramRunner;
  /** Statement kinds the adapter runs (its hello's `supports.statements`); other programs are skipped. */
  readonly supports?: ReadonlySet<string>;
  /**
   * `generators` (a sync entry; sync and generator functions) or `coroutines` (an async entry; one chain of
   * coroutines with generators and sync functions, PROTOCOL.md §6). @defaultValue 'generators'
   */
  readonly suite?: 'generators' | 'coroutines';
  readonly onProgress?: (done: number) => void;
}

/**
 * A property suite for a Python tracer behind a process adapter (issue 11): random programs (the generators
 * or the coroutines suite), rendered as Python, run by the adapter, judged against the `cpython-3.12` profile.
 * A failure shrinks to a small program whose Python source is the counterexample; an adapter verdict
 * (timeout, crash, garbage, ...) stops the suite at once, naming the program, without shrinking.
 *
 * @param options - see {@link PythonPropertyOptions}
 * @returns the property's report (see `runProgramProperty`)
 * @throws RangeError for `runs` or `seed` out of range; an exception of the harness itself (never one for
 *   what the adapter sent), rethrown as it came
 */
export async function runPythonProperty(options: PythonPropertyOptions): Promise<ProgramPropertyReport> {
  let n = 0;
  return runProgramProperty({
    runs: options.runs,
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
    ...(options.path !== undefined ? { path: options.path } : {}),
    ...(options.onProgress !== undefined ? { onProgress: options.onProgress } : {}),
    programs: pythonPrograms(options.suite ?? 'generators'),
    check: (program) => checkPythonProgram(program, options.runner, `${options.suite === 'coroutines' ? 'co' : 'gen'}-${++n}`, options.supports),
    fatal: (check) => check.verdict !== undefined,
    throwsAreBugs: true, // what the adapter does is a verdict; an exception is ours
  });
}

/**
 * The random programs of a Python suite: generators (a sync entry) or one chain of coroutines (an async
 * entry); no user events; `reenter` by `next()` only (see `ProgramArbitraryOptions.reenter`: CPython 3.11/3.12
 * may crash on a running generator's `close()`/`throw()`).
 */
export function pythonPrograms(suite: 'generators' | 'coroutines'): ReturnType<typeof programArbitrary> {
  return suite === 'coroutines'
    ? programArbitrary({ entry: 'async', asyncPrograms: 'sequential', events: false, reenter: 'next' })
    : programArbitrary({ async: false, events: false, reenter: 'next' });
}
