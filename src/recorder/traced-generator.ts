import { type ActivationId, type CodeId, NO_ACTIVATION } from '../model/ids.ts';
import { EventFlag, EventKind } from '../model/kinds.ts';
import type { Recorder } from './recorder.ts';

/** Generator states, as the ECMAScript spec names them. @internal */
export const GenState = { SuspendedStart: 0, SuspendedYield: 1, Executing: 2, Completed: 3 } as const;
type GenState = (typeof GenState)[keyof typeof GenState];

/** How the wrapper resumes the inner generator. @internal */
export const ResumeMode = { Next: 0, Throw: 1, Return: 2 } as const;
type ResumeMode = (typeof ResumeMode)[keyof typeof ResumeMode];

/**
 * The generator object a traced generator function returns: it forwards `next`/`throw`/`return` to the
 * real generator and records the frame events of DESIGN §3 around each resumption.
 *
 * - creation records nothing; the first `next()` records `call` (CPython: PY_START on first resume);
 * - a later `next(x)` records `resume`; `throw(e)` records `throw` (replaces `resume`, as CPython PY_THROW);
 *   `return(v)` records `resume` with {@link EventFlag.ReturnCompletion};
 * - the inner step then ends in `yield` (suspended, also when a `finally` yields again), `return`
 *   (completed) or `unwind` (an exception left the body);
 * - `throw()`/`return()` on a never-started or completed generator, and any call while it executes
 *   (re-entry: the engine's TypeError reaches the caller), record nothing.
 *
 * With values on (`payloads.values`), `yield` carries the yielded value, `return` the return value,
 * `throw` the error thrown in, and `unwind` the exception.
 *
 * `yield*` needs no special case: the delegating body calls the inner wrapper, so suspension is recorded
 * innermost first and resumption outermost first, as JS forwards the calls.
 *
 * Its prototype chain ends in the runtime's own `%IteratorPrototype%`, as a real generator's does, so the
 * ES2025 iterator helpers (`map`, `take`, `toArray`, ...) are there exactly where the runtime has them
 * (Deno 2, Bun 1, Node >= 22; not Node 20) and step the traced generator through `next`/`return`.
 */
export class TracedGenerator<T = unknown, TReturn = unknown, TNext = unknown> implements Generator<T, TReturn, TNext> {
  /** @internal */
  protected state: GenState = GenState.SuspendedStart;
  /** @internal */
  protected activation: ActivationId = NO_ACTIVATION;

  /**
   * @param inner - the real generator object
   * @param recorder - where events go
   * @param code - the generator function's code id
   */
  constructor(
    protected readonly inner: Generator<T, TReturn, TNext>,
    protected readonly recorder: Recorder,
    protected readonly code: CodeId,
  ) {}

  /**
   * Resumes with a value; records `call` the first time, `resume` later. (A generator cannot tell
   * `next()` from `next(undefined)`, so one optional parameter avoids a rest array per step.)
   */
  next(value?: TNext): IteratorResult<T, TReturn> {
    // The hot path of a generator step, written out (step() serves throw() and return()).
    const rec = this.recorder;
    if (this.state === GenState.SuspendedYield) rec.enter(EventKind.Resume, this.activation, this.code, EventFlag.None);
    else if (this.state === GenState.SuspendedStart) this.activation = rec.call(this.code);
    else return this.inner.next(value as TNext); // executing: the engine throws TypeError; completed: { done: true }
    this.state = GenState.Executing;
    let result: IteratorResult<T, TReturn>;
    try {
      result = this.inner.next(value as TNext);
    } catch (error) {
      this.unwound(error);
      throw error;
    }
    this.stepped(result);
    return result;
  }

  /** Throws into the generator; records `throw` only when it is suspended at a `yield`. */
  throw(error: unknown): IteratorResult<T, TReturn> {
    if (this.state === GenState.SuspendedYield) return this.step(EventKind.Throw, EventFlag.None, ResumeMode.Throw, error);
    if (this.state === GenState.SuspendedStart) this.state = GenState.Completed; // closes without running
    return this.inner.throw(error);
  }

  /** Returns from the generator; records a return-completion `resume` only when it is suspended at a `yield`. */
  return(value: TReturn): IteratorResult<T, TReturn> {
    if (this.state === GenState.SuspendedYield) return this.step(EventKind.Resume, EventFlag.ReturnCompletion, ResumeMode.Return, value);
    if (this.state === GenState.SuspendedStart) this.state = GenState.Completed;
    return this.inner.return(value);
  }

  [Symbol.iterator](): this {
    return this;
  }

  get [Symbol.toStringTag](): string {
    return 'Generator';
  }

  /**
   * Records the entry edge, runs one step of the inner generator and records the exit edge.
   * @internal
   */
  protected step(entry: EventKind, flags: number, mode: ResumeMode, arg: unknown): IteratorResult<T, TReturn> {
    const rec = this.recorder;
    rec.enter(entry, this.activation, this.code, flags);
    if (mode === ResumeMode.Throw && rec.values !== undefined) rec.attachValue(arg);
    this.state = GenState.Executing;
    let result: IteratorResult<T, TReturn>;
    try {
      result =
        mode === ResumeMode.Next ? this.inner.next(arg as TNext)
        : mode === ResumeMode.Throw ? this.inner.throw(arg)
        : this.inner.return(arg as TReturn);
    } catch (error) {
      this.unwound(error);
      throw error;
    }
    this.stepped(result);
    return result;
  }

  /** The exit edge of a step the inner generator ended with a result: `return` when done, else `yield`. */
  private stepped(result: IteratorResult<T, TReturn>): void {
    const rec = this.recorder;
    if (result.done === true) {
      this.state = GenState.Completed;
      rec.exit(EventKind.Return, this.activation, this.code, EventFlag.None);
    } else {
      this.state = GenState.SuspendedYield;
      rec.exit(EventKind.Yield, this.activation, this.code, EventFlag.None);
    }
    if (rec.values !== undefined) rec.attachValue(result.value);
  }

  /** The exit edge of a step an exception left: `unwind`. */
  private unwound(error: unknown): void {
    this.state = GenState.Completed;
    this.recorder.exit(EventKind.Unwind, this.activation, this.code, EventFlag.None);
    if (this.recorder.values !== undefined) this.recorder.attachValue(error);
  }
}

/**
 * The runtime's `%IteratorPrototype%` (a generator prototype's grandparent): where the ES2025 iterator
 * helpers live on runtimes that have them. @internal
 */
const ITERATOR_PROTOTYPE: object = Object.getPrototypeOf(Object.getPrototypeOf(function* () {}.prototype)) as object;
Object.setPrototypeOf(TracedGenerator.prototype, ITERATOR_PROTOTYPE);

// The helpers a lib newer than ES2022 declares on `Generator` come from ITERATOR_PROTOTYPE at run time.
export interface TracedGenerator<T, TReturn, TNext> extends Generator<T, TReturn, TNext> {}
