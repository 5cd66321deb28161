import fc from 'fast-check';
import { type ProgramArbitraryOptions, programArbitrary } from './arbitrary.ts';
import { checkProgram, type ProgramCheck, type TracerFactory } from './check-program.ts';
import { minimizeProgram } from './minimize.ts';
import { ModelBudgetError } from './model.ts';

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
  /** Programs skipped because their trace exceeded the model's budget. */
  readonly skipped: number;
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
 * The property suite: random programs run for real under a tracer and judged by {@link checkProgram}.
 * Failures shrink to a small program.
 *
 * @param options - see {@link PropertyOptions}
 * @throws RangeError when `runs` is not a positive integer or `seed` not a 32-bit integer
 */
export function runProperty(options: PropertyOptions): PropertyReport {
  const { runs, createTracer } = options;
  if (!(Number.isInteger(runs) && runs >= 1)) throw new RangeError(`runProperty: runs must be a positive integer, got ${runs}`);
  const seed = options.seed ?? (Math.random() * 0x7fffffff) | 0;
  if (!(Number.isInteger(seed) && seed >= -0x80000000 && seed <= 0x7fffffff)) throw new RangeError(`runProperty: seed must be a 32-bit integer, got ${seed}`);
  let done = 0;
  let skipped = 0;
  const started = performance.now();
  const property = fc.property(programArbitrary(options.arbitrary), (program) => {
    let ok: boolean;
    try {
      ok = checkProgram(program, createTracer).ok;
    } catch (error) {
      if (!(error instanceof ModelBudgetError)) throw error;
      skipped++;
      ok = true;
    }
    done++;
    options.onProgress?.(done);
    return ok;
  });
  const details = fc.check(property, { numRuns: runs, seed, ...(options.path !== undefined ? { path: options.path } : {}) });
  const elapsedMs = performance.now() - started;
  const ran = details.numRuns + (details.failed ? 1 : 0);
  const base = { runs: Math.min(ran, runs), skipped, seed: details.seed, elapsedMs, programsPerSecond: (done / elapsedMs) * 1000 };
  if (!details.failed) return base;
  const program = details.counterexample?.[0];
  if (program === undefined) return { ...base, error: details.errorInstance ?? new Error('fast-check gave no counterexample') };
  let check: ProgramCheck;
  try {
    // fast-check has shrunk arrays and integers; lift and drop whole blocks too (deterministic).
    const fails = (p: typeof program): boolean => {
      try {
        return !checkProgram(p, createTracer).ok;
      } catch (error) {
        if (error instanceof ModelBudgetError) return false;
        throw error;
      }
    };
    check = checkProgram(minimizeProgram(program, fails), createTracer);
  } catch (error) {
    return { ...base, error };
  }
  if (check.ok) return { ...base, error: details.errorInstance ?? new Error('the property failed but its counterexample passes on replay (a non-deterministic tracer?)') };
  return { ...base, failure: { check, path: details.counterexamplePath ?? '', shrinks: details.numShrinks } };
}
