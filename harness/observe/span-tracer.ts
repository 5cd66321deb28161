/**
 * The contract of a **span tracer** under test in observe mode (issue 12): a tracer that wraps functions
 * and builds spans with its own machinery (AsyncLocalStorage, TracingChannel, an OpenTelemetry context
 * manager). The harness runs generated programs compiled *plain* (no probes in async bodies), so the only
 * things the tracer sees are the wrapped entry points and the runtime's own scheduling; it then compares
 * the spans with the span-tree model (README "Span tracers", DESIGN §8).
 * @module
 */

/** A span id: any string or number, unique within one tracer. */
export type SpanId = string | number;

/** One span as the tracer recorded it. Plain data: the harness copies and validates it. */
export interface SpanRecord {
  /** Unique among the spans of one tracer. */
  readonly id: SpanId;
  /** The parent span's id; `undefined` or `null` for a root span. */
  readonly parentId?: SpanId | null;
  /** The name given to `trace(fn, name)`. */
  readonly name: string;
  /** How many times the span was ended (`end()` called): 0 while open; 1 when ended; more is a bug. */
  readonly ended: number;
}

/**
 * What a span tracer implements. `createTracer()` is called once per program, so every program starts
 * from an empty tracer.
 */
export interface SpanTracer {
  /**
   * Wraps a function of any kind (sync, generator, async, async generator) so each invocation gets a span
   * named `name`, whose parent is the span active where it starts (see {@link ContextPolicies} for
   * generators), and which is active in the function's body, including after every `await` and in every
   * resumption of a generator, and is ended exactly once when the body finishes (an async function: when
   * its promise settles; a generator: when it returns, throws, or is closed by `return()`/`throw()`).
   * Must return a function that passes arguments, `this`, the return value and the thrown error through.
   * @param fn - the function to wrap
   * @param name - the span name
   */
  trace<F extends (...args: never[]) => unknown>(fn: F, name: string): F;
  /**
   * Every span recorded so far, in the order the spans were **started**. Called often during a run (at
   * every traced call), so it should be cheap: return the array the tracer appends to.
   */
  spans(): readonly SpanRecord[];
  /**
   * The id of the span active now, or `undefined` outside any. Optional: when present, the harness checks
   * the active span at every call-out point of the program (`event` statements, the start of each body, each
   * callback), not only through the parents of the spans started there.
   */
  activeSpan?(): SpanId | undefined;
  /**
   * Optional: called once after each program, when the harness has read the spans, to release what the
   * tracer holds. `check` creates a tracer per program (thousands per run): an `AsyncLocalStorage` made per
   * tracer and never `disable()`d stays in Node's list of stores and makes every later async operation
   * slower. A throw is reported as `tracer/close-threw`.
   */
  close?(): void;
}

/**
 * Where the span of a generator (or async generator) takes its parent, and so the context its body runs
 * in — the choice runtimes and tracers legitimately make differently:
 * - `creation`: the span active where the generator object was created (`g()`), as a tracer that captures
 *   the context at the call (OpenTelemetry's `context.bind`, the ALS store at the call) does;
 * - `resume`: the span active where the generator is first resumed (the first `next()`), as a tracer that
 *   starts the span lazily, or the runtime's own propagation for async generators (nodejs/node#42237), does.
 *
 * Either way the body runs with the generator's own span active, in every resumption.
 */
export type GeneratorContext = 'creation' | 'resume';

/** The policies a span tracer declares (README "Span tracers"; defaults: `creation` for both). */
export interface ContextPolicies {
  /** For `function*` generators. @defaultValue 'creation' */
  readonly 'generator-context': GeneratorContext;
  /** For `async function*` generators. @defaultValue 'creation' */
  readonly 'async-generator-context': GeneratorContext;
}

/** Default policies: a generator's span is a child of the span active where it was created. */
export const DEFAULT_POLICIES: ContextPolicies = { 'generator-context': 'creation', 'async-generator-context': 'creation' };

/** Every combination of policies, in a fixed order: the ones the harness tries when it says which one fits. */
export const ALL_POLICIES: readonly ContextPolicies[] = (['creation', 'resume'] as const).flatMap((g) =>
  (['creation', 'resume'] as const).map((a) => ({ 'generator-context': g, 'async-generator-context': a })),
);

/** Formats policies as the README and the CLI write them: `generator-context: resume, async-generator-context: creation`. */
export function formatPolicies(p: ContextPolicies): string {
  return `generator-context: ${p['generator-context']}, async-generator-context: ${p['async-generator-context']}`;
}

/** Whether a tracer made by `createTracer()` is a span tracer (has `spans()`), not a {@link TracerUnderTest} event tracer. */
export function isSpanTracer(t: unknown): t is SpanTracer {
  return typeof t === 'object' && t !== null && typeof (t as SpanTracer).spans === 'function' && typeof (t as SpanTracer).trace === 'function';
}

/**
 * A span tracer module, as `check --tracer <module>` loads it: `createTracer` and, optionally, its
 * declared `policies` (missing fields take {@link DEFAULT_POLICIES}).
 */
export interface SpanTracerModule {
  readonly createTracer: () => SpanTracer;
  readonly policies?: Partial<ContextPolicies>;
}

/**
 * Types a span tracer module and checks its policies; returns it unchanged. Spread it into named exports,
 * or export `createTracer` and `policies` yourself:
 * ```ts
 * export const { createTracer, policies } = defineTracer({ createTracer: () => new MyTracer(), policies: { 'generator-context': 'resume' } });
 * ```
 * @throws TypeError for an unknown policy name or value
 */
export function defineTracer<M extends SpanTracerModule>(module: M): M {
  if (typeof module?.createTracer !== 'function') throw new TypeError('defineTracer: createTracer must be a function');
  resolvePolicies(module.policies);
  return module;
}

/**
 * Fills in default policies and checks names and values.
 * @throws TypeError for an unknown policy name or value
 */
export function resolvePolicies(p: unknown): ContextPolicies {
  if (p === undefined) return DEFAULT_POLICIES;
  if (typeof p !== 'object' || p === null || Array.isArray(p)) throw new TypeError('policies: must be an object such as { "generator-context": "resume" }');
  const out: Record<string, string> = { ...DEFAULT_POLICIES };
  for (const [k, v] of Object.entries(p)) {
    if (!(k in DEFAULT_POLICIES)) throw new TypeError(`policies: unknown policy ${JSON.stringify(k)} (known: ${Object.keys(DEFAULT_POLICIES).join(', ')})`);
    if (v !== 'creation' && v !== 'resume') throw new TypeError(`policies: ${k} must be "creation" or "resume", got ${JSON.stringify(v)}`);
    out[k] = v;
  }
  return out as unknown as ContextPolicies;
}
