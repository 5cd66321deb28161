import type { TracerUnderTest } from '../../../src/recorder/tracer.ts';
import type { Trace } from '../../../src/model/trace.ts';
import { type Awaitable, type DriveStep, type FnDecl, type Outcome, type Program, type Stmt, TYPE_ERROR_TAG } from '../../program/ast.ts';
import { ProgramError, validateProgram } from '../../program/validate.ts';
import type { Violation } from '../../../src/check/violation.ts';
import { guardTrace, snapshotChecked } from './tracer-guard.ts';

/** The error programs throw: `throw new Tagged("E1")`; the tag is what outcomes and the model compare. */
export class Tagged extends Error {
  override readonly name = 'Tagged';
  /** @param tag - the tag of the `throw` statement */
  constructor(readonly tag: string) {
    super(tag);
  }
}

/** What a compiled program run gives: the trace recorded and how `main` ended. */
export interface RunResult {
  readonly trace: Trace;
  readonly outcome: Outcome;
  /**
   * Async runs: each moment `currentFrame()` named the wrong activation (DESIGN §4 invariant 4,
   * exactness): checked on entry of every function, after every `resume`, before every suspend and end,
   * and after the run, when nothing may be current. Empty when the tracer has no `currentFrame`.
   */
  readonly exactness?: readonly string[];
  /**
   * A sync function's wrapper that did not hand back what the function returned or threw
   * (`tracer/changed-result`, `tracer/changed-error`; see {@link guardTrace}): the first of each rule.
   */
  readonly faults?: readonly Violation[];
}

const INDENT = '  ';
/** Why the probe compiler refuses a statement: its callbacks run outside every activation's probes. */
const OBSERVE_ONLY = 'observe mode only (callbacks, thenables and handed-off generators run outside the probes); use renderPlainProgram';

/**
 * Renders a program as readable JavaScript: one function declaration each, generators as `function*`
 * taking `self`, then the lines that wrap every function with the tracer. This is the source that runs
 * and the source a failure report prints.
 *
 * @param program - a validated program (see {@link validateProgram})
 * @returns the source of a function body taking `trace`, `spawn` and `Tagged`, returning the traced entry
 */
export function renderProgram(program: Program): string {
  const names: Names = { loop: 0, it: 0, kind: 'sync' };
  const out: string[] = [];
  for (const f of program.functions) out.push(renderFunction(f, names), '');
  // Sync and generator functions are wrapped; async ones instrument themselves with probes, and are
  // wrapped only so the tracer knows which promise is whose (wakes).
  for (const f of program.functions) {
    if (f.kind === 'async') out.push(`${f.name} = traceAsync(${f.name});`);
    else if (f.kind !== 'asyncGenerator') out.push(`${f.name} = trace(${f.name}, ${JSON.stringify(f.name)});`);
  }
  out.push(`return ${program.functions[0]!.name};`);
  return out.join('\n') + '\n';
}

/** Counters for unique local names, and the kind of the function being rendered. */
interface Names {
  loop: number;
  it: number;
  kind: FnDecl['kind'];
}

/** True when a `return` sits inside a block of `body` (a loop, a `try`): where only a `finally` can record `return` last. */
function hasNestedReturn(body: readonly Stmt[], nested = false): boolean {
  return body.some((s) => {
    if (s.op === 'return') return nested;
    if (s.op === 'for-of' || s.op === 'for-await') return hasNestedReturn(s.body, true);
    if (s.op === 'try') return hasNestedReturn(s.body, true) || hasNestedReturn(s.catch ?? [], true) || hasNestedReturn(s.finally ?? [], true);
    return false;
  });
}

/**
 * The compact probe pattern (issue 15; README "The compact pattern"), for an async function whose
 * `return`s all sit at the top of its body: one `catch` and no `finally` around the body, each top-level
 * `await` as one expression, `return` recorded by the statement that ends the body. An `await` inside a
 * block keeps the full pattern: a `catch` or a loop's iterator close between the rejection and the outer
 * `catch` would run before `throw` was recorded.
 */
