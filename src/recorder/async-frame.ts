import type { ActivationId, CodeId } from '../model/ids.ts';
import { EventFlag, EventKind } from '../model/kinds.ts';
import type { Recorder } from './recorder.ts';
import type { TaskRegistry } from './task-registry.ts';

/** The probes of one async activation, as a tracer under test provides them (see {@link AsyncFrame}). */
export interface AsyncProbes {
  readonly activation: ActivationId;
  readonly finished: boolean;
  suspend<T>(value: T): T;
  resume(): void;
  resumeReturn(): void;
  throw(error: unknown): unknown;
  return(value?: unknown): void;
  unwind(error?: unknown): void;
  /**
   * The compact pattern's probes (optional: the harness builds them from the ones above for a tracer
   * without them; see {@link AsyncFrame.resumed}, {@link AsyncFrame.returned}, {@link AsyncFrame.unwound}).
   */
  resumed?<T>(value: T): T;
  returned?: { (): undefined; <T>(value: T): T };
  unwound?(error: unknown): unknown;
}

/**
 * The probes for one activation of an async function: what a source transform inserts, because a
 * wrapper cannot see the `await`s inside a native async function (DESIGN §3 "Exactness").
 *
 * The pattern, for `v = await x` inside `async function f()`:
 * ```ts
 * const $ = tracer.enterAsync('f');                  // call f, on the caller's stack
 * try {
 *   try { v = await $.suspend(x); }                  // yield f (suspend returns x itself: no extra tick)
 *   catch (e) { throw $.throw(e); }                  // throw f, first thing when x rejects
 *   $.resume();                                      // resume f, first thing when x fulfils
 *   ...
 * } catch (e) { $.unwind(); throw e; }               // unwind f
 * finally { $.return(); }                            // return f, at the moment the body finishes
 * ```
 * The **compact pattern** records the same events with one `catch` and no `finally`, for a body whose
 * `return`s all sit at its top level (issue 15: a third fewer instructions around each `await`):
 * ```ts
 * const $ = tracer.enterAsync('f');
 * try {
 *   v = $.resumed(await $.suspend(x));                // yield f; resume f when x fulfils
 *   ...
 *   return $.returned();                              // return f (also as the body's last statement)
 * } catch (e) { throw $.unwound(e); }                 // throw f first when x rejected, then unwind f
 * ```
 * An `await` inside a block keeps the full form: a `catch` or a loop's iterator close would run between
 * the rejection and the outer `catch`, before `throw` was recorded.
 *
 * Every event is recorded while its activation really runs, and the recorder's stack (what
 * `currentFrame()` reads) is right across every `await`: the continuation starts on an empty stack,
 * exactly as JS runs it. Wakes: when `x` is the promise of a traced async activation still running, that
 * activation's completion records `wake f by it`; any other promise gets `wake f by ?` at resumption; a
 * plain value or an activation already finished, no wake.
 */
export class AsyncFrame implements AsyncProbes {
  private state: 0 | 1 | 2 = 1; // 1 running, 0 suspended, 2 finished
  /**
   * The first frame suspended on this activation's promise, and the others in order: woken by its
   * completion. One awaiter is the common case: kept in a field, no array per activation (issue 15). @internal
   */
  awaiter: AsyncFrame | undefined;
  /** @internal */
  moreAwaiters: AsyncFrame[] | undefined;
  /** What the current suspension waits for: 0 a settled value, 1 an unknown promise, 2 an activation. */
  private waitingOn: 0 | 1 | 2 = 0;
  private woken = false;
  /** The activation the current suspension awaits, when it is one of ours (for task dumps). @internal */
  awaiting: AsyncFrame | undefined;
  private suspendedAtEvent = 0;
  private suspendedAtNs = 0;

  /**
   * @param recorder - where events go
   * @param activation - this activation (its `call` already recorded)
   * @param code - its code id
   * @param tasks - which promise belongs to which activation (for wakes)
   */
  constructor(
    private readonly recorder: Recorder,
    readonly activation: ActivationId,
    readonly code: CodeId,
    private readonly tasks?: TaskRegistry,
  ) {}

