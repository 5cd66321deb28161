import fc from 'fast-check';
import { EventFlag, EventKind } from '../../src/model/kinds.ts';

/** An event before its seq is given: what the negative cases splice, seq is added when the trace is built. */
export interface Row {
  readonly kind: number;
  readonly activation: number;
  readonly code: number;
  readonly flags: number;
  /** The waker of a `wake`, what an `await`/`pending` is on, the count of `dropped`, a checkpoint id. */
  readonly waker?: number;
  /** Payload JSON text. */
  readonly payload?: string;
}

/** A valid trace as rows, its code table and the seq of its first event. */
export interface ValidBase {
  readonly rows: readonly Row[];
  readonly codes: readonly string[];
  /** Seq of the first event (seq i + `seq0` for row i), >= 0. */
  readonly seq0: number;
}

/**
 * The code table of every generated trace: function names, then user event types (`EVENT_TYPES`). Names with a
 * quote and non-ASCII letters travel in violation messages unquoted, as `describeEvent` writes them.
 */
export const CODES = ['main', 'f', 'g', 'load', 'ticker', 'a"b', 'ünï', 'phase', 'spawn'] as const;
/** Code ids of functions (activations). */
export const FUNCTION_CODES = 7;
/** Code ids from here on are user event types. */
export const FIRST_EVENT_TYPE = 7;

const PAYLOADS = ['1', '"done"', '{"k":[1,2]}', 'null', '{"user":"sha256:0011223344556677"}'];

/** What the machine knows of an activation while it builds a trace. */
interface Act {
  readonly id: number;
  readonly code: number;
  state: 'running' | 'suspended' | 'finished';
  /** What its last suspension awaits (0: `?`); undefined: no await record. */
  awaiting: number | undefined;
  /** Woken in this suspension. */
  woken: boolean;
}

/**
 * Random traces valid under every validator of `src/check` with default options (DESIGN §3–4, README "Event
 * semantics"), built by a small machine rather than recorded, so that every kind of the table appears: calls
 * nested on one stack, `return`/`unwind` of the top, `yield` with an `await … on #w`/`on ?` record after it,
 * `resume` (sometimes a return completion) and `throw` of a suspended activation, each woken as the rules say
 * (`wake … by ?` right before its resumption, `wake … by #w` recorded by `#w` right before its own completion,
 * every awaiter of `#w` woken then), `pending` task dumps right before a resumption, user events attributed to
 * the running activation (`#0` when none runs), payloads. Activation ids start anywhere in 1..50 and may skip.
 * The stack is empty at the end; suspended activations may be left (legal unless strict).
 *
 * Each step is three naturals (an operation, a pick, a detail) read modulo what applies, so shrinking removes
 * steps and the trace stays valid.
 * @param maxSteps - operations before the stack is drained, inclusive
 */
export function validBaseArbitrary(maxSteps = 24): fc.Arbitrary<ValidBase> {
  return fc
    .record({
      steps: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat()), { maxLength: maxSteps }),
      firstId: fc.integer({ min: 1, max: 50 }),
      seq0: fc.oneof(fc.constant(0), fc.nat(1000), fc.constant(2 ** 31)),
    })
    .map(({ steps, firstId, seq0 }) => ({ rows: runMachine(steps, firstId), codes: CODES, seq0 }));
}

