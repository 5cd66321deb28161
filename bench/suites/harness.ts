/**
 * The harness case: random programs generated, run and checked per second (the `check` command's
 * generators suite), against generating and running the same programs untraced and unchecked.
 * @module
 */
import fc from 'fast-check';
import { programArbitrary } from '../../harness/program/arbitrary.ts';
import { checkProgram } from '../../harness/targets/js/check-program.ts';
import { compileProgram } from '../../harness/targets/js/compile.ts';
import { ModelBudgetError } from '../../harness/model/model.ts';
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

function generate(): ReturnType<typeof fc.sample<import('../../harness/program/ast.ts').Program>> {
  return fc.sample(programArbitrary({ async: false }), { seed: SEED, numRuns: PROGRAMS });
}

/** Generates, runs under a fresh tracer and checks {@link PROGRAMS} programs; returns their totals. */
function checkAll(): { events: number; violations: number; skipped: number } {
  let events = 0;
  let violations = 0;
  let skipped = 0;
  for (const p of generate()) {
    try {
      const r = checkProgram(p, () => new Tracer());
      events += r.actual.trace.length;
      violations += r.violations.length;
    } catch (error) {
      if (!(error instanceof ModelBudgetError)) throw error;
      skipped++; // over the model's event budget, as `check` skips it
    }
  }
  return { events, violations, skipped };
}

const programs: BenchCase = {
  id: 'harness/programs',
  group: 'harness',
  title: 'random programs generated + run + checked (generators suite)',
  unit: 'program',
  ops: { plain: PROGRAMS, traced: PROGRAMS },
  samplesPerRound: 3,
  twin: 'the same programs generated and run untraced, unchecked',
  setup(): Twins {
    return {
      plain: () => {
        for (const p of generate()) {
          try {
            sink += compileProgram(p)(untraced).outcome.kind.length;
          } catch {
            sink++;
          }
        }
      },
      traced: () => {
        sink += checkAll().events;
      },
      counters: () => {
        const r = checkAll();
        return { 'events/program': r.events / PROGRAMS, 'violations/program': r.violations / PROGRAMS, 'skipped/program': r.skipped / PROGRAMS };
      },
    };
  },
};

/** The harness cases. */
export const HARNESS_CASES: readonly BenchCase[] = [programs];

/** @internal */
export function harnessSink(): number {
  return sink;
}
