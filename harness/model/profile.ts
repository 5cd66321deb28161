import type { Awaitable, FnDecl } from '../program/ast.ts';
import type { Body } from './model-parts.ts';
import type { Machine } from './model.ts';

/**
 * A modelled generator object, as the program's `drive`, `for-of`, `yield*` and `reenter` statements use
 * it. `return()` finishes a generator early the target's way: JS `g.return()`, CPython `g.close()`. Each
 * method emits the events its profile prescribes and throws `ModelThrow` for an exception the call raises
 * in its caller.
 */
export interface GeneratorModel {
  next(): { done: boolean };
  throw(tag: string): { done: boolean };
  return(): { done: boolean };
}

/** The names of the semantics profiles. */
export type ProfileName = 'js' | 'cpython-3.12';

/**
 * A semantics profile: the rules that differ between targets, chosen by the target (issue 11), never by
 * flags scattered through the model. Exported so the harness's targets can name theirs (`JS_PROFILE`,
 * `CPYTHON_PROFILE`); writing one means writing model internals (`Machine`, `Body`), which are
 * `@internal`: a third target adds its profile file next to these two. The interpreter (`Machine`) keeps what all targets share: statements,
 * `try`/`catch`/`finally` completions, sync calls, user events. README "Semantics" puts the profiles side
 * by side.
 */
export interface SemanticsProfile {
  readonly name: ProfileName;
  /** A new generator object of `fn`. */
  generator(m: Machine, fn: FnDecl): GeneratorModel;
  /** `yield* inner` (JS) / `yield from inner` (CPython) in the body of the generator object `self`. */
  delegate(inner: GeneratorModel, self: GeneratorModel): Body;
  /**
   * A `for` loop's body left the loop early: by `break` (after `breakAfter` iterations), a `return`, or an
   * exception (which the caller rethrows after this). JS calls `return()` (ECMAScript IteratorClose);
   * CPython releases the iterator, which finalises a suspended generator.
   */
  closeIterator(it: GeneratorModel, completion: 'break' | 'return' | 'throw'): void;
  /** Whether a `catch` block catches an exception with this tag (CPython's `except Exception` does not catch `GeneratorExit`). */
  catches(tag: string): boolean;
  /**
   * Which async programs the profile models: `all` (JS: async functions and generators, started promises,
   * `Promise.all`/`race`, by the interpreter's own rules) or `coroutines` (CPython: one chain of coroutines,
   * through {@link SemanticsProfile.awaitOn}; no async generators).
   */
  readonly async: 'all' | 'coroutines';
  /**
   * `await what` in the coroutine whose object is `self`, when the profile models coroutines as frames
   * (CPython: `await f()` is `yield from`, a value or a tick one bare suspension, a rejection one suspension
   * then a raise); an async entry then runs as a coroutine driven to its end (as `asyncio.run` drives it).
   */
  awaitOn?(m: Machine, what: Awaitable, self: GeneratorModel): Body;
  /** Lifecycle rules the profile relaxes: CPython records `throw` with no `call` for `g.throw()` into a never-started generator. */
  readonly lifecycle: { readonly throwMayStart: boolean };
}
