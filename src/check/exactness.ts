import { EventKind } from '../model/kinds.ts';
import { describeEvent } from './describe.ts';
import { type CheckedEvent, type Validator, type Violation, violation } from './violation.ts';

/**
 * Invariant 4, exactness, as far as a trace shows it (DESIGN §4): an exit edge is recorded while its
 * activation is the current one (the top of the stack), and a `wake` with a known waker while the waker
 * is. A `resume` recorded in some later microtask, after other code ran, shows up here when that code
 * recorded events (the eventide review, seeds/002). The harness also checks `currentFrame()` itself at
 * every probe of an async run.
 *
 * A user `event` is attributed to the current activation (0 when none runs; issue 5).
 *
 * Rules: `exit-not-current`, `wake-not-by-current`, `event-not-current`.
 */
export class ExactnessValidator implements Validator {
  readonly name = 'exact';
  private readonly stack: number[] = [];
  private readonly violations: Violation[] = [];

  push(e: CheckedEvent, index: number): void {
    const top = this.stack.at(-1);
    const running = top === undefined ? 'nothing runs' : `#${top} runs`;
    switch (e.kind) {
      case EventKind.Call:
      case EventKind.Resume:
      case EventKind.Throw:
        this.stack.push(e.activation);
        return;
      case EventKind.Wake:
        if ((e.waker ?? 0) !== 0 && top !== e.waker) {
          this.violations.push(violation('exact/wake-not-by-current', index, e.seq, e.activation, `the waker #${e.waker} current`, `${describeEvent(e)} while ${running}`));
        }
        return;
      case EventKind.Event:
        // A user event belongs to the activation running when it is recorded (0: none runs).
        if (e.activation !== (top ?? 0)) {
          this.violations.push(violation('exact/event-not-current', index, e.seq, e.activation, `the event attributed to ${top === undefined ? '#0 (nothing runs)' : `#${top}, the current activation`}`, `${describeEvent(e)} while ${running}`));
        }
        return;
      case EventKind.Pending:
      case EventKind.Await:
      case EventKind.Dropped:
      case EventKind.Checkpoint:
      case EventKind.Recovery:
      case EventKind.Abandoned:
        // A task dump is recorded by the resuming activation's probe; stream records have no activation;
        // an abandoned activation is closed by the process that recovers, not by itself.
        {
          const at = e.kind === EventKind.Abandoned ? this.stack.lastIndexOf(e.activation) : -1;
          if (at >= 0) this.stack.length = at;
        }
        return;
      default:
        if (top !== e.activation) {
          this.violations.push(violation('exact/exit-not-current', index, e.seq, e.activation, `#${e.activation} current`, `${describeEvent(e)} while ${running}`));
        }
        {
          const at = this.stack.lastIndexOf(e.activation);
          if (at >= 0) this.stack.length = at;
        }
    }
  }

  end(): Violation[] {
    return this.violations;
  }
}
