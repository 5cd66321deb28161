// Negative cases of invariant 3 (DESIGN §4), model equality: a random valid trace (with stream records now and
// then) compared with its own canonical form after one edit: an event changed, the tail cut, events appended.
import fc from 'fast-check';
import type { Violation } from '../../src/check/violation.ts';
import type { CanonicalEvent } from '../../src/model/event.ts';
import { EventFlag, EventKind, isStreamRecord } from '../../src/model/kinds.ts';
import type { Trace } from '../../src/model/trace.ts';
import { type CaseVariant, eventText, type NegativeCase, want } from './negative-case.ts';
import { atLeast, buildTrace, freshId, pickOf, row } from './trace-rows.ts';
import { FIRST_EVENT_TYPE, FUNCTION_CODES, type Row, type ValidBase, validBaseArbitrary } from './valid-trace.ts';

const { Return, Resume, Throw, Unwind, Wake, Await, Pending, Event, Call, Yield, Dropped, Checkpoint } = EventKind;

/**
 * A valid trace that sometimes starts with `dropped N` (a flight-recorder snapshot) and holds checkpoints, and a
 * `checkpoint` and a `dropped 1` right after a `wake … by ?` (one is added when there is none): stream records are
 * no event of the continuation, which records its wake and its resume together.
 */
export const recordsBaseArbitrary: fc.Arbitrary<ValidBase> = fc
  .record({
    base: validBaseArbitrary(),
    dropped: fc.option(fc.integer({ min: 1, max: 1000 })),
    checkpoints: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 2 ** 32 - 1 })), { maxLength: 2 }),
  })
  .map(({ base, dropped, checkpoints }) => {
    const rows = [...base.rows];
    for (const [where, id] of checkpoints) rows.splice(where % (rows.length + 1), 0, row(Checkpoint, 0, 0, { waker: id }));
    if (!rows.some((r) => r.kind === Wake && r.waker === 0)) {
      const x = freshId(rows);
      rows.push(row(Call, x, 4), row(Yield, x, 4), row(Wake, x, 4, { waker: 0 }), row(Resume, x, 4), row(Return, x, 4));
    }
    // A dropped record of one evicted event carries the next seq: no jump.
    const wake = rows.findIndex((r) => r.kind === Wake && r.waker === 0);
    rows.splice(wake + 1, 0, row(Checkpoint, 0, 0, { waker: 4 }), row(Dropped, 0, 0, { waker: 1 }));
    if (dropped !== null) rows.unshift(row(Dropped, 0, 0, { waker: dropped }));
    return { ...base, rows, seq0: base.seq0 + (dropped ?? 0) };
  });

const draw = fc.record({ base: recordsBaseArbitrary.map((b) => atLeast(b, 1)), i: fc.nat(), pick: fc.nat() });

/**
 * Every index where two traces' canonical forms differ, as `model/mismatch` reports it: both sides in canonical
 * form (activations renumbered first-seen, code names), the trace's own seq and raw activation.
 */
export function mismatches(original: readonly CanonicalEvent[], edited: Trace): Violation[] {
  const mine = edited.canonical();
  const out: Violation[] = [];
  for (let i = 0; i < Math.min(original.length, mine.length); i++) {
    const [w, g] = [original[i]!, mine[i]!];
    const same = w.kind === g.kind && w.activation === g.activation && w.code === g.code && w.flags === g.flags && (w.waker ?? 0) === (g.waker ?? 0) && w.payload === g.payload;
    if (!same) out.push(want('model/mismatch', i, edited.columns.seq[i]!, edited.columns.activation[i]!, eventText(w), eventText(g)));
  }
  return out;
}

/** A variant comparing an edited valid trace with the original's canonical form. */
function modelVariant(
  name: string,
  make: (base: ValidBase, d: { i: number; pick: number }) => { rows: Row[]; edit: string; expect: (original: readonly CanonicalEvent[], edited: Trace) => Violation[] },
  prepare: (base: ValidBase) => ValidBase = (b) => b,
): CaseVariant {
  return {
    name,
    rules: [name.slice(0, name.indexOf(':'))],
    arbitrary: draw.map((d): NegativeCase => {
      const base = prepare(d.base);
      const original = buildTrace(base.rows, base.codes, base.seq0).canonical();
      const m = make(base, d);
      const edited = buildTrace(m.rows, base.codes, base.seq0);
      const expected = m.expect(original, edited);
      // Given canonical events (as expectTraceEqual compares), seq is the index and activations are renumbered.
      const ids = edited.canonical();
      const canonical = expected.map((x) => (x.eventIndex < 0 ? x : { ...x, seq: x.eventIndex, activation: ids[x.eventIndex]!.activation }));
      return {
        variant: name,
        edit: m.edit,
        trace: edited,
        checks: [
          { judge: { by: 'model', expected: original }, expected },
          { judge: { by: 'model', expected: original, canonical: true }, expected: canonical },
        ],
      };
    }),
  };
}

/**
 * A mismatch family: one edit of one event of the rows it applies to (`applies`; `fallback` rows are appended to
 * the trace first, both sides, when none does).
 */
