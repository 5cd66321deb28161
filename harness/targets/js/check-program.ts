import { LifecycleValidator } from '../../../src/check/lifecycle.ts';
import { ModelEqualityValidator } from '../../../src/check/model-equality.ts';
import { runValidators } from '../../../src/check/run.ts';
import { SeqValidator } from '../../../src/check/seq.ts';
import { WakeCausalityValidator } from '../../../src/check/wake-causality.ts';
import { StackBalanceValidator } from '../../../src/check/stack-balance.ts';
import { type Violation, violation } from '../../../src/check/violation.ts';
import type { CanonicalEvent } from '../../../src/model/event.ts';
import { Trace } from '../../../src/model/trace.ts';
import type { TracerUnderTest } from '../../../src/recorder/tracer.ts';
import { formatOutcome, type Outcome, type Program } from '../../program/ast.ts';
import { sequenceMatches, sequencesByPath } from '../../program/activation-paths.ts';
import { compileAsyncProgram, compileProgram, isAsyncProgram, type RunResult, type TaskScheduler } from './compile.ts';
import { createChecked, TracerFault, UNUSABLE_RULES } from './tracer-guard.ts';
import { MODEL_EVENT_BUDGET, type ModelResult, modelTrace } from '../../model/model.ts';
import type { ModelRedaction } from '../../model/model-payload.ts';

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
  /** For a program with async functions: the order the scheduler released its ticks. */
  readonly schedule?: string;
  /** The program as another target ran it (the counterexample to print): `{ language: 'python', text }`. */
  readonly rendered?: { readonly language: string; readonly text: string };
  /**
   * No trace came back, one line: a process adapter's failure on this program (PROTOCOL.md §4), or a
   * tracer under test that could not run it (a `tracer/` rule, see {@link TracerFault}).
   */
  readonly verdict?: { readonly rule: string; readonly line: string; readonly unusable: boolean };
}

/** The check of a program a tracer under test could not run: one violation, its verdict, no trace. */
function faultCheck(program: Program, expected: ModelResult, fault: TracerFault): ProgramCheck {
  const v = violation(fault.rule, -1, -1, 0, fault.expected, fault.found);
  const trace = Trace.fromEvents([], []);
  const verdict = { rule: fault.rule, line: `${fault.rule}: ${v.message}`, unusable: UNUSABLE_RULES.has(fault.rule) };
  return { ok: false, program, expected, actual: { trace, events: [], outcome: { kind: 'return' } }, violations: [v], verdict };
}

/**
 * Runs a program for real under a fresh tracer and judges the trace: stack balance, lifecycle, seq
 * (DESIGN §4 invariants 1, 2, 6) and equality with the model's trace (invariant 3), plus the outcome,
 * and that every sync function's wrapper hands back what the function returned or threw. A tracer that
 * cannot run the program (its factory, `trace` or `snapshot` throws or returns the wrong kind of value)
 * gets a check with a `tracer/` verdict, not an exception.
 *
 * @param program - a program (validated before it is compiled)
 * @param createTracer - a fresh tracer per call
 * @param redaction - the redaction rules the tracer applies to payloads (the model applies them too)
 * @throws {@link ProgramError} for an invalid program; {@link ModelBudgetError} for one whose trace
 *   exceeds the model's budget
 */
export function checkProgram(program: Program, createTracer: TracerFactory, redaction?: ModelRedaction): ProgramCheck {
  const expected = modelTrace(program, MODEL_EVENT_BUDGET, redaction);
  const compiled = compileProgram(program);
  let run: RunResult;
  try {
    run = compiled(createChecked(createTracer));
  } catch (error) {
    if (error instanceof TracerFault) return faultCheck(program, expected, error);
    throw error;
  }
  const trace = run.trace;
  const violations = runValidators(trace, [
    new StackBalanceValidator(),
    new LifecycleValidator(),
    new SeqValidator(),
    new ModelEqualityValidator(expected.events),
  ]);
  violations.push(...(run.faults ?? []));
  const want = formatOutcome(expected.outcome);
  const got = formatOutcome(run.outcome);
  if (want !== got) violations.push(violation('model/outcome', -1, -1, 0, `main to end with ${want}`, got));
  return { ok: violations.length === 0, program, expected, actual: { trace, events: trace.canonical(), outcome: run.outcome }, violations };
}

/**
 * Runs a program with async functions under a fresh tracer, its ticks released by `scheduler`, and
 * judges it: stack balance, lifecycle and seq over the whole trace, and each activation's own event
 * sequence against the model's (activations matched by their call path, see `ActivationPaths`), because
 * the global interleaving of native promises is the runtime's, not the model's. Outcomes are compared by
 * kind (which rejection wins a `Promise.all` depends on the schedule). A program without async functions
 * is checked exactly as {@link checkProgram} does; so is a tracer that cannot run it (a `tracer/` verdict).
 *
 * @param program - a program (validated before it is compiled)
 * @param createTracer - a fresh tracer per call
 * @param scheduler - releases the program's timer ticks
 * @param redaction - the redaction rules the tracer applies to payloads (the model applies them too)
 * @throws {@link ProgramError}, {@link ModelBudgetError}, {@link ModelAmbiguityError}
 */
export async function checkAnyProgram(program: Program, createTracer: TracerFactory, scheduler: TaskScheduler, redaction?: ModelRedaction): Promise<ProgramCheck> {
  if (!isAsyncProgram(program)) return checkProgram(program, createTracer, redaction);
  const expected = modelTrace(program, MODEL_EVENT_BUDGET, redaction);
  const compiled = compileAsyncProgram(program);
  let run: RunResult;
  try {
    run = await compiled(createChecked(createTracer), scheduler);
  } catch (error) {
    if (error instanceof TracerFault) return faultCheck(program, expected, error);
    throw error;
  }
  const trace = run.trace;
  const events = trace.canonical();
  const violations = runValidators(trace, [new StackBalanceValidator(), new LifecycleValidator(), new SeqValidator(), new WakeCausalityValidator()]);
  violations.push(...(run.faults ?? []));
  const want = sequencesByPath(expected.events);
  const got = sequencesByPath(events);
  for (const [path, seq] of want) {
    const actual = got.get(path);
    if (actual === undefined) violations.push(violation('model/activation-missing', -1, -1, 0, `activation ${path}: ${seq.join(', ')}`, 'no such activation'));
    else if (!sequenceMatches(seq, actual)) violations.push(violation('model/activation-mismatch', -1, -1, 0, `activation ${path}: ${seq.join(', ')}`, actual.join(', ')));
  }
  for (const [path, seq] of got) {
    if (!want.has(path)) violations.push(violation('model/activation-extra', -1, -1, 0, `no activation ${path}`, seq.join(', ')));
  }
  for (const e of run.exactness ?? []) violations.push(violation('exact/current-frame', -1, -1, 0, e.slice(e.indexOf('want ') + 5, e.indexOf(', got ')), `${e.slice(e.indexOf(', got ') + 6)} (at ${e.slice(0, e.indexOf(':'))})`));
  if (expected.outcome.kind !== run.outcome.kind) {
    violations.push(violation('model/outcome', -1, -1, 0, `main to end with ${formatOutcome(expected.outcome)}`, formatOutcome(run.outcome)));
  }
  return { ok: violations.length === 0, program, expected, actual: { trace, events, outcome: run.outcome }, violations, schedule: String(scheduler) };
}
