import { formatOutcome, type Outcome, type Program } from '../program/ast.ts';
import { MODEL_EVENT_BUDGET, modelSpans } from '../model/model.ts';
import { expectedParent, type ModelActivation, type SpanModel } from '../model/span-model.ts';
import type { TaskScheduler } from '../targets/js/compile.ts';
import type { Act, SpanProblem } from './observe-runtime.ts';
import { runPlainProgram } from './run-plain.ts';
import { ALL_POLICIES, type ContextPolicies, formatPolicies, type SpanId, type SpanRecord, type SpanTracer } from './span-tracer.ts';
import { checkSpanRecords } from './span-records.ts';

/** The verdict on one program run in observe mode. */
export interface SpanCheck {
  readonly ok: boolean;
  readonly program: Program;
  readonly policies: ContextPolicies;
  /** Every problem: span tree (`span/*`), active context (`context/active`), the tracer's contract (`tracer/*`), outcome (`model/*`). */
  readonly violations: readonly SpanProblem[];
  /** The order the scheduler released ticks. */
  readonly schedule: string;
  /** Expected vs actual span tree, one line per activation (`1.2 g3: parent 1 main, ended`), for the report. */
  readonly tree: { readonly expected: readonly string[]; readonly actual: readonly string[] };
  /** Other policies under which the span tree matches, when the declared ones do not ("your tracer behaves as ..."). */
  readonly fits: readonly ContextPolicies[];
  /** True when the run could not be used at all (a tracer fault at setup): the module is unusable. */
  readonly unusable: boolean;
}

/**
 * Runs a program plain under a fresh span tracer and compares what it recorded with the span-tree model
 * (README "Span tracers"): one span per activation that ran, named after its function, whose parent is the
 * span of the activation current where it started (generators: by the declared policy), ended exactly once
 * when its body finished (never while the activation is still suspended, never before its body finished);
 * the active span at every call-out; arguments, results and errors passed through; `main`'s outcome.
 *
 * @param program - a program (validated)
 * @param createTracer - a fresh tracer per call
 * @param policies - the tracer's declared policies
 * @param scheduler - releases the program's ticks
 * @throws {@link ProgramError} for an invalid program; {@link ModelBudgetError} for one too large to model
 */
export async function checkSpanProgram(program: Program, createTracer: () => SpanTracer, policies: ContextPolicies, scheduler: TaskScheduler): Promise<SpanCheck> {
  const model = modelSpans(program, MODEL_EVENT_BUDGET);
  const tracer = createTracer();
  const run = await runPlainProgram(program, tracer, scheduler);
  const violations: SpanProblem[] = [...run.runtime.problems];
  const closed = closeTracer(tracer);
  if (closed !== undefined) violations.push(closed);
  const schedule = String(scheduler);
  if (run.fault !== undefined) violations.push(run.fault);
  const unusable = run.fault !== undefined && run.outcome === undefined && run.spans.length === 0 && run.runtime.activations.size === 0;
  const records = checkSpanRecords(run.spans);
  violations.push(...records);
  if (records.length === 0 && run.outcome !== undefined) {
    compareOutcome(model.outcome, run.outcome, program.functions[0]!.kind === 'async', violations);
    const acts = run.runtime.activations;
    const parents = treeViolations(model.spans, acts, run.spans, policies);
    violations.push(...parents, ...lifecycleViolations(model.spans, acts, run.spans));
    for (const s of run.runtime.strays) violations.push({ rule: 'span/extra', message: `span ${JSON.stringify(run.spans[s.index]?.id)} "${run.spans[s.index]?.name}" was started outside any traced call (noticed at ${s.where})` });
    const fits = parents.length === 0 ? [] : ALL_POLICIES.filter((p) => formatPolicies(p) !== formatPolicies(policies) && treeViolations(model.spans, acts, run.spans, p).length === 0);
    return { ok: violations.length === 0, program, policies, violations, schedule, tree: trees(model.spans, acts, run.spans, policies), fits, unusable };
  }
  return { ok: violations.length === 0, program, policies, violations, schedule, tree: trees(model.spans, run.runtime.activations, run.spans, policies), fits: [], unusable };
}

function compareOutcome(want: Outcome, got: Outcome, isAsync: boolean, out: SpanProblem[]): void {
  // An async entry's rejection tag may depend on the schedule (which Promise.all branch rejects first).
  const same = isAsync ? want.kind === got.kind : formatOutcome(want) === formatOutcome(got);
  if (!same) out.push({ rule: 'model/outcome', message: `main to end with ${formatOutcome(want)}, got ${formatOutcome(got)}` });
}

