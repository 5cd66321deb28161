import type { CanonicalEvent } from '../../src/model/event.ts';
import { EventFlag, EventKind } from '../../src/model/kinds.ts';
import type { Awaitable, FnDecl, Outcome, Program, Stmt } from '../program/ast.ts';
import { ModelGenerator } from './model-generator.ts';
import type { GeneratorModel, SemanticsProfile } from './profile.ts';
import { JS_PROFILE } from './profile-js.ts';
import { type Body, type Completion, type Ctx, FULFILLED, MAYBE_FLAG, ModelThrow, NEXT, NO_CTX, type Settlement, Suspended, UNKNOWN_WAKER } from './model-parts.ts';
import { type ModelRedaction, modelPayload } from './model-payload.ts';
import { ProgramError, validateProgram } from '../program/validate.ts';
import { SpanModel } from './span-model.ts';
import type { SemanticRowId } from './semantic-rows.ts';

export { MAYBE_FLAG } from './model-parts.ts';

/** What the model predicts for a program: the canonical trace and how `main` ends. */
export interface ModelResult {
  readonly events: CanonicalEvent[];
  readonly outcome: Outcome;
  /** How often the run applied each row of the event-semantics table (`SEMANTIC_ROWS`); rows not applied are absent. */
  readonly rows: ReadonlyMap<SemanticRowId, number>;
}

/** The model stopped because the predicted trace exceeded its event budget. */
export class ModelBudgetError extends Error {
  override readonly name = 'ModelBudgetError';
  /** @param budget - the limit, in events */
  constructor(readonly budget: number) {
    super(`model: the trace exceeds ${budget} events`);
  }
}

/**
 * The model cannot predict the program: a `Promise.race` whose contenders settle differently, so the
 * winner depends on the schedule. The property skips such programs.
 */
export class ModelAmbiguityError extends Error {
  override readonly name = 'ModelAmbiguityError';
}

/**
 * The span-tree model of a program (observe mode, issue 12): runs the interpreter with a {@link SpanModel}
 * that records every invocation, first resumption, end and call-out (JS profile).
 * @throws {@link ProgramError}, {@link ModelBudgetError} as {@link modelTrace} does
 */
export function modelSpans(program: Program, budget: number = MODEL_EVENT_BUDGET): { readonly spans: SpanModel; readonly outcome: Outcome } {
  const valid = validateProgram(program);
  const m = new Machine(valid, budget);
  m.spans = new SpanModel();
  return { spans: m.spans, outcome: runEntry(m, program.functions[0]!) };
}

/** Runs the entry function `main` (JS semantics) on the machine and gives how it ended. */
function runEntry(m: Machine, main: FnDecl): Outcome {
  if (main.kind === 'async') {
    const settled = m.callAsync(main.name);
    return settled.ok ? { kind: 'return' } : { kind: 'throw', tag: settled.tag };
  }
  try {
    m.callSync(main.name);
    return { kind: 'return' };
  } catch (error) {
    if (!(error instanceof ModelThrow)) throw error;
    return { kind: 'throw', tag: error.tag };
  }
}

/** Default event budget of {@link modelTrace}. */
export const MODEL_EVENT_BUDGET = 50_000;

/**
 * The oracle: computes the trace a correct tracer records for a program, from the AST alone, by
 * interpreting it with the rules of DESIGN §3 written out here. It shares no code with the recorder and
 * does not rely on the engine's generator semantics either: each generator activation is an explicit
 * state machine (`start`/`suspended`/`running`/`done`), and `throw`/`return` resumptions, `yield*`
 * forwarding, `for...of` iterator closing and `try`/`finally` completions are spelled out as the
 * ECMAScript spec defines them. (Native generators serve only to keep the interpreter's own position
 * while an activation is suspended; they are resumed with `next(resumption)` and nothing else.)
 *
 * @param program - a program; validated first
 * @param budget - maximum events, > 0
 * @param redaction - the redaction rules the tracer applies to user event payloads, if any
 * @param profile - the target's semantics (README "Semantics"): JS (DESIGN §3) by default, or `CPYTHON_PROFILE`
 * @returns the canonical events and the outcome
 * @throws {@link ProgramError} for an invalid program, or one with async functions under a profile that
 *   does not model them
 * @throws {@link ModelBudgetError} when the trace would exceed `budget` events
 */
