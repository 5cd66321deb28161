import type { FnKind } from '../program/ast.ts';
import type { SpanId, SpanRecord, SpanTracer } from './span-tracer.ts';

/** One problem the runtime saw while the program ran: `rule` (e.g. `context/active`) and a one-line message. */
export interface SpanProblem {
  readonly rule: string;
  readonly message: string;
}

/**
 * An activation as the runtime sees it, keyed like the model's (`ModelActivation`): the invocation
 * record the harness passes as the first argument, which the body receives back as `$k`. A callback's
 * context is a handle of its own (`owner` set), not an activation.
 */
export class Act {
  /** Invocations made in this context so far (the next one's ordinal). */
  n = 0;
  /** Callbacks scheduled in this context so far. */
  cb = 0;
  /** Indexes in `spans()` of the spans started for this activation (by its call, creation or first resumption). */
  readonly spans: number[] = [];
  entered = false;
  exited = false;
  thrown: unknown = undefined;
  constructor(
    readonly key: string,
    readonly name: string,
    readonly kind: FnKind | 'root' | 'callback',
    /** The activation a callback context belongs to; the activation itself otherwise. */
    owner?: Act,
  ) {
    this.owner = owner ?? this;
  }
  readonly owner: Act;
}

/** A tracer fault that makes the program unrunnable (`trace()` threw, or lost the invocation argument). */
export class TracerFault extends Error {
  override readonly name = 'TracerFault';
  constructor(
    readonly rule: string,
    message: string,
  ) {
    super(message);
  }
}

/** What a wrapped function of the program is: its name and kind. */
interface FnInfo {
  readonly name: string;
  readonly kind: FnKind;
}

/**
 * The `$` of a plain program (see `renderPlainProgram`): keys every invocation, binds the spans the
 * tracer starts to the invocation they belong to, checks the active span at every call-out, and records
 * what bodies return and throw. It calls the tracer only through `trace`, `spans` and `activeSpan`.
 */
export class ObserveRuntime {
  readonly root = new Act('', '(top level)', 'root');
  /** Every activation invoked, by key. */
  readonly activations = new Map<string, Act>();
  readonly problems: SpanProblem[] = [];
  /** Spans no activation's call, creation or first resumption started, with where they were noticed. */
  readonly strays: { readonly index: number; readonly where: string }[] = [];
  /** Callbacks scheduled and not yet run. */
  pendingCallbacks = 0;
  private seen = 0;
  private readonly fns = new Map<unknown, FnInfo>();

  constructor(private readonly tracer: SpanTracer) {}

  /** `f = $.wrap(trace, f, "f")`: the tracer's wrapper, checked to be a function. */
  wrap(trace: (fn: never, name: string) => unknown, raw: (...args: never[]) => unknown, name: string): unknown {
    const kind = kindOf(raw);
    let wrapped: unknown;
    try {
      wrapped = trace(raw as never, name);
    } catch (error) {
      throw new TracerFault('tracer/trace-threw', `trace(${name}) threw ${describeError(error)}`);
    }
    if (typeof wrapped !== 'function') throw new TracerFault('tracer/trace-not-function', `trace(${name}) returned ${wrapped === null ? 'null' : typeof wrapped}, not a function`);
    this.fns.set(wrapped, { name, kind });
    return wrapped;
  }

  /** A sync call (`f()`), the invocation passed as the first argument; checks the result and error pass through. */
  call(ctx: Act, f: (...args: unknown[]) => unknown, arg?: unknown): unknown {
    const inv = this.invoke(ctx, f);
    let v: unknown;
    try {
      v = arg === undefined ? f(inv) : f(inv, arg);
    } catch (error) {
      this.afterCall(inv);
      if (inv.entered && error !== inv.thrown) this.problem('tracer/changed-error', `${inv.name} (${inv.key}) threw ${describeError(inv.thrown)}, its caller got ${describeError(error)}`);
      throw error;
    }
    this.afterCall(inv);
    if (inv.entered && v !== inv) this.problem('tracer/changed-result', `${inv.name} (${inv.key}) returned its own result, its caller got ${describeValue(v)}`);
    return v;
  }