/** Missing, extra and misnamed spans, and parents: what a policy decides. */
function treeViolations(model: SpanModel, acts: ReadonlyMap<string, Act>, spans: readonly SpanRecord[], policies: ContextPolicies): SpanProblem[] {
  const out: SpanProblem[] = [];
  const policy = { generator: policies['generator-context'], asyncGenerator: policies['async-generator-context'] };
  const idOf = (key: string): SpanId | undefined => {
    const i = acts.get(key)?.spans[0];
    return i === undefined ? undefined : spans[i]?.id;
  };
  for (const a of model.activations.values()) {
    const act = acts.get(a.key);
    if (act === undefined) {
      out.push({ rule: 'model/activation-missing', message: `${a.name} (${a.key}) was never invoked: the program did not run as written` });
      continue;
    }
    const mine = act.spans.map((i) => spans[i]!);
    const mustHave = a.status === 'finished' || a.status === 'suspended';
    if (mine.length === 0) {
      if (mustHave) out.push({ rule: 'span/missing', message: `${a.name} (${a.key}) ran but no span was started for it` });
      continue;
    }
    if (mine.length > 1) out.push({ rule: 'span/duplicate', message: `${a.name} (${a.key}) has ${mine.length} spans: ${mine.map((s) => JSON.stringify(s.id)).join(', ')}` });
    const span = mine[0]!;
    if (span.name !== a.name) out.push({ rule: 'span/name', message: `the span of ${a.name} (${a.key}) is named ${JSON.stringify(span.name)}` });
    const parentKey = expectedParent(a, policy);
    const want = parentKey === '' ? undefined : idOf(parentKey);
    if (parentKey !== '' && want === undefined) continue; // the parent has no span: reported there
    const got = span.parentId ?? undefined;
    if (got !== want) out.push({ rule: 'span/parent', message: `the span of ${a.name} (${a.key}): parent want ${describe(parentKey, model)}, got ${describeId(got, acts, spans)}` });
  }
  for (const act of acts.values()) {
    if (!model.activations.has(act.key)) out.push({ rule: 'model/activation-extra', message: `${act.name} (${act.key}) was invoked, the model has no such call` });
  }
  return out;
}

/** Ends: exactly once when finished, never while suspended. */
function lifecycleViolations(model: SpanModel, acts: ReadonlyMap<string, Act>, spans: readonly SpanRecord[]): SpanProblem[] {
  const out: SpanProblem[] = [];
  for (const a of model.activations.values()) {
    const i = acts.get(a.key)?.spans[0];
    if (i === undefined) continue;
    const ended = spans[i]!.ended;
    if (ended > 1) out.push({ rule: 'span/ended-twice', message: `the span of ${a.name} (${a.key}) was ended ${ended} times` });
    else if (ended === 0 && (a.status === 'finished' || a.status === 'closed')) {
      out.push({ rule: 'span/not-ended', message: `the span of ${a.name} (${a.key}) was never ended, yet its ${a.kind} ${a.status === 'closed' ? 'was closed before it started' : 'finished'}` });
    } else if (ended === 1 && (a.status === 'suspended' || a.status === 'unstarted')) {
      out.push({ rule: 'span/ended-early', message: `the span of ${a.name} (${a.key}) was ended while its ${a.kind} is still ${a.status === 'unstarted' ? 'unstarted' : 'suspended'} at the end of the run` });
    }
  }
  return out;
}

function describe(key: string, model: SpanModel): string {
  if (key === '') return 'no parent (a root span)';
  const a = model.activations.get(key);
  return `the span of ${a?.name ?? '?'} (${key})`;
}

function describeId(id: SpanId | undefined, acts: ReadonlyMap<string, Act>, spans: readonly SpanRecord[]): string {
  if (id === undefined) return 'no parent (a root span)';
  for (const a of acts.values()) {
    const i = a.spans[0];
    if (i !== undefined && spans[i]?.id === id) return `the span of ${a.name} (${a.key})`;
  }
  return `span ${JSON.stringify(id)}`;
}

/** One line per activation: key, name, parent, end state — the model's and the tracer's. */
function trees(model: SpanModel, acts: ReadonlyMap<string, Act>, spans: readonly SpanRecord[], policies: ContextPolicies): SpanCheck['tree'] {
  const policy = { generator: policies['generator-context'], asyncGenerator: policies['async-generator-context'] };
  const expected = [...model.activations.values()].map((a: ModelActivation) => {
    const p = expectedParent(a, policy);
    const span = a.status === 'unstarted' || a.status === 'closed' ? 'span optional' : 'span';
    const end = a.status === 'finished' || a.status === 'closed' ? 'ended once' : 'open';
    return `${a.key} ${a.name}: ${span}, parent ${p === '' ? '-' : p}, ${end}`;
  });
  const keyOf = new Map<SpanId, string>();
  for (const a of acts.values()) for (const i of a.spans) if (spans[i] !== undefined) keyOf.set(spans[i]!.id, a.key);
  const actual = [...acts.values()].map((a) => {
    if (a.spans.length === 0) return `${a.key} ${a.name}: no span`;
    const s = spans[a.spans[0]!]!;
    const parent = s.parentId === undefined || s.parentId === null ? '-' : (keyOf.get(s.parentId) ?? `span ${JSON.stringify(s.parentId)}`);
    return `${a.key} ${a.name}: span ${JSON.stringify(s.name)}, parent ${parent}, ${s.ended === 0 ? 'open' : s.ended === 1 ? 'ended once' : `ended ${s.ended} times`}`;
  });
  return { expected, actual };
}

/** Calls the tracer's optional `close()` once its spans have been read; a throw is `tracer/close-threw`. */
function closeTracer(tracer: SpanTracer): SpanProblem | undefined {
  if (typeof tracer.close !== 'function') return undefined;
  try {
    tracer.close();
    return undefined;
  } catch (error) {
    return { rule: 'tracer/close-threw', message: `close() threw ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}` };
  }
}
