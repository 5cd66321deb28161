// Cases of validateTrace's options (`src/check/validate-trace.ts`): a segment cut out of a valid trace with the
// open set its checkpoint declares (all of it, or partial), an open set that declares one activation twice, an
// incomplete trace, and strict (`not-finished.ts`).
import fc from 'fast-check';
import { type OpenAtStart, Trace } from '../../src/model/trace.ts';
import { EventKind, isEntry, isExit } from '../../src/model/kinds.ts';
import { type CaseVariant, eventText, type NegativeCase, rowText, want } from './negative-case.ts';
import { buildTrace, freshId, insertionPoints, pickOf, row, stackAt, unfinished } from './trace-rows.ts';
import { nameOf, siteDraw, siteOf } from './negative-site.ts';
import { FIRST_EVENT_TYPE, FUNCTION_CODES, type Row, type ValidBase, validBaseArbitrary } from './valid-trace.ts';

const { Call, Return, Yield, Resume, Throw, Unwind, Wake, Event } = EventKind;

/** A segment: the rows after a cut, their first seq, the open set at the cut, and the two activations always open. */
interface Segment {
  readonly base: ValidBase;
  readonly rows: Row[];
  readonly seq0: number;
  readonly open: OpenAtStart[];
  /** Declared running at the cut (the bottom of the stack, returns last). */
  readonly running: number;
  /** Declared suspended at the cut (never resumed). */
  readonly suspended: number;
}

const draw = fc.record({ base: validBaseArbitrary(), cut: fc.nat(), omit: fc.nat(), where: fc.nat(), partial: fc.boolean() });
type Draw = typeof draw extends fc.Arbitrary<infer T> ? T : never;

/**
 * Cuts a valid trace: `call A`, then `B`, `C` and `D` called and suspended, the base (nested in A), `C` resumed
 * and suspended again, with strict `call S`, `yield S`, then `D` woken by `A` and `return A`; cut after `yield D`
 * and before `resume C`, at a point where a fragment could go. So the segment holds events of activations it
 * declares running (A: a wake and its return) and suspended (C), and maybe starts one (S). The open set lists the
 * running stack bottom first, then the suspended (those `omit` selects are left out when `partial`, B never).
 */
function segmentOf(d: Draw, partial: boolean, withS: boolean): Segment {
  const [A, B, C, D, S] = [1000, 1001, 1002, 1003, 1004];
  const rows: Row[] = [
    row(Call, A, 0), row(Call, B, 4), row(Yield, B, 4), row(Call, C, 1), row(Yield, C, 1), row(Call, D, 2), row(Yield, D, 2), ...d.base.rows,
    row(Resume, C, 1), row(Yield, C, 1), ...(withS ? [row(Call, S, 2), row(Yield, S, 2)] : []), row(Wake, D, 2, { waker: A }), row(Return, A, 0),
  ];
  const last = 7 + d.base.rows.length;
  const cut = pickOf(insertionPoints(rows).filter((p) => p >= 7 && p <= last), d.cut);
  const stack = stackAt(rows, cut);
  const before = unfinished(rows.slice(0, cut));
  const suspended = before.filter((u) => u.state === 'suspended').filter((u, i) => !partial || u.activation === B || ((d.omit >> i) & 1) === 0);
  const codeOf = (a: number): number => before.find((u) => u.activation === a)!.code;
  const open: OpenAtStart[] = [...stack.map((a) => ({ activation: a, code: codeOf(a), state: 'running' as const })), ...suspended.map((u) => ({ activation: u.activation, code: u.code, state: 'suspended' as const }))];
  return { base: d.base, rows: rows.slice(cut), seq0: d.base.seq0 + cut, open, running: A, suspended: B };
}

/** The activations a segment starts (first frame event a call) and leaves unfinished: what strict reports. */
function startedUnfinished(rows: readonly Row[], open: readonly OpenAtStart[]): ReturnType<typeof unfinished> {
  const first = new Map<number, number>();
  for (const r of rows) if ((isEntry(r.kind) || isExit(r.kind)) && !first.has(r.activation)) first.set(r.activation, r.kind);
  return unfinished(rows).filter((u) => first.get(u.activation) === Call && !open.some((o) => o.activation === u.activation));
}

