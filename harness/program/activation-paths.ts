import type { CanonicalEvent } from '../../src/model/event.ts';
import { EventKind } from '../../src/model/kinds.ts';

/**
 * Schedule-independent names for activations: the path of call ordinals from the root, e.g. `1.3.2` is
 * the 2nd activation started while the 3rd activation started by the 1st top-level activation was
 * running. An activation's parent is the one on top of the stack when its `call` is recorded (an async
 * continuation runs on the stack of the activation it resumes), so the path depends only on each
 * activation's own control flow, not on how the scheduler interleaved them. That is what lets the
 * model's per-activation sequences be compared with a real run whose interleaving the model does not
 * predict (issue 4; DESIGN §4 invariant 3 "for concurrent ones each activation's own event sequence").
 */
export class ActivationPaths {
  private readonly paths = new Map<number, string>();
  private readonly children = new Map<string, number>();
  private readonly stack: number[] = [];

  /** The path of an activation already called, if any. */
  path(activation: number): string | undefined {
    return this.paths.get(activation);
  }

  /** The activation on top of the stack, or 0. */
  top(): number {
    return this.stack.at(-1) ?? 0;
  }

  /**
   * Follows one event: names an activation at its `call`, moves the stack on entries and exits.
   * @returns the path of the event's activation
   */
  follow(kind: number, activation: number): string {
    if (kind === EventKind.Call && !this.paths.has(activation)) {
      const parent = this.stack.length === 0 ? '' : this.paths.get(this.stack.at(-1)!)!;
      const n = (this.children.get(parent) ?? 0) + 1;
      this.children.set(parent, n);
      this.paths.set(activation, parent === '' ? String(n) : `${parent}.${n}`);
    }
    if (kind === EventKind.Call || kind === EventKind.Resume || kind === EventKind.Throw) this.stack.push(activation);
    else if (kind !== EventKind.Wake && kind !== EventKind.Pending && kind !== EventKind.Await && kind !== EventKind.Event) {
      const at = this.stack.lastIndexOf(activation);
      if (at >= 0) this.stack.length = at;
    }
    return this.paths.get(activation) ?? `?${activation}`;
  }
}

/** One activation's own events, in order, as `kind code[ return]` strings. */
export type ActivationSequences = Map<string, string[]>;

/**
 * Groups a trace's events by activation path (see {@link ActivationPaths}).
 * @param events - the trace in canonical form
 * @returns path -> that activation's events as `kind code[ return]` lines, in first-call order
 */
export function sequencesByPath(events: readonly CanonicalEvent[]): ActivationSequences {
  const paths = new ActivationPaths();
  const out: ActivationSequences = new Map();
  for (const e of events) {
    // Task dumps depend on a tracer option and the clock of the run, not on the program: the model has none.
    if (e.kind === EventKind.Pending || e.kind === EventKind.Dropped || e.kind === EventKind.Checkpoint || e.kind === EventKind.Recovery) continue;
    const path = paths.follow(e.kind, e.activation);
    let list = out.get(path);
    if (list === undefined) out.set(path, (list = []));
    const waker = e.kind === EventKind.Wake || e.kind === EventKind.Await ? (e.waker ? (paths.path(e.waker) ?? '?') : '?') : undefined;
    list.push(eventLine(e.kind, e.code, e.flags, waker) + (e.payload === undefined ? '' : ` = ${e.payload}`));
  }
  return out;
}

/**
 * Whether an activation's events match the expected ones, where an expected `wake?` line (a wake the
 * schedule decides) may be present or absent.
 */
export function sequenceMatches(want: readonly string[], got: readonly string[]): boolean {
  let j = 0;
  for (const w of want) {
    const maybe = w.startsWith('wake? ') || w.startsWith('await? ');
    const line = maybe ? w.replace('? ', ' ') : w;
    if (got[j] === line) j++;
    else if (!maybe) return false;
  }
  return j === got.length;
}

const KIND_NAMES = ['', 'call', 'return', 'yield', 'resume', 'throw', 'unwind'];

/**
 * `kind code[ return]` (`wake code by <waker path|?>`, `wake?` when the model is unsure), the
 * per-activation form of an event. @internal
 */
export function eventLine(kind: number, code: string, flags: number, waker?: string): string {
  if (kind === EventKind.Wake) return `wake${(flags & 0x80) !== 0 ? '?' : ''} ${code} by ${waker ?? '?'}`;
  if (kind === EventKind.Await) return `await${(flags & 0x80) !== 0 ? '?' : ''} ${code} on ${waker ?? '?'}`;
  if (kind === EventKind.Event) return `event ${code}`;
  return `${KIND_NAMES[kind] ?? `kind${kind}`} ${code}${(flags & 1) !== 0 ? ' return' : ''}`;
}