function renderCompact(f: FnDecl, names: Names, slots: readonly string[]): string {
  const pad = INDENT.repeat(2);
  const body = f.body.flatMap((s) =>
    s.op === 'await' ? [`${pad}$.resumed(await $.suspend(${renderAwaitable(s.what)}));`]
    : s.op === 'return' ? [`${pad}return $.returned();`]
    : renderStmt(s, 2, names),
  );
  const ends = f.body.length > 0 && f.body[f.body.length - 1]!.op === 'return';
  return [
    `async function ${f.name}() {`,
    `  const $ = enter(${JSON.stringify(f.name)});`,
    ...(slots.length > 0 ? [`  let ${slots.join(', ')};`] : []),
    '  try {',
    ...body,
    ...(ends ? [] : [`${pad}$.returned();`]),
    '  } catch (e) {',
    '    throw $.unwound(e);',
    '  }',
    '}',
  ].join('\n');
}

function renderFunction(f: FnDecl, names: Names): string {
  names.kind = f.kind;
  if (f.kind === 'async' && !hasNestedReturn(f.body)) {
    const slots = [...new Set(JSON.stringify(f.body).match(/"slot":\d/g) ?? [])].map((m) => `p${m.slice(-1)}`).sort();
    return renderCompact(f, names, slots);
  }
  if (f.kind === 'async' || f.kind === 'asyncGenerator') {
    // What a source transform emits: call on entry, yield/resume around each await, return/unwind at the end.
    const slots = [...new Set(JSON.stringify(f.body).match(/"slot":\d/g) ?? [])].map((m) => `p${m.slice(-1)}`).sort();
    return [
      f.kind === 'async' ? `async function ${f.name}() {` : `async function* ${f.name}() {`,
      `  const $ = enter(${JSON.stringify(f.name)});`,
      ...(slots.length > 0 ? [`  let ${slots.join(', ')};`] : []),
      '  try {',
      ...renderBlock(f.body, 2, names),
      '  } catch (e) {',
      '    $.unwind();',
      '    throw e;',
      '  } finally {',
      '    $.return();',
      '  }',
      '}',
    ].join('\n');
  }
  const head = f.kind === 'generator' ? `function* ${f.name}(self) {` : `function ${f.name}() {`;
  return [head, ...renderBlock(f.body, 1, names), '}'].join('\n');
}

function renderAwaitable(w: Awaitable): string {
  switch (w.kind) {
    case 'call':
      return `${w.fn}()`;
    case 'value':
      return '1';
    case 'reject':
      return `Promise.reject(new Tagged(${JSON.stringify(w.tag)}))`;
    case 'tick':
      return 'tick()';
    case 'all':
    case 'race':
    case 'allSettled':
      return `Promise.${w.kind}([${w.fns.map((f) => `${f}()`).join(', ')}])`;
    case 'thenable':
      throw new ProgramError('await', OBSERVE_ONLY);
    case 'slot':
      return `p${w.slot}`;
  }
}

function renderBlock(body: readonly Stmt[], depth: number, names: Names): string[] {
  return body.flatMap((s) => renderStmt(s, depth, names));
}