  /** True once `return` or `unwind` was recorded. */
  get finished(): boolean {
    return this.state === 2;
  }

  /**
   * Records `yield` (the activation suspends at an `await`) and notes who will wake it.
   * @param value - what the `await` awaits
   * @returns `value` itself, to be awaited
   * @throws Error when the activation is not running (a misplaced probe)
   */
  suspend<T>(value: T): T {
    this.expect(1, 'suspend');
    this.recorder.exit(EventKind.Yield, this.activation, this.code, EventFlag.None);
    this.state = 0;
    this.woken = false;
    const dumps = this.tasks?.pendingAfter;
    if (dumps !== undefined) {
      this.suspendedAtEvent = this.recorder.emitted;
      if (dumps.ns !== undefined) this.suspendedAtNs = this.tasks!.clock!();
    }
    // Who will wake it: an activation still running (its completion records the wake), an unknown
    // promise (a wake with waker 0 at resumption), or nobody (a settled value or finished activation).
    const thenable = isThenable(value);
    const awaited = thenable ? this.tasks?.frameOf(value as object) : undefined;
    this.awaiting = awaited;
    if (awaited !== undefined) {
      this.waitingOn = awaited.finished ? 0 : 2;
      if (!awaited.finished) {
        if (awaited.awaiter === undefined) awaited.awaiter = this;
        else (awaited.moreAwaiters ??= []).push(this);
      }
    } else {
      this.waitingOn = thenable ? 1 : 0;
    }
    // The await edge: what will wake it (an activation, or an unknown promise); nothing for a settled value.
    if (this.waitingOn !== 0) this.recorder.emitAwait(this.activation, this.code, this.waitingOn === 2 ? awaited!.activation : 0);
    return value;
  }

  /** Records `resume` (the awaited value fulfilled), first thing in the continuation. */
  resume(): void {
    this.continued(EventKind.Resume, 'resume');
  }

  /**
   * Records `resume` marked as a return completion: an async generator suspended at a `yield` resumed by
   * `return()` (from the `finally` around that `yield`, before any other `finally` code runs).
   */
  resumeReturn(): void {
    this.expect(0, 'resumeReturn');
    this.state = 1;
    this.recorder.enter(EventKind.Resume, this.activation, this.code, EventFlag.ReturnCompletion);
  }

  /**
   * Records `throw` (the awaited value rejected, as CPython PY_THROW), first thing in the continuation.
   * @param error - the rejection reason
   * @returns `error`, to be rethrown: `throw $.throw(e)`
   */
  throw(error: unknown): unknown {
    // The awaited expression itself threw, before `suspend` ran: nothing was suspended, nothing to record.
    if (this.state === 1) return error;
    this.continued(EventKind.Throw, 'throw');
    if (this.recorder.values !== undefined) this.recorder.attachValue(error);
    return error;
  }

  /**
   * Records `return` unless the activation already finished (call it from a `finally`); first the
   * `wake` of every activation suspended on this one's promise, which its completion settles.
   * @param value - the return value, attached when values are on and it is passed
   */
  return(value?: unknown): void {
    if (this.state === 2) return;
    this.wakeAwaiters();
    this.state = 2;
    this.recorder.exit(EventKind.Return, this.activation, this.code, EventFlag.None);
    if (arguments.length > 0 && this.recorder.values !== undefined) this.recorder.attachValue(value);
  }

  /**
   * Records `unwind` (an exception leaves the body), after the wakes its rejection causes.
   * @param error - the exception, attached when values are on and it is passed
   */
  unwind(error?: unknown): void {
    if (this.state === 2) return;
    this.wakeAwaiters();
    this.state = 2;
    this.recorder.exit(EventKind.Unwind, this.activation, this.code, EventFlag.None);
    if (arguments.length > 0 && this.recorder.values !== undefined) this.recorder.attachValue(error);
  }

