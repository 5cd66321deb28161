/**
 * The coroutines-suite case: random programs with async functions (and generators) generated, run and
 * checked per second, as `check`'s coroutines suite does, against generating and running the same programs
 * untraced and unchecked. Timer ticks are released first in, first out (`FifoScheduler`): `check` explores
 * orders with fast-check's scheduler instead, but a fixed order keeps the counters fixed.
 * @module
 */
import fc from 'fast-check';
import type { Program } from '../../harness/program/ast.ts';
import { programArbitrary } from '../../harness/program/arbitrary.ts';
import { checkAnyProgram } from '../../harness/targets/js/check-program.ts';
import { compileAsyncProgram, compileProgram, isAsyncProgram } from '../../harness/targets/js/compile.ts';
import { FifoScheduler } from '../../harness/targets/js/scheduler.ts';
import { ModelAmbiguityError, ModelBudgetError } from '../../harness/model/model.ts';
import { Trace } from '../../src/model/trace.ts';
import { Tracer, type TracerUnderTest } from '../../src/recorder/tracer.ts';
import type { BenchCase, Twins } from './case.ts';

/** Programs per sample (the same seed every sample: the same programs, so the counters are fixed). */
const PROGRAMS = 100;
const SEED = 6;

const EMPTY = Trace.fromEvents([], []);
/** Runs programs without recording anything: the untraced twin. */
const untraced: TracerUnderTest = { trace: (fn) => fn, snapshot: () => EMPTY };

let sink = 0;

function generate(): Program[] {
  return fc.sample(programArbitrary({ async: true }), { seed: SEED, numRuns: PROGRAMS });
}

/** Generates, runs under a fresh tracer and checks {@link PROGRAMS} programs; returns their totals. */
async function checkAll(): Promise<{ events: number; violations: number; skipped: number }> {
  let events = 0;
  let violations = 0;
  let skipped = 0;
  for (const p of generate()) {
    try {
      const r = await checkAnyProgram(p, () => new Tracer(), new FifoScheduler());
      events += r.actual.trace.length;
      violations += r.violations.length;
    } catch (error) {
      if (!(error instanceof ModelBudgetError || error instanceof ModelAmbiguityError)) throw error;
      skipped++; // over the model's budget, or a race the schedule decides: `check` skips it too
    }
  }
  return { events, violations, skipped };
}

const coroutinePrograms: BenchCase = {
  id: 'harness/coroutine-programs',
  group: 'harness',
  title: 'random programs generated + run + checked (coroutines suite)',
  unit: 'program',
  ops: { plain: PROGRAMS, traced: PROGRAMS },
  samplesPerRound: 1, // a sample is 100 programs (~0.2 s): one per round keeps the case under ~20 s
  twin: 'the same programs generated and run untraced, unchecked',
  setup(): Twins {
    return {
      plain: async () => {
        for (const p of generate()) {
          try {
            const run = isAsyncProgram(p) ? await compileAsyncProgram(p)(untraced, new FifoScheduler()) : compileProgram(p)(untraced);
            sink += run.outcome.kind.length;
          } catch {
            sink++;
          }
        }
      },
      traced: async () => {
        sink += (await checkAll()).events;
      },
      counters: async () => {
        const r = await checkAll();
        return { 'events/program': r.events / PROGRAMS, 'violations/program': r.violations / PROGRAMS, 'skipped/program': r.skipped / PROGRAMS };
      },
    };
  },
};

/** The coroutines-suite cases. */
export const COROUTINE_CASES: readonly BenchCase[] = [coroutinePrograms];

/** @internal */
export function coroutinesSink(): number {
  return sink;
}
