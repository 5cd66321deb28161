import { EventKind } from '../model/kinds.ts';
import { describeEvent } from './describe.ts';
import { type CheckedEvent, type Validator, type Violation, violation } from './violation.ts';

/**
 * Invariant 5, wake causality (DESIGN §4, dial9's WakeEvent): a `wake` with a known waker names an
 * activation that exists and is running when the wake is recorded (its completion is what settles the
 * awaited promise); an activation is woken at most once per suspension; and the awaits graph has no
 * cycle (an activation cannot wait, through others, for itself).
 *
 * Rules: `unknown-waker`, `waker-not-running`, `duplicate`, `await-cycle`.
 */
export class WakeCausalityValidator implements Validator {
  readonly name = 'wake';
  private readonly stack: number[] = [];
  private readonly called = new Set<number>();
  private readonly wokenThisSuspension = new Set<number>();
  private readonly awaits = new Map<number, Set<number>>();
  private readonly violations: Violation[] = [];

  push(e: CheckedEvent, index: number): void {
    switch (e.kind) {
      case EventKind.Call:
      case EventKind.Resume:
      case EventKind.Throw:
        this.called.add(e.activation);
        this.wokenThisSuspension.delete(e.activation);
        this.stack.push(e.activation);
        return;
      case EventKind.Wake: {
        const waker = e.waker ?? 0;
        if (this.wokenThisSuspension.has(e.activation)) {
          this.violations.push(violation('wake/duplicate', index, e.seq, e.activation, `one wake of #${e.activation} per suspension`, describeEvent(e)));
        }
        this.wokenThisSuspension.add(e.activation);
        if (waker === 0) return;
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
      case EventKind.Pending:
      case EventKind.Dropped:
      case EventKind.Checkpoint:
      case EventKind.Recovery:
        return;
      default: {
        const at = this.stack.lastIndexOf(e.activation);
        if (at >= 0) this.stack.length = at;
      }
    }
  }

  end(): Violation[] {
    // Cycles among awaits edges (woken -> waker), depth first.
    const state = new Map<number, 1 | 2>();
    const visit = (n: number, path: number[]): void => {
      state.set(n, 1);
      for (const m of this.awaits.get(n) ?? []) {
        if (state.get(m) === 1) {
          const cycle = [...path.slice(path.indexOf(m)), n].map((x) => `#${x}`).join(' -> ');
          this.violations.push(violation('wake/await-cycle', -1, -1, n, 'no activation awaiting itself', `${cycle} -> #${m}`));
        } else if (state.get(m) === undefined) visit(m, [...path, n]);
      }
      state.set(n, 2);
    };
    for (const n of this.awaits.keys()) if (state.get(n) === undefined) visit(n, []);
    return this.violations;
  }
}