function mismatchVariant(what: string, applies: (r: Row) => boolean, fallback: (a: number) => Row[], edit: (r: Row, rows: readonly Row[], pick: number) => Row): CaseVariant {
  const prepare = (base: ValidBase): ValidBase => (base.rows.some(applies) ? base : { ...base, rows: [...base.rows, ...fallback(freshId(base.rows))] });
  return modelVariant(`model/mismatch: ${what}`, (base, d) => {
    const candidates = base.rows.flatMap((r, i) => (applies(r) ? [i] : []));
    const i = pickOf(candidates, d.i);
    const rows = [...base.rows];
    rows[i] = edit(rows[i]!, rows, d.pick);
    // The events after it compare again unless the edit renumbers them (a new activation): each is reported.
    return { rows, edit: `event ${i}: ${what}`, expect: (original, edited) => mismatches(original, edited) };
  }, prepare);
}

const frame = (r: Row): boolean => r.kind >= Call && r.kind <= Unwind;
const callReturn = (a: number): Row[] => [row(Call, a, 1), row(Return, a, 1)];

/** Model equality (`src/check/model-equality.ts`): every rule, a mismatch of every field. */
export const MODEL_VARIANTS: readonly CaseVariant[] = [
  mismatchVariant('a code changed', (r) => !isStreamRecord(r.kind), callReturn, (r, _, pick) => ({
    ...r,
    code: r.kind === Event ? FIRST_EVENT_TYPE + ((r.code - FIRST_EVENT_TYPE + 1) % 2) : (r.code + 1 + (pick % (FUNCTION_CODES - 1))) % FUNCTION_CODES,
  })),
  mismatchVariant('a kind changed', (r) => r.kind === Resume || r.kind === Throw || r.kind === Return || r.kind === Unwind, callReturn, (r) => ({
    ...r,
    kind: ({ [Resume]: Throw, [Throw]: Resume, [Return]: Unwind, [Unwind]: Return } as Record<number, number>)[r.kind]!,
    flags: 0,
  })),
  mismatchVariant('a return-completion flag set or cleared', frame, callReturn, (r) => ({ ...r, flags: r.flags ^ EventFlag.ReturnCompletion })),
  mismatchVariant('a payload changed', (r) => !isStreamRecord(r.kind), callReturn, (r) => ({ ...r, payload: r.payload === '"changed"' ? '"other"' : '"changed"' })),
  mismatchVariant(
    'the peer of a wake, await or pending changed',
    (r) => r.kind === Wake || r.kind === Await || r.kind === Pending,
    (a) => [row(Call, a, 2), row(Yield, a, 2), row(Await, a, 2, { waker: 0 })],
    // `?` for a known peer; for `?`, its own activation (numbered already) or one never seen (numbered next).
    (r, rows, pick) => ({ ...r, waker: r.waker !== 0 ? 0 : pick % 2 === 0 ? r.activation : freshId(rows) + 7 }),
  ),
  mismatchVariant('an event given to another activation', frame, callReturn, (r, rows, pick) => {
    const others = [...new Set(rows.filter((x) => frame(x) && x.activation !== r.activation).map((x) => x.activation))];
    return { ...r, activation: pick % 2 === 0 || others.length === 0 ? freshId(rows) + 3 : pickOf(others, pick >> 1) };
  }),
  mismatchVariant('a stream record\'s count or id changed', (r) => isStreamRecord(r.kind), () => [row(Checkpoint, 0, 0, { waker: 2 })], (r, _, pick) => ({ ...r, waker: (r.waker ?? 0) + 1 + (pick % 5) })),
  modelVariant('model/missing: the tail cut off', (base, d) => {
    const cut = d.i % base.rows.length;
    const rows = base.rows.slice(0, cut);
    return {
      rows,
      edit: `the trace cut after ${cut} events`,
      expect: (original) => [want('model/missing', -1, -1, 0, `${original.length - cut} more events from ${eventText(original[cut]!)}`, `end of trace after ${cut} events`)],
    };
  }),
  modelVariant('model/extra: events appended', (base, d) => {
    const a = freshId(base.rows);
    const known = base.rows.find((r) => frame(r))?.activation ?? a;
    const tail = pickOf<Row[]>(
      [
        [row(Call, a, 2), row(Return, a, 2)],
        [row(Event, 0, FIRST_EVENT_TYPE, { payload: 'null' })],
        [row(Checkpoint, 0, 0, { waker: 9 }), row(Call, a, 3)],
        // An await on an activation never seen: it takes the next number.
        [row(Await, known, 1, { waker: a + 5 })],
      ],
      d.pick,
    );
    const rows = [...base.rows, ...tail];
    const n = base.rows.length;
    return {
      rows,
      edit: `${tail.length} events appended`,
      // Only the first event past the end is reported.
      expect: (_, edited) => [want('model/extra', n, base.seq0 + n, rows[n]!.activation, `end of trace after ${n} events`, eventText(edited.canonical()[n]!))],
    };
  }),
];
