import { type Shard, ShardFilter } from './shard.ts';
import fc from 'fast-check';
import type { Program } from '../program/ast.ts';
import { minimizeProgram } from '../program/minimize.ts';
import type { ProgramCheck } from '../targets/js/check-program.ts';
import type { TaskScheduler } from '../targets/js/compile.ts';
import { FifoScheduler } from '../targets/js/scheduler.ts';

/** A random fast-check seed, a non-negative 32-bit integer, for a run the caller gave none. */
export function randomSeed(): number {
  return (Math.random() * 0x7fffffff) | 0;
}

/** A program the check did not judge, and why (over the model's budget, a statement the target cannot run ...). */
export interface Skip {
  readonly skipped: string;
}

/** What any program check gives the property: pass or fail, the program, its schedule, an adapter verdict. */
export interface Judged {
  readonly ok: boolean;
  readonly program: Program;
  readonly schedule?: string;
  readonly verdict?: unknown;
}

/** What a target's check says of one program: a verdict, or a skip. */
export type TargetCheck<C extends Judged = ProgramCheck> = C | Skip;

/** Options of {@link runProgramProperty}. */
export interface ProgramPropertyOptions<C extends Judged = ProgramCheck> {
  /** Random programs to run, >= 1. */
  readonly runs: number;
  /** fast-check seed (a 32-bit integer); random when omitted. */
  readonly seed?: number;
  /** fast-check replay path of a counterexample, as printed by a failure. */
  readonly path?: string;
  /** The programs. */
  readonly programs: fc.Arbitrary<Program>;
  /** Runs and judges one program; the scheduler releases an async program's timer ticks. */
  readonly check: (program: Program, scheduler: TaskScheduler) => Promise<TargetCheck<C>>;
  /**
   * Stops the property at once, before shrinking, when a check returns a failure for which it is true
   * (an adapter that hangs or crashes: every shrink step would pay for it again). @defaultValue never
   */
  readonly fatal?: (check: C) => boolean;
  /** Called after each program with the number run so far. */
  readonly onProgress?: (done: number) => void;
  /** Called with each judged program's check (not skipped ones, and none once shrinking starts): semantic coverage. */
  readonly onJudged?: (check: C) => void;
  /**
   * An exception out of `check` is a bug of the harness, not a failure of the tracer: stop at once and
   * rethrow it (a process target, whose every adapter failure is a verdict). Otherwise it is a failure
   * that shrinks (an in-process tracer may throw). @defaultValue false
   */
  readonly throwsAreBugs?: boolean;
  /** Check only this shard's programs (`--shard`); the others are drawn and pass unchecked. @defaultValue every program */
  readonly shard?: Shard;
}

/** What {@link runProgramProperty} found. */
export interface ProgramPropertyReport<C extends Judged = ProgramCheck> {
  /** Programs run (the failing run included, shrinking excluded). */
  readonly runs: number;
  /** Programs skipped, by reason. */
  readonly skipped: number;
  readonly skippedBy: ReadonlyMap<string, number>;
  /** Programs whose check had a schedule (async programs). */
  readonly asyncRuns: number;
  readonly seed: number;
  /** Wall time of the whole run, shrinking included, in ms. */
  readonly elapsedMs: number;
  /** Programs per second over `elapsedMs`. */
  readonly programsPerSecond: number;
  /** The shrunk counterexample (fast-check's shrink, then {@link minimizeProgram}), when the property failed. */
  readonly failure?: { readonly check: C; readonly path: string; readonly shrinks: number };
  /** An error the run itself raised (not a failed trace), e.g. a tracer that cannot be constructed. */
  readonly error?: unknown;
}

/**
 * The property behind every program suite, whatever the target: random programs, each run and judged by
 * `check`; a failure shrinks (fast-check, then {@link minimizeProgram} under a first-in-first-out schedule)
 * to a small program that still fails, and replays from its seed and path.
 *
 * @param options - see {@link ProgramPropertyOptions}
 * @returns runs, skips by reason, the seed, timing (ms, programs/s), and the shrunk failure or the error
 * @throws RangeError when `runs` is not a positive integer or `seed` not a 32-bit integer; with
 *   `throwsAreBugs`, whatever `check` threw
 */
