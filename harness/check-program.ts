import { LifecycleValidator } from '../src/check/lifecycle.ts';
import { ModelEqualityValidator } from '../src/check/model-equality.ts';
import { runValidators } from '../src/check/run.ts';
import { SeqValidator } from '../src/check/seq.ts';
import { StackBalanceValidator } from '../src/check/stack-balance.ts';
import { type Violation, violation } from '../src/check/violation.ts';
import type { CanonicalEvent } from '../src/model/event.ts';
import type { Trace } from '../src/model/trace.ts';
import type { TracerUnderTest } from '../src/recorder/tracer.ts';
import { formatOutcome, type Outcome, type Program } from './ast.ts';
import { compileProgram } from './compile.ts';
import { type ModelResult, modelTrace } from './model.ts';

/** Makes a fresh tracer for one program run. */
export type TracerFactory = () => TracerUnderTest;

/** The verdict on one program run under a tracer. */
export interface ProgramCheck {
  /** True when no validator found a violation and the outcome matched the model. */
  readonly ok: boolean;
  readonly program: Program;
  /** The model's prediction. */
  readonly expected: ModelResult;
  /** What the tracer recorded and how the program ended. */
  readonly actual: { readonly trace: Trace; readonly events: CanonicalEvent[]; readonly outcome: Outcome };
  /** Every violation: stack balance, lifecycle, seq, model equality, outcome. */
  readonly violations: Violation[];
}

/**
 * Runs a program for real under a fresh tracer and judges the trace: stack balance, lifecycle, seq
 * (DESIGN §4 invariants 1, 2, 6) and equality with the model's trace (invariant 3), plus the outcome.
 *
 * @param program - a program (validated before it is compiled)
 * @param createTracer - a fresh tracer per call
 * @throws {@link ProgramError} for an invalid program; {@link ModelBudgetError} for one whose trace
 *   exceeds the model's budget
 */
export function checkProgram(program: Program, createTracer: TracerFactory): ProgramCheck {
  const expected = modelTrace(program);
  const run = compileProgram(program)(createTracer());
  const trace = run.trace;
  const violations = runValidators(trace, [
    new StackBalanceValidator(),
    new LifecycleValidator(),
    new SeqValidator(),
    new ModelEqualityValidator(expected.events),
  ]);
  const want = formatOutcome(expected.outcome);
  const got = formatOutcome(run.outcome);
  if (want !== got) violations.push(violation('model/outcome', -1, -1, 0, `main to end with ${want}`, got));
  return { ok: violations.length === 0, program, expected, actual: { trace, events: trace.canonical(), outcome: run.outcome }, violations };
}