export function modelTrace(program: Program, budget: number = MODEL_EVENT_BUDGET, redaction?: ModelRedaction, profile: SemanticsProfile = JS_PROFILE): ModelResult {
  const valid = validateProgram(program);
  if (profile.async === 'coroutines') {
    const i = valid.functions.findIndex((f) => f.kind === 'asyncGenerator');
    if (i >= 0) throw new ProgramError(`functions[${i}].kind`, `the ${profile.name} profile models sync, generator and async functions (no async generators)`);
  }
  const m = new Machine(valid, budget, redaction, profile);
  const main = program.functions[0]!;
  const outcome = main.kind === 'async' && profile.awaitOn !== undefined ? m.runCoroutine(main.name) : runEntry(m, main);
  m.endOfRun();
  return { events: m.events, outcome, rows: m.rows };
}

/** The interpreter. */
/** @internal */
export class Machine {
  readonly events: CanonicalEvent[] = [];
  private nextActivation = 1;
  private readonly fns: Map<string, FnDecl>;
  /** Activations running, innermost last, as the model's own entry and exit edges move them. */
  private readonly running: number[] = [];
  /** Rows of the event-semantics table applied so far (semantic coverage), by id. */
  readonly rows: Map<SemanticRowId, number> = new Map();
  /** Sync generator objects created, to count those left suspended at the end. */
  private readonly generators: ModelGenerator[] = [];
  /** Observe mode: the span-tree record of the run. */
  spans: SpanModel | undefined;

  constructor(
    program: Program,
    private readonly budget: number,
    private readonly redaction?: ModelRedaction,
    private readonly profile: SemanticsProfile = JS_PROFILE,
  ) {
    this.fns = new Map(program.functions.map((f) => [f.name, f]));
  }

  /** Counts one application of a row of the event-semantics table. */
  hit(row: SemanticRowId): void {
    this.rows.set(row, (this.rows.get(row) ?? 0) + 1);
  }

  /** The end of the run: counts the sync generators left suspended. */
  endOfRun(): void {
    for (const g of this.generators) if (g.state === Suspended) this.hit('gen/left-suspended');
  }

  /** The kind of the function named `code`, if it is one. */
  kindOf(code: string): FnDecl['kind'] | undefined {
    return this.fns.get(code)?.kind;
  }

  newActivation(): number {
    return this.nextActivation++;
  }

  emit(kind: EventKind, activation: number, code: string, flags: number, waker = 0): void {
    if (this.events.length >= this.budget) throw new ModelBudgetError(this.budget);
    this.events.push(kind === EventKind.Wake || kind === EventKind.Await ? { kind, activation, code, flags, waker } : { kind, activation, code, flags });
    if (kind === EventKind.Call || kind === EventKind.Resume || kind === EventKind.Throw) this.running.push(activation);
    else if (kind === EventKind.Return || kind === EventKind.Yield || kind === EventKind.Unwind) this.running.pop();
    if (this.spans !== undefined && (kind === EventKind.Return || kind === EventKind.Unwind)) this.spans.finished(activation);
  }

  /** A generator object of `fn` created by the running statement. */
  private create(name: string, asyncGen = false): GeneratorModel {
    const fn = this.fns.get(name)!;
    const g = asyncGen ? new ModelGenerator(this, fn, true) : this.profile.generator(this, fn);
    if (!asyncGen) {
      this.hit('gen/created');
      if (g instanceof ModelGenerator) this.generators.push(g);
    }
    this.spans?.invoke(this.running, name, fn.kind, g);
    return g;
  }

  /** Span model: a generator object's first resumption (`activation` is its new id). */
  firstResume(object: object, activation: number): void {
    this.spans?.firstResume(this.running, object, activation);
  }

