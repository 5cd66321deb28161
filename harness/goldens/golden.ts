import { LifecycleValidator } from '../../src/check/lifecycle.ts';
import { runValidators } from '../../src/check/run.ts';
import { StackBalanceValidator } from '../../src/check/stack-balance.ts';
import { WakeCausalityValidator } from '../../src/check/wake-causality.ts';
import { ExactnessValidator } from '../../src/check/exactness.ts';
import type { Validator, Violation } from '../../src/check/violation.ts';
import { formatCanonical, parseCanonical } from '../../src/formats/text.ts';
import type { CanonicalEvent } from '../../src/model/event.ts';
import type { CanonicalOpen } from '../../src/model/trace.ts';
import { OpenSet } from '../../src/recorder/open-set.ts';
import { TraceFormatError } from '../../src/model/errors.ts';
import { EventKind, hasPeer } from '../../src/model/kinds.ts';
import { Tracer } from '../../src/recorder/tracer.ts';
import { WireRecording } from '../../src/recorder/wire-recording.ts';
import { checkRecoverable, chunkEnds } from '../../src/assert/expect-recoverable.ts';
import { readWire } from '../../src/wire/reader.ts';
import { MemorySink } from '../../src/wire/sink.ts';
import { formatOutcome, type Outcome, type Program } from '../program/ast.ts';
import { checkAnyProgram, checkProgram, type ProgramCheck, type TracerFactory } from '../targets/js/check-program.ts';
import { compileProgram, isAsyncProgram } from '../targets/js/compile.ts';
import { modelTrace } from '../model/model.ts';
import type { ModelRedaction } from '../model/model-payload.ts';
import { checkRetention } from '../properties/retention-property.ts';
import { FifoScheduler } from '../targets/js/scheduler.ts';
import { validateProgram } from '../program/validate.ts';
import { methodsOf, missingMethods, needText, type OptionalMethod } from '../targets/js/tracer-methods.ts';

/**
 * The golden corpus as file contents, keyed by name (file name without extension):
 * `programs/NAME.json` (program AST), `traces/NAME.trace` (canonical text with a `PASS` header),
 * `negative/NAME.trace` (malformed traces with a `FAIL <rule>` header) and `regressions/NAME.json`
 * (failing programs once found by property runs, replayed first).
 */
export interface GoldenFiles {
  readonly programs: ReadonlyMap<string, string>;
  readonly traces: ReadonlyMap<string, string>;
  readonly negatives: ReadonlyMap<string, string>;
  readonly regressions: ReadonlyMap<string, string>;
}

/** A golden file that cannot be read as what it claims to be: an input error (exit 2), not a failure. */
export class GoldenInputError extends Error {
  override readonly name = 'GoldenInputError';
  /**
   * @param file - path relative to the golden directory, e.g. `programs/gen-basic.json`
   * @param detail - what is wrong
   */
  constructor(
    readonly file: string,
    detail: string,
  ) {
    super(`${file}: ${detail}`);
  }
}

/** The verdict on one golden. */
export interface GoldenResult {
  /** Relative path of the golden, e.g. `traces/gen-basic.trace`. */
  readonly file: string;
  readonly kind: 'positive' | 'negative' | 'regression';
  readonly ok: boolean;
  /** One line: why it failed. */
  readonly problem?: string;
  /** The golden text as stored (positive goldens). */
  readonly stored?: string;
  /** The text the run produced, what `--update` writes to `.new` (positive goldens). */
  readonly produced?: string;
  /** Violations of the produced trace, or the run of a regression program. */
  readonly violations?: readonly Violation[];
  /** The check of a regression program, for the report. */
  readonly check?: ProgramCheck;
  /**
   * Not run: a program needing a method the tracer under test lacks (`enterAsync`, `event`), a golden
   * needing this package's tracer options, or a statement the adapter does not run.
   */
  readonly skipped?: boolean;
  /** Why it was not run, e.g. `need event` or {@link SKIP_TRACER_OPTIONS} (JS goldens and regressions). */
  readonly skipReason?: string;
  /** The adapter became unusable (PROTOCOL.md §4) on this golden or before it: nothing was run. */
  readonly unusable?: boolean;
}

