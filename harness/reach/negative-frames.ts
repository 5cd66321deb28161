// Negative cases of invariants 1 and 2 (DESIGN §4): stack balance and lifecycle. Each splices a fragment of fresh
// activations into a random valid trace (harness/reach/valid-trace.ts) and derives what the validator reports.
import { EventFlag, EventKind } from '../../src/model/kinds.ts';
import { type CaseVariant, want } from './negative-case.ts';
import { pickOf, row, unfinished } from './trace-rows.ts';
import { fragmentVariant, nameOf } from './negative-site.ts';
import { FIRST_EVENT_TYPE, type Row } from './valid-trace.ts';

const { Call, Return, Yield, Resume, Throw, Unwind, Wake, Await, Pending, Event, Abandoned } = EventKind;
const EXITS = [Return, Yield, Unwind];
/** Kind codes no event has: 0 and 15..255 fit the kind column (a byte). */
const UNDEFINED_KINDS = [0, 15, 16, 99, 255];

/** Stack balance (`src/check/stack-balance.ts`): every rule, from fragments of fresh activations. */
export const STACK_BALANCE_VARIANTS: readonly CaseVariant[] = [
  fragmentVariant('stack-balance/exit-not-top: an exit below the top (a lost return)', ['stack-balance/exit-not-top'], { by: 'stack-balance' }, 'any', (s) => {
    const exit = pickOf(EXITS, s.pick);
    return {
      rows: [row(Call, s.a, s.ca), row(Call, s.b, s.cb), row(exit, s.a, s.ca)],
      edit: `call #${s.a}, call #${s.b}, exit of #${s.a}`,
      // It pops down to #a, so the rest of the trace balances again: one violation.
      expect: (t) => [want('stack-balance/exit-not-top', t.at + 2, t.seq(t.at + 2), s.a, `exit of #${s.b} (top of stack)`, t.text(t.at + 2))],
    };
  }),
  fragmentVariant('stack-balance/exit-not-top: two frames exit in the wrong order', ['stack-balance/exit-not-top'], { by: 'stack-balance' }, 'any', (s) => ({
    rows: [row(Call, s.a, s.ca), row(Call, s.b, s.cb), row(Return, s.a, s.ca), row(pickOf(EXITS, s.pick), s.b, s.cb)],
    edit: `#${s.a} and #${s.b} exit outermost first`,
    // The first pops both; the second then meets the frame running where the fragment went, or an empty stack.
    expect: (t) => [
      want('stack-balance/exit-not-top', t.at + 2, t.seq(t.at + 2), s.a, `exit of #${s.b} (top of stack)`, t.text(t.at + 2)),
      s.top === undefined
        ? want('stack-balance/exit-on-empty', t.at + 3, t.seq(t.at + 3), s.b, 'an entry before this exit (stack is empty)', t.text(t.at + 3))
        : want('stack-balance/exit-not-top', t.at + 3, t.seq(t.at + 3), s.b, `exit of #${s.top} (top of stack)`, t.text(t.at + 3)),
    ],
  })),
  fragmentVariant('stack-balance/exit-not-top: an exit of a suspended frame while another runs', ['stack-balance/exit-not-top'], { by: 'stack-balance' }, 'any', (s) => ({
    rows: [row(Call, s.a, s.ca), row(Yield, s.a, s.ca), row(Call, s.b, s.cb), row(pickOf(EXITS, s.pick), s.a, s.ca), row(Return, s.b, s.cb)],
    edit: `#${s.a} suspended exits while #${s.b} runs`,
    // #a is not on the stack: nothing is popped, #b returns normally.
    expect: (t) => [want('stack-balance/exit-not-top', t.at + 3, t.seq(t.at + 3), s.a, `exit of #${s.b} (top of stack)`, t.text(t.at + 3))],
  })),
  fragmentVariant('stack-balance/exit-not-top: abandoned below the top', ['stack-balance/exit-not-top'], { by: 'stack-balance' }, 'any', (s) => ({
    rows: [row(Call, s.a, s.ca), row(Call, s.b, s.cb), row(Abandoned, s.a, s.ca)],
    edit: `#${s.a} abandoned while #${s.b} runs above it`,
    expect: (t) => [want('stack-balance/exit-not-top', t.at + 2, t.seq(t.at + 2), s.a, `exit of #${s.b} (top of stack)`, t.text(t.at + 2))],
  })),
  fragmentVariant('stack-balance/exit-on-empty: an exit with nothing running', ['stack-balance/exit-on-empty'], { by: 'stack-balance' }, 'empty-stack', (s) => {
    const exit = pickOf(EXITS, s.pick);
    const lead = pickOf<Row[]>([[], [row(Call, s.a, s.ca), row(Return, s.a, s.ca)], [row(Call, s.a, s.ca), row(Yield, s.a, s.ca)]], s.pick >> 2);
    return {
      rows: [...lead, row(exit, s.a, s.ca)],
      edit: `${lead.length === 0 ? 'a lone' : 'one more'} exit of #${s.a} on an empty stack`,
      expect: (t) => [want('stack-balance/exit-on-empty', t.at + lead.length, t.seq(t.at + lead.length), s.a, 'an entry before this exit (stack is empty)', t.text(t.at + lead.length))],
    };
  }),
  fragmentVariant(
    'stack-balance/unknown-kind and lifecycle/unknown-kind: an undefined kind code',
    ['stack-balance/unknown-kind', 'lifecycle/unknown-kind'],
    { by: 'validate-trace' },
    'any',
    (s) => {
      const kind = pickOf(UNDEFINED_KINDS, s.pick);
      return {
        rows: [row(Call, s.a, s.ca), row(kind, s.a, s.ca), row(Return, s.a, s.ca)],
        edit: `kind ${kind} on running #${s.a}`,
        // validateTrace lists stack balance's violations, then lifecycle's, then seq's.
        expect: (t) => [
          want('stack-balance/unknown-kind', t.at + 1, t.seq(t.at + 1), s.a, 'a frame event kind 1..6', `kind ${kind}`),
          want('lifecycle/unknown-kind', t.at + 1, t.seq(t.at + 1), s.a, 'a frame event kind 1..6', `kind(${kind}) ${nameOf(s.ca)} #${s.a}`),
        ],
      };
    },
  ),
  fragmentVariant('stack-balance/open-at-end: frames still running at the end', ['stack-balance/open-at-end'], { by: 'stack-balance' }, 'end', (s) => {
    const ids = [s.a, s.b, s.c].slice(0, 1 + (s.pick % 3));
    const rows = ids.map((id, i) => row(Call, id, i === 1 ? s.cb : s.ca));
    if (s.pick % 2 === 1) rows.push(row(Event, ids.at(-1)!, FIRST_EVENT_TYPE));
    const openAtEnd = [...ids].reverse().map((id) => want('stack-balance/open-at-end', -1, -1, id, 'an empty stack at the end', `#${id} still running`));
    return {
      rows,
      edit: `${ids.map((id) => `#${id}`).join(', ')} called and never exited`,
      // Innermost first, at the end of the trace (index and seq -1).
      expect: () => openAtEnd,
      // Strict: running frames are stack balance's (reported once), not-finished names the suspended ones; on
      // its own, not-finished names the running ones too unless told not to.
      also: (t) => {
        const notFinished = unfinished(t.rows).map((u) => want('lifecycle/not-finished', -1, -1, u.activation, `#${u.activation} (${nameOf(u.code)}) returned or unwound by the end`, u.state));
        const suspended = notFinished.filter((v) => v.found === 'suspended');
        return [
          { judge: { by: 'validate-trace', options: { strict: true } }, expected: [...openAtEnd, ...suspended] },
          { judge: { by: 'not-finished', options: { running: false } }, expected: suspended },
          { judge: { by: 'not-finished', options: {} }, expected: notFinished },
        ];
      },
    };
  }),
];

