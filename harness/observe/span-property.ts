import type { Shard } from '../properties/shard.ts';
import { programArbitrary } from '../program/arbitrary.ts';
import type { Program } from '../program/ast.ts';
import { ModelAmbiguityError, ModelBudgetError } from '../model/model.ts';
import { runProgramProperty, type ProgramPropertyReport } from '../properties/program-property.ts';
import { checkSpanProgram, type SpanCheck } from './check-span-program.ts';
import { resolvePolicies, type ContextPolicies, type SpanTracer } from './span-tracer.ts';

/** Options of {@link runSpanProperty}. */
export interface SpanPropertyOptions {
  /** Random programs, >= 1. */
  readonly runs: number;
  /** fast-check seed; random when omitted. */
  readonly seed?: number;
  /** fast-check replay path of a counterexample. */
  readonly path?: string;
  /** A fresh span tracer per program. */
  readonly createTracer: () => SpanTracer;
  /** The tracer's declared policies; missing fields take the defaults (`creation`). */
  readonly policies?: Partial<ContextPolicies>;
  /** Called after each program with the number run so far. */
  readonly onProgress?: (done: number) => void;
  /** Check only this shard's programs (`--shard`). @defaultValue every program */
  readonly shard?: Shard;
}

/**
 * The observe-mode property (issue 12): random programs of sync, generator, async and async generator
 * functions with callbacks, handed-off generators, `for await` loops left early, combinators and thenables,
 * each compiled plain, run under a fresh span tracer with its ticks released by `fc.scheduler`, and judged
 * by {@link checkSpanProgram} against the span-tree model under the declared policies. A failure shrinks
 * to a small program, printed with its schedule.
 *
 * @returns the report of {@link runProgramProperty}: runs, seed, programs/s, the shrunk failure
 * @throws TypeError for bad policies; RangeError for bad runs or seed
 */
export async function runSpanProperty(options: SpanPropertyOptions): Promise<ProgramPropertyReport<SpanCheck>> {
  const policies = resolvePolicies(options.policies);
  return runProgramProperty<SpanCheck>({
    runs: options.runs,
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
    ...(options.path !== undefined ? { path: options.path } : {}),
    programs: spanPrograms(),
    check: async (program: Program, scheduler) => {
      try {
        return await checkSpanProgram(program, options.createTracer, policies, scheduler);
      } catch (error) {
        if (error instanceof ModelBudgetError) return { skipped: 'over the model budget' };
        if (error instanceof ModelAmbiguityError) return { skipped: 'a race the schedule decides' };
        throw error;
      }
    },
    // A tracer that cannot wrap a function fails every program the same way: no shrinking.
    fatal: (c) => c.unusable,
    ...(options.onProgress !== undefined ? { onProgress: options.onProgress } : {}),
    ...(options.shard !== undefined ? { shard: options.shard } : {}),
  });
}

/** The programs of the observe suite: async entries, every function kind, observe-only statements on. */
export function spanPrograms(): ReturnType<typeof programArbitrary> {
  return programArbitrary({ entry: 'async', observe: true, events: true });
}