/**
 * Why a golden with a `# tracer:` header is skipped for a tracer under test: the options (task dumps,
 * redaction, a flight recorder, a crash) are this package's tracer's, and `TracerUnderTest` has no
 * way to take them.
 */
export const SKIP_TRACER_OPTIONS = "need this package's tracer options";

/**
 * Renders a golden trace file: `program`, `expect` and `outcome` header lines, then canonical events.
 * @param name - the program's name
 * @param outcome - how main ended
 * @param events - the trace in canonical form
 * @param tracer - the `# tracer:` header (tracer options as JSON), when the golden has one
 * @param open - the activations open where the trace starts (a flight recorder's snapshot), numbered first
 */
export function renderGolden(name: string, outcome: Outcome, events: readonly CanonicalEvent[], tracer?: string, open: readonly CanonicalOpen[] = []): string {
  const header = new Map([
    ['program', name],
    ...(tracer !== undefined ? [['tracer', tracer] as [string, string]] : []),
    ['expect', 'PASS'],
    ['outcome', formatOutcome(outcome)],
  ]);
  return formatCanonical(events, header, open);
}

/**
 * The tracer options of a task-dump or a redaction golden: what `runGoldens`' `withOptions` builds a
 * tracer from.
 */
export type TaskDumpOptions = { readonly pendingAfter: { readonly events: number } } | { readonly payloads: { readonly redact: ModelRedaction } };

/**
 * Tracer options a golden may ask for in a `# tracer: {...}` header (JSON): task dumps
 * (`{"pendingAfter":{"events":N}}`), a flight recorder (`{"retain":{"events":N}}`: the golden is the
 * snapshot, `dropped <count>` and the last N events), or a crash (`{"crash":{"afterEvents":N}}`: the
 * program is recorded to a wire stream one event a chunk, the process dies N chunks in, tearing the next
 * one, and the recording is resumed and closed; the golden is the resulting file).
 */
export type GoldenTracerOptions =
  | TaskDumpOptions
  | { readonly retain: { readonly events: number } }
  | { readonly crash: { readonly afterEvents: number } };

function readTracerOptions(file: string, text: string): GoldenTracerOptions {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    throw new GoldenInputError(file, `header "# tracer:" is not JSON: ${text.slice(0, 60)}`);
  }
  const key = typeof v === 'object' && v !== null ? Object.keys(v).join() : '';
  const inner = (v as Record<string, Record<string, unknown> | undefined> | null)?.[key];
  if (key === 'payloads') return { payloads: { redact: readRedaction(file, inner?.['redact']) } };
  const field = key === 'crash' ? 'afterEvents' : 'events';
  const n = inner?.[field];
  if ((key !== 'pendingAfter' && key !== 'retain' && key !== 'crash') || !(Number.isInteger(n) && (n as number) > 0)) {
    throw new GoldenInputError(file, 'header "# tracer:" must be {"pendingAfter":{"events":N}}, {"retain":{"events":N}} or {"crash":{"afterEvents":N}} with N > 0, or {"payloads":{"redact":{...}}}');
  }
  const count = n as number;
  return key === 'retain' ? { retain: { events: count } } : key === 'crash' ? { crash: { afterEvents: count } } : { pendingAfter: { events: count } };
}