/** Lifecycle (`src/check/lifecycle.ts`): every rule but `unknown-kind` (with stack balance's, above). */
export const LIFECYCLE_VARIANTS: readonly CaseVariant[] = [
  fragmentVariant('lifecycle/first-not-call: an activation starts without a call', ['lifecycle/first-not-call'], { by: 'lifecycle' }, 'any', (s) => {
    const a = s.a;
    const starts: Row[][] = [
      [row(Resume, a, s.ca), row(Return, a, s.ca)],
      [row(Throw, a, s.ca), row(Unwind, a, s.ca)],
      [row(Yield, a, s.ca), row(Resume, a, s.ca), row(Return, a, s.ca)],
      [row(Return, a, s.ca)],
      [row(Unwind, a, s.ca)],
      // A wake first implies a suspended activation: its resume is then in order.
      [row(Wake, a, s.ca, { waker: 0 }), row(Resume, a, s.ca), row(Return, a, s.ca)],
      [row(Event, a, FIRST_EVENT_TYPE, { payload: '1' })],
    ];
    const rows = pickOf(starts, s.pick);
    return { rows, edit: `#${a} starts with ${rows.length} events and no call`, expect: (t) => [want('lifecycle/first-not-call', t.at, t.seq(t.at), a, `call as the first event of #${a}`, t.text(t.at))] };
  }),
  fragmentVariant(
    'lifecycle/first-not-call: with throwMayStart (CPython 3.12), a resume still may not start',
    ['lifecycle/first-not-call'],
    { by: 'lifecycle', options: { throwMayStart: true } },
    'any',
    (s) => ({
      rows: [row(Resume, s.a, s.ca), row(Return, s.a, s.ca), row(Throw, s.b, s.cb), row(Unwind, s.b, s.cb)],
      edit: `#${s.a} starts with resume, #${s.b} with throw`,
      expect: (t) => [want('lifecycle/first-not-call', t.at, t.seq(t.at), s.a, `call as the first event of #${s.a}`, t.text(t.at))],
    }),
  ),
  fragmentVariant('lifecycle/duplicate-call: a second call of one activation', ['lifecycle/duplicate-call'], { by: 'lifecycle' }, 'any', (s) => {
    const suspended = s.pick % 2 === 1;
    const rows = suspended
      ? [row(Call, s.a, s.ca), row(Yield, s.a, s.ca), row(Call, s.a, s.ca), row(Resume, s.a, s.ca), row(Return, s.a, s.ca)]
      : [row(Call, s.a, s.ca), row(Call, s.a, s.ca), row(Return, s.a, s.ca)];
    const i = suspended ? 2 : 1;
    return {
      rows,
      edit: `#${s.a} called again while ${suspended ? 'suspended' : 'running'}`,
      expect: (t) => [want('lifecycle/duplicate-call', t.at + i, t.seq(t.at + i), s.a, `one call per activation, #${s.a} is ${suspended ? 'suspended' : 'running'}`, t.text(t.at + i))],
    };
  }),
  fragmentVariant('lifecycle/duplicate-call: called again and left running at the end', ['lifecycle/duplicate-call'], { by: 'lifecycle' }, 'end', (s) => ({
    // No event of #a after the second call: the highest id of the trace (a fresh one, placed last) never meets a
    // later event of its own that would make a fast path with a short state table give up; and an incomplete
    // trace may end with frames running (src/check/fast-validate.ts: its table of maxId + 1 entries).
    rows: [row(Call, s.a, s.ca), row(Call, s.a, s.ca)],
    edit: `#${s.a} called twice, still running at the end`,
    expect: (t) => [want('lifecycle/duplicate-call', t.at + 1, t.seq(t.at + 1), s.a, `one call per activation, #${s.a} is running`, t.text(t.at + 1))],
  })),
  fragmentVariant('lifecycle/after-terminal: an event after return, unwind or abandoned', ['lifecycle/after-terminal'], { by: 'lifecycle' }, 'any', (s) => {
    const a = s.a;
    const terminal = pickOf([Return, Unwind, Abandoned], s.pick);
    const after = pickOf<Row>(
      [
        row(Call, a, s.ca),
        row(Return, a, s.ca),
        row(Yield, a, s.ca),
        row(Resume, a, s.ca, { flags: EventFlag.ReturnCompletion }),
        row(Throw, a, s.ca),
        row(Unwind, a, s.ca),
        row(Wake, a, s.ca, { waker: 0 }),
        row(Await, a, s.ca, { waker: s.b }),
        row(Pending, a, s.ca, { waker: 0 }),
        row(Event, a, FIRST_EVENT_TYPE + 1, { payload: '"x"' }),
        row(Abandoned, a, s.ca),
      ],
      s.pick >> 2,
    );
    return {
      rows: [row(Call, a, s.ca), row(terminal, a, s.ca), after],
      edit: `#${a} finished, then one more of its events`,
      expect: (t) => [want('lifecycle/after-terminal', t.at + 2, t.seq(t.at + 2), a, `no event after #${a} returned or unwound`, t.text(t.at + 2))],
      // Finished is for good: not-finished does not name it, whatever came after.
      also: (t) => [{ judge: { by: 'not-finished', options: {} }, expected: unfinished(t.rows).map((u) => want('lifecycle/not-finished', -1, -1, u.activation, `#${u.activation} (${nameOf(u.code)}) returned or unwound by the end`, u.state)) }],
    };
  }),
  fragmentVariant('lifecycle/after-terminal: frame events of #0 (only a user event of #0 is outside every activation)', ['lifecycle/after-terminal'], { by: 'lifecycle' }, 'any', (s) => ({
    rows: [row(Call, 0, s.ca), row(Return, 0, s.ca), row(pickOf([Return, Yield, Unwind, Resume], s.pick), 0, s.ca)],
    edit: '#0 called, returned, and one more frame event of it',
    expect: (t) => [want('lifecycle/after-terminal', t.at + 2, t.seq(t.at + 2), 0, 'no event after #0 returned or unwound', t.text(t.at + 2))],
  })),
  fragmentVariant('lifecycle/after-terminal: resumed and exited again after it finished', ['lifecycle/after-terminal'], { by: 'lifecycle' }, 'any', (s) => {
    const rows = [row(Call, s.a, s.ca), row(pickOf([Return, Unwind], s.pick), s.a, s.ca), row(pickOf([Resume, Throw], s.pick >> 1), s.a, s.ca), row(pickOf([Return, Unwind], s.pick >> 2), s.a, s.ca)];
    return {
      rows,
      edit: `#${s.a} finished, resumed and finished again`,
      // Nothing changes its state once finished: both are reported.
      expect: (t) => [2, 3].map((k) => want('lifecycle/after-terminal', t.at + k, t.seq(t.at + k), s.a, `no event after #${s.a} returned or unwound`, t.text(t.at + k))),
    };
  }),
  fragmentVariant('lifecycle/resume-not-suspended: resume or throw while running', ['lifecycle/resume-not-suspended'], { by: 'lifecycle' }, 'any', (s) => {
    const entry = pickOf([row(Resume, s.a, s.ca), row(Throw, s.a, s.ca), row(Resume, s.a, s.ca, { flags: EventFlag.ReturnCompletion })], s.pick);
    return {
      rows: [row(Call, s.a, s.ca), entry, row(Return, s.a, s.ca)],
      edit: `#${s.a} resumed while running`,
      expect: (t) => [want('lifecycle/resume-not-suspended', t.at + 1, t.seq(t.at + 1), s.a, `#${s.a} suspended before it resumes, it is running`, t.text(t.at + 1))],
    };
  }),
  fragmentVariant('lifecycle/exit-not-running: an exit while suspended', ['lifecycle/exit-not-running'], { by: 'lifecycle' }, 'any', (s) => {
    const exit = pickOf(EXITS, s.pick);
    const rows = [row(Call, s.a, s.ca), row(Yield, s.a, s.ca), row(exit, s.a, s.ca)];
    if (exit === Yield) rows.push(row(Resume, s.a, s.ca), row(Return, s.a, s.ca));
    return {
      rows,
      edit: `#${s.a} exits while suspended`,
      expect: (t) => [want('lifecycle/exit-not-running', t.at + 2, t.seq(t.at + 2), s.a, `#${s.a} running before it exits, it is suspended`, t.text(t.at + 2))],
    };
  }),
  fragmentVariant('lifecycle/wake-not-suspended: a wake of a running activation', ['lifecycle/wake-not-suspended'], { by: 'lifecycle' }, 'any', (s) => ({
    rows: [row(Call, s.a, s.ca), row(Wake, s.a, s.ca, { waker: s.pick % 2 === 0 ? 0 : s.b }), row(Return, s.a, s.ca)],
    edit: `#${s.a} woken while running`,
    expect: (t) => [want('lifecycle/wake-not-suspended', t.at + 1, t.seq(t.at + 1), s.a, `#${s.a} suspended when woken, it is running`, t.text(t.at + 1))],
  })),
  fragmentVariant('lifecycle/event-not-running: a user event of a suspended activation', ['lifecycle/event-not-running'], { by: 'lifecycle' }, 'any', (s) => ({
    rows: [row(Call, s.a, s.ca), row(Yield, s.a, s.ca), row(Event, s.a, FIRST_EVENT_TYPE + (s.pick % 2), s.pick % 3 === 0 ? { payload: '{"k":[1,2]}' } : {}), row(Resume, s.a, s.ca), row(Return, s.a, s.ca)],
    edit: `a user event attributed to suspended #${s.a}`,
    expect: (t) => [want('lifecycle/event-not-running', t.at + 2, t.seq(t.at + 2), s.a, `#${s.a} running when a user event is attributed to it, it is suspended`, t.text(t.at + 2))],
  })),
  fragmentVariant('lifecycle/await-not-suspended: an await record of a running activation', ['lifecycle/await-not-suspended'], { by: 'lifecycle' }, 'any', (s) => ({
    rows: [row(Call, s.a, s.ca), row(Await, s.a, s.ca, { waker: s.pick % 2 === 0 ? 0 : s.b }), row(Return, s.a, s.ca)],
    edit: `#${s.a} records an await while running`,
    expect: (t) => [want('lifecycle/await-not-suspended', t.at + 1, t.seq(t.at + 1), s.a, `#${s.a} suspended (just after its yield) when it records what it awaits, it is running`, t.text(t.at + 1))],
  })),
  fragmentVariant('lifecycle/pending-not-suspended: a task dump of a running activation', ['lifecycle/pending-not-suspended'], { by: 'lifecycle' }, 'any', (s) => ({
    rows: [row(Call, s.a, s.ca), row(Pending, s.a, s.ca, { waker: s.pick % 2 === 0 ? 0 : s.b }), row(Return, s.a, s.ca)],
    edit: `#${s.a} dumped as pending while running`,
    expect: (t) => [want('lifecycle/pending-not-suspended', t.at + 1, t.seq(t.at + 1), s.a, `#${s.a} suspended while dumped as pending, it is running`, t.text(t.at + 1))],
  })),
  fragmentVariant('lifecycle/flag-not-resume: the return-completion flag on another kind', ['lifecycle/flag-not-resume'], { by: 'lifecycle' }, 'any', (s) => {
    const R = EventFlag.ReturnCompletion;
    const shapes: [Row[], number][] = [
      [[row(Call, s.a, s.ca), row(Return, s.a, s.ca, { flags: R })], 1],
      [[row(Call, s.a, s.ca), row(Unwind, s.a, s.ca, { flags: R })], 1],
      [[row(Call, s.a, s.ca, { flags: R }), row(Return, s.a, s.ca)], 0],
      [[row(Call, s.a, s.ca), row(Yield, s.a, s.ca, { flags: R }), row(Resume, s.a, s.ca), row(Return, s.a, s.ca)], 1],
      [[row(Call, s.a, s.ca), row(Yield, s.a, s.ca), row(Throw, s.a, s.ca, { flags: R }), row(Return, s.a, s.ca)], 2],
    ];
    const [rows, i] = pickOf(shapes, s.pick);
    return { rows, edit: `a return-completion flag on ${rows[i]!.kind === Call ? 'a call' : 'an exit or a throw'}`, expect: (t) => [want('lifecycle/flag-not-resume', t.at + i, t.seq(t.at + i), s.a, 'the return-completion flag on a resume only', t.text(t.at + i))] };
  }),
  fragmentVariant('lifecycle/code-changed: one activation under two codes', ['lifecycle/code-changed'], { by: 'lifecycle' }, 'any', (s) => {
    const exit = pickOf(EXITS, s.pick);
    const rows = [row(Call, s.a, s.ca), row(exit, s.a, s.cb)];
    if (exit === Yield) rows.push(row(Resume, s.a, s.ca), row(Return, s.a, s.ca));
    return {
      rows,
      edit: `#${s.a} called as ${nameOf(s.ca)}, exits as ${nameOf(s.cb)}`,
      expect: (t) => [want('lifecycle/code-changed', t.at + 1, t.seq(t.at + 1), s.a, `code ${nameOf(s.ca)} for every event of #${s.a}`, t.text(t.at + 1))],
    };
  }),
  fragmentVariant('lifecycle/not-finished: requireClosed, activations left suspended or running', ['lifecycle/not-finished'], { by: 'lifecycle', options: { requireClosed: true } }, 'any', (s) => {
    const rows = [row(Call, s.a, s.ca), row(Yield, s.a, s.ca)];
    // Abandoned finishes an activation; a suspended one that is abandoned is not reported.
    if (s.pick % 3 === 1) rows.push(row(Call, s.b, s.cb), row(Yield, s.b, s.cb), row(Abandoned, s.b, s.cb));
    return {
      rows,
      edit: `#${s.a} left suspended`,
      // Every unfinished activation of the whole trace, in order of first event.
      expect: (t) =>
        unfinished(t.rows).map((u) => want('lifecycle/not-finished', -1, -1, u.activation, `#${u.activation} (${nameOf(u.code)}) returned or unwound by the end`, u.state)),
    };
  }),
  fragmentVariant('lifecycle/code-changed: numeric codes (events pushed as they are)', ['lifecycle/code-changed'], { by: 'lifecycle', raw: true }, 'any', (s) => ({
    rows: [row(Call, s.a, s.ca), row(pickOf([Return, Unwind], s.pick), s.a, s.cb)],
    edit: `#${s.a} called as code ${s.ca}, exits as code ${s.cb}`,
    expect: (t) => [want('lifecycle/code-changed', t.at + 1, t.seq(t.at + 1), s.a, `code ${s.ca} for every event of #${s.a}`, t.raw(t.at + 1))],
  })),
  fragmentVariant('stack-balance/exit-not-top: numeric codes (events pushed as they are)', ['stack-balance/exit-not-top'], { by: 'stack-balance', raw: true }, 'any', (s) => ({
    rows: [row(Call, s.a, s.ca), row(Call, s.b, s.cb), row(Return, s.a, s.ca)],
    edit: `call #${s.a}, call #${s.b}, return of #${s.a}`,
    expect: (t) => [want('stack-balance/exit-not-top', t.at + 2, t.seq(t.at + 2), s.a, `exit of #${s.b} (top of stack)`, t.raw(t.at + 2))],
  })),
  fragmentVariant('lifecycle/not-finished: requireClosed, numeric codes (events pushed as they are)', ['lifecycle/not-finished'], { by: 'lifecycle', options: { requireClosed: true }, raw: true }, 'any', (s) => ({
    rows: [row(Call, s.a, s.ca), row(Yield, s.a, s.ca)],
    edit: `#${s.a} left suspended`,
    expect: (t) => unfinished(t.rows).map((u) => want('lifecycle/not-finished', -1, -1, u.activation, `#${u.activation} (${u.code}) returned or unwound by the end`, u.state)),
  })),
  fragmentVariant('lifecycle/not-finished: requireClosed, a frame still running at the end', ['lifecycle/not-finished'], { by: 'lifecycle', options: { requireClosed: true } }, 'end', (s) => ({
    rows: [row(Call, s.a, s.ca), row(Call, s.b, s.cb), row(Yield, s.b, s.cb), ...(s.pick % 2 === 0 ? [row(Resume, s.b, s.cb)] : [])],
    edit: `#${s.a} still running at the end`,
    expect: (t) =>
      unfinished(t.rows).map((u) => want('lifecycle/not-finished', -1, -1, u.activation, `#${u.activation} (${nameOf(u.code)}) returned or unwound by the end`, u.state)),
  })),
];