  /** Span model: a generator object closed before it ran. */
  closedUnstarted(object: object): void {
    this.spans?.closedUnstarted(object);
  }

  /** A callback (`defer`, a thenable's `then`): its own context for the span model, run right away. */
  private callback<T>(run: () => T): T {
    return this.spans === undefined ? run() : this.spans.callback(this.running, run);
  }

  /** A user event: attributed to the activation executing the statement, the innermost running one. */
  private emitEvent(type: string, payload: Stmt & { op: 'event' }): void {
    if (this.events.length >= this.budget) throw new ModelBudgetError(this.budget);
    const activation = this.running.at(-1) ?? 0;
    this.spans?.callout(this.running, type);
    const e = { kind: EventKind.Event, activation, code: type, flags: EventFlag.None };
    this.events.push(payload.payload === undefined ? e : { ...e, payload: modelPayload(payload.payload, this.redaction) });
  }

  /** A sync call: `call`, the body run to its end, then `return` or `unwind`. */
  callSync(name: string, handed?: GeneratorModel): void {
    const fn = this.fns.get(name)!;
    const a = this.spans?.invoke(this.running, name, 'sync');
    const activation = this.newActivation();
    if (a !== undefined) this.spans!.bind(a, activation);
    this.emit(EventKind.Call, activation, name, EventFlag.None);
    try {
      const r = (handed === undefined ? this.run(fn.body, NO_CTX) : this.runHanded(handed, fn.body, NO_CTX)).next(NEXT);
      if (r.done !== true) throw new Error(`model: sync function ${name} suspended`);
    } catch (error) {
      if (error instanceof ModelThrow) {
        this.emit(EventKind.Unwind, activation, name, EventFlag.None);
        this.hit('sync/unwind');
      }
      throw error;
    }
    this.emit(EventKind.Return, activation, name, EventFlag.None);
    this.hit('sync/return');
  }

  /**
   * An async call: `call`, then the body to its end. Each `await` records `yield`, then `resume` or
   * `throw` by how the awaited promise settles, which the model knows without a schedule: an async
   * callee is run to its end right away (its own events do not depend on when it runs). An exception
   * leaving the body records `unwind` and rejects the call's promise instead of propagating.
   */
  callAsync(name: string, handed?: GeneratorModel): Settlement {
    const fn = this.fns.get(name)!;
    const a = this.spans?.invoke(this.running, name, 'async');
    const activation = this.newActivation();
    if (a !== undefined) this.spans!.bind(a, activation);
    this.emit(EventKind.Call, activation, name, EventFlag.None);
    this.hit('async/call');
    const ctx = { activation, code: name, slots: [], awaited: false };
    // An activation that awaited at least once finishes after its caller took its promise: it wakes the
    // awaiter; one that never awaited has settled its promise before anyone could await it.
    const waker = (): Settlement['waker'] => (ctx.awaited ? { activation, maybe: false } : undefined);
    try {
      const r = (handed === undefined ? this.run(fn.body, ctx) : this.runHanded(handed, fn.body, ctx)).next(NEXT);
      if (r.done !== true) throw new Error(`model: async function ${name} suspended at a yield`);
    } catch (error) {
      if (!(error instanceof ModelThrow)) throw error;
      this.emit(EventKind.Unwind, activation, name, EventFlag.None);
      this.hit('async/unwind');
      const w = waker();
      return w === undefined ? { ok: false, tag: error.tag } : { ok: false, tag: error.tag, waker: w };
    }
    this.emit(EventKind.Return, activation, name, EventFlag.None);
    this.hit('async/return');
    const w = waker();
    return w === undefined ? FULFILLED : { ok: true, waker: w };
  }

  /** An async entry run as a coroutine to its end, as `asyncio.run` drives it (profiles with `awaitOn`). */
  runCoroutine(name: string): Outcome {
    const coroutine = this.spawn(name);
    try {
      while (!coroutine.next().done);
      return { kind: 'return' };
    } catch (error) {
      if (!(error instanceof ModelThrow)) throw error;
      return { kind: 'throw', tag: error.tag };
    }
  }

