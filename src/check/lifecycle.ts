import { EventFlag, EventKind } from '../model/kinds.ts';
import { describeEvent } from './describe.ts';
import { type CheckedEvent, type Validator, type Violation, violation } from './violation.ts';

const Running = 1;
const Suspended = 2;
const Finished = 3;

interface ActivationState {
  state: number;
  code: number | string;
}

/** Options of {@link LifecycleValidator}. */
export interface LifecycleOptions {
  /**
   * Report activations that never finished (`not-finished`) at the end: what
   * `expectLifecycleClosed` asserts. A suspended generator left alone is otherwise legal.
   * @defaultValue false
   */
  readonly requireClosed?: boolean;
  /**
   * Accept `throw` as an activation's first event: CPython 3.12 records PY_THROW then PY_UNWIND, and no
   * PY_START, for `g.throw()` into a never-started generator (the `cpython-3.12` profile, issue 11).
   * @defaultValue false
   */
  readonly throwMayStart?: boolean;
}

/**
 * Invariant 2, lifecycle (DESIGN §4): each activation starts with exactly one `call`, `resume`/`throw`
 * only while suspended, `yield` only while running, at most one terminal (`return`|`unwind`) and nothing
 * after it; its code never changes. (CPython 3.13.0 broke this for `close()`, cpython#140373.)
 *
 * Rules: `first-not-call`, `duplicate-call`, `after-terminal`, `resume-not-suspended`,
 * `exit-not-running`, `wake-not-suspended` (a `wake` only while suspended), `event-not-running` (a user
 * event attributed to an activation that is not running), `flag-not-resume` (the
 * return-completion flag belongs to a `resume`), `code-changed`, and with
 * `requireClosed` also `not-finished`.
 */
export class LifecycleValidator implements Validator {
  readonly name = 'lifecycle';
  private readonly states = new Map<number, ActivationState>();
  private readonly violations: Violation[] = [];

  /** @param options - see {@link LifecycleOptions} */
  constructor(private readonly options: LifecycleOptions = {}) {}

  push(e: CheckedEvent, index: number): void {
    if (e.kind === EventKind.Dropped || e.kind === EventKind.Checkpoint || e.kind === EventKind.Recovery) return; // no activation
    if (e.kind === EventKind.Event && e.activation === 0) return; // a user event outside every activation
    const s = this.states.get(e.activation);
    const fail = (rule: string, expected: string): void => {
      this.violations.push(violation(`lifecycle/${rule}`, index, e.seq, e.activation, expected, describeEvent(e)));
    };
    if ((e.flags & EventFlag.ReturnCompletion) !== 0 && e.kind !== EventKind.Resume) fail('flag-not-resume', 'the return-completion flag on a resume only');
    if (s === undefined) {
      if (e.kind !== EventKind.Call && !(e.kind === EventKind.Throw && this.options.throwMayStart === true)) fail('first-not-call', `call as the first event of #${e.activation}`);
      // Track it anyway, in the state its event implies, so one lost call is reported once: a `wake`,
      // `await` or `pending` first (an older suspended activation a partial open set omits) implies suspended.
      this.states.set(e.activation, { state: firstState(e.kind), code: e.code });
      return;
    }
    if (s.code !== e.code && e.kind !== EventKind.Event) fail('code-changed', `code ${String(s.code)} for every event of #${e.activation}`);
    if (s.state === Finished) {
      fail('after-terminal', `no event after #${e.activation} returned or unwound`);
      return;
    }
    switch (e.kind) {
      case EventKind.Call:
        fail('duplicate-call', `one call per activation, #${e.activation} is ${stateName(s.state)}`);
        return;
      case EventKind.Resume:
      case EventKind.Throw:
        if (s.state !== Suspended) fail('resume-not-suspended', `#${e.activation} suspended before it resumes, it is ${stateName(s.state)}`);
        s.state = Running;
        return;
      case EventKind.Wake:
        if (s.state !== Suspended) fail('wake-not-suspended', `#${e.activation} suspended when woken, it is ${stateName(s.state)}`);
        return;
      case EventKind.Event:
        if (s.state !== Running) fail('event-not-running', `#${e.activation} running when a user event is attributed to it, it is ${stateName(s.state)}`);
        return;
      case EventKind.Await:
        if (s.state !== Suspended) fail('await-not-suspended', `#${e.activation} suspended (just after its yield) when it records what it awaits, it is ${stateName(s.state)}`);
        return;
      case EventKind.Pending:
        if (s.state !== Suspended) fail('pending-not-suspended', `#${e.activation} suspended while dumped as pending, it is ${stateName(s.state)}`);
        return;
      case EventKind.Abandoned:
        s.state = Finished; // a terminal from running or suspended
        return;
      case EventKind.Yield:
      case EventKind.Return:
      case EventKind.Unwind:
        if (s.state !== Running) fail('exit-not-running', `#${e.activation} running before it exits, it is ${stateName(s.state)}`);
        s.state = afterEvent(e.kind);
        return;
      default:
        fail('unknown-kind', 'a frame event kind 1..6');
    }
  }

  end(): Violation[] {
    if (this.options.requireClosed === true) {
      for (const [activation, s] of this.states) {
        if (s.state === Finished) continue;
        this.violations.push(
          violation('lifecycle/not-finished', -1, -1, activation, `#${activation} (${String(s.code)}) returned or unwound by the end`, `${stateName(s.state)}`),
        );
      }
    }
    return this.violations;
  }
}

/** The state an activation first seen at an event of this kind is in after it. */
function firstState(kind: number): number {
  return kind === EventKind.Wake || kind === EventKind.Await || kind === EventKind.Pending ? Suspended : afterEvent(kind);
}

function afterEvent(kind: number): number {
  if (kind === EventKind.Yield) return Suspended;
  if (kind === EventKind.Return || kind === EventKind.Unwind) return Finished;
  return Running;
}

function stateName(state: number): string {
  return state === Running ? 'running' : state === Suspended ? 'suspended' : 'finished';
}
