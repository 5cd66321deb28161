/**
 * The program AST: what the arbitraries generate, the compiler renders as JS, and the model interprets.
 *
 * A program is a list of functions; `functions[0]` is the entry, a sync or async function called with no
 * arguments. A function may only use functions declared after it, so every program terminates.
 * Async functions use the probe API (`enter`, `$.suspend`, `$.resume`) the way a source transform would.
 * Generator functions receive one hidden argument, `self`, whose `it` is their own generator object
 * (what `reenter` uses).
 */
export interface Program {
  /** Optional description, e.g. which DESIGN §3 row a golden program covers. */
  readonly about?: string;
  /** The functions, entry first. */
  readonly functions: readonly FnDecl[];
}

/** `sync` (a plain function), `generator` (`function*`), `async` (`async function`) or `asyncGenerator` (`async function*`). */
export type FnKind = 'sync' | 'generator' | 'async' | 'asyncGenerator';

/** One function declaration. */
export interface FnDecl {
  /** A JS identifier, unique in the program. */
  readonly name: string;
  readonly kind: FnKind;
  readonly body: readonly Stmt[];
}

/** How a statement drives a generator object: `next()`, `throw(new Tagged(tag))` or `return()`. */
export type DriveMethod = 'next' | 'throw' | 'return';

/** One call on a generator object in a `drive`; `catch` wraps it in `try { } catch { }`. */
export interface DriveStep {
  readonly method: DriveMethod;
  /** The error tag for `throw`. */
  readonly tag?: string;
  /** Swallow whatever the call throws. */
  readonly catch?: boolean;
}

/**
 * What an `await` statement awaits (async functions only): a call of a later async function, a resolved
 * value, a rejected tagged error, a scheduler-controlled timer tick, `Promise.all`/`Promise.race` over calls
 * of later async functions, or the promise an earlier `start` put in a slot.
 */
export type Awaitable =
  | { readonly kind: 'call'; readonly fn: string }
  | { readonly kind: 'value' }
  | { readonly kind: 'reject'; readonly tag: string }
  | { readonly kind: 'tick' }
  | { readonly kind: 'all'; readonly fns: readonly string[] }
  | { readonly kind: 'race'; readonly fns: readonly string[] }
  | { readonly kind: 'allSettled'; readonly fns: readonly string[] }
  | { readonly kind: 'slot'; readonly slot: number }
  /** Observe mode only: a thenable that is not a promise, whose `then` calls the later sync function `fn` (a job of its own). */
  | { readonly kind: 'thenable'; readonly fn: string };

/** Promise slots an async function has (`p0`..`p3`). */
export const SLOTS = 4;

/** A statement. */
export type Stmt =
  | { readonly op: 'call'; readonly fn: string }
  | { readonly op: 'yield' }
  | { readonly op: 'yield*'; readonly fn: string }
  | { readonly op: 'for-of'; readonly fn: string; readonly body: readonly Stmt[]; readonly breakAfter?: number }
  | { readonly op: 'drive'; readonly fn: string; readonly steps: readonly DriveStep[] }
  | { readonly op: 'try'; readonly body: readonly Stmt[]; readonly catch?: readonly Stmt[]; readonly finally?: readonly Stmt[] }
  | { readonly op: 'throw'; readonly tag: string }
  | { readonly op: 'return' }
  | { readonly op: 'reenter'; readonly method: DriveMethod }
  | { readonly op: 'await'; readonly what: Awaitable }
  | { readonly op: 'start'; readonly fn: string; readonly slot: number }
  | { readonly op: 'for-await'; readonly fn: string; readonly body: readonly Stmt[]; readonly breakAfter?: number }
  | { readonly op: 'event'; readonly type: string; readonly payload?: EventPayload }
  /**
   * Observe mode only: a callback (`setTimeout(cb, 0)` or `queueMicrotask(cb)`) that calls a later sync
   * function, or starts a later async one without awaiting it; whatever it throws is swallowed.
   */
  | { readonly op: 'defer'; readonly via: 'timeout' | 'microtask'; readonly fn: string }
  /**
   * Observe mode only: creates a generator (async generator) object of `fn` here and passes it to the
   * later sync (async) function `to`, which drains it first thing with `for...of` (`for await`, awaited
   * here): a generator created in one activation and resumed from another.
   */
  | { readonly op: 'handoff'; readonly fn: string; readonly to: string }
  /** Observe mode only: drives an async generator object step by step, awaiting each step; no steps: never consumed. */
  | { readonly op: 'adrive'; readonly fn: string; readonly steps: readonly DriveStep[] };

/**
 * A user event's payload in a program: a flat object of at most 8 fields, each a string of at most 64
 * characters, a finite number or a boolean (`tracer.event(type, payload)`, issue 5).
 */
export type EventPayload = Readonly<Record<string, string | number | boolean>>;

/** A statement's `op`. */
export type StmtOp = Stmt['op'];

/** How a program run ended: `main` returned, or an exception left it (its tag, or `TypeError`). */
export type Outcome = { readonly kind: 'return' } | { readonly kind: 'throw'; readonly tag: string };

/** The outcome as golden header text: `return` or `throw <tag>`. */
export function formatOutcome(o: Outcome): string {
  return o.kind === 'return' ? 'return' : `throw ${o.tag}`;
}

/** The tag an engine TypeError (re-entering a running generator) gets in outcomes and the model. */
export const TYPE_ERROR_TAG = 'TypeError';
