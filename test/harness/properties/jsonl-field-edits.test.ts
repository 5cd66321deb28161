import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { editJsonlField, editJsonlHeader, FIELDS, HEADER_EDITS, FOCUS, type JsonlFieldEdit, jsonlFieldEditArbitrary, VALUES } from '../../../harness/properties/jsonl-field-edits.ts';
import { checkJsonlFieldEdit, checkJsonlFieldTable, checkJsonlHeaderEdit } from '../../../harness/properties/jsonl-edit-checks.ts';
import { traceArbitrary } from '../../../harness/properties/trace-arbitrary.ts';
import { EventKind } from '../../../src/model/kinds.ts';
import { Trace } from '../../../src/model/trace.ts';

// main (activation 1) awaits task (2), task's wake by 0, both return; timestamps 10, 20, ...
const trace = Trace.fromEvents(
  [
    { seq: 0, kind: EventKind.Call, activation: 1, code: 0, flags: 0, tsNs: 10 },
    { seq: 1, kind: EventKind.Await, activation: 1, code: 0, flags: 0, waker: 2, tsNs: 20 },
    { seq: 2, kind: EventKind.Wake, activation: 1, code: 0, flags: 0, waker: 0, tsNs: 30 },
    { seq: 3, kind: EventKind.Return, activation: 1, code: 0, flags: 0, tsNs: 40 },
  ],
  ['main'],
);
const key = (e: { kind: number; activation: number; code: string; flags: number; waker?: number; payload?: string; seq?: number }) => JSON.stringify([e.kind, e.activation, e.code, e.flags, e.waker ?? 0, e.payload ?? null, e.seq ?? null]);
/** The edit that sets `field` of event `index` to `value` (a value of VALUES or of the field's FOCUS list). */
function edit(index: number, field: JsonlFieldEdit['field'], value: unknown): JsonlFieldEdit {
  const focus = FOCUS[field].indexOf(value);
  const at = (index + 0.5) / trace.length;
  return focus >= 0 ? { at, rare: false, field, value: focus, focus: true } : { at, rare: false, field, value: VALUES.indexOf(value), focus: false };
}
const REMOVED = FOCUS.activation[0]; // the u32 fields' edges start with the field removed

describe('JSONL field edits and the outcome decodeJsonl TSDoc gives them (issue 13, part 5)', () => {
  it('should expect flags 1 on an await refused as unknown-flag on its line (only frame events carry flags)', () => {
    const e = editJsonlField(trace, edit(1, 'flags', 1), key)!;
    expect(e.input.split('\n')[2]).toBe('{"seq":1,"kind":"await","activation":1,"code":"main","flags":1,"on":2,"tsNs":20}');
    expect(e.expected).toEqual({ error: 'unknown-flag', line: 3, says: ['flags'] });
    expect(checkJsonlFieldEdit(trace, edit(1, 'flags', 1))).toEqual([]);
  });

  it('should expect tsNs removed from the first event to be found on the second line', () => {
    // The second line has tsNs, the first (edited) had none; the third (edited) has none, the first had tsNs.
    expect(editJsonlField(trace, edit(0, 'tsNs', REMOVED), key)!.expected).toEqual({ error: 'bad-event', line: 3, says: ['tsNs', 'got tsNs after line 2 had none'] });
    expect(editJsonlField(trace, edit(2, 'tsNs', REMOVED), key)!.expected).toEqual({ error: 'bad-event', line: 4, says: ['tsNs', 'got none after line 2 had tsNs'] });
  });

  it('should expect a waker past 2^32 - 1 refused by the schema, and one at it read', () => {
    expect(editJsonlField(trace, edit(2, 'waker', 2 ** 32), key)!.expected).toEqual({ error: 'bad-event', line: 4, says: ['waker: want an integer in 0..2^32-1, got number 4294967296'] });
    const e = editJsonlField(trace, edit(2, 'waker', 2 ** 32 - 1), key)!;
    expect('events' in e.expected && JSON.parse(e.expected.events[2]!)).toEqual([EventKind.Wake, 1, 'main', 0, 2 ** 32 - 1, null, 2]);
    expect(checkJsonlFieldEdit(trace, edit(2, 'waker', 2 ** 32 - 1))).toEqual([]);
  });

  it('should expect an own __proto__ key refused as an unknown key, and an "on" on a return refused', () => {
    const p = editJsonlField(trace, edit(3, '__proto__', 1), key)!;
    expect(p.input.split('\n')[4]).toContain('"__proto__":1');
    expect(p.expected).toEqual({ error: 'bad-event', line: 5, says: ['"__proto__"', 'want no key but seq, kind, activation, code, flags, waker, on, count, id, from, tsNs, payload'] });
    expect(editJsonlField(trace, edit(3, 'on', 2 ** 32 - 1), key)!.expected).toEqual({ error: 'bad-event', line: 5, says: ['on'] });
  });

  it('should agree with decodeJsonl on random traces and edits', () => {
    const problems = fc.sample(fc.tuple(traceArbitrary(60), jsonlFieldEditArbitrary()), { numRuns: 3000, seed: 13 }).flatMap(([t, e]) => checkJsonlFieldEdit(t, e));
    expect(problems).toEqual([]);
  });

  it('should reach every field and every outcome code in a thousand edits', () => {
    const outcomes = new Set<string>();
    for (const [t, e] of fc.sample(fc.tuple(traceArbitrary(60), jsonlFieldEditArbitrary()), { numRuns: 1000, seed: 7 })) {
      const made = editJsonlField(t, e, key);
      if (made !== undefined) outcomes.add('error' in made.expected ? String(made.expected.error) : 'read');
    }
    expect([...outcomes].sort()).toEqual(['bad-event', 'limit-exceeded', 'read', 'unknown-flag', 'unknown-kind']);
    expect(FIELDS).toHaveLength(Object.keys(FOCUS).length);
  });

  it('should expect each header edit refused on line 1 or read with what the header declares', () => {
    const version2 = HEADER_EDITS.findIndex(([what]) => what === 'version 2');
    const made = editJsonlHeader(trace, { edit: version2 }, key);
    expect(made.input.split('\n')[0]).toBe('{"format":"trace-harness-jsonl","version":2}');
    expect(made.expected).toEqual({ error: 'unsupported-version', line: 1, says: ['version'] });
    expect(HEADER_EDITS.flatMap((_, edit) => checkJsonlHeaderEdit(trace, { edit }))).toEqual([]);
  });
});

describe('the table of JSONL field edits', () => {
  it('should hold on every edge of every field on the line of every kind', () => {
    expect(checkJsonlFieldTable()).toEqual([]);
  });
});