/** Redaction rules of a `# tracer: {"payloads":{"redact":{"drop":[...],"hash":[...],"salt":"..."}}}` header. */
function readRedaction(file: string, v: unknown): ModelRedaction {
  const bad = (): never => {
    throw new GoldenInputError(file, 'header "# tracer:" payloads.redact must be {"drop"?:[names],"hash"?:[names],"salt"?:"text"}');
  };
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return bad();
  const r = v as Record<string, unknown>;
  const names = (x: unknown): readonly string[] | undefined => (x === undefined ? undefined : Array.isArray(x) && x.every((n) => typeof n === 'string') ? (x as string[]) : bad());
  if (Object.keys(r).some((k) => k !== 'drop' && k !== 'hash' && k !== 'salt') || (r['salt'] !== undefined && typeof r['salt'] !== 'string')) bad();
  const drop = names(r['drop']);
  const hash = names(r['hash']);
  return { ...(drop ? { drop } : {}), ...(hash ? { hash } : {}), ...(typeof r['salt'] === 'string' ? { salt: r['salt'] } : {}) };
}

/**
 * Replays the committed regression programs (failing cases once found by property runs; DESIGN §6 has
 * them replayed before the random runs): each must pass {@link checkProgram}. A program that needs a
 * method the tracer lacks (`event` for user events, see {@link missingMethods}) is skipped with the reason,
 * as the property suites skip what the tracer cannot record.
 * @param files - the corpus contents (only `regressions` is read)
 * @param createTracer - a fresh tracer per program
 * @returns one result per regression program
 * @throws {@link GoldenInputError} for a file that is not a valid program
 */
export function runRegressions(files: GoldenFiles, createTracer: TracerFactory): GoldenResult[] {
  const has = files.regressions.size > 0 ? methodsOf(createTracer) : new Set<never>();
  return sorted(files.regressions).map(([name, text]) => {
    const file = `regressions/${name}.json`;
    const program = readProgram(file, text);
    const missing = missingMethods(program, has);
    if (missing.length > 0) return { file, kind: 'regression', ok: true, skipped: true, skipReason: needText(missing) };
    const check = checkProgram(program, createTracer);
    const n = check.violations.length;
    const problem = check.ok ? undefined : (check.verdict?.line ?? `${n} violation${n === 1 ? '' : 's'}`);
    return { file, kind: 'regression', ok: check.ok, problem, violations: check.violations, check };
  });
}

/**
 * Runs the golden corpus against a tracer (DESIGN §6):
 * 1. every program must have `traces/NAME.trace`; the real run must reproduce it byte for byte (async
 *    programs run under a first-in-first-out scheduler), and the model too (whole trace for sync programs,
 *    each activation's events for async ones), with no stack-balance, lifecycle or exactness violation;
 * 2. every trace must be referenced by a program (an orphan fails);
 * 3. every negative golden must be rejected with the rule its header names.
 *
 * A program that needs a method the tracer lacks (`enterAsync`, `event`), or a golden whose `# tracer:`
 * header asks for tracer options when `withOptions` is absent, is skipped with the reason.
 *
 * @param files - the corpus contents
 * @param createTracer - a fresh tracer per program
 * @returns one result per golden
 * @throws {@link GoldenInputError} for a program that is not valid JSON or not a valid program, a trace
 *   that does not parse, or a header that is missing or wrong
 */
export async function runGoldens(files: GoldenFiles, createTracer: TracerFactory, withOptions?: (options: TaskDumpOptions) => TracerFactory): Promise<GoldenResult[]> {
  const results: GoldenResult[] = [];
  const has = files.programs.size > 0 ? methodsOf(createTracer) : new Set<never>();
  for (const [name, text] of sorted(files.programs)) {
    results.push(await positive(name, readProgram(`programs/${name}.json`, text), files.traces.get(name), createTracer, has, withOptions));
  }
  for (const name of [...files.traces.keys()].sort()) {
    if (!files.programs.has(name)) results.push({ file: `traces/${name}.trace`, kind: 'positive', ok: false, problem: `unreferenced golden: no programs/${name}.json` });
  }
  for (const [name, text] of sorted(files.negatives)) results.push(negative(`negative/${name}.trace`, text));
  return results;
}

