/**
 * Event kinds and their stable numeric codes.
 *
 * Naming scheme: CPython `sys.monitoring` names without the `PY_` prefix (`PY_START` is `call`). Codes are
 * part of every serialised trace and are never renumbered; a new kind takes the next free code. Code 0 is
 * never a valid kind, so a zeroed buffer cannot pass as events.
 *
 * Entry edges push the activation onto the running stack; exit edges pop it (codetracer's mapping,
 * DESIGN §3, CPython test_monitoring `DOWN_EVENTS` / `UP_EVENTS`).
 *
 * | code | kind     | edge  | CPython 3.12 |
 * |------|----------|-------|--------------|
 * | 1    | `call`   | entry | PY_START     |
 * | 2    | `return` | exit  | PY_RETURN    |
 * | 3    | `yield`  | exit  | PY_YIELD     |
 * | 4    | `resume` | entry | PY_RESUME    |
 * | 5    | `throw`  | entry | PY_THROW     |
 * | 6    | `unwind` | exit  | PY_UNWIND    |
 * | 7    | `wake`   | none  | (dial9 WakeEvent) |
 * | 8    | `pending`| none  | (dial9 TaskPending) |
 * | 9    | `dropped`| none  | (bounded retention) |
 * | 10   | `abandoned` | exit (if running) | (terminal after a crash) |
 * | 11   | `checkpoint` | none | (a durable commit point) |
 * | 12   | `recovery` | none | (recording resumed after a crash) |
 * | 13   | `await`  | none  | (the await edge) |
 * | 14   | `event`  | none  | (a user event: seed `runner_spawn`, `phase_enter`) |
 *
 * `wake` is not a frame edge: it names the activation whose completion settled the promise the woken
 * activation awaits (its `waker`, 0 when unknown: a timer or an external promise), and it precedes the
 * woken activation's `resume`/`throw` (DESIGN §3 "Tasks"). `pending` is a task dump: an activation that
 * stayed suspended longer than a threshold records, when it resumes, one `pending` per link of the await
 * chain it was waiting on, innermost first, each naming the awaited activation (in the `waker` field).
 * `dropped` declares records evicted by bounded retention: its `waker` field holds their count and its
 * seq is the last evicted one's, so the seq stays gap-free (DESIGN §3 "Stream"); it has no activation (0).
 * Crash recovery (issue 5): `checkpoint` marks a durable commit point (its id, 1..2^32-1, in the `waker`
 * field); `recovery` starts the records written after a crash (the id of the last checkpoint in the
 * recovered prefix, 0 when none; its seq continues after the last recovered record and may skip the
 * lost ones); `abandoned` closes an activation that was open at the crash: a terminal like `return`, an
 * exit edge when the activation was running (innermost first), nothing for the stack when it was suspended.
 * `await` is the await edge (DESIGN §3 "Tasks"): right after an async activation's `yield`, the activation
 * it awaits (`waker` field), or 0 for a promise that is no activation's (a timer, an external or combined
 * promise); none when it awaits a plain value or an activation already finished. It says which `wake`
 * must come before the activation resumes.
 * `event` is a user event (`tracer.event(type, payload)`, issue 5): its code is the event type (an interned
 * name like `phase_enter`), its activation the one running when it was recorded (0 when none ran), and it
 * may carry a payload. Any `event` and the value-carrying edges (`yield`, `return`, `throw`, `unwind` with
 * values on) hold their payload as JSON text in the trace's `payload` column (see `src/recorder/payload.ts`).
 */
export const EventKind = {
  Call: 1,
  Return: 2,
  Yield: 3,
  Resume: 4,
  Throw: 5,
  Unwind: 6,
  Wake: 7,
  Pending: 8,
  Dropped: 9,
  Abandoned: 10,
  Checkpoint: 11,
  Recovery: 12,
  Await: 13,
  Event: 14,
} as const;

/** A numeric event kind code (see {@link EventKind}). */
export type EventKind = (typeof EventKind)[keyof typeof EventKind];

/** Lowercase names of the kinds, as printed in canonical text; index = code. @internal */
const NAMES: readonly string[] = ['', 'call', 'return', 'yield', 'resume', 'throw', 'unwind', 'wake', 'pending', 'dropped', 'abandoned', 'checkpoint', 'recovery', 'await', 'event'];

/** The lowest and highest defined codes (inclusive). @internal */
export const MAX_EVENT_KIND = 14;

/**
 * Whether a kind carries a second number (the `waker` field): the waker of a `wake`, the awaited
 * activation of a `pending`, the count of a `dropped`.
 */
export function hasPeer(kind: number): boolean {
  return kind === EventKind.Wake || kind === EventKind.Pending || kind === EventKind.Dropped || kind === EventKind.Checkpoint || kind === EventKind.Recovery || kind === EventKind.Await;
}

/** Whether a kind belongs to no activation (activation 0, no code): `dropped`, `checkpoint`, `recovery`. */
export function isStreamRecord(kind: number): boolean {
  return kind === EventKind.Dropped || kind === EventKind.Checkpoint || kind === EventKind.Recovery;
}

/**
 * Event flags: a bit set stored beside the kind.
 *
 * `ReturnCompletion` marks the `resume` that `g.return(v)` (or a `break` out of `for...of`) records on a
 * suspended generator: the activation resumes only to run its `finally` code (DESIGN §3).
 */
export const EventFlag = {
  None: 0,
  ReturnCompletion: 1,
} as const;

/** Every flag bit defined so far; a set bit outside it is invalid input. @internal */
export const KNOWN_FLAGS = 1;

/**
 * The name of a kind code, as written in canonical text.
 * @param kind - a code from {@link EventKind}
 * @returns the lowercase name, e.g. `"yield"`
 * @throws RangeError when `kind` is not a defined code
 */
export function kindName(kind: number): string {
  const name = NAMES[kind];
  if (name === undefined || name === '') throw new RangeError(`kindName: unknown event kind ${kind}`);
  return name;
}

/**
 * The code for a kind name.
 * @param name - a lowercase kind name such as `"resume"`
 * @returns the code, or `undefined` when the name is not a kind
 */
export function kindFromName(name: string): EventKind | undefined {
  const i = NAMES.indexOf(name);
  return i > 0 ? (i as EventKind) : undefined;
}

/**
 * Whether a kind is an entry edge (`call`, `resume`, `throw`): it pushes its activation onto the stack.
 * @param kind - an event kind code
 */
export function isEntry(kind: number): boolean {
  return kind === EventKind.Call || kind === EventKind.Resume || kind === EventKind.Throw;
}

/**
 * Whether a kind is an exit edge (`return`, `yield`, `unwind`): it must pop the top of the stack.
 * @param kind - an event kind code
 */
export function isExit(kind: number): boolean {
  return kind === EventKind.Return || kind === EventKind.Yield || kind === EventKind.Unwind;
}
