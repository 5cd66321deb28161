// Negative cases of invariant 3 (DESIGN §4), model equality: a random valid trace (with stream records now and
// then) compared with its own canonical form after one edit: an event changed, the tail cut, events appended.
import fc from 'fast-check';
import type { CanonicalEvent } from '../../src/model/event.ts';
import { EventFlag, EventKind, isStreamRecord } from '../../src/model/kinds.ts';
import type { Trace } from '../../src/model/trace.ts';
import { atLeast, buildTrace, type CaseVariant, eventText, freshId, type NegativeCase, pickOf, row, want } from './negative-case.ts';
import { FIRST_EVENT_TYPE, FUNCTION_CODES, type Row, type ValidBase, validBaseArbitrary } from './valid-trace.ts';

const { Return, Resume, Throw, Unwind, Wake, Await, Pending, Event, Call, Dropped, Checkpoint } = EventKind;

/** A valid trace that sometimes starts with `dropped N` (a flight-recorder snapshot) and holds checkpoints. */
export const recordsBaseArbitrary: fc.Arbitrary<ValidBase> = fc
  .record({ base: validBaseArbitrary(), dropped: fc.option(fc.integer({ min: 1, max: 1000 })), checkpoints: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 2 ** 32 - 1 })), { maxLength: 2 }), afterWake: fc.boolean() })
  .map(({ base, dropped, checkpoints, afterWake }) => {
    const rows = [...base.rows];
    for (const [where, id] of checkpoints) rows.splice(where % (rows.length + 1), 0, row(Checkpoint, 0, 0, { waker: id }));
    // A checkpoint may come between a wake by ? and its resume: it is no event of the continuation.
    const wake = rows.findIndex((r) => r.kind === Wake && r.waker === 0);
    if (afterWake && wake >= 0) rows.splice(wake + 1, 0, row(Checkpoint, 0, 0, { waker: 4 }));
    if (dropped !== null) rows.unshift(row(Dropped, 0, 0, { waker: dropped }));
    return { ...base, rows, seq0: base.seq0 + (dropped ?? 0) };
  });

const draw = fc.record({ base: recordsBaseArbitrary.map((b) => atLeast(b, 1)), i: fc.nat(), pick: fc.nat() });

/** The edits of one event that change its canonical form and leave the numbering of every other one as it is. */
function edits(r: Row, pick: number): { row: Row; what: string }[] {
  if (isStreamRecord(r.kind)) return [{ row: { ...r, waker: (r.waker ?? 0) + 1 + (pick % 5) }, what: 'its count or id' }];
  const out: { row: Row; what: string }[] = [];
  const other = r.kind === Event ? FIRST_EVENT_TYPE + ((r.code - FIRST_EVENT_TYPE + 1) % 2) : (r.code + 1 + (pick % (FUNCTION_CODES - 1))) % FUNCTION_CODES;
  out.push({ row: { ...r, code: other }, what: 'its code' });
  out.push({ row: { ...r, payload: r.payload === '"changed"' ? '"other"' : '"changed"' }, what: 'its payload' });
  const swapped = ({ [Resume]: Throw, [Throw]: Resume, [Return]: Unwind, [Unwind]: Return } as Record<number, number>)[r.kind];
  if (swapped !== undefined) out.push({ row: { ...r, kind: swapped, flags: 0 }, what: 'its kind' });
  if (r.kind === Resume) out.push({ row: { ...r, flags: r.flags ^ EventFlag.ReturnCompletion }, what: 'its return-completion flag' });
  // The peer of a wake, await or pending: `?` for a known one, its own activation (seen before) for `?`.
  if (r.kind === Wake || r.kind === Await || r.kind === Pending) out.push({ row: { ...r, waker: r.waker === 0 ? r.activation : 0 }, what: 'its peer' });
  return out;
}

function modelVariant(name: string, make: (base: ValidBase, d: { i: number; pick: number }) => { rows: Row[]; edit: string; expect: (original: readonly CanonicalEvent[], edited: Trace) => ReturnType<typeof want>[] }): CaseVariant {
  return {
    name,
    rules: [name.slice(0, name.indexOf(':'))],
    arbitrary: draw.map((d): NegativeCase => {
      const original = buildTrace(d.base.rows, d.base.codes, d.base.seq0).canonical();
      const m = make(d.base, d);
      const edited = buildTrace(m.rows, d.base.codes, d.base.seq0);
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

/** Model equality (`src/check/model-equality.ts`): every rule. */
export const MODEL_VARIANTS: readonly CaseVariant[] = [
  modelVariant('model/mismatch: one event changed', (base, d) => {
    const rows = [...base.rows];
    const i = d.i % rows.length;
    const e = pickOf(edits(rows[i]!, d.pick), d.pick >> 3);
    rows[i] = e.row;
    return {
      rows,
      edit: `event ${i}: ${e.what} changed`,
      // Both sides as the validator renders them: canonical ids, code names.
      expect: (original, edited) => [want('model/mismatch', i, base.seq0 + i, rows[i]!.activation, eventText(original[i]!), eventText(edited.canonical()[i]!))],
    };
  }),
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
    const tail = pickOf<Row[]>([[row(Call, a, 2), row(Return, a, 2)], [row(Event, 0, FIRST_EVENT_TYPE, { payload: 'null' })], [row(Checkpoint, 0, 0, { waker: 9 }), row(Call, a, 3)]], d.pick);
    const rows = [...base.rows, ...tail];
    const n = base.rows.length;
    return {
      rows,
      edit: `${tail.length} events appended`,
      expect: (_, edited) => [want('model/extra', n, base.seq0 + n, rows[n]!.activation, `end of trace after ${n} events`, eventText(edited.canonical()[n]!))],
    };
  }),
];