const notFinished = (u: ReturnType<typeof unfinished>[number]): ReturnType<typeof want> =>
  want('lifecycle/not-finished', -1, -1, u.activation, `#${u.activation} (${nameOf(u.code)}) returned or unwound by the end`, u.state);

/**
 * A variant over segments; `partial`: always, never, or as drawn (the open set then omits suspended activations
 * and says so with `openPartial`).
 */
function segmentVariant(name: string, rules: readonly string[], partial: 'always' | 'never' | 'drawn', withS: boolean, make: (s: Segment, d: Draw, partial: boolean) => Omit<NegativeCase, 'variant'>): CaseVariant {
  return {
    name,
    rules,
    arbitrary: draw.map((d) => {
      const p = partial === 'always' || (partial === 'drawn' && d.partial);
      return { variant: name, ...make(segmentOf(d, p, withS), d, p) };
    }),
  };
}

/** Segments: valid ones (all of the open set, or partial) and the rules priming and exemption must keep. */
export const SEGMENT_VARIANTS: readonly CaseVariant[] = [
  segmentVariant('valid: a segment cut from a valid trace, its open set declared', [], 'never', false, (s) => {
    const trace = buildTrace(s.rows, s.base.codes, s.seq0).withOpen(s.open);
    return { edit: `cut with ${s.open.length} open`, trace, checks: [{ judge: { by: 'validate-trace' }, expected: [] }, { judge: { by: 'wake', open: s.open }, expected: [] }] };
  }),
  segmentVariant('valid: a partial segment, older suspended activations omitted from its open set', [], 'always', false, (s) => {
    const trace = buildTrace(s.rows, s.base.codes, s.seq0).withOpen(s.open, true);
    return { edit: `cut with ${s.open.length} declared open, partial`, trace, checks: [{ judge: { by: 'validate-trace' }, expected: [] }] };
  }),
  segmentVariant('lifecycle/wake-not-suspended: in a segment, a wake of an activation declared running', ['lifecycle/wake-not-suspended'], 'drawn', false, (s, d, partial) => {
    const q = pickOf(insertionPoints(s.rows).filter((p) => p < s.rows.length), d.where);
    const rows = [...s.rows.slice(0, q), row(Wake, s.running, 0, { waker: 0 }), ...s.rows.slice(q)];
    const trace = buildTrace(rows, s.base.codes, s.seq0).withOpen(s.open, partial);
    return {
      edit: `wake #${s.running} by ? at event ${q}`,
      trace,
      checks: [{ judge: { by: 'validate-trace' }, expected: [want('lifecycle/wake-not-suspended', q, s.seq0 + q, s.running, `#${s.running} suspended when woken, it is running`, rowText(rows[q]!, s.base.codes))] }],
    };
  }),
  segmentVariant('lifecycle/event-not-running: in a segment, a user event of an activation declared suspended', ['lifecycle/event-not-running'], 'drawn', false, (s, dr, partial) => {
    const q = pickOf(insertionPoints(s.rows), dr.where);
    const rows = [...s.rows.slice(0, q), row(Event, s.suspended, FIRST_EVENT_TYPE + 1), ...s.rows.slice(q)];
    const trace = buildTrace(rows, s.base.codes, s.seq0).withOpen(s.open, partial);
    return {
      edit: `a user event of #${s.suspended} at event ${q}`,
      trace,
      checks: [{ judge: { by: 'validate-trace' }, expected: [want('lifecycle/event-not-running', q, s.seq0 + q, s.suspended, `#${s.suspended} running when a user event is attributed to it, it is suspended`, rowText(rows[q]!, s.base.codes))] }],
    };
  }),
  segmentVariant('lifecycle/not-finished: strict, a segment leaves what it started suspended, not what it declares', ['lifecycle/not-finished'], 'drawn', true, (s, _, partial) => {
    const trace = buildTrace(s.rows, s.base.codes, s.seq0).withOpen(s.open, partial);
    // Exempt: what the open set declares, and with openPartial what it omits (first seen without a call).
    const expected = startedUnfinished(s.rows, s.open).map(notFinished);
    return {
      edit: `cut with ${s.open.length} declared open${partial ? ', partial' : ''}`,
      trace,
      checks: [
        { judge: { by: 'validate-trace', options: { strict: true } }, expected },
        { judge: { by: 'not-finished', options: { open: s.open, openPartial: partial, running: false } }, expected },
      ],
    };
  }),
];

