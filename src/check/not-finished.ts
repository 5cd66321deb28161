import { EventKind } from '../model/kinds.ts';
import { type CheckedEvent, type Validator, type Violation, violation } from './violation.ts';

const Running = 1;
const Suspended = 2;
const Finished = 3;

/** Options of {@link NotFinishedValidator}. */
export interface NotFinishedOptions {
  /**
   * Activations open where the trace starts (a flight-recorder snapshot's `trace.open`, a wire segment's
   * checkpoint): the trace did not start them, so it is not blamed when they are still open at its end.
   * @defaultValue []
   */
  readonly open?: readonly { readonly activation: number }[];
  /**
   * The open set omits older suspended activations (a wire checkpoint's `openPartial`): an activation
   * whose first event is not a `call` started before the trace and is exempt too.
   * @defaultValue false
   */
  readonly openPartial?: boolean;
  /**
   * Report activations still running at the end. Stack balance already reports them (`open-at-end`) for a
   * complete trace; turn this on where it does not (a recording not closed yet).
   * @defaultValue true
   */
  readonly running?: boolean;
}

/**
 * The strict end-of-trace rule (`verify --strict`, `{ strict: true }` of the matchers): every activation
 * the trace starts is finished by its end: it returned, unwound or was abandoned, for good (an event after that
 * is lifecycle's `after-terminal`, not a new start; a crash-recovered file closes what was open at the crash
 * with `abandoned`, so those count as finished).
 * A generator or coroutine left suspended, legal otherwise (DESIGN §3), is reported as
 * `lifecycle/not-finished`, with the same message as `LifecycleValidator`'s `requireClosed`:
 * `want #2 (g) returned or unwound by the end, got suspended`.
 *
 * It judges only the end: call order, resumes while suspended and the rest of invariant 2 are
 * `LifecycleValidator`'s. Activations open where the trace starts are exempt (see
 * {@link NotFinishedOptions.open}).
 */
export class NotFinishedValidator implements Validator {
  readonly name = 'lifecycle';
  /** Per activation the trace started: its state and code, in first-seen order. */
  private readonly states = new Map<number, { state: number; code: number | string }>();
  private readonly exempt: Set<number>;

  /** @param options - see {@link NotFinishedOptions} */
  constructor(private readonly options: NotFinishedOptions = {}) {
    this.exempt = new Set((options.open ?? []).map((o) => o.activation));
  }

  push(e: CheckedEvent, _index: number): void {
    const k = e.kind;
    const frame = k === EventKind.Call || k === EventKind.Return || k === EventKind.Yield || k === EventKind.Resume || k === EventKind.Throw || k === EventKind.Unwind || k === EventKind.Abandoned;
    if (!frame || this.exempt.has(e.activation)) return;
    const s = this.states.get(e.activation);
    if (s === undefined) {
      // Started before the trace when the open set is partial; otherwise lifecycle reports the lost call.
      if (k !== EventKind.Call && this.options.openPartial === true) {
        this.exempt.add(e.activation);
        return;
      }
      this.states.set(e.activation, { state: stateAfter(k), code: e.code });
      return;
    }
    if (s.state !== Finished) s.state = stateAfter(k);
  }

  end(): Violation[] {
    const out: Violation[] = [];
    for (const [activation, s] of this.states) {
      if (s.state === Finished || (s.state === Running && this.options.running === false)) continue;
      out.push(violation('lifecycle/not-finished', -1, -1, activation, `#${activation} (${String(s.code)}) returned or unwound by the end`, s.state === Running ? 'running' : 'suspended'));
    }
    return out;
  }
}

function stateAfter(kind: number): number {
  if (kind === EventKind.Yield) return Suspended;
  if (kind === EventKind.Return || kind === EventKind.Unwind || kind === EventKind.Abandoned) return Finished;
  return Running;
}
