import type { ActivationId, CodeId } from '../model/ids.ts';
import { EventFlag, EventKind } from '../model/kinds.ts';
import type { Recorder } from './recorder.ts';
import type { TaskRegistry } from './task-registry.ts';

/** How an awaited value settled: what {@link AsyncFrame.suspend} resolves to. */
export type Settled<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: unknown };

/** The probes of one async activation, as a tracer under test provides them (see {@link AsyncFrame}). */
export interface AsyncProbes {
  readonly activation: ActivationId;
  readonly finished: boolean;
  suspend<T>(value: T | PromiseLike<T>): Promise<Settled<Awaited<T>>>;
  resume<T>(settled: Settled<T>): T;
  return(): void;
  unwind(): void;
}

/**
 * The probes for one activation of an async function: what a source transform inserts, because a
 * wrapper cannot see the `await`s inside a native async function (DESIGN §3 "Exactness").
 *
 * The pattern, for `const v = await x` inside `async function f()`:
 * ```ts
 * const $ = tracer.enterAsync('f');            // call f, on the caller's stack
 * try {
 *   const v = $.resume(await $.suspend(x));    // yield f; ... then resume f (or throw f) first thing
 *   ...                                        //   in the continuation, before any of its own code
 * } catch (e) { $.unwind(); throw e; }
 * finally { $.return(); }                      // return f at the moment the body finishes
 * ```
 * `suspend` records `yield` and hands back a promise that settles like `x` but always fulfils, with a
 * {@link Settled} record; `resume` records `resume` or `throw` in the continuation itself and then returns
 * the value or throws the reason. So every event is recorded while its activation really runs, and the
 * recorder's stack (what `currentFrame()` reads) is right across every `await`: the continuation starts on
 * an empty stack, exactly as JS runs it.
 */
export class AsyncFrame implements AsyncProbes {
  private state: 0 | 1 | 2 = 1; // 1 running, 0 suspended, 2 finished
  /** Frames suspended on this activation's promise: woken by its completion. @internal */
  awaiters: AsyncFrame[] | undefined;
  /** What the current suspension waits for: 0 a settled value, 1 an unknown promise, 2 an activation. */
  private waitingOn: 0 | 1 | 2 = 0;
  private woken = false;

  /**
   * @param recorder - where events go
   * @param activation - this activation (its `call` already recorded)
   * @param code - its code id
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
   * Records `yield` (the activation suspends at an `await`).
   * @param value - what the `await` awaits
   * @returns a promise that fulfils with how `value` settled; await it and pass the result to {@link AsyncFrame.resume}
   * @throws Error when the activation is not running (a misplaced probe)
   */
  suspend<T>(value: T | PromiseLike<T>): Promise<Settled<Awaited<T>>> {
    this.expect(1, 'suspend');
    this.recorder.emit(EventKind.Yield, this.activation, this.code, EventFlag.None);
    this.state = 0;
    this.woken = false;
    // Who will wake it: an activation still running (its completion records the wake), an unknown
    // promise (a wake with waker 0 at resumption), or nobody (a settled value or finished activation).
    const awaited = isThenable(value) ? this.tasks?.frameOf(value) : undefined;
    if (awaited !== undefined) {
      this.waitingOn = awaited.finished ? 0 : 2;
      if (!awaited.finished) (awaited.awaiters ??= []).push(this);
    } else {
      this.waitingOn = isThenable(value) ? 1 : 0;
    }
    return Promise.resolve(value).then(
      (v) => ({ ok: true as const, value: v }),
      (reason: unknown) => ({ ok: false as const, reason }),
    );
  }

  /**
   * Records `resume` (fulfilled) or `throw` (rejected, as CPython PY_THROW), first thing in the continuation.
   * @returns the awaited value
   * @throws the rejection reason, after recording `throw`
   */
  resume<T>(settled: Settled<T>): T {
    this.expect(0, 'resume');
    if (this.waitingOn === 1 && !this.woken) this.recorder.emitWake(this.activation, this.code, 0);
    this.state = 1;
    this.recorder.emit(settled.ok ? EventKind.Resume : EventKind.Throw, this.activation, this.code, EventFlag.None);
    if (settled.ok) return settled.value;
    throw settled.reason;
  }

  /**
   * Records `return` unless the activation already finished (call it from a `finally`); first the
   * `wake` of every activation suspended on this one's promise, which its completion settles.
   */
  return(): void {
    if (this.state === 2) return;
    this.wakeAwaiters();
    this.state = 2;
    this.recorder.emit(EventKind.Return, this.activation, this.code, EventFlag.None);
  }

  /** Records `unwind` (an exception leaves the body), after the wakes its rejection causes. */
  unwind(): void {
    if (this.state === 2) return;
    this.wakeAwaiters();
    this.state = 2;
    this.recorder.emit(EventKind.Unwind, this.activation, this.code, EventFlag.None);
  }

  /** Records the wake of every frame suspended on this activation's promise. @internal */
  protected wakeAwaiters(): void {
    const list = this.awaiters;
    if (list === undefined) return;
    this.awaiters = undefined;
    for (const f of list) {
      if (f.state !== 0 || f.woken) continue;
      f.woken = true;
      this.recorder.emitWake(f.activation, f.code, this.activation);
    }
  }

  private expect(state: 0 | 1, probe: string): void {
    if (this.state !== state) {
      const now = this.state === 0 ? 'suspended' : this.state === 1 ? 'running' : 'finished';
      throw new Error(`AsyncFrame.${probe}: activation #${this.activation} is ${now}; probes must follow the suspend/resume pattern`);
    }
  }
}

function isThenable(v: unknown): v is PromiseLike<unknown> {
  return (typeof v === 'object' || typeof v === 'function') && v !== null && typeof (v as { then?: unknown }).then === 'function';
}