async function positive(
  name: string,
  program: Program,
  stored: string | undefined,
  createTracer: TracerFactory,
  has: ReadonlySet<OptionalMethod>,
  withOptions: ((options: TaskDumpOptions) => TracerFactory) | undefined,
): Promise<GoldenResult> {
  const file = `traces/${name}.trace`;
  const async = isAsyncProgram(program);
  // A `# tracer:` header asks for tracer options (task dumps): only this package's tracer takes them.
  const tracerText = stored === undefined ? undefined : parseCanonicalOrThrow(file, stored).header.get('tracer');
  const options = tracerText === undefined ? undefined : readTracerOptions(file, tracerText);
  if (options !== undefined && withOptions === undefined) return { file, kind: 'positive', ok: true, skipped: true, skipReason: SKIP_TRACER_OPTIONS };
  if (options !== undefined && 'retain' in options) return retained(file, name, program, stored!, options.retain.events, tracerText!, createTracer);
  if (options !== undefined && 'crash' in options) return crashed(file, name, program, stored!, options.crash.afterEvents, tracerText!, createTracer);
  // This package's tracer (tracer options) has every method; a tracer under test may lack some.
  const missing = options !== undefined ? [] : missingMethods(program, has);
  if (missing.length > 0) return { file, kind: 'positive', ok: true, skipped: true, skipReason: needText(missing) };
  const factory = options !== undefined ? withOptions!(options) : createTracer;
  // Async programs run with their ticks released first in, first out: the interleaving is fixed.
  const redaction = options !== undefined && 'payloads' in options ? options.payloads.redact : undefined;
  const check = await checkAnyProgram(program, factory, new FifoScheduler(), redaction);
  const produced = renderGolden(name, check.actual.outcome, check.actual.events, tracerText);
  const modelled = renderGolden(name, check.expected.outcome, check.expected.events, tracerText);
  const base = { file, kind: 'positive' as const, stored, produced };
  if (check.verdict !== undefined) return { file, kind: 'positive', stored, ok: false, problem: check.verdict.line, violations: check.violations };
  if (stored === undefined) return { ...base, ok: false, problem: 'missing golden (run `trace-harness check --update` to write a .new file)' };
  const header = parseCanonicalOrThrow(file, stored).header;
  if (header.get('expect') !== 'PASS') throw new GoldenInputError(file, `want header "# expect: PASS", got ${JSON.stringify(header.get('expect') ?? null)}`);
  if (header.get('program') !== name) throw new GoldenInputError(file, `want header "# program: ${name}", got ${JSON.stringify(header.get('program') ?? null)}`);
  const want = normalize(stored);
  // A wrapper that changed a result (`tracer/changed-*`) explains a differing trace or outcome: named first.
  const faults = check.violations.filter((v) => v.rule.startsWith('tracer/'));
  const violations = [...faults, ...runValidators(check.actual.events, [new StackBalanceValidator(), new LifecycleValidator()])];
  if (normalize(produced) !== want) return { ...base, ok: false, problem: 'the tracer\'s trace differs from the golden', violations };
  // The model predicts a sync program's whole trace, and an async one's per activation (in check.violations).
  if (!async && normalize(modelled) !== want) return { ...base, ok: false, problem: 'the model\'s trace differs from the golden', produced: modelled, violations };
  const all = [...violations, ...(async ? check.violations.filter((v) => !faults.includes(v)) : [])];
  if (all.length > 0) return { ...base, ok: false, problem: `${all.length} violation(s) of stack balance, lifecycle, exactness or the model`, violations: all };
  return { ...base, ok: true };
}

/**
 * A flight-recorder golden: the program (sync) must pass against the model in full; its snapshot under a
 * recorder keeping the last `retain` events, and the model's last `retain` events led by `dropped
 * <count>`, must both reproduce the golden; and {@link checkRetention} must hold.
 */
