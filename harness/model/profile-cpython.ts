import { EventFlag, EventKind } from '../../src/model/kinds.ts';
import type { Awaitable, FnDecl } from '../program/ast.ts';
import type { Machine } from './model.ts';
import { type Body, DELEGATE_DONE, Done, ModelThrow, NEXT, type Resumption, Running, Start, Suspended } from './model-parts.ts';
import type { GeneratorModel, SemanticsProfile } from './profile.ts';
import { stepFrame } from './frame-step.ts';

/** The exception `close()` throws into a suspended generator (CPython `GeneratorExit`, a `BaseException`). */
export const GENERATOR_EXIT = 'GeneratorExit';
/** What `next`/`throw`/`close` on a running generator raise in CPython ("generator already executing"). */
export const VALUE_ERROR = 'ValueError';
/** What `close()` raises when the generator yields instead of finishing ("generator ignored GeneratorExit"). */
export const RUNTIME_ERROR = 'RuntimeError';

/**
 * The `cpython-3.12` profile: `sys.monitoring` events of CPython 3.12 generators (PEP 669; PY_START = `call`,
 * PY_YIELD = `yield`, PY_RESUME = `resume`, PY_THROW = `throw`, PY_RETURN = `return`, PY_UNWIND = `unwind`),
 * each rule measured on CPython 3.12.1 (`shared/reference/cpython-3.12-monitoring-sequences.txt`, the goldens
 * in `golden/python/`) and read from `Objects/genobject.c` (`gen_send_ex2`, `_gen_throw`, `gen_close`):
 * - `close()` throws `GeneratorExit` in: `throw`, then `unwind` when it leaves the frame (`except Exception`
 *   does not catch it), `return` when a `finally` returns, `yield` when it yields (then `close()` raises
 *   `RuntimeError` in the caller and the generator stays suspended). Nothing on a never-started or finished one.
 * - `throw()` into a never-started generator: `throw` then `unwind`, with no `call` (the frame starts with the
 *   exception pending, before any `try`).
 * - `throw()` while suspended in `yield from`: delivered innermost first (the outer frame does not run): when
 *   the inner generator yields, the outer frame records nothing; when it returns or unwinds, the outer frame
 *   gets `throw` (3.12 throws `StopIteration` or the error into it; `CLEANUP_THROW` turns the former into the
 *   value) and goes on. `close()` closes the inner generator first, then throws `GeneratorExit` (or the
 *   inner's error) into the outer frame. `next()` resumes outermost first, as in JS.
 * - A `for` loop left early (break, return, exception) releases its iterator; a suspended generator is then
 *   finalised like `close()`, but what that raises is unraisable: ignored. So is a `yield from` target still
 *   suspended when an exception leaves the `yield from` (it answered `close()` with a yield): the frame pops it.
 * - Re-entering a running generator raises `ValueError`.
 * - Coroutines (one chain, run by asyncio): see {@link awaitOn}.
 */
export const CPYTHON_PROFILE: SemanticsProfile = {
  name: 'cpython-3.12',
  generator: (m: Machine, fn: FnDecl): GeneratorModel => new PyGenerator(m, fn),
  delegate: (inner, self) => yieldFrom(inner, self as PyGenerator),
  closeIterator(it) {
    try {
      it.return();
    } catch (unraisable) {
      if (!(unraisable instanceof ModelThrow)) throw unraisable;
    }
  },
  catches: (tag) => tag !== GENERATOR_EXIT,
  async: 'coroutines',
  awaitOn,
  lifecycle: { throwMayStart: true },
};

/** A CPython generator object: `gi_frame_state` as {@link Start} ... {@link Done}, and its `yield from` target. */
class PyGenerator implements GeneratorModel {
  state = Start;
  activation = 0;
  body: Body | undefined;
  /** The generator this one's frame is delegating to (`gi_yieldfrom`), while suspended in `yield from`. */
  yieldFrom: GeneratorModel | undefined;

  constructor(
    private readonly m: Machine,
    private readonly fn: FnDecl,
  ) {}

  next(): { done: boolean } {
    if (this.state === Start) {
      this.activation = this.m.newActivation();
      this.body = this.m.run(this.fn.body, { gen: this });
      return this.step(EventKind.Call, NEXT);
    }
    if (this.state === Suspended) return this.step(EventKind.Resume, NEXT);
    if (this.state === Running) throw new ModelThrow(VALUE_ERROR);
    return { done: true };
  }