function renderStmt(s: Stmt, depth: number, names: Names): string[] {
  const pad = INDENT.repeat(depth);
  switch (s.op) {
    case 'call':
      return [`${pad}${s.fn}();`];
    case 'yield': {
      if (names.kind !== 'asyncGenerator') return [`${pad}yield;`];
      // An async generator instruments its yields: yield; then resume, throw, or (return()) a resume
      // marked as a return completion, each first thing when it runs again.
      const y = `y${++names.loop}`;
      return [
        `${pad}let ${y} = $.suspend(0);`,
        `${pad}try { yield; ${y} = 1; $.resume(); } catch (e) { if (${y} === 0) { ${y} = 1; throw $.throw(e); } throw e; } finally { if (${y} === 0) $.resumeReturn(); }`,
      ];
    }
    case 'yield*':
      return [`${pad}yield* spawn(${s.fn});`];
    case 'for-of': {
      const body = renderBlock(s.body, depth + 1, names);
      if (s.breakAfter === undefined) return [`${pad}for (const _ of spawn(${s.fn})) {`, ...body, `${pad}}`];
      const n = `n${++names.loop}`;
      return [
        `${pad}let ${n} = 0;`,
        `${pad}for (const _ of spawn(${s.fn})) {`,
        ...body,
        `${pad}${INDENT}if (${n}++ === ${s.breakAfter}) break;`,
        `${pad}}`,
      ];
    }
    case 'drive': {
      const it = `it${++names.it}`;
      return [`${pad}const ${it} = spawn(${s.fn});`, ...s.steps.map((d) => pad + renderStep(it, d))];
    }
    case 'try': {
      const lines = [`${pad}try {`, ...renderBlock(s.body, depth + 1, names)];
      if (s.catch !== undefined) lines.push(`${pad}} catch {`, ...renderBlock(s.catch, depth + 1, names));
      if (s.finally !== undefined) lines.push(`${pad}} finally {`, ...renderBlock(s.finally, depth + 1, names));
      lines.push(`${pad}}`);
      return lines;
    }
    case 'throw':
      return [`${pad}throw new Tagged(${JSON.stringify(s.tag)});`];
    case 'return':
      return [`${pad}return;`];
    case 'reenter':
      return [pad + renderCall('self.it', s.method, 'Reenter')];
    case 'event':
      // Payloads are validated data: JSON literals are JS literals.
      return [`${pad}event(${JSON.stringify(s.type)}${s.payload === undefined ? '' : `, ${JSON.stringify(s.payload)}`});`];
    case 'await':
      // The probe pattern of AsyncFrame: yield; resume or throw first thing in the continuation.
      return [`${pad}try { await $.suspend(${renderAwaitable(s.what)}); } catch (e) { throw $.throw(e); }`, `${pad}$.resume();`];
    case 'for-await': {
      // for await...of spelled out, so that every await it makes (next(), return()) is probed.
      const n = ++names.loop;
      const [it, r, k] = [`it${n}`, `r${n}`, `n${n}`];
      const close = (rethrow: boolean): string[] =>
        rethrow
          ? [`try { await $.suspend(${it}.return()); } catch (e) { throw $.throw(e); }`, '$.resume();']
          : [`let c${n} = 0;`, `try { await $.suspend(${it}.return()); c${n} = 1; } catch (e) { $.throw(e); }`, `if (c${n} === 1) $.resume();`];
      const inner = pad + INDENT;
      const in2 = inner + INDENT;
      const in3 = in2 + INDENT;
      const body = renderBlock(s.body, depth + 3, names);
      return [
        `${pad}{`,
        `${inner}const ${it} = ${s.fn}();`,
        ...(s.breakAfter !== undefined ? [`${inner}let ${k} = 0;`] : []),
        `${inner}for (;;) {`,
        `${in2}let ${r};`,
        `${in2}try { ${r} = await $.suspend(${it}.next()); } catch (e) { throw $.throw(e); }`,
        `${in2}$.resume();`,
        `${in2}if (${r}.done) break;`,
        `${in2}try {`,
        ...body,
        `${in2}} catch (e) {`,
        ...close(false).map((l) => in3 + l),
        `${in3}throw e;`,
        `${in2}}`,
        ...(s.breakAfter !== undefined ? [`${in2}if (${k}++ === ${s.breakAfter}) {`, ...close(true).map((l) => in3 + l), `${in3}break;`, `${in2}}`] : []),
        `${inner}}`,
        `${pad}}`,
      ];
    }
    case 'defer':
    case 'handoff':
    case 'adrive':
      throw new ProgramError(s.op, OBSERVE_ONLY);
    case 'start':
      // Started, not awaited yet: mark the rejection handled so it is never an unhandled rejection.
      return [`${pad}(p${s.slot} = ${s.fn}()).catch(() => {});`];
  }
}

function renderStep(it: string, d: DriveStep): string {
  const call = renderCall(it, d.method, d.tag ?? '');
  return d.catch === true ? `try { ${call} } catch {}` : call;
}

function renderCall(target: string, method: string, tag: string): string {
  return method === 'throw' ? `${target}.throw(new Tagged(${JSON.stringify(tag)}));` : `${target}.${method}();`;
}

/** A compiled program: call it with a tracer to run the program once under that tracer. */
export type CompiledProgram = (tracer: TracerUnderTest) => RunResult;

/**
 * The part of a deterministic scheduler the async runner uses (fast-check's `fc.scheduler()` has it):
 * `schedule` releases a promise when the scheduler decides, `waitIdle` runs every scheduled task.
 */
export interface TaskScheduler {
  schedule<T>(task: Promise<T>, label?: string): Promise<T>;
  waitIdle(): Promise<void>;
  count(): number;
}

/** A compiled program with async functions: run it under a tracer, its timers released by a scheduler. */
export type CompiledAsyncProgram = (tracer: TracerUnderTest, scheduler: TaskScheduler) => Promise<RunResult>;

type Factory = (
  trace: TracerUnderTest['trace'],
  spawn: (g: (self: { it?: unknown }) => unknown) => unknown,
  tagged: typeof Tagged,
  enter: (name: string) => unknown,
  tick: () => Promise<void>,
  traceAsync: (fn: (...args: never[]) => unknown) => unknown,
  event: (type: string, payload?: unknown) => void,
) => () => unknown;