  /** Evaluates what an `await` awaits (calls happen now, while the awaiting activation runs). */
  private settle(w: Awaitable, ctx: Ctx): Settlement {
    switch (w.kind) {
      case 'call':
        return this.callAsync(w.fn);
      case 'value':
        return FULFILLED;
      case 'tick':
        return UNKNOWN_WAKER;
      case 'reject':
        return { ok: false, tag: w.tag, waker: 'unknown' };
      case 'slot': {
        // Started earlier: whether it finished before this await depends on the schedule.
        const s = ctx.slots![w.slot] ?? FULFILLED;
        return s.waker !== undefined && s.waker !== 'unknown' ? { ...s, waker: { activation: s.waker.activation, maybe: true } } : s;
      }
      case 'allSettled':
        for (const f of w.fns) this.callAsync(f);
        return UNKNOWN_WAKER;
      case 'thenable':
        // `then` runs as a job of its own; what it throws rejects the await.
        return this.callback(() => {
          try {
            this.callSync(w.fn);
            return UNKNOWN_WAKER;
          } catch (error) {
            if (!(error instanceof ModelThrow)) throw error;
            return { ok: false, tag: error.tag, waker: 'unknown' } as const;
          }
        });
      case 'all':
      case 'race': {
        const all = w.fns.map((f) => this.callAsync(f));
        const failed = all.find((x) => !x.ok);
        if (w.kind === 'all' || all.every((x) => x.ok === all[0]!.ok)) return failed ? { ok: false, tag: failed.tag, waker: 'unknown' } : UNKNOWN_WAKER;
        throw new ModelAmbiguityError('model: Promise.race over contenders that settle differently; the winner depends on the schedule');
      }
    }
  }

  spawn(name: string): GeneratorModel {
    return this.create(name);
  }

  /** Runs a function body with its context. */
  *run(body: readonly Stmt[], ctx: Ctx): Body {
    return yield* this.block(body, ctx);
  }

  /** A `handoff` target's body: first drains the generator it was handed (`for...of`, or `for await` in an async one), then runs. */
  private *runHanded(handed: GeneratorModel, body: readonly Stmt[], ctx: Ctx): Body {
    if (ctx.activation === undefined) yield* this.forOf(handed, [], undefined, ctx);
    else yield* this.forAwait(handed as ModelGenerator, [], undefined, ctx);
    return yield* this.block(body, ctx);
  }

  private *block(body: readonly Stmt[], ctx: Ctx): Body {
    for (const s of body) {
      const c = yield* this.stmt(s, ctx);
      if (c !== 'normal') return c;
    }
    return 'normal';
  }

  private *stmt(s: Stmt, ctx: Ctx): Body {
    switch (s.op) {
      case 'call':
        this.callSync(s.fn);
        return 'normal';
      case 'throw':
        throw new ModelThrow(s.tag);
      case 'return':
        return 'return';
      case 'event':
        this.emitEvent(s.type, s);
        return 'normal';
      case 'yield': {
        const r = yield undefined;
        if (r.mode === 'throw') throw new ModelThrow(r.tag);
        return r.mode === 'return' ? 'return' : 'normal';
      }
      case 'reenter':
        // The generator is running (it executes this statement): every method throws TypeError.
        if (s.method === 'next') ctx.gen!.next();
        else if (s.method === 'throw') ctx.gen!.throw('Reenter');
        else ctx.gen!.return();
        return 'normal';
      case 'start':
        ctx.slots![s.slot] = this.callAsync(s.fn);
        return 'normal';
      case 'defer':
        this.callback(() => {
          if (this.fns.get(s.fn)!.kind === 'async') return this.callAsync(s.fn);
          try {
            this.callSync(s.fn);
          } catch (error) {
            if (!(error instanceof ModelThrow)) throw error; // the rendered callback swallows what it throws
          }
          return FULFILLED;
        });
        return 'normal';
      case 'handoff': {
        if (this.fns.get(s.fn)!.kind === 'generator') {
          this.callSync(s.to, this.create(s.fn));
          return 'normal';
        }
        const handed = this.create(s.fn, true);
        return yield* this.awaitSettled(this.callAsync(s.to, handed), ctx);
      }
      case 'adrive':
        return yield* this.adrive(this.create(s.fn, true) as ModelGenerator, s.steps, ctx);
      case 'await': {
        if (this.profile.awaitOn !== undefined) return yield* this.profile.awaitOn(this, s.what, ctx.gen!);
        return yield* this.awaitSettled(this.settle(s.what, ctx), ctx);
      }
      case 'yield*':
        return yield* this.delegating(this.profile.delegate(this.spawn(s.fn), ctx.gen!));
      case 'for-of':
        return yield* this.forOf(this.spawn(s.fn), s.body, s.breakAfter, ctx);
      case 'for-await':
        return yield* this.forAwait(this.create(s.fn, true) as ModelGenerator, s.body, s.breakAfter, ctx);
      case 'drive':
        this.drive(this.spawn(s.fn), s.steps);
        return 'normal';
      case 'try':
        return yield* this.tryStmt(s, ctx);
    }
  }

