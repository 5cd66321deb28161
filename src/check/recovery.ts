import { EventKind } from '../model/kinds.ts';
import { describeEvent } from './describe.ts';
import { type CheckedEvent, type Validator, type Violation, violation } from './violation.ts';

/**
 * Invariant 8, recovery (DESIGN §4, issue 5): a `recovery` record references the last `checkpoint` that is
 * in the trace before it (0 when there is none) and never one that was not committed; right after it,
 * every activation open at the crash is closed by an `abandoned` record (running ones innermost first),
 * none silently dropped; `abandoned` appears only there.
 *
 * Rules: `unknown-checkpoint`, `not-last-checkpoint`, `not-abandoned`, `stray-abandoned`.
 */
export class RecoveryValidator implements Validator {
  readonly name = 'recovery';
  private readonly running: number[] = [];
  private readonly suspended = new Set<number>();
  private readonly committed = new Set<number>();
  private lastCheckpoint = 0;
  /** Activations still to be abandoned after the last recovery record. */
  private owed = new Set<number>();
  private owedSince = -1;
  private readonly violations: Violation[] = [];

  push(e: CheckedEvent, index: number): void {
    const value = e.waker ?? 0;
    if (e.kind === EventKind.Abandoned) {
      if (!this.owed.delete(e.activation)) {
        this.violations.push(violation('recovery/stray-abandoned', index, e.seq, e.activation, 'abandoned only right after a recovery, for an activation open at the crash', describeEvent(e)));
      }
      this.exit(e.activation);
      this.suspended.delete(e.activation);
      return;
    }
    this.settleOwed(index);
    switch (e.kind) {
      case EventKind.Checkpoint:
        this.committed.add(value);
        this.lastCheckpoint = value;
        return;
      case EventKind.Recovery:
        if (value !== 0 && !this.committed.has(value)) {
          this.violations.push(violation('recovery/unknown-checkpoint', index, e.seq, 0, `a checkpoint committed before the crash, id ${value} never was`, describeEvent(e)));
        } else if (value !== this.lastCheckpoint) {
          this.violations.push(violation('recovery/not-last-checkpoint', index, e.seq, 0, `recovery from ${this.lastCheckpoint || '?'} (the last checkpoint before it)`, describeEvent(e)));
        }
        this.owed = new Set([...this.running, ...this.suspended]);
        this.owedSince = index;
        return;
      case EventKind.Call:
      case EventKind.Resume:
      case EventKind.Throw:
        this.suspended.delete(e.activation);
        this.running.push(e.activation);
        return;
      case EventKind.Return:
      case EventKind.Unwind:
      case EventKind.Yield:
        this.exit(e.activation);
        if (e.kind === EventKind.Yield) this.suspended.add(e.activation);
        else this.suspended.delete(e.activation);
        return;
      default:
        return;
    }
  }

  end(): Violation[] {
    this.settleOwed(-1);
    return this.violations;
  }

  private exit(activation: number): void {
    const at = this.running.lastIndexOf(activation);
    if (at >= 0) this.running.length = at;
  }

  /** Any event other than `abandoned` after a recovery ends its run of abandoned records. */
  private settleOwed(index: number): void {
    if (this.owed.size === 0) return;
    const left = [...this.owed].map((a) => `#${a}`).join(', ');
    this.violations.push(violation('recovery/not-abandoned', index, -1, [...this.owed][0]!, `every activation open at the crash abandoned after the recovery at event ${this.owedSince}`, `${left} left open`));
    for (const a of this.owed) {
      this.exit(a);
      this.suspended.delete(a);
    }
    this.owed.clear();
  }
}
