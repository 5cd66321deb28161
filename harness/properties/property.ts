import fc from 'fast-check';
import { type ProgramArbitraryOptions, programArbitrary } from '../program/arbitrary.ts';
import { checkAnyProgram, type ProgramCheck, type TracerFactory } from '../targets/js/check-program.ts';
import type { TaskScheduler } from '../targets/js/compile.ts';
import { minimizeProgram } from '../program/minimize.ts';
import { ModelAmbiguityError, ModelBudgetError } from '../model/model.ts';
import { FifoScheduler } from '../targets/js/scheduler.ts';

/** Options of {@link runProperty}. */
export interface PropertyOptions {
  /** Random programs to run, >= 1. */
  readonly runs: number;
  /** fast-check seed (a 32-bit integer); random when omitted. */
  readonly seed?: number;
  /** fast-check replay path of a counterexample, as printed by a failure. */
  readonly path?: string;
  /** A fresh tracer per program. */
  readonly createTracer: TracerFactory;
  /** Bounds of the generated programs. */
  readonly arbitrary?: ProgramArbitraryOptions;
  /** Called after each program with the number run so far. */
  readonly onProgress?: (done: number) => void;
}

/** What {@link runProperty} found. */
export interface PropertyReport {
  /** Programs run (the failing run included, shrinking excluded). */
  readonly runs: number;
  /** Programs skipped: their trace exceeded the model's budget, or a race's winner depends on the schedule. */
  readonly skipped: number;
  /** Programs with async functions among the runs. */
  readonly asyncRuns: number;
  readonly seed: number;
  /** Wall time of the whole run, shrinking included, in ms. */
  readonly elapsedMs: number;
  /** Programs per second over `elapsedMs`. */
  readonly programsPerSecond: number;
  /** The shrunk counterexample (fast-check's shrink, then {@link minimizeProgram}), when the property failed. */
  readonly failure?: {
    readonly check: ProgramCheck;
    /** fast-check path for `--path` replay. */
    readonly path: string;
    readonly shrinks: number;
  };
  /** An error the run itself raised (not a failed trace), e.g. a tracer that cannot be constructed. */
  readonly error?: unknown;
}

/**
 * The property suite: random programs of sync, generator and async functions run for real under a
 * tracer and judged by {@link checkAnyProgram}; async interleavings come from `fc.scheduler()`, so a
 * failure replays exactly from its seed and path and prints its schedule. Failures shrink to a small
 * program.
 *
 * @param options - see {@link PropertyOptions}
 * @throws RangeError when `runs` is not a positive integer or `seed` not a 32-bit integer
 */
export async function runProperty(options: PropertyOptions): Promise<PropertyReport> {
  const { runs, createTracer } = options;
  if (!(Number.isInteger(runs) && runs >= 1)) throw new RangeError(`runProperty: runs must be a positive integer, got ${runs}`);
  const seed = options.seed ?? (Math.random() * 0x7fffffff) | 0;
  if (!(Number.isInteger(seed) && seed >= -0x80000000 && seed <= 0x7fffffff)) throw new RangeError(`runProperty: seed must be a 32-bit integer, got ${seed}`);
  let done = 0;
  let skipped = 0;
  let asyncRuns = 0;
  let lastFailure: ProgramCheck | undefined;
  const started = performance.now();
  const check = async (program: Parameters<typeof checkAnyProgram>[0], scheduler: TaskScheduler): Promise<ProgramCheck | undefined> => {
    try {
      return await checkAnyProgram(program, createTracer, scheduler);
    } catch (error) {
      if (error instanceof ModelBudgetError || error instanceof ModelAmbiguityError) return undefined;
      throw error;
    }
  };
  // User events only for a tracer that can record them (an `event` method), unless the caller chose.
  const arbitrary = { events: canRecordEvents(createTracer), ...options.arbitrary };
  const property = fc.asyncProperty(programArbitrary(arbitrary), fc.scheduler(), async (program, scheduler) => {
    const result = await check(program, scheduler);
    if (result === undefined) skipped++;
    else if (result.schedule !== undefined) asyncRuns++;
    done++;
    options.onProgress?.(done);
    if (result !== undefined && !result.ok) lastFailure = result;
    return result === undefined || result.ok;
  });
  const details = await fc.check(property, { numRuns: runs, seed, ...(options.path !== undefined ? { path: options.path } : {}) });
  const elapsedMs = performance.now() - started;
  const ran = details.numRuns + (details.failed ? 1 : 0);
  const base = { runs: Math.min(ran, runs), skipped, asyncRuns, seed: details.seed, elapsedMs, programsPerSecond: (done / elapsedMs) * 1000 };
  if (!details.failed) return base;
  if (lastFailure === undefined) return { ...base, error: details.errorInstance ?? new Error('the property failed without a failing check') };
  // fast-check has shrunk arrays and integers; lift and drop whole blocks too (deterministic), keeping
  // only smaller programs that still fail (async ones under a first-in-first-out schedule).
  try {
    const failing = lastFailure;
    const fails = async (p: typeof failing.program): Promise<boolean> => {
      const r = await check(p, new FifoScheduler());
      return r !== undefined && !r.ok;
    };
    const smaller = (await fails(failing.program)) ? await minimizeProgram(failing.program, fails) : failing.program;
    const final = smaller === failing.program ? failing : await check(smaller, new FifoScheduler());
    return { ...base, failure: { check: final ?? failing, path: details.counterexamplePath ?? '', shrinks: details.numShrinks } };
  } catch (error) {
    return { ...base, error };
  }
}

/** Whether the tracers a factory makes have `event`; a factory that throws is reported by the run itself. */
function canRecordEvents(createTracer: () => { event?: unknown }): boolean {
  try {
    return typeof createTracer().event === 'function';
  } catch {
    return false;
  }
}