  /** An async call: returns the promise the wrapper returned, after checking it settles as the body did. */
  callAsync(ctx: Act, f: (...args: unknown[]) => unknown, arg?: unknown): Promise<unknown> {
    const inv = this.invoke(ctx, f);
    let p: unknown;
    try {
      p = arg === undefined ? f(inv) : f(inv, arg);
    } catch (error) {
      this.afterCall(inv);
      this.problem('tracer/threw', `the wrapper of async ${inv.name} (${inv.key}) threw ${describeError(error)} instead of returning a promise`);
      return Promise.reject(error);
    }
    this.afterCall(inv);
    if (typeof (p as { then?: unknown } | null)?.then !== 'function') {
      this.problem('tracer/changed-result', `the wrapper of async ${inv.name} (${inv.key}) returned ${describeValue(p)}, not a promise`);
      return Promise.resolve(p);
    }
    (p as Promise<unknown>).then(
      (v) => {
        if (v !== inv) this.problem('tracer/changed-result', `${inv.name} (${inv.key}) resolved to its own result, its caller got ${describeValue(v)}`);
      },
      (e) => {
        if (!inv.entered || e !== inv.thrown) this.problem('tracer/changed-error', `${inv.name} (${inv.key}) rejected with ${describeError(inv.thrown)}, its caller got ${describeError(e)}`);
      },
    );
    return p as Promise<unknown>;
  }

  /** Creates a generator object (`g()`): spans started by the creation belong to it. */
  spawn(ctx: Act, g: (...args: unknown[]) => unknown): unknown {
    const inv = this.invoke(ctx, g);
    const self: { it?: unknown } = {};
    let it: unknown;
    try {
      it = g(inv, self);
    } finally {
      this.look(inv);
    }
    if (typeof (it as { next?: unknown } | null)?.next !== 'function') this.problem('tracer/changed-result', `the wrapper of ${inv.kind} ${inv.name} (${inv.key}) returned ${describeValue(it)}, not an iterator`);
    self.it = it;
    return it;
  }

  /** First statement of every body: which invocation this is; spans started since the call belong to it. */
  enter(k: unknown): Act {
    if (!(k instanceof Act)) throw new TracerFault('tracer/changed-arguments', `a traced function was called without the arguments its caller passed (got ${describeValue(k)})`);
    k.entered = true;
    this.look(k);
    const own = this.spanOf(k);
    if (own !== undefined && own.ended > 0) this.problem('span/ended-early', `the span of ${k.name} (${k.key}) was ended before its body started`);
    this.checkActive(k, `the start of ${k.name}`);
    return k;
  }

  /** `finally` of every body: the body finished; its span must still be open. */
  exit(a: Act): void {
    a.exited = true;
    this.look(undefined, `the end of ${a.name} (${a.key})`);
    const own = this.spanOf(a);
    if (own !== undefined && own.ended > 0) this.problem('span/ended-early', `the span of ${a.name} (${a.key}) was ended before its body finished`);
  }

  /** `catch` of every body: what it threw (the caller must get the same error). */
  threw(a: Act, error: unknown): unknown {
    a.thrown = error;
    return error;
  }

  /** An `event` statement: a call-out point, where the activation's own span must be active. */
  out(a: Act, type: string): void {
    this.checkActive(a, `event ${type} in ${a.name}`);
  }

  /** A callback's context, allocated where it is scheduled. */
  cb(a: Act): Act {
    this.pendingCallbacks++;
    return new Act(`${a.key}~${++a.cb}`, a.name, 'callback', a.owner);
  }

  /** A callback runs: calls `f` (a sync function; an async one is started, not awaited); swallows what it throws. */
  callback(cb: Act, f: (...args: unknown[]) => unknown): void {
    this.pendingCallbacks--;
    if (this.fns.get(f)?.kind === 'async') {
      this.callAsync(cb, f).catch(() => {});
      return;
    }
    try {
      this.call(cb, f);
    } catch {
      // an uncaught throw in a callback: the program swallows it (the model too)
    }
  }

  /** A thenable that is not a promise: its `then` calls `f` in a job of its own; what `f` throws rejects it. */
  thenable(a: Act, f: (...args: unknown[]) => unknown): PromiseLike<undefined> {
    const cb = this.cb(a);
    return {
      then: (resolve, reject) => {
        this.pendingCallbacks--;
        try {
          this.call(cb, f);
        } catch (error) {
          return reject?.(error);
        }
        return resolve?.(undefined);
      },
    } as PromiseLike<undefined>;
  }

  /** The span bound to an activation (its first), as the tracer holds it now. */
  spanOf(a: Act): SpanRecord | undefined {
    const i = a.spans[0];
    return i === undefined ? undefined : this.tracer.spans()[i];
  }

