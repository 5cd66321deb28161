import { EventKind } from '../model/kinds.ts';
import { describeEvent } from './describe.ts';
import { type CheckedEvent, type Validator, type Violation, violation } from './violation.ts';

/**
 * Invariant 5, wake causality (DESIGN §4, dial9's WakeEvent): a `wake` with a known waker names an
 * activation that exists and is running when the wake is recorded, and whose next event is its own
 * completion (`return` or `unwind`: settling its promise is what wakes); an activation is woken at most
 * once per suspension; and the awaits graph has no cycle (an activation cannot wait, through others, for
 * itself).
 *
 * When the trace records what a suspension awaits (`await f #1 on #2`, kind 13), the wake must follow:
 * `f` is woken before it resumes or throws, by `#2` (or by `?` when it awaited `?`, a promise that is
 * not an activation's). A `wake … by ?` is recorded by the continuation itself, so it immediately
 * precedes the woken activation's `resume` or `throw` (metadata records such as `pending` aside). Traces
 * without await records (other tracers, or a flight-recorder snapshot that lost them) are checked by
 * the other rules only.
 *
 * Rules: `unknown-waker`, `waker-not-running`, `waker-not-completing`, `duplicate`, `missing`,
 * `wrong-waker`, `unknown-not-at-resume`, `await-cycle`.
 */
export class WakeCausalityValidator implements Validator {
  readonly name = 'wake';

  /**
   * @param options - `open`: activations open before the first event (a flight-recorder snapshot's or a
   *   segment's `trace.open`): they count as called, and the running ones as on the stack, bottom up
   */
  constructor(options: { readonly open?: readonly { readonly activation: number; readonly state: 'running' | 'suspended' }[] } = {}) {
    for (const o of options.open ?? []) {
      this.called.add(o.activation);
      if (o.state === 'running') this.stack.push(o.activation);
    }
  }

  private readonly stack: number[] = [];
  private readonly called = new Set<number>();
  private readonly wokenThisSuspension = new Set<number>();
  private readonly awaits = new Map<number, Set<number>>();
  private readonly violations: Violation[] = [];
  /** Suspended activation -> what its await record says it waits for (0 = `?`). */
  private readonly awaiting = new Map<number, number>();
  /** Waker -> index of the wake it recorded, until its completion. */
  private readonly completing = new Map<number, { index: number; seq: number; woken: number }>();
  /** A `wake … by ?` whose resumption must come next. */
  private unknownWake: { index: number; seq: number; activation: number; text: string } | undefined;

  push(e: CheckedEvent, index: number): void {
    if (e.kind === EventKind.Recovery) {
      // A crash: what was in flight (a wake's resumption, a waker's completion) is abandoned, not owed.
      this.unknownWake = undefined;
      this.completing.clear();
      this.awaiting.clear();
      return;
    }
    if (e.kind === EventKind.Pending || e.kind === EventKind.Dropped || e.kind === EventKind.Checkpoint) return;
    const u = this.unknownWake;
    if (u !== undefined) {
      this.unknownWake = undefined;
      if (!(e.activation === u.activation && (e.kind === EventKind.Resume || e.kind === EventKind.Throw))) {
        this.violations.push(violation('wake/unknown-not-at-resume', u.index, u.seq, u.activation, `#${u.activation} resuming right after its wake by ? (the continuation records both)`, `${u.text}, then ${describeEvent(e)}`));
      }
    }
    if (e.kind !== EventKind.Wake) this.checkCompletion(e, index);
    switch (e.kind) {
      case EventKind.Await:
        this.awaiting.set(e.activation, e.waker ?? 0);
        return;
      case EventKind.Event:
        return; // a user event moves no frame
      case EventKind.Call:
      case EventKind.Resume:
      case EventKind.Throw: {
        const awaited = this.awaiting.get(e.activation);
        if (awaited !== undefined && !this.wokenThisSuspension.has(e.activation)) {
          this.violations.push(violation('wake/missing', index, e.seq, e.activation, `a wake of #${e.activation} by ${awaited === 0 ? '?' : `#${awaited}`} before it continues (it awaited that)`, describeEvent(e)));
        }
        this.awaiting.delete(e.activation);
        this.called.add(e.activation);
        this.wokenThisSuspension.delete(e.activation);
        this.stack.push(e.activation);
        return;
      }
      case EventKind.Wake: {
        const waker = e.waker ?? 0;
        if (this.wokenThisSuspension.has(e.activation)) {
          this.violations.push(violation('wake/duplicate', index, e.seq, e.activation, `one wake of #${e.activation} per suspension`, describeEvent(e)));
        }
        this.wokenThisSuspension.add(e.activation);
        const awaited = this.awaiting.get(e.activation);
        if (awaited !== undefined && awaited !== waker) {
          this.violations.push(violation('wake/wrong-waker', index, e.seq, e.activation, `a wake by ${awaited === 0 ? '?' : `#${awaited}`}, what #${e.activation} awaited`, describeEvent(e)));
        }
        if (waker === 0) {
          this.unknownWake = { index, seq: e.seq, activation: e.activation, text: describeEvent(e) };
          return;
        }
        if (!this.completing.has(waker)) this.completing.set(waker, { index, seq: e.seq, woken: e.activation });
        if (!this.called.has(waker)) {
          this.violations.push(violation('wake/unknown-waker', index, e.seq, e.activation, `a waker that was called before, #${waker} never was`, describeEvent(e)));
        } else if (this.stack.at(-1) !== waker) {
          this.violations.push(violation('wake/waker-not-running', index, e.seq, e.activation, `#${waker} running (its completion wakes)`, `${describeEvent(e)} while ${this.stack.length > 0 ? `#${this.stack.at(-1)}` : 'nothing'} runs`));
        }
        let set = this.awaits.get(e.activation);
        if (set === undefined) this.awaits.set(e.activation, (set = new Set()));
        set.add(waker);
        return;
      }
      default: {
        const at = this.stack.lastIndexOf(e.activation);
        if (at >= 0) this.stack.length = at;
      }
    }
  }

  /** After `wake … by #w`, #w's next event is its completion. */
  private checkCompletion(e: CheckedEvent, index: number): void {
    const pending = this.completing.get(e.activation);
    if (pending === undefined) return;
    this.completing.delete(e.activation);
    if (e.kind === EventKind.Return || e.kind === EventKind.Unwind || e.kind === EventKind.Abandoned) return;
    this.violations.push(violation('wake/waker-not-completing', index, e.seq, e.activation, `#${e.activation} completing (return or unwind) right after it woke #${pending.woken} at event ${pending.index}`, describeEvent(e)));
  }

  end(): Violation[] {
    // Cycles among awaits edges (woken -> waker), depth first.
    const state = new Map<number, 1 | 2>();
    const visit = (n: number, path: number[]): void => {
      state.set(n, 1);
      for (const m of this.awaits.get(n) ?? []) {
        if (state.get(m) === 1) {
          // The cycle runs from m (on the path, or n itself: a self-wake) to n; what led into it is not part of it.
          const from = m === n ? path.length : path.indexOf(m);
          const cycle = [...path.slice(from), n].map((x) => `#${x}`).join(' -> ');
          this.violations.push(violation('wake/await-cycle', -1, -1, n, 'no activation awaiting itself', `${cycle} -> #${m}`));
        } else if (state.get(m) === undefined) visit(m, [...path, n]);
      }
      state.set(n, 2);
    };
    for (const n of this.awaits.keys()) if (state.get(n) === undefined) visit(n, []);
    return this.violations;
  }
}
