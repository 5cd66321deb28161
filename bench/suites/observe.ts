/**
 * Observe mode's throughput (issue 12, target >= 500 programs/s): random programs of the `spans` suite
 * generated, compiled plain, run under the reference AsyncLocalStorage span tracer and judged against the
 * span-tree model, per second; the twin generates and runs the same programs plain under a tracer that
 * wraps nothing, with no model and no checks.
 * @module
 */
// Node adapter (node:path, node:url): imports the reference tracer from the checkout.
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { ModelAmbiguityError, ModelBudgetError } from '../../harness/model/model.ts';
import { checkSpanProgram } from '../../harness/observe/check-span-program.ts';
import { runPlainProgram } from '../../harness/observe/run-plain.ts';
import { spanPrograms } from '../../harness/observe/span-property.ts';
import { DEFAULT_POLICIES, type SpanTracer } from '../../harness/observe/span-tracer.ts';
import type { Program } from '../../harness/program/ast.ts';
import { FifoScheduler } from '../../harness/targets/js/scheduler.ts';
import { packageGoldenDir } from '../../src/cli/golden-files.ts';
import type { BenchCase, Twins } from './case.ts';

/** Programs per sample (the same seed every sample: the same programs, so the counters are fixed). */
const PROGRAMS = 100;
const SEED = 6;

/** The reference tracer users copy (plain JS beside the package's `golden/`; tsc does not copy `.mjs` files). */
const REFERENCE = join(dirname(packageGoldenDir()), 'test/conformance/tracers/als-tracer.mjs');

/** A span tracer that wraps nothing and starts no span: the untraced twin. */
const untraced: SpanTracer = { trace: (fn) => fn, spans: () => [] };

let sink = 0;

function generate(): Program[] {
  return fc.sample(spanPrograms(), { seed: SEED, numRuns: PROGRAMS });
}

const programs: BenchCase = {
  id: 'harness/observe-programs',
  group: 'harness',
  title: 'random programs generated + run plain under the reference AsyncLocalStorage span tracer + checked (spans suite)',
  unit: 'program',
  ops: { plain: PROGRAMS, traced: PROGRAMS },
  samplesPerRound: 2,
  twin: 'the same programs generated and run plain, untraced, unchecked',
  async setup(): Promise<Twins> {
    const mod = (await import(pathToFileURL(REFERENCE).href)) as { createTracer: () => SpanTracer };
    const checkAll = async (): Promise<{ activations: number; violations: number; skipped: number }> => {
      let activations = 0;
      let violations = 0;
      let skipped = 0;
      for (const p of generate()) {
        try {
          const c = await checkSpanProgram(p, mod.createTracer, DEFAULT_POLICIES, new FifoScheduler());
          activations += c.tree.actual.length; // one line per activation
          violations += c.violations.length;
        } catch (error) {
          if (!(error instanceof ModelBudgetError || error instanceof ModelAmbiguityError)) throw error;
          skipped++; // as `check` skips it
        }
      }
      return { activations, violations, skipped };
    };
    return {
      plain: async () => {
        for (const p of generate()) sink += (await runPlainProgram(p, untraced, new FifoScheduler())).runtime.activations.size;
      },
      traced: async () => {
        sink += (await checkAll()).activations;
      },
      counters: async () => {
        const r = await checkAll();
        return { 'activations/program': r.activations / PROGRAMS, 'violations/program': r.violations / PROGRAMS, 'skipped/program': r.skipped / PROGRAMS };
      },
    };
  },
};

/** Observe mode's cases. */
export const OBSERVE_CASES: readonly BenchCase[] = [programs];

/** @internal */
export function observeSink(): number {
  return sink;
}
