import { type Shard } from './shard.ts';
import { type ProgramArbitraryOptions, programArbitrary } from '../program/arbitrary.ts';
import { checkAnyProgram, type ProgramCheck, type TracerFactory } from '../targets/js/check-program.ts';
import type { CoverageCounter } from '../reach/semantic-coverage.ts';
import { ModelAmbiguityError, ModelBudgetError } from '../model/model.ts';
import { type ProgramPropertyReport, runProgramProperty, type TargetCheck } from './program-property.ts';

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
  /** Bounds of the generated programs; `swarm` is on unless set to false. */
  readonly arbitrary?: ProgramArbitraryOptions;
  /** Called after each program with the number run so far. */
  readonly onProgress?: (done: number) => void;
  /** Counts the semantic coverage of the judged programs (rows the model applied, statement kinds). */
  readonly coverage?: CoverageCounter;
  /** Check only this shard's programs (`--shard`). @defaultValue every program */
  readonly shard?: Shard;
}

/** What {@link runProperty} found; `skipped` counts programs over the model's budget or with a race the schedule decides. */
export type PropertyReport = ProgramPropertyReport;

/** Why the JS suites skip a program. */
export const SKIP_BUDGET = "over the model's event budget";
/** Why the JS suites skip a program. */
export const SKIP_RACE = 'a race the schedule decides';

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
  const { createTracer } = options;
  // User events only for a tracer that can record them (an `event` method), unless the caller chose.
  // Swarm testing unless the caller chose (issue 13: rare combinations of features reach every table row).
  const arbitrary = { events: canRecordEvents(createTracer), swarm: true, ...options.arbitrary };
  return runProgramProperty({
    runs: options.runs,
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
    ...(options.path !== undefined ? { path: options.path } : {}),
    programs: programArbitrary(arbitrary),
    ...(options.onProgress !== undefined ? { onProgress: options.onProgress } : {}),
    ...(options.coverage !== undefined ? { onJudged: (c: ProgramCheck) => options.coverage!.addProgram(c.program, c.expected.rows) } : {}),
    ...(options.shard !== undefined ? { shard: options.shard } : {}),
    check: async (program, scheduler): Promise<TargetCheck> => {
      try {
        return await checkAnyProgram(program, createTracer, scheduler);
      } catch (error) {
        if (error instanceof ModelBudgetError) return { skipped: SKIP_BUDGET };
        if (error instanceof ModelAmbiguityError) return { skipped: SKIP_RACE };
        throw error;
      }
    },
  });
}

/** Whether the tracers a factory makes have `event`; a factory that throws is reported by the run itself. */
function canRecordEvents(createTracer: () => { event?: unknown }): boolean {
  try {
    return typeof createTracer().event === 'function';
  } catch {
    return false;
  }
}