function retained(file: string, name: string, program: Program, stored: string, retain: number, tracerText: string, createTracer: TracerFactory): GoldenResult {
  if (isAsyncProgram(program)) throw new GoldenInputError(file, 'a "retain" golden needs a program of sync and generator functions');
  const full = checkProgram(program, createTracer);
  const run = compileProgram(program)(new Tracer({ retain: { events: retain } }));
  const produced = renderGolden(name, run.outcome, run.trace.canonical(), tracerText, run.trace.canonicalOpen());
  const model = modelTrace(program);
  const dropped = Math.max(0, model.events.length - retain);
  const lead: CanonicalEvent[] = dropped > 0 ? [{ kind: EventKind.Dropped, activation: 0, code: '', flags: 0, waker: dropped }] : [];
  // The model's open set where the window starts: what its dropped events left open, numbered first.
  const open = openAfter(model.events.slice(0, dropped));
  const modelled = renderGolden(name, model.outcome, [...lead, ...renumbered(model.events.slice(dropped), open)], tracerText, renumberedOpen(open));
  const base = { file, kind: 'positive' as const, stored, produced };
  const want = normalize(stored);
  if (normalize(produced) !== want) return { ...base, ok: false, problem: 'the flight recorder\'s snapshot differs from the golden' };
  if (normalize(modelled) !== want) return { ...base, ok: false, problem: 'the model\'s last events differ from the golden', produced: modelled };
  if (!full.ok) return { ...base, ok: false, problem: 'the full run differs from the model', violations: full.violations };
  const problems = checkRetention(program, retain);
  if (problems.length > 0) return { ...base, ok: false, problem: `retention: ${problems.join('; ')}` };
  return { ...base, ok: true };
}

/**
 * A crash golden: the program (sync) must pass against the model in full; recorded to a wire stream one
 * event a chunk, cut `afterEvents` chunks in plus 5 bytes of the next (a torn write), resumed and closed,
 * the file must reproduce the golden; and every chunk boundary of the crashed recording must recover
 * ({@link checkRecoverable}).
 */
function crashed(file: string, name: string, program: Program, stored: string, afterEvents: number, tracerText: string, createTracer: TracerFactory): GoldenResult {
  if (isAsyncProgram(program)) throw new GoldenInputError(file, 'a "crash" golden needs a program of sync and generator functions');
  const full = checkProgram(program, createTracer);
  const sink = new MemorySink();
  const rec = WireRecording.start(sink, { flushEveryEvents: 1 });
  const run = compileProgram(program)(rec.tracer);
  rec.flush();
  const bytes = sink.bytes();
  const ends = chunkEnds(bytes);
  if (afterEvents > ends.length) throw new GoldenInputError(file, `"crash" after ${afterEvents} events, but the run records only ${ends.length}`);
  const cut = afterEvents < ends.length ? ends[afterEvents - 1]! + 5 : ends[afterEvents - 1]!;
  const resumed = new MemorySink();
  WireRecording.resume(bytes.subarray(0, cut), (keep) => {
    resumed.write(bytes.subarray(0, keep));
    return resumed;
  }).close();
  const produced = renderGolden(name, run.outcome, readWire(resumed.bytes()).trace.canonical(), tracerText);
  const base = { file, kind: 'positive' as const, stored, produced };
  if (normalize(produced) !== normalize(stored)) return { ...base, ok: false, problem: 'the recovered file differs from the golden' };
  if (!full.ok) return { ...base, ok: false, problem: 'the full run differs from the model', violations: full.violations };
  const problems = checkRecoverable(bytes, { cuts: ends });
  if (problems.length > 0) return { ...base, ok: false, problem: `recovery: crash after ${problems[0]!.cut} bytes: ${problems[0]!.problem}` };
  return { ...base, ok: true };
}

/** The activations open after some canonical events (running stack bottom first, then suspended in order). */
function openAfter(events: readonly CanonicalEvent[]): CanonicalOpen[] {
  const set = new OpenSet();
  const names: string[] = [];
  for (const e of events) {
    let code = names.indexOf(e.code);
    if (code < 0) code = names.push(e.code) - 1;
    set.apply(e.kind, e.activation, code);
  }
  return set.list().map((o) => ({ activation: o.activation, code: names[o.code]!, state: o.state }));
}