  /** Reads the spans started since the last look and binds them to `to` (or records them as strays). */
  look(to: Act | undefined, where = 'a call'): void {
    let all: readonly SpanRecord[];
    try {
      all = this.tracer.spans();
    } catch (error) {
      throw new TracerFault('tracer/spans', `spans() threw ${describeError(error)}`);
    }
    if (!Array.isArray(all)) throw new TracerFault('tracer/spans', `spans() returned ${describeValue(all)}, not an array`);
    if (all.length < this.seen) {
      this.problem('tracer/spans', `spans() shrank from ${this.seen} to ${all.length} spans: it must return every span started so far`);
      this.seen = all.length;
    }
    for (let i = this.seen; i < all.length; i++) {
      if (to !== undefined) to.spans.push(i);
      else this.strays.push({ index: i, where });
    }
    this.seen = all.length;
  }

  private invoke(ctx: Act, f: unknown): Act {
    const info = this.fns.get(f);
    if (info === undefined) throw new Error('observe runtime: a call of a function the program did not wrap'); // an internal bug
    const key = ctx.key === '' ? String(++ctx.n) : `${ctx.key}.${++ctx.n}`;
    const inv = new Act(key, info.name, info.kind);
    this.activations.set(key, inv);
    this.checkActive(ctx, ctx === this.root ? `the call of ${info.name}` : `the call of ${info.name} in ${ctx.owner.name}`);
    this.look(undefined, `before the call of ${info.name} (${key})`);
    return inv;
  }

  private afterCall(inv: Act): void {
    this.look(undefined, `after the call of ${inv.name} (${inv.key})`);
    if (!inv.entered && (inv.kind === 'sync' || inv.kind === 'async')) this.problem('tracer/not-called', `the wrapper of ${inv.name} (${inv.key}) returned without calling the function`);
  }

  /** The active span at a call-out must be the span of the activation whose code runs there. */
  private checkActive(ctx: Act, where: string): void {
    if (this.tracer.activeSpan === undefined) return;
    const owner = ctx.owner;
    const want: SpanId | undefined = owner === this.root ? undefined : this.spanOf(owner)?.id;
    if (owner !== this.root && want === undefined) return; // no span of its own: reported as span/missing
    let got: SpanId | undefined;
    try {
      got = this.tracer.activeSpan();
    } catch (error) {
      this.problem('tracer/threw', `activeSpan() threw ${describeError(error)}`);
      return;
    }
    if (got === null) got = undefined;
    if (got !== want) this.problem('context/active', `at ${where}${owner === this.root ? '' : ` (${owner.key})`}: active span want ${this.describeSpan(want)}, got ${this.describeSpan(got)}`);
  }

  /** `span of f3 (1.2)`, `no span`, or `span 17 (no activation's)`. */
  describeSpan(id: SpanId | undefined): string {
    if (id === undefined) return 'no span';
    for (const a of this.activations.values()) if (a.spans.length > 0 && this.spanOf(a)?.id === id) return `the span of ${a.name} (${a.key})`;
    return `span ${JSON.stringify(id)} (no activation's)`;
  }

  private problem(rule: string, message: string): void {
    if (this.problems.length < 200) this.problems.push({ rule, message });
  }
}

const GeneratorFunction = Object.getPrototypeOf(function* () {}).constructor as unknown;
const AsyncFunction = Object.getPrototypeOf(async function () {}).constructor as unknown;
const AsyncGeneratorFunction = Object.getPrototypeOf(async function* () {}).constructor as unknown;

function kindOf(fn: unknown): FnKind {
  const ctor = Object.getPrototypeOf(fn)?.constructor as unknown;
  return ctor === GeneratorFunction ? 'generator' : ctor === AsyncFunction ? 'async' : ctor === AsyncGeneratorFunction ? 'asyncGenerator' : 'sync';
}

/** A thrown value in one line: `Tagged E1`, `TypeError: x`. */
export function describeError(e: unknown): string {
  if (e !== null && typeof e === 'object' && (e as { name?: unknown }).name === 'Tagged') return `Tagged ${String((e as { tag?: unknown }).tag)}`;
  if (e instanceof Error) return `${e.name}: ${e.message.split('\n')[0]!.slice(0, 120)}`;
  return describeValue(e);
}

function describeValue(v: unknown): string {
  if (v instanceof Act) return `the result of ${v.name} (${v.key})`;
  if (v === undefined || v === null || typeof v !== 'object') return String(v);
  return Array.isArray(v) ? 'an array' : 'an object';
}