/** Interprets the steps; see {@link validBaseArbitrary}. */
function runMachine(steps: readonly (readonly [number, number, number])[], firstId: number): Row[] {
  const rows: Row[] = [];
  const acts: Act[] = [];
  const stack: Act[] = [];
  let nextId = firstId;
  const top = (): Act | undefined => stack.at(-1);
  const suspended = (): Act[] => acts.filter((a) => a.state === 'suspended');
  const open = (): Act[] => acts.filter((a) => a.state !== 'finished');
  const complete = (a: Act, kind: number, detail: number): void => {
    // 1. The completion settles its promise: every awaiter of #a is woken, by #a, right before it completes;
    //    sometimes one more suspended activation without an await record too.
    for (const w of suspended()) {
      if (w.awaiting === a.id && !w.woken) wake(w, a.id);
    }
    const extra = suspended().filter((w) => w.awaiting === undefined && !w.woken);
    if (extra.length > 0 && detail % 3 === 0) wake(extra[detail % extra.length]!, a.id);
    // 2. The completion itself.
    rows.push({ kind, activation: a.id, code: a.code, flags: 0, ...(detail % 4 === 1 ? { payload: PAYLOADS[detail % PAYLOADS.length]! } : {}) });
    a.state = 'finished';
    stack.pop();
  };
  const wake = (w: Act, by: number): void => {
    rows.push({ kind: EventKind.Wake, activation: w.id, code: w.code, flags: 0, waker: by });
    w.woken = true;
  };
  for (const [op, pick, detail] of steps) {
    const t = top();
    const resumable = suspended().filter((a) => a.woken || a.awaiting === undefined || a.awaiting === 0);
    const ops: (() => void)[] = [];
    if (acts.length < 14) {
      ops.push(() => {
        const a: Act = { id: nextId, code: detail % FUNCTION_CODES, state: 'running', awaiting: undefined, woken: false };
        nextId += pick % 5 === 4 ? 1 + (detail % 7) : 1;
        acts.push(a);
        stack.push(a);
        rows.push({ kind: EventKind.Call, activation: a.id, code: a.code, flags: 0 });
      });
    }
    if (t !== undefined) {
      ops.push(() => complete(t, detail % 3 === 2 ? EventKind.Unwind : EventKind.Return, detail));
      ops.push(() => {
        rows.push({ kind: EventKind.Yield, activation: t.id, code: t.code, flags: 0, ...(detail % 5 === 1 ? { payload: PAYLOADS[pick % PAYLOADS.length]! } : {}) });
        stack.pop();
        t.state = 'suspended';
        t.woken = false;
        t.awaiting = undefined;
        // An await record right after the yield: on an open activation, or on `?`.
        const targets = open().filter((o) => o !== t);
        if (detail % 3 !== 0) {
          t.awaiting = detail % 3 === 1 || targets.length === 0 ? 0 : targets[pick % targets.length]!.id;
          rows.push({ kind: EventKind.Await, activation: t.id, code: t.code, flags: 0, waker: t.awaiting });
        }
      });
    }
    if (resumable.length > 0) {
      ops.push(() => {
        const a = resumable[pick % resumable.length]!;
        // A continuation of a suspension on `?` records its wake itself, right before it resumes.
        if (!a.woken && (a.awaiting === 0 || detail % 2 === 0)) wake(a, 0);
        if (detail % 5 === 3) rows.push({ kind: EventKind.Pending, activation: a.id, code: a.code, flags: 0, waker: acts[pick % acts.length]!.id });
        const thrown = detail % 4 === 1;
        rows.push({ kind: thrown ? EventKind.Throw : EventKind.Resume, activation: a.id, code: a.code, flags: !thrown && detail % 4 === 2 ? EventFlag.ReturnCompletion : 0 });
        a.state = 'running';
        a.awaiting = undefined;
        a.woken = false;
        stack.push(a);
      });
    }
    ops.push(() => {
      const type = FIRST_EVENT_TYPE + (detail % (CODES.length - FIRST_EVENT_TYPE));
      rows.push({ kind: EventKind.Event, activation: t?.id ?? 0, code: type, flags: 0, ...(pick % 2 === 0 ? { payload: PAYLOADS[detail % PAYLOADS.length]! } : {}) });
    });
    ops[op % ops.length]!();
  }
  // Drain: every frame still running returns, innermost first.
  for (let t = top(), i = 0; t !== undefined; t = top(), i++) complete(t, EventKind.Return, i);
  return rows;
}