/** The `event` of a compiled program: the tracer's, or a TypeError naming what is missing. */
function eventOf(tracer: TracerUnderTest): (type: string, payload?: unknown) => void {
  return (type, payload) => {
    if (tracer.event === undefined) throw new TypeError('the tracer under test has no event(type, payload): it cannot record user events');
    tracer.event(type, payload);
  };
}

function factoryOf(program: Program): Factory {
  const valid = validateProgram(program);
  const source = renderProgram(valid);
  // Evaluates only code rendered from the validated AST above (see compileProgram's doc comment).
  return new Function('trace', 'spawn', 'Tagged', 'enter', 'tick', 'traceAsync', 'event', `"use strict";\n${source}`) as Factory;
}

/** Whether a program has async functions (and so needs {@link compileAsyncProgram}). */
export function isAsyncProgram(program: Program): boolean {
  return program.functions.some((f) => f.kind === 'async' || f.kind === 'asyncGenerator');
}

/**
 * Compiles a program of sync and generator functions into a runnable function. The program is
 * validated first, and the only code ever evaluated is the source {@link renderProgram} rendered from
 * it: identifiers are checked against a pattern and tags are emitted as JSON string literals.
 *
 * The run checks the tracer as it goes (see {@link guardTrace}): a wrapper that changes a result is a
 * fault in {@link RunResult.faults}; a `trace` or `snapshot` that cannot be used throws.
 *
 * @param program - an untrusted program
 * @throws {@link ProgramError} when the program is invalid
 * @throws TypeError when it has async functions (use {@link compileAsyncProgram})
 * @throws {@link TracerFault} from the compiled function, when the tracer's `trace` or `snapshot` throws
 *   or returns the wrong kind of value
 */
export function compileProgram(program: Program): CompiledProgram {
  const factory = factoryOf(program);
  if (isAsyncProgram(program)) throw new TypeError('compileProgram: the program has async functions; use compileAsyncProgram');
  const noAsync = (): never => {
    throw new TypeError('compileProgram: no async functions');
  };
  return (tracer) => {
    const faults: Violation[] = [];
    const main = factory(guardTrace(tracer, faults), spawn, Tagged, noAsync, noAsync, noAsync, eventOf(tracer));
    let outcome: Outcome;
    try {
      main();
      outcome = { kind: 'return' };
    } catch (error) {
      outcome = { kind: 'throw', tag: tagOf(error) };
    }
    return { trace: snapshotChecked(tracer), outcome, faults };
  };
}

/**
 * Compiles any program, async functions included, into a function that runs it to the end: `main` is
 * awaited, every `tick` is released by `scheduler` (so the interleaving replays exactly from its seed),
 * and the run waits until every activation the program started has finished.
 *
 * @param program - an untrusted program (validated; see {@link compileProgram})
 * @throws {@link ProgramError} when the program is invalid
 */