  /** A `yield*` body as the profile runs it, counting its suspensions and each resumption by mode (semantic coverage). */
  private *delegating(body: Body): Body {
    let step = body.next(NEXT);
    while (step.done !== true) {
      this.hit('yield*/suspend');
      const received = yield step.value;
      if (received.mode !== 'delegate-done') this.hit(`yield*/${received.mode}`);
      step = body.next(received);
    }
    return step.value;
  }

  /** Counts the rows of an await of `ctx`'s activation that settles `ok` or not, woken by `waker`. */
  private hitAwait(ctx: Ctx, ok: boolean, waker: Settlement['waker']): void {
    this.hit(this.kindOf(ctx.code!) === 'asyncGenerator' ? 'asyncgen/await' : ok ? 'async/await-resume' : 'async/await-throw');
    if (waker === undefined) return;
    this.hit(waker === 'unknown' ? 'wake/by-unknown' : 'wake/by-activation');
    this.hit(waker === 'unknown' ? 'await/on-unknown' : 'await/on-activation');
  }

  /** The events of an `await` that settles as `settled`: `yield`, the await edge and wake, then `resume` or `throw`. */
  private *awaitSettled(settled: Settlement, ctx: Ctx): Body {
    ctx.awaited = true;
    this.emit(EventKind.Yield, ctx.activation!, ctx.code!, EventFlag.None);
    const w = settled.waker;
    if (w !== undefined) {
      // The await edge: on the awaited activation (maybe: the schedule decides whether it still runs), or on ?.
      this.emit(EventKind.Await, ctx.activation!, ctx.code!, w === 'unknown' || !w.maybe ? EventFlag.None : MAYBE_FLAG, w === 'unknown' ? 0 : w.activation);
      this.emit(EventKind.Wake, ctx.activation!, ctx.code!, w === 'unknown' || !w.maybe ? EventFlag.None : MAYBE_FLAG, w === 'unknown' ? 0 : w.activation);
    }
    this.emit(settled.ok ? EventKind.Resume : EventKind.Throw, ctx.activation!, ctx.code!, EventFlag.None);
    this.hitAwait(ctx, settled.ok, w);
    if (!settled.ok) throw new ModelThrow(settled.tag);
    return 'normal';
  }

  /** `for...of` / `for ... in`: the profile closes the iterator when the body leaves the loop early. */
  private *forOf(it: GeneratorModel, body: readonly Stmt[], breakAfter: number | undefined, ctx: Ctx): Body {
    for (let n = 0; ; n++) {
      if (it.next().done) return 'normal';
      let c: Completion;
      try {
        c = yield* this.block(body, ctx);
      } catch (error) {
        if (error instanceof ModelThrow) this.profile.closeIterator(it, 'throw');
        throw error;
      }
      if (c === 'return' || n === breakAfter) {
        this.hit('gen/for-of-break');
        this.profile.closeIterator(it, c === 'return' ? 'return' : 'break');
        return c;
      }
    }
  }

