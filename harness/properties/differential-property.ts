import fc from 'fast-check';
import type { CanonicalEvent } from '../../src/model/event.ts';
import { EventFlag, EventKind, kindName } from '../../src/model/kinds.ts';
import { Tracer } from '../../src/recorder/tracer.ts';
import { ModelBudgetError } from '../model/model.ts';
import { formatOutcome, type Program } from '../program/ast.ts';
import { pythonPrograms } from './python-property.ts';
import { shrinkFailure, type TargetCheck } from './program-property.ts';
import { checkProgram, type ProgramCheck } from '../targets/js/check-program.ts';
import type { ProgramRunner } from '../targets/process/runner.ts';
import { checkPythonProgram } from '../targets/python/check-program.ts';

/**
 * The documented differences between the `js` and `cpython-3.12` profiles (README "Semantics"), keyed by
 * the first place the two predicted traces part ({@link divergence}).
 */
export const DOCUMENTED_DIFFERENCES: Readonly<Record<string, string>> = {
  'resume(return) / throw, same activation': 'finish early: JS return() resumes with a return completion, CPython close() throws GeneratorExit in',
  'return / unwind, same activation': 'finish early: the GeneratorExit of close() leaves the frame (unwind), where JS return() returns',
  'throw / throw, another activation': 'throw() through yield* / yield from: JS enters the outer frame first, CPython the innermost',
  'resume(return) / throw, another activation': 'finish early through yield from: CPython closes the inner generator first',
  'throw into a new activation': 'throw() into a never-started generator: CPython records throw and unwind with no call; JS records nothing',
  'yield / unwind, same activation': 'finish early: a close() that the generator answers with a yield raises RuntimeError in CPython; JS return() just yields',
  'outcome throw TypeError / throw ValueError': 're-entering a running generator: TypeError in JS, ValueError in CPython',
  'outcome return / throw RuntimeError': 'close() answered with a yield raises RuntimeError in CPython',
};

/** What {@link runDifferentialProperty} found. */
export interface DifferentialReport {
  readonly runs: number;
  readonly seed: number;
  readonly elapsedMs: number;
  /** Programs whose JS and CPython traces are the same. */
  readonly agreed: number;
  /** Programs skipped (not expressible in Python, unsupported by the adapter, over the model's budget). */
  readonly skipped: number;
  /** Programs whose traces differ, by where they part ({@link divergence}); documented keys are in {@link DOCUMENTED_DIFFERENCES}. */
  readonly differences: ReadonlyMap<string, { count: number; example: Program }>;
  /** A program where a real run disagrees with its own profile's model: the recorder, CPython or the adapter, or a model, is wrong. */
  readonly failure?: { readonly side: 'js' | 'python'; readonly check: ProgramCheck };
}

/**
 * The differential oracle (issue 11): the same random programs run under this package's JS recorder and
 * under the CPython adapter. Each run must match its own profile's model (else the failure names the side:
 * the JS recorder or the adapter/CPython); where the two traces differ, the place they part is counted, and
 * every such place must be a documented profile difference (an undocumented one fails the property: a bug in
 * one of the two models).
 *
 * @param runs - programs of the generators suite, >= 1
 * @param seed - fast-check seed, a 32-bit integer: the same seed gives the same programs
 * @param runner - the adapter worker
 * @param supports - statement kinds the adapter runs; a program with another is skipped
 * @returns the counts, the differences by where the traces part (each with an example program), and the
 *   first failure (shrunk, unless it is an adapter verdict, which is reported as it came)
 * @throws RangeError when `runs` is not a positive integer
 */
export async function runDifferentialProperty(runs: number, seed: number, runner: ProgramRunner, supports?: ReadonlySet<string>): Promise<DifferentialReport> {
  if (!(Number.isInteger(runs) && runs >= 1)) throw new RangeError(`runDifferentialProperty: runs must be a positive integer, got ${runs}`);
  const started = performance.now();
  const programs = fc.sample(pythonPrograms('generators'), { numRuns: runs, seed });
  let agreed = 0;
  let skipped = 0;
  const differences = new Map<string, { count: number; example: Program }>();
  let n = 0;
  for (const program of programs) {
    let js: ProgramCheck;
    try {
      js = checkProgram(program, () => new Tracer());
    } catch (error) {
      if (!(error instanceof ModelBudgetError)) throw error;
      skipped++;
      continue;
    }
    const py = await checkPythonProgram(program, runner, `diff-${++n}`, supports);
    if ('skipped' in py) {
      skipped++;
      continue;
    }
    const done = { runs: n, seed, elapsedMs: performance.now() - started, agreed, skipped, differences };
    if (!js.ok) return { ...done, failure: { side: 'js', check: await shrunk(js, async (p) => checkProgram(p, () => new Tracer())) } };
    // An adapter verdict (no trace came back) is reported as it is: shrinking would pay for it again per step.
    if (!py.ok) return { ...done, failure: { side: 'python', check: py.verdict !== undefined ? py : await shrunk(py, async (p) => checkPythonProgram(p, runner, `diff-${++n}`, supports)) } };
    const key = divergence(js.expected.events, py.expected.events, formatOutcome(js.expected.outcome), formatOutcome(py.expected.outcome));
    if (key === undefined) agreed++;
    else {
      const d = differences.get(key);
      if (d === undefined) differences.set(key, { count: 1, example: program });
      else d.count++;
    }
  }
  return { runs: n, seed, elapsedMs: performance.now() - started, agreed, skipped, differences };
}

/** The smallest program that still fails the same side's check (skips, verdicts and budget overruns count as not failing). */
async function shrunk(failing: ProgramCheck, check: (p: Program) => Promise<TargetCheck>): Promise<ProgramCheck> {
  return shrinkFailure(failing, async (p) => {
    try {
      const r = await check(p);
      return 'skipped' in r || r.verdict !== undefined ? undefined : r;
    } catch (error) {
      if (error instanceof ModelBudgetError) return undefined;
      throw error;
    }
  });
}

/**
 * Where two predicted traces first part: `"throw into a new activation"` when Python's first different event
 * is a `throw` that starts an activation, else `"<js event> / <python event>, same activation | another
 * activation | a new activation"` (kinds only, `resume(return)` for a return-completion resume, `end` past
 * the last event), or `"outcome <js> / <python>"` when only the outcomes differ; undefined when they agree.
 * @internal
 */
export function divergence(js: readonly CanonicalEvent[], py: readonly CanonicalEvent[], jsOutcome: string, pyOutcome: string): string | undefined {
  const len = Math.max(js.length, py.length);
  for (let i = 0; i < len; i++) {
    const a = js[i];
    const b = py[i];
    if (a !== undefined && b !== undefined && a.kind === b.kind && a.activation === b.activation && a.code === b.code && a.flags === b.flags) continue;
    const name = (e: CanonicalEvent | undefined): string => (e === undefined ? 'end' : `${kindName(e.kind)}${(e.flags & EventFlag.ReturnCompletion) !== 0 ? '(return)' : ''}`);
    // Activations are numbered first-seen, so a Python activation the JS trace has not got may share a number.
    const fresh = b !== undefined && !py.slice(0, i).some((e) => e.activation === b.activation);
    if (fresh && b.kind === EventKind.Throw) return 'throw into a new activation';
    const where = fresh ? 'a new activation' : a !== undefined && b !== undefined && a.activation === b.activation ? 'same activation' : 'another activation';
    return `${name(a)} / ${name(b)}, ${where}`;
  }
  return jsOutcome === pyOutcome ? undefined : `outcome ${jsOutcome} / ${pyOutcome}`;
}