export async function runProgramProperty<C extends Judged = ProgramCheck>(options: ProgramPropertyOptions<C>): Promise<ProgramPropertyReport<C>> {
  const { runs, check } = options;
  if (!(Number.isInteger(runs) && runs >= 1)) throw new RangeError(`runProperty: runs must be a positive integer, got ${runs}`);
  const seed = options.seed ?? randomSeed();
  if (!(Number.isInteger(seed) && seed >= -0x80000000 && seed <= 0x7fffffff)) throw new RangeError(`runProperty: seed must be a 32-bit integer, got ${seed}`);
  let done = 0;
  const filter = new ShardFilter(options.shard);
  const skippedBy = new Map<string, number>();
  let asyncRuns = 0;
  let lastFailure: C | undefined;
  let fatal: C | undefined;
  let bug: { error: unknown } | undefined;
  const started = performance.now();
  const property = fc.asyncProperty(options.programs, fc.scheduler(), async (program, scheduler) => {
    if (fatal !== undefined || bug !== undefined) return true; // stopped: let fast-check's shrinking end at once
    if (!filter.take()) return true; // another shard's program
    let result: TargetCheck<C>;
    try {
      result = await check(program, scheduler);
    } catch (error) {
      if (options.throwsAreBugs !== true) throw error;
      bug = { error };
      return true;
    }
    done++;
    options.onProgress?.(done);
    if ('skipped' in result) {
      skippedBy.set(result.skipped, (skippedBy.get(result.skipped) ?? 0) + 1);
      return true;
    }
    if (lastFailure === undefined) options.onJudged?.(result);
    if (result.schedule !== undefined) asyncRuns++;
    if (!result.ok) {
      filter.failed();
      lastFailure = result;
      if (options.fatal?.(result) === true) fatal = result;
    }
    return result.ok;
  });
  const details = await fc.check(property, { numRuns: runs, seed, ...(options.path !== undefined ? { path: options.path } : {}) });
  if (bug !== undefined) throw bug.error;
  const elapsedMs = performance.now() - started;
  const ran = details.numRuns + (details.failed ? 1 : 0);
  const skipped = [...skippedBy.values()].reduce((a, b) => a + b, 0);
  const base = { runs: options.shard === undefined ? Math.min(ran, runs) : filter.checked, skipped, skippedBy, asyncRuns, seed: details.seed, elapsedMs, programsPerSecond: (done / elapsedMs) * 1000 };
  if (fatal !== undefined) return { ...base, failure: { check: fatal, path: details.counterexamplePath ?? '', shrinks: 0 } };
  if (!details.failed) return base;
  if (lastFailure === undefined) return { ...base, error: details.errorInstance ?? new Error('the property failed without a failing check') };
  // fast-check has shrunk arrays and integers; lift and drop whole blocks too (deterministic), keeping
  // only smaller programs that still fail (async ones under a first-in-first-out schedule).
  try {
    const recheck = async (p: Program): Promise<C | undefined> => {
      const r = await check(p, new FifoScheduler());
      return 'skipped' in r || r.verdict !== undefined ? undefined : r; // an adapter verdict is no smaller counterexample
    };
    return { ...base, failure: { check: await shrinkFailure(lastFailure, recheck), path: details.counterexamplePath ?? '', shrinks: details.numShrinks } };
  } catch (error) {
    return { ...base, error };
  }
}

/**
 * The smallest program {@link minimizeProgram} finds from a failing check that still fails, and its check.
 * @param failing - a failed check
 * @param recheck - runs and judges a program again; undefined when it could not be judged (skipped)
 * @returns the failing check of the smallest program, or `failing` when nothing smaller fails
 */
export async function shrinkFailure<C extends Judged>(failing: C, recheck: (p: Program) => Promise<C | undefined>): Promise<C> {
  const fails = async (p: Program): Promise<boolean> => (await recheck(p))?.ok === false;
  const smaller = (await fails(failing.program)) ? await minimizeProgram(failing.program, fails) : failing.program;
  return smaller === failing.program ? failing : ((await recheck(smaller)) ?? failing);
}
