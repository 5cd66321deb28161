import { LifecycleValidator } from '../../src/check/lifecycle.ts';
import { formatCanonical } from '../../src/formats/text.ts';
import type { CanonicalEvent } from '../../src/model/event.ts';
import { modelTrace } from '../model/model.ts';
import { CPYTHON_PROFILE } from '../model/profile-cpython.ts';
import { formatOutcome, type Outcome, type Program } from '../program/ast.ts';
import type { ProgramRunner } from '../targets/process/runner.ts';
import { checkPythonProgram } from '../targets/python/check-program.ts';
import { validateForPython } from '../targets/python/validate.ts';
import { type GoldenFiles, GoldenInputError, type GoldenResult, negative, normalize, parseCanonicalOrThrow as parse, readProgram, validatorFor } from './golden.ts';

/** The `# profile:` header of every Python golden. */
export const PYTHON_GOLDEN_PROFILE = CPYTHON_PROFILE.name;

/**
 * Renders a Python golden trace: `program`, `expect`, `profile` and `outcome` header lines, then canonical events.
 * @param name - the program's name
 * @param outcome - how main ended (`throw <tag>`, or a CPython exception class such as `throw ValueError`)
 * @param events - the trace in canonical form
 */
export function renderPythonGolden(name: string, outcome: Outcome, events: readonly CanonicalEvent[]): string {
  return formatCanonical(events, new Map([['program', name], ['expect', 'PASS'], ['profile', PYTHON_GOLDEN_PROFILE], ['outcome', formatOutcome(outcome)]]));
}

/**
 * Runs the Python golden corpus (`golden/python/`, issue 11): every program's hand-derived trace must be
 * reproduced byte for byte by the model's `cpython-3.12` profile and, when a runner is given, by the
 * adapter's real run; every trace must be referenced by a program; every negative golden must be rejected
 * with its rule (lifecycle with `throwMayStart`, as the profile allows).
 *
 * @param files - the corpus contents (`regressions` is not read)
 * @param runner - the adapter worker; without one, only the model and the negatives are checked
 * @param supports - statement kinds the adapter runs (its hello); a golden with another is skipped, said so
 * @returns one result per golden
 * @throws {@link GoldenInputError} for a program that is not valid for the python target, a trace that
 *   does not parse, or a header that is missing or wrong
 */
export async function runPythonGoldens(files: GoldenFiles, runner?: ProgramRunner, supports?: ReadonlySet<string>): Promise<GoldenResult[]> {
  const results: GoldenResult[] = [];
  for (const [name, text] of [...files.programs].sort(([a], [b]) => (a < b ? -1 : 1))) {
    results.push(await positive(name, readProgram(`programs/${name}.json`, text, validateForPython), files.traces.get(name), runner, supports));
  }
  for (const name of [...files.traces.keys()].sort()) {
    if (!files.programs.has(name)) results.push({ file: `traces/${name}.trace`, kind: 'positive', ok: false, problem: `unreferenced golden: no programs/${name}.json` });
  }
  for (const [name, text] of [...files.negatives].sort(([a], [b]) => (a < b ? -1 : 1))) results.push(negative(`negative/${name}.trace`, text, lifecycleWithProfile));
  return results;
}

async function positive(name: string, program: Program, stored: string | undefined, runner: ProgramRunner | undefined, supports: ReadonlySet<string> | undefined): Promise<GoldenResult> {
  const file = `traces/${name}.trace`;
  const model = modelTrace(program, undefined, undefined, CPYTHON_PROFILE);
  const modelled = renderPythonGolden(name, model.outcome, model.events);
  if (stored === undefined) return { file, kind: 'positive', ok: false, problem: 'missing golden', produced: modelled };
  const header = parse(file, stored).header;
  for (const [key, want] of [['program', name], ['expect', 'PASS'], ['profile', PYTHON_GOLDEN_PROFILE]]) {
    if (header.get(key!) !== want) throw new GoldenInputError(file, `want header "# ${key}: ${want}", got ${JSON.stringify(header.get(key!) ?? null)}`);
  }
  const want = normalize(stored);
  if (normalize(modelled) !== want) return { file, kind: 'positive', ok: false, problem: "the model's trace differs from the golden", stored, produced: modelled };
  if (runner === undefined) return { file, kind: 'positive', ok: true, stored };
  // The run is the generators suite's check: the same rendering, validators and model comparison.
  const check = await checkPythonProgram(program, runner, `golden-${name}`, supports);
  if ('skipped' in check) return { file, kind: 'positive', ok: true, stored, skipped: true };
  if (check.verdict !== undefined) return { file, kind: 'positive', ok: false, problem: check.verdict.line, stored, unusable: check.verdict.unusable };
  const produced = renderPythonGolden(name, check.actual.outcome, check.actual.events);
  if (normalize(produced) !== want) return { file, kind: 'positive', ok: false, problem: "the adapter's trace differs from the golden", stored, produced, violations: check.violations };
  if (!check.ok) return { file, kind: 'positive', ok: false, problem: `${check.violations.length} violation(s) of stack balance, lifecycle or seq`, stored, produced, violations: check.violations };
  return { file, kind: 'positive', ok: true, stored, produced };
}

/** The validator of a negative Python golden's rule: lifecycle as the `cpython-3.12` profile allows it. */
function lifecycleWithProfile(rule: string): ReturnType<typeof validatorFor> {
  return rule.startsWith('lifecycle/') ? new LifecycleValidator({ requireClosed: true, throwMayStart: CPYTHON_PROFILE.lifecycle.throwMayStart }) : validatorFor(rule);
}
