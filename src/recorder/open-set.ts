import { EventKind } from '../model/kinds.ts';
import type { OpenAtStart } from '../model/trace.ts';

/**
 * The activations open after a run of events: the running stack and the suspended ones, as a checkpoint
 * declares them. Fed the events a flight recorder evicts, it knows what is open where its window starts.
 * Tolerant of malformed input (an exit pops down to its activation when it is on the stack). @internal
 */
export class OpenSet {
  private readonly running: { activation: number; code: number }[] = [];
  private readonly suspended = new Map<number, number>();

  /** Follows one event. */
  apply(kind: number, activation: number, code: number): void {
    switch (kind) {
      case EventKind.Call:
      case EventKind.Resume:
      case EventKind.Throw:
        this.suspended.delete(activation);
        this.running.push({ activation, code });
        return;
      case EventKind.Return:
      case EventKind.Yield:
      case EventKind.Unwind:
      case EventKind.Abandoned: {
        for (let i = this.running.length - 1; i >= 0; i--) {
          if (this.running[i]!.activation === activation) {
            this.running.length = i;
            break;
          }
        }
        if (kind === EventKind.Yield) this.suspended.set(activation, code);
        else this.suspended.delete(activation);
        return;
      }
      default:
        return; // wake, pending, dropped: not frame edges
    }
  }

  /** The running stack bottom first, then the suspended activations in the order they suspended. */
  list(): OpenAtStart[] {
    return [
      ...this.running.map((r) => ({ activation: r.activation, code: r.code, state: 'running' as const })),
      ...[...this.suspended].map(([activation, code]) => ({ activation, code, state: 'suspended' as const })),
    ];
  }
}