  /**
   * The compact pattern's resumption (see {@link AsyncFrame}): records `resume` and hands back the value
   * the `await` gave, so `v = $.resumed(await $.suspend(x))` needs no statement after the `await`.
   * @param value - what the `await` evaluated to
   * @returns `value`
   */
  resumed<T>(value: T): T {
    this.continued(EventKind.Resume, 'resumed');
    return value;
  }

  /**
   * The compact pattern's return (see {@link AsyncFrame}): records the wakes and `return` (as
   * {@link AsyncFrame.return}), and hands back the value, so `return $.returned(v)` ends the body. Only where
   * no `finally` of the body runs after it.
   * @param value - the return value, attached when values are on and it is passed
   * @returns `value`
   */
  returned(): undefined;
  returned<T>(value: T): T;
  returned<T>(value?: T): T | undefined {
    if (arguments.length === 0) this.return();
    else this.return(value);
    return value;
  }

  /**
   * The compact pattern's one `catch` around the body (see {@link AsyncFrame}): an exception that finds the
   * activation suspended came from the `await` it was suspended at, so `throw` is recorded first (as
   * {@link AsyncFrame.throw}, the error attached when values are on), then the wakes and `unwind`
   * (as {@link AsyncFrame.unwind}; nothing more when the activation already finished).
   * @param error - the exception leaving the body
   * @returns `error`, to be rethrown: `catch (e) { throw $.unwound(e); }`
   */
  unwound(error: unknown): unknown {
    if (this.state === 0) this.throw(error);
    this.unwind(error);
    return error;
  }

  /** Records the wake of every frame suspended on this activation's promise. @internal */
  protected wakeAwaiters(): void {
    const first = this.awaiter;
    if (first === undefined) return;
    const more = this.moreAwaiters;
    this.awaiter = undefined;
    this.moreAwaiters = undefined;
    this.wake(first);
    if (more !== undefined) for (const f of more) this.wake(f);
  }

  private wake(f: AsyncFrame): void {
    if (f.state !== 0 || f.woken) return;
    f.woken = true;
    this.recorder.emitWake(f.activation, f.code, this.activation);
  }

  private continued(kind: EventKind, probe: string): void {
    this.expect(0, probe);
    const dumps = this.tasks?.pendingAfter;
    if (dumps !== undefined && this.overdue(dumps)) this.dump();
    if (this.waitingOn === 1 && !this.woken) this.recorder.emitWake(this.activation, this.code, 0);
    this.state = 1;
    this.recorder.enter(kind, this.activation, this.code, EventFlag.None);
  }

  private overdue(t: { events?: number; ns?: number }): boolean {
    if (t.events !== undefined && this.recorder.emitted - this.suspendedAtEvent > t.events) return true;
    return t.ns !== undefined && this.tasks!.clock!() - this.suspendedAtNs > t.ns;
  }

  /**
   * The task dump: one `pending` per link of the await chain, innermost first (the activation this one
   * awaited, what that one awaited at its last suspension, ...); `pending f on ?` when it awaited no
   * activation of ours.
   */
  private dump(): void {
    const chain: AsyncFrame[] = [];
    for (let f = this.awaiting; f !== undefined && !chain.includes(f) && chain.length < 64; f = f.awaiting) chain.push(f);
    if (chain.length === 0) this.recorder.emitPending(this.activation, this.code, 0);
    for (let k = chain.length - 1; k >= 0; k--) this.recorder.emitPending(this.activation, this.code, chain[k]!.activation);
  }

  private expect(state: 0 | 1, probe: string): void {
    if (this.state !== state) {
      const now = this.state === 0 ? 'suspended' : this.state === 1 ? 'running' : 'finished';
      throw new Error(`AsyncFrame.${probe}: activation #${this.activation} is ${now}; probes must follow the suspend/resume pattern`);
    }
  }
}

function isThenable(v: unknown): boolean {
  return (typeof v === 'object' || typeof v === 'function') && v !== null && typeof (v as { then?: unknown }).then === 'function';
}
