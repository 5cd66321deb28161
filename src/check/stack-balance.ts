import { EventKind } from '../model/kinds.ts';
import { describeEvent } from './describe.ts';
import { type CheckedEvent, type Validator, type Violation, violation } from './violation.ts';

/**
 * Invariant 1, stack balance (DESIGN §4): entry edges (`call`/`resume`/`throw`) push their activation,
 * exit edges (`return`/`yield`/`unwind`) must pop the top one; the stack never goes below zero and is
 * empty at the end (a suspended generator has already popped itself with `yield`).
 *
 * Rules: `exit-not-top`, `exit-on-empty`, `unknown-kind`, `open-at-end`. `wake`, `pending`, `await`, user `event`s and stream records are
 * not frame edges.
 * On `exit-not-top` it pops down to the exiting activation when it is on the stack, so one lost exit is
 * reported once, not at every later event.
 */
export class StackBalanceValidator implements Validator {
  readonly name = 'stack-balance';
  private readonly stack: number[] = [];
  private readonly violations: Violation[] = [];

  push(e: CheckedEvent, index: number): void {
    switch (e.kind) {
      case EventKind.Call:
      case EventKind.Resume:
      case EventKind.Throw:
        this.stack.push(e.activation);
        return;
      case EventKind.Return:
      case EventKind.Yield:
      case EventKind.Unwind: {
        const top = this.stack.at(-1);
        if (top === undefined) {
          this.violations.push(violation('stack-balance/exit-on-empty', index, e.seq, e.activation, 'an entry before this exit (stack is empty)', describeEvent(e)));
          return;
        }
        if (top !== e.activation) {
          this.violations.push(violation('stack-balance/exit-not-top', index, e.seq, e.activation, `exit of #${top} (top of stack)`, describeEvent(e)));
          const at = this.stack.lastIndexOf(e.activation);
          if (at >= 0) this.stack.length = at;
          return;
        }
        this.stack.pop();
        return;
      }
      case EventKind.Wake:
      case EventKind.Pending:
      case EventKind.Await:
      case EventKind.Event:
      case EventKind.Dropped:
      case EventKind.Checkpoint:
      case EventKind.Recovery:
        return; // not frame edges
      case EventKind.Abandoned: {
        // Closes a running activation (innermost first) or a suspended one (not on the stack).
        const at = this.stack.lastIndexOf(e.activation);
        if (at < 0) return;
        if (at !== this.stack.length - 1) {
          this.violations.push(violation('stack-balance/exit-not-top', index, e.seq, e.activation, `exit of #${this.stack.at(-1)} (top of stack)`, describeEvent(e)));
        }
        this.stack.length = at;
        return;
      }
      default:
        this.violations.push(violation('stack-balance/unknown-kind', index, e.seq, e.activation, 'a frame event kind 1..6', `kind ${e.kind}`));
    }
  }

  end(): Violation[] {
    for (let i = this.stack.length - 1; i >= 0; i--) {
      const a = this.stack[i]!;
      this.violations.push(violation('stack-balance/open-at-end', -1, -1, a, 'an empty stack at the end', `#${a} still running`));
    }
    this.stack.length = 0;
    return this.violations;
  }
}