  /**
   * `for await...of` over an async generator, as the compiler spells it out: each `next()` (and the
   * `return()` of a `break`, or of a throw out of the body, whose failure is then ignored) is an await of
   * a promise no activation of ours settles: `yield`, `wake by ?`, then `resume` or `throw`.
   */
  private *forAwait(it: ModelGenerator, body: readonly Stmt[], breakAfter: number | undefined, ctx: Ctx): Body {
    const awaitOn = (call: () => { done: boolean }, rethrow: boolean): { done: boolean } => this.awaitOnIterator(call, rethrow, ctx);
    for (let n = 0; ; n++) {

      if (awaitOn(() => it.next(), true).done) return 'normal';
      try {
        yield* this.block(body, ctx); // no return and no yield in a for-await body (validated)
      } catch (error) {
        if (error instanceof ModelThrow) awaitOn(() => it.return(), false);
        throw error;
      }
      if (n === breakAfter) {
        awaitOn(() => it.return(), true);
        return 'normal';
      }
    }
  }

  /** An await of an async generator's `next()`/`return()`/`throw()`: a promise no activation of ours settles. */
  private awaitOnIterator(call: () => { done: boolean }, rethrow: boolean, ctx: Ctx): { done: boolean } {
    let r: { done: boolean } = { done: true };
    let failed: ModelThrow | undefined;
    try {
      r = call();
    } catch (error) {
      if (!(error instanceof ModelThrow)) throw error;
      failed = error;
    }
    ctx.awaited = true;
    this.emit(EventKind.Yield, ctx.activation!, ctx.code!, EventFlag.None);
    this.emit(EventKind.Await, ctx.activation!, ctx.code!, EventFlag.None, 0);
    this.emit(EventKind.Wake, ctx.activation!, ctx.code!, EventFlag.None, 0);
    this.emit(failed ? EventKind.Throw : EventKind.Resume, ctx.activation!, ctx.code!, EventFlag.None);
    this.hitAwait(ctx, failed === undefined, 'unknown');
    if (failed && rethrow) throw failed;
    return r;
  }

  /** `adrive`: each step of an async generator awaited; a step marked `catch` swallows its rejection. */
  private *adrive(it: ModelGenerator, steps: readonly { method: string; tag?: string; catch?: boolean }[], ctx: Ctx): Body {
    for (const d of steps) {
      const call = d.method === 'next' ? () => it.next() : d.method === 'throw' ? () => it.throw(d.tag!) : () => it.return();
      this.awaitOnIterator(call, d.catch !== true, ctx);
    }
    return 'normal';
  }

  private drive(it: GeneratorModel, steps: readonly { method: string; tag?: string; catch?: boolean }[]): void {
    for (const d of steps) {
      try {
        if (d.method === 'next') it.next();
        else if (d.method === 'throw') it.throw(d.tag!);
        else it.return();
      } catch (error) {
        if (d.catch !== true || !(error instanceof ModelThrow) || !this.profile.catches(error.tag)) throw error;
      }
    }
  }

  /** `try`/`catch`/`finally`: a completion of `finally` other than normal replaces the earlier one. */
  private *tryStmt(s: Extract<Stmt, { op: 'try' }>, ctx: Ctx): Body {
    let c: Completion = 'normal';
    let thrown: ModelThrow | undefined;
    try {
      c = yield* this.block(s.body, ctx);
    } catch (error) {
      if (!(error instanceof ModelThrow)) throw error;
      thrown = error;
    }
    if (thrown !== undefined && s.catch !== undefined && this.profile.catches(thrown.tag)) {
      thrown = undefined;
      try {
        c = yield* this.block(s.catch, ctx);
      } catch (error) {
        if (!(error instanceof ModelThrow)) throw error;
        thrown = error;
      }
    }
    if (s.finally !== undefined) {
      const f = yield* this.block(s.finally, ctx); // a throw here replaces everything before it
      if (f !== 'normal') return f;
    }
    if (thrown !== undefined) throw thrown;
    return c;
  }
}