export function compileAsyncProgram(program: Program): CompiledAsyncProgram {
  const factory = factoryOf(program);
  return async (tracer, scheduler) => {
    const exactness: string[] = [];
    const current = (): { activation: number; name: string } | undefined => tracer.currentFrame?.();
    const expect = (where: string, name: string | undefined, activation?: number): void => {
      if (tracer.currentFrame === undefined) return;
      const f = current();
      if (f?.name !== name || (activation !== undefined && f?.activation !== activation)) {
        const want = name === undefined ? 'no current frame' : `${name}${activation !== undefined ? ` #${activation}` : ''}`;
        exactness.push(`${where}: want ${want}, got ${f === undefined ? 'no current frame' : `${f.name} #${f.activation}`}`);
      }
    };
    const enter = (name: string): unknown => {
      if (tracer.enterAsync === undefined) throw new TypeError('the tracer under test has no enterAsync(name): it cannot record async functions');
      const frame = tracer.enterAsync(name);
      const id = frame.activation;
      expect(`entry of ${name}`, name, id);
      /** Suspended at an `await` (for the compact pattern's `unwound`: an exception then came from it). */
      let suspended = false;
      const probes = {
        suspend: (v: unknown) => {
          suspended = true;
          expect(`await in ${name}`, name, id);
          // A tracer that drops the awaited promise (its await never settles: a verdict) must not leave the
          // promise's rejection unhandled, which would end the process running check on Node. The extra
          // reaction runs no program code, and reactions run in order: traced code keeps its interleaving.
          if (v instanceof Promise) v.catch(() => {});
          return frame.suspend(v);
        },
        resume: () => {
          suspended = false;
          frame.resume();
          expect(`resume of ${name}`, name, id);
        },
        throw: (e: unknown) => {
          suspended = false;
          const r = frame.throw(e);
          expect(`resume (rejected) of ${name}`, name, id);
          return r;
        },
        resumeReturn: () => {
          suspended = false;
          frame.resumeReturn();
          expect(`return() into ${name}`, name, id);
        },
        return: () => (frame.finished ? undefined : expect(`end of ${name}`, name, id), frame.return()),
        unwind: () => (frame.finished ? undefined : expect(`unwind of ${name}`, name, id), frame.unwind()),
      };
      // The compact pattern's probes (README "The compact pattern"), from the tracer's own when it has them,
      // else from the probes above in the order they stand for: a tracer under test sees the same calls.
      const compact = {
        resumed: (v: unknown) => {
          suspended = false;
          if (frame.resumed === undefined) probes.resume();
          else {
            frame.resumed(v);
            expect(`resume of ${name}`, name, id);
          }
          return v;
        },
        returned: () => {
          if (frame.returned === undefined) probes.return();
          else if (!frame.finished) {
            expect(`end of ${name}`, name, id);
            frame.returned();
          }
        },
        unwound: (e: unknown) => {
          if (frame.unwound === undefined) {
            if (suspended) probes.throw(e);
            probes.unwind();
          } else if (!frame.finished) {
            if (!suspended) expect(`unwind of ${name}`, name, id);
            frame.unwound(e);
          }
          suspended = false;
          return e;
        },
      };
      return { ...probes, ...compact };
    };
    // Sync functions check the current frame on entry, inside the tracer's wrapper.
    const faults: Violation[] = [];
    const trace = guardTrace(tracer, faults, (name) => expect(`entry of ${name}`, name));
    const traceAsync = (fn: (...args: never[]) => unknown): unknown => (tracer.traceAsync ? tracer.traceAsync(fn) : fn);
    const main = factory(trace, spawn, Tagged, enter, () => scheduler.schedule(Promise.resolve(), 'tick'), traceAsync, eventOf(tracer));
    let outcome: Outcome | undefined;
    const run = (async (): Promise<void> => {
      try {
        await main();
        outcome = { kind: 'return' };
      } catch (error) {
        outcome = { kind: 'throw', tag: tagOf(error) };
      }
    })();
    // Release scheduled ticks until the program and everything it started have settled. Between two
    // macrotasks no continuation runs: nothing may be current then (a frame left dangling shows here).
    let idle = 0;
    for (let round = 0; round < MAX_ROUNDS; round++) {
      await scheduler.waitIdle();
      await macrotask();
      expect('between continuations', undefined);
      if (scheduler.count() > 0) idle = 0;
      else if (outcome !== undefined) break;
      else if (++idle >= STUCK_ROUNDS) break; // nothing scheduled, nothing running, not finished
    }
    if (outcome === undefined) {
      // An await that never settles (a broken tracer's probe, or a program bug): a verdict, not a hang.
      throw new Error('the program never finished: an await never settled (nothing left to run)');
    }
    await run;
    expect('after the run', undefined);
    return { trace: snapshotChecked(tracer), outcome, exactness, faults };
  };
}

/** Scheduler rounds an async run may take at most. */
const MAX_ROUNDS = 10_000;
/** Rounds with nothing scheduled and the program unfinished after which it counts as stuck. */
const STUCK_ROUNDS = 20;

function macrotask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Creates a generator object and hands it to its own body as `self.it`. */
function spawn(g: (self: { it?: unknown }) => unknown): unknown {
  const self: { it?: unknown } = {};
  self.it = g(self);
  return self.it;
}

/**
 * The tag of an error that left a program: a {@link Tagged} error's tag, `TypeError` for the engine's
 * re-entry error, and for anything else (a crash inside the tracer under test) `<Name: message>`, which
 * never equals a model outcome and so is reported. @internal
 */
export function tagOf(error: unknown): string {
  if (error instanceof Tagged) return error.tag;
  if (error instanceof TypeError && /already running|generator is (already )?(running|executing)|running generator/i.test(error.message)) return TYPE_ERROR_TAG;
  const e = error as { name?: unknown; message?: unknown };
  return `<${String(e?.name ?? 'Error')}: ${String(e?.message ?? error)}>`;
}
