import { EventKind } from '../../src/model/kinds.ts';

/** An activation a checkpoint declares open (FORMAT.md §4.1), its code by name. */
export interface NamedOpen {
  readonly activation: number;
  readonly code: string;
  readonly state: 'running' | 'suspended';
}

/**
 * The activations open after a run of frame events, by the rule of FORMAT.md §4.1 written out here: the
 * running stack bottom first, then the suspended activations in the order they suspended. `call` pushes
 * on the running stack; `yield` moves the activation from the running stack to the end of the suspended
 * list; `resume` and `throw` move it back onto the stack; `return` and `unwind` pop it; `abandoned` (a
 * recovery closing what a crash left open) removes it, running or suspended. Other kinds (user
 * events, checkpoint marks, drops) are not frame edges and change nothing.
 *
 * It shares no code with the writer's or the recorder's bookkeeping (`src/wire/writer.ts`,
 * `src/recorder/open-set.ts`) on purpose: the recording property (issue 13 part 6) compares what every
 * checkpoint declares with this, so a mistake made there is seen here.
 *
 * @example
 * ```ts
 * const o = new DeclaredOpen();
 * o.follow(EventKind.Call, 1, 'main');
 * o.follow(EventKind.Call, 2, 'gen');
 * o.follow(EventKind.Yield, 2, 'gen');
 * o.list(); // [{ activation: 1, code: 'main', state: 'running' }, { activation: 2, code: 'gen', state: 'suspended' }]
 * ```
 */
export class DeclaredOpen {
  private readonly running: { activation: number; code: string }[] = [];
  private readonly suspended: { activation: number; code: string }[] = [];

  /**
   * Follows one event.
   * @param kind - the event kind (`EventKind`)
   * @param activation - its activation id
   * @param code - its code name
   */
  follow(kind: number, activation: number, code: string): void {
    switch (kind) {
      case EventKind.Call:
        this.running.push({ activation, code });
        return;
      case EventKind.Resume:
      case EventKind.Throw:
        remove(this.suspended, activation);
        this.running.push({ activation, code });
        return;
      case EventKind.Yield:
        remove(this.running, activation);
        this.suspended.push({ activation, code });
        return;
      case EventKind.Return:
      case EventKind.Unwind:
        remove(this.running, activation);
        return;
      case EventKind.Abandoned:
        // A recovery closes what the crash left open, running or suspended (FORMAT.md §4.1).
        remove(this.running, activation);
        remove(this.suspended, activation);
        return;
      default:
        return;
    }
  }

  /** The open activations now: running bottom first, then suspended oldest suspension first. */
  list(): NamedOpen[] {
    return [...this.running.map((o) => ({ ...o, state: 'running' as const })), ...this.suspended.map((o) => ({ ...o, state: 'suspended' as const }))];
  }
}

/** Removes the last entry of `activation` (the top of the stack in a valid trace). */
function remove(list: { activation: number }[], activation: number): void {
  for (let i = list.length - 1; i >= 0; i--) {
    if (list[i]!.activation === activation) {
      list.splice(i, 1);
      return;
    }
  }
}

/** An open list as one line: `[main #1 running, gen #2 suspended]`. */
export function formatOpen(open: readonly NamedOpen[]): string {
  return `[${open.map((o) => `${o.code} #${o.activation} ${o.state}`).join(', ')}]`;
}