/**
 * An open set that declares one activation twice (a corrupt checkpoint), before a valid trace that never touches
 * it: replayed as events before the first (suspended: `call`, `yield`; then running: `call`), at index -1 and
 * seq -1, the second declaration is a second call. The events alone are valid, so the fast path must not decide.
 */
export const DOUBLE_OPEN_VARIANTS: readonly CaseVariant[] = (['suspended twice', 'running and suspended'] as const).map((what) => {
  const name = `lifecycle/duplicate-call: an open set that declares an activation ${what}`;
  return {
    name,
    rules: what === 'suspended twice' ? ['lifecycle/duplicate-call', 'lifecycle/exit-not-running'] : ['stack-balance/open-at-end', 'lifecycle/duplicate-call'],
    arbitrary: fc.tuple(validBaseArbitrary(), fc.nat()).map(([base, pick]): NegativeCase => {
      const x = freshId(base.rows);
      const code = pick % FUNCTION_CODES;
      const declared = (state: 'running' | 'suspended'): OpenAtStart => ({ activation: x, code, state });
      const open = what === 'suspended twice' ? [declared('suspended'), declared('suspended')] : [declared('running'), declared('suspended')];
      const text = (kind: number): string => eventText({ kind, activation: x, code: nameOf(code), flags: 0 });
      const duplicate = want('lifecycle/duplicate-call', -1, -1, x, `one call per activation, #${x} is suspended`, text(Call));
      const expected =
        what === 'suspended twice'
          ? [duplicate, want('lifecycle/exit-not-running', -1, -1, x, `#${x} running before it exits, it is suspended`, text(Yield))]
          : [want('stack-balance/open-at-end', -1, -1, x, 'an empty stack at the end', `#${x} still running`), duplicate];
      return { variant: name, edit: `#${x} declared ${what}`, trace: buildTrace(base.rows, base.codes, base.seq0).withOpen(open), checks: [{ judge: { by: 'validate-trace' }, expected }] };
    }),
  };
});

/**
 * Partial segments whose very first event belongs to a suspended activation the open set omits: a `wake … by ?`,
 * a `pending` task dump, a `resume`, a `throw`, an `await` record (cut between a yield and its await): one
 * family each (the lifecycle's first-not-call is waived at index 0 too).
 */
export const PARTIAL_FIRST_VARIANTS: readonly CaseVariant[] = (
  [
    ['a wake by ?', (C: number) => [row(Wake, C, 3, { waker: 0 }), row(Resume, C, 3), row(Return, C, 3)]],
    ['a task dump', (C: number, A: number) => [row(EventKind.Pending, C, 3, { waker: A }), row(Resume, C, 3, { flags: 1 }), row(Return, C, 3)]],
    ['a resume', (C: number) => [row(Resume, C, 3), row(Yield, C, 3)]],
    ['a throw', (C: number) => [row(Throw, C, 3), row(Unwind, C, 3)]],
    ['an await record', (C: number) => [row(EventKind.Await, C, 3, { waker: 0 }), row(Wake, C, 3, { waker: 0 }), row(Resume, C, 3), row(Return, C, 3)]],
  ] as const
).map(([what, ending]) => {
  const name = `valid: a partial segment whose first event is ${what} of an activation it omits`;
  return {
    name,
    rules: [],
    arbitrary: validBaseArbitrary().map((base): NegativeCase => {
      const A = 1000;
      const C = 1001;
      const tail = ending(C, A);
      const rows: Row[] = [row(Call, A, 0), row(Call, C, 3), row(Yield, C, 3), ...base.rows, ...tail, row(Return, A, 0)];
      const cut = rows.length - tail.length - 1;
      const trace = buildTrace(rows.slice(cut), base.codes, base.seq0 + cut).withOpen([{ activation: A, code: 0, state: 'running' }], true);
      return {
        variant: name,
        edit: `cut before ${tail.length} events of #${C}, #${C} not declared`,
        trace,
        checks: [
          { judge: { by: 'validate-trace' }, expected: [] },
          { judge: { by: 'validate-trace', options: { strict: true } }, expected: [] },
        ],
      };
    }),
  };
});

