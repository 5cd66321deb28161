import { LifecycleValidator } from '../../../src/check/lifecycle.ts';
import { ModelEqualityValidator } from '../../../src/check/model-equality.ts';
import { runValidators } from '../../../src/check/run.ts';
import { SeqValidator } from '../../../src/check/seq.ts';
import { StackBalanceValidator } from '../../../src/check/stack-balance.ts';
import { violation } from '../../../src/check/violation.ts';
import { Trace } from '../../../src/model/trace.ts';
import { MODEL_EVENT_BUDGET, ModelBudgetError, modelTrace } from '../../model/model.ts';
import { CPYTHON_PROFILE } from '../../model/profile-cpython.ts';
import { formatOutcome, type Program } from '../../program/ast.ts';
import { statementsOf } from '../../program/statements.ts';
import { ProgramError } from '../../program/validate.ts';
import type { TargetCheck } from '../../properties/program-property.ts';
import type { ProgramCheck } from '../js/check-program.ts';
import { formatVerdict } from '../process/verdict.ts';
import type { ProgramRunner } from '../process/runner.ts';
import { PYTHON_PRELUDE } from './prelude.ts';
import { renderPython } from './render.ts';
import { validateForPython } from './validate.ts';

/** Why the python suites skip a program. */
export const SKIP_NOT_PYTHON = 'the python target cannot express it';
/** Why the python suites skip a program: a statement the adapter's hello does not list. */
export const skipUnsupported = (op: string): string => `the adapter does not run "${op}" statements`;

/**
 * Runs a program in a process adapter for Python and judges its trace against the model's `cpython-3.12`
 * profile: stack balance, lifecycle (a `throw` may start an activation, as CPython records for a
 * never-started generator), seq, model equality and the outcome. The program is rendered from the
 * validated AST (PROTOCOL.md §6) and nothing else.
 *
 * @param program - a program; one the python target cannot express is skipped, not failed
 * @param runner - the adapter worker
 * @param id - the request id, unique per worker (e.g. `gen-17`)
 * @param supports - the statement kinds the adapter's hello lists; a program with another is skipped
 * @returns the verdict, or a skip with its reason
 * @throws only for a bug of the harness (never for what the adapter sends: that is a verdict)
 */
export async function checkPythonProgram(program: Program, runner: ProgramRunner, id: string, supports?: ReadonlySet<string>): Promise<TargetCheck> {
  let valid: Program;
  try {
    valid = validateForPython(program);
  } catch (error) {
    if (error instanceof ProgramError) return { skipped: SKIP_NOT_PYTHON };
    throw error;
  }
  if (supports !== undefined) {
    const op = statementsOf(valid).find((o) => !supports.has(o));
    if (op !== undefined) return { skipped: skipUnsupported(op) };
  }
  let expected;
  try {
    expected = modelTrace(valid, MODEL_EVENT_BUDGET, undefined, CPYTHON_PROFILE);
  } catch (error) {
    if (error instanceof ModelBudgetError) return { skipped: "over the model's event budget" };
    throw error;
  }
  const rendered = renderPython(valid);
  // The counterexample people read: the program's own functions; the fixed prelude is named, not repeated.
  const text = { language: 'python', text: `# (after the prelude of PROTOCOL.md §6: Tagged, _held, _spawn)\n${rendered.source.slice(PYTHON_PRELUDE.length).replace(/^\n+/, '')}` };
  const reply = await runner.run({ id, entry: rendered.entry, functions: rendered.functions, source: rendered.source });
  if (!reply.ok) {
    const line = formatVerdict(reply.verdict);
    const empty = Trace.fromEvents([], []);
    const v = violation(reply.verdict.rule, -1, -1, 0, 'a result for this program', line);
    const check: ProgramCheck = {
      ok: false,
      program: valid,
      expected,
      actual: { trace: empty, events: [], outcome: { kind: 'return' } },
      violations: [v],
      rendered: text,
      verdict: { rule: reply.verdict.rule, line, unusable: reply.verdict.unusable },
    };
    return check;
  }
  const trace = reply.trace;
  const violations = runValidators(trace, [
    new StackBalanceValidator(),
    new LifecycleValidator({ throwMayStart: CPYTHON_PROFILE.lifecycle.throwMayStart }),
    new SeqValidator(),
    new ModelEqualityValidator(expected.events),
  ]);
  const want = formatOutcome(expected.outcome);
  const got = formatOutcome(reply.outcome);
  if (want !== got) violations.push(violation('model/outcome', -1, -1, 0, `main to end with ${want}`, got));
  return { ok: violations.length === 0, program: valid, expected, actual: { trace, events: trace.canonical(), outcome: reply.outcome }, violations, rendered: text };
}