  throw(tag: string): { done: boolean } {
    if (this.state === Running) throw new ModelThrow(VALUE_ERROR);
    if (this.state === Done) throw new ModelThrow(tag);
    if (this.state === Start) {
      // The frame starts with the exception pending: PY_THROW, then PY_UNWIND before any handler is set up.
      this.activation = this.m.newActivation();
      this.m.emit(EventKind.Throw, this.activation, this.fn.name, EventFlag.None);
      this.m.emit(EventKind.Unwind, this.activation, this.fn.name, EventFlag.None);
      this.state = Done;
      throw new ModelThrow(tag);
    }
    const inner = this.yieldFrom;
    if (inner === undefined) return this.step(EventKind.Throw, { mode: 'throw', tag });
    // Delegating: the innermost generator gets the exception first; this frame runs only when it is done.
    const r = this.whileDelegating(() => inner.throw(tag));
    if (r instanceof ModelThrow) return this.step(EventKind.Throw, { mode: 'throw', tag: r.tag });
    return r.done ? this.step(EventKind.Throw, DELEGATE_DONE) : { done: false };
  }

  /** `close()`. */
  return(): { done: boolean } {
    if (this.state === Running) throw new ModelThrow(VALUE_ERROR);
    if (this.state !== Suspended) {
      this.state = Done;
      return { done: true };
    }
    // 1. A delegating frame closes its `yield from` target first; an error from that is thrown in instead.
    const inner = this.yieldFrom;
    const failed = inner === undefined ? undefined : this.whileDelegating(() => inner.return());
    const thrown = failed instanceof ModelThrow ? failed.tag : GENERATOR_EXIT;
    // 2. Throw it into the frame: GeneratorExit leaving it is a clean close; a yield is a RuntimeError.
    let r: { done: boolean };
    try {
      r = this.step(EventKind.Throw, { mode: 'throw', tag: thrown });
    } catch (error) {
      if (error instanceof ModelThrow && error.tag === GENERATOR_EXIT) return { done: true };
      throw error;
    }
    if (!r.done) throw new ModelThrow(RUNTIME_ERROR);
    return r;
  }

  /** Runs a call on the `yield from` target with this frame marked executing; returns its result or its exception. */
  private whileDelegating(call: () => { done: boolean }): { done: boolean } | ModelThrow {
    this.state = Running;
    try {
      return call();
    } catch (error) {
      if (!(error instanceof ModelThrow)) throw error;
      return error;
    } finally {
      this.state = Suspended;
    }
  }

  private step(entry: EventKind, resumption: Resumption): { done: boolean } {
    return stepFrame(this.m, this, this.fn.name, entry, EventFlag.None, resumption);
  }
}

/**
 * `yield from inner` in the frame of `self`: `next()` resumes this frame, which sends on to `inner`
 * (outermost first); a `throw()`/`close()` was already delivered to `inner` by the generator object (see
 * {@link PyGenerator.throw}), so what reaches this frame is the outcome: the exception to raise here, or
 * `delegate-done` when `inner` finished.
 */
function* yieldFrom(inner: GeneratorModel, self: PyGenerator): Body {
  let r = inner.next();
  while (!r.done) {
    self.yieldFrom = inner;
    const received = yield undefined;
    self.yieldFrom = undefined;
    if (received.mode === 'next') r = inner.next();
    else if (received.mode === 'throw') {
      // The exception leaves the `yield from`, which pops `inner` off this frame's stack: still suspended
      // (it answered close() with a yield), it is finalised now, before any handler of this frame runs.
      if (inner instanceof PyGenerator && inner.state === Suspended) CPYTHON_PROFILE.closeIterator(inner, 'throw');
      throw new ModelThrow(received.tag);
    }
    else if (received.mode === 'delegate-done') return 'normal';
    else throw new Error(`model: cpython yield from resumed with ${received.mode}`);
  }
  return 'normal';
}

/**
 * `await` in a coroutine run by asyncio, one chain of coroutines (PROTOCOL.md §6): `await f()` is
 * `yield from` (f starts at once; its suspensions suspend every awaiting frame, innermost first, and the
 * Task resumes them outermost first); `asyncio.sleep(0)` (a value, a tick) is one bare suspension of the
 * chain; `_reject(tag)` one suspension, then the raise inside the resumed frame (no `throw`: it is running).
 */
function* awaitOn(m: Machine, what: Awaitable, self: GeneratorModel): Body {
  switch (what.kind) {
    case 'call':
      return yield* yieldFrom(m.spawn(what.fn), self as PyGenerator);
    case 'value':
    case 'tick':
    case 'reject': {
      const r = yield undefined;
      if (r.mode !== 'next') throw new Error(`model: a coroutine resumed with ${r.mode}`); // only the Task resumes it
      if (what.kind === 'reject') throw new ModelThrow(what.tag);
      return 'normal';
    }
    default:
      throw new Error(`model: the cpython-3.12 profile does not model await of ${what.kind}`);
  }
}