/** An open set numbered `#1`, `#2`, ... in its order, as {@link Trace.canonicalOpen} numbers it. */
function renumberedOpen(open: readonly CanonicalOpen[]): CanonicalOpen[] {
  return open.map((o, i) => ({ ...o, activation: i + 1 }));
}

/**
 * Canonical events renumbered first-seen from 1 again (activations and peers), as a snapshot is: the
 * activations of the open set first.
 */
function renumbered(events: readonly CanonicalEvent[], open: readonly CanonicalOpen[] = []): CanonicalEvent[] {
  const ids = new Map<number, number>(open.map((o, i) => [o.activation, i + 1]));
  const id = (a: number): number => {
    if (a === 0) return 0;
    let n = ids.get(a);
    if (n === undefined) ids.set(a, (n = ids.size + 1));
    return n;
  };
  return events.map((e) => ({ ...e, activation: id(e.activation), ...(e.waker !== undefined ? { waker: hasPeer(e.kind) ? id(e.waker) : e.waker } : {}) }));
}

/** The validator a negative golden's rule belongs to (lifecycle with `requireClosed`; wake causality). @internal */
export function validatorFor(rule: string): Validator | undefined {
  const prefix = rule.split('/')[0];
  if (prefix === 'stack-balance') return new StackBalanceValidator();
  if (prefix === 'lifecycle') return new LifecycleValidator({ requireClosed: true });
  if (prefix === 'wake') return new WakeCausalityValidator();
  if (prefix === 'exact') return new ExactnessValidator();
  return undefined;
}

/** A negative golden's verdict with the validator `validatorOf` picks for its rule. @internal */
export function negative(file: string, text: string, validatorOf: (rule: string) => Validator | undefined = validatorFor): GoldenResult {
  const parsed = parseCanonicalOrThrow(file, text);
  const expect = parsed.header.get('expect') ?? '';
  const m = /^FAIL (\S+)$/.exec(expect);
  if (m === null) throw new GoldenInputError(file, `want header "# expect: FAIL <validator>/<rule>", got ${JSON.stringify(expect)}`);
  const rule = m[1]!;
  const validator = validatorOf(rule);
  if (validator === undefined) throw new GoldenInputError(file, `no validator for rule "${rule}" (known: stack-balance/*, lifecycle/*, wake/*, exact/*)`);
  const violations = runValidators(parsed.events, [validator]);
  const ok = violations.some((v) => v.rule === rule);
  const found = [...new Set(violations.map((v) => v.rule))].join(', ') || 'no violation';
  return { file, kind: 'negative', ok, problem: ok ? undefined : `want ${rule}, got ${found}`, violations };
}

/** Reads a golden program file, validated by `validate` (the target's validator). @internal */
export function readProgram(file: string, text: string, validate: (value: unknown) => Program = validateProgram): Program {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new GoldenInputError(file, `not valid JSON: ${(error as Error).message}`);
  }
  try {
    return validate(value);
  } catch (error) {
    throw new GoldenInputError(file, (error as Error).message);
  }
}

/** Parses a golden trace; a parse error is the golden's input error. @internal */
export function parseCanonicalOrThrow(file: string, text: string): ReturnType<typeof parseCanonical> {
  try {
    return parseCanonical(text);
  } catch (error) {
    if (error instanceof TraceFormatError) throw new GoldenInputError(file, error.message);
    throw error;
  }
}

/** Golden text compared without CR, trailing blanks and trailing empty lines. @internal */
export function normalize(text: string): string {
  return text.replace(/\r\n/g, '\n').replace(/[ \t]+$/gm, '').trimEnd() + '\n';
}

function sorted(map: ReadonlyMap<string, string>): [string, string][] {
  return [...map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