/** Rows with every activation they leave suspended resumed (or thrown into) and finished after them. */
function finishedRows(rows: readonly Row[], pick: number): Row[] {
  const out = [...rows];
  for (const u of unfinished(rows)) out.push(row(pick % 2 === 0 ? Resume : Throw, u.activation, u.code), row(pick % 2 === 0 ? Return : Unwind, u.activation, u.code));
  return out;
}

/** Incomplete traces, strict judgments of whole traces, and the CPython profile's `throw` first. */
export const WHOLE_TRACE_VARIANTS: readonly CaseVariant[] = [
  {
    name: 'valid: an incomplete trace ending with frames running',
    rules: [],
    arbitrary: siteDraw.map((dr): NegativeCase => {
      const s = siteOf(dr, 'end');
      const rows = [...s.base.rows, row(Call, s.a, s.ca), row(Call, s.b, s.cb), ...(s.pick % 2 === 0 ? [row(Event, s.b, FIRST_EVENT_TYPE)] : [])];
      return { variant: 'valid: an incomplete trace ending with frames running', edit: `#${s.a}, #${s.b} running at the end`, trace: buildTrace(rows, s.base.codes, s.base.seq0).withComplete(false), checks: [{ judge: { by: 'validate-trace' }, expected: [] }] };
    }),
  },
  ...(['a called frame', 'a resumed generator', 'a generator thrown into'] as const).map((what) => {
    const name = `lifecycle/not-finished: strict, an incomplete trace ending with ${what} running`;
    return {
      name,
      rules: ['lifecycle/not-finished'],
      arbitrary: siteDraw.map((dr): NegativeCase => {
        const s = siteOf(dr, 'end');
        const last = what === 'a called frame' ? [row(Call, s.c, s.ca)] : [row(what === 'a resumed generator' ? Resume : Throw, s.b, s.cb)];
        const rows = [...s.base.rows, row(Call, s.a, s.ca), row(Call, s.b, s.cb), row(Yield, s.b, s.cb), ...last];
        // Not complete: stack balance's open-at-end is dropped, not-finished names the running ones too.
        const expected = unfinished(rows).map(notFinished);
        return {
          variant: name,
          edit: `#${s.a} and ${what} running at the end of an incomplete trace`,
          trace: buildTrace(rows, s.base.codes, s.base.seq0).withComplete(false),
          checks: [
            { judge: { by: 'validate-trace', options: { strict: true } }, expected },
            { judge: { by: 'not-finished', options: {} }, expected },
          ],
        };
      }),
    };
  }),
  {
    // Every other activation finished: the called frames alone are what strict must still see unfinished.
    name: 'lifecycle/not-finished: strict, an incomplete trace whose only unfinished frames were just called',
    rules: ['lifecycle/not-finished'],
    arbitrary: siteDraw.map((dr): NegativeCase => {
      const s = siteOf(dr, 'end');
      const rows = [...finishedRows(s.base.rows, s.pick), row(Call, s.a, s.ca), row(Call, s.b, s.cb)];
      const expected = unfinished(rows).map(notFinished);
      return {
        variant: 'lifecycle/not-finished: strict, an incomplete trace whose only unfinished frames were just called',
        edit: `#${s.a} and #${s.b} called at the end of an incomplete trace, all else finished`,
        trace: buildTrace(rows, s.base.codes, s.base.seq0).withComplete(false),
        checks: [
          { judge: { by: 'validate-trace', options: { strict: true } }, expected },
          { judge: { by: 'not-finished', options: {} }, expected },
        ],
      };
    }),
  },
  {
    // Trace's columns may hold more entries than its length: the entry after the last event, a return of the
    // generator, is no event of the trace.
    name: 'lifecycle/not-finished: strict, a generator left suspended, the columns holding more entries than the trace',
    rules: ['lifecycle/not-finished'],
    arbitrary: siteDraw.map((dr): NegativeCase => {
      const s = siteOf(dr, 'end');
      const rows = [...finishedRows(s.base.rows, s.pick), row(Call, s.a, s.ca), row(Yield, s.a, s.ca)];
      const full = buildTrace([...rows, row(Return, s.a, s.ca)], s.base.codes, s.base.seq0);
      const expected = unfinished(rows).map(notFinished);
      return {
        variant: 'lifecycle/not-finished: strict, a generator left suspended, the columns holding more entries than the trace',
        edit: `#${s.a} left suspended, a return of it in the spare column entry`,
        trace: new Trace(full.columns, full.codes, rows.length),
        checks: [
          { judge: { by: 'validate-trace', options: { strict: true } }, expected },
          { judge: { by: 'not-finished', options: { running: false } }, expected },
        ],
      };
    }),
  },
  {
    name: 'lifecycle/not-finished: strict, an activation that never had a call left suspended',
    rules: ['lifecycle/first-not-call', 'lifecycle/not-finished'],
    arbitrary: siteDraw.map((dr): NegativeCase => {
      const s = siteOf(dr, 'any');
      const rows = [...s.base.rows.slice(0, s.at), row(Resume, s.a, s.ca), row(Yield, s.a, s.ca), ...s.base.rows.slice(s.at)];
      // Not partial: it is not exempt, though it started before the trace could say.
      return {
        variant: 'lifecycle/not-finished: strict, an activation that never had a call left suspended',
        edit: `#${s.a} resumed and suspended at event ${s.at}, never called`,
        trace: buildTrace(rows, s.base.codes, s.base.seq0),
        checks: [
          {
            judge: { by: 'validate-trace', options: { strict: true } },
            expected: [want('lifecycle/first-not-call', s.at, s.base.seq0 + s.at, s.a, `call as the first event of #${s.a}`, rowText(rows[s.at]!, s.base.codes)), ...unfinished(rows).map(notFinished)],
          },
        ],
      };
    }),
  },
  {
    name: 'lifecycle/not-finished: strict, a complete trace leaving generators suspended',
    rules: ['lifecycle/not-finished'],
    arbitrary: siteDraw.map((dr): NegativeCase => {
      const s = siteOf(dr, 'any');
      const rows = [...s.base.rows.slice(0, s.at), row(Call, s.a, s.ca), row(Yield, s.a, s.ca), ...s.base.rows.slice(s.at)];
      const expected = unfinished(rows).map(notFinished);
      return {
        variant: 'lifecycle/not-finished: strict, a complete trace leaving generators suspended',
        edit: `#${s.a} left suspended at event ${s.at}`,
        trace: buildTrace(rows, s.base.codes, s.base.seq0),
        checks: [
          { judge: { by: 'validate-trace', options: { strict: true } }, expected },
          { judge: { by: 'not-finished', options: { running: false } }, expected },
        ],
      };
    }),
  },
  {
    name: 'valid: strict, every activation finished',
    rules: [],
    arbitrary: siteDraw.map((dr): NegativeCase => {
      const rows = finishedRows(dr.base.rows, dr.pick);
      return { variant: 'valid: strict, every activation finished', edit: 'every suspended activation resumed and finished', trace: buildTrace(rows, dr.base.codes, dr.base.seq0), checks: [{ judge: { by: 'validate-trace', options: { strict: true } }, expected: [] }] };
    }),
  },
  {
    name: 'valid: throw first under throwMayStart (CPython 3.12)',
    rules: [],
    arbitrary: siteDraw.map((dr): NegativeCase => {
      const s = siteOf(dr, 'any');
      const rows = [...s.base.rows.slice(0, s.at), row(Throw, s.a, s.ca), row(Unwind, s.a, s.ca), ...s.base.rows.slice(s.at)];
      return { variant: 'valid: throw first under throwMayStart (CPython 3.12)', edit: `#${s.a} starts with throw`, trace: buildTrace(rows, s.base.codes, s.base.seq0), checks: [{ judge: { by: 'lifecycle', options: { throwMayStart: true } }, expected: [] }] };
    }),
  },
];
