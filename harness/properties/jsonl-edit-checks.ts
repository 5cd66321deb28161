import { decodeJsonl } from '../../src/formats/jsonl.ts';
import { EventFlag, EventKind } from '../../src/model/kinds.ts';
import { Trace } from '../../src/model/trace.ts';
import { editJsonlField, editJsonlHeader, editValue, FIELDS, FOCUS, HEADER_EDITS, isAbsent, type JsonlFieldEdit, type JsonlHeaderEdit, VALUES } from './jsonl-field-edits.ts';
import { checkDirect, key } from './reader-edits.ts';

/**
 * One JSONL field edit (`jsonl-field-edits.ts`): a field of one event line removed or set to a value at an
 * edge of its type, through `decodeJsonl` (loadTrace's detection of JSONL is the other edits' to check).
 * @returns what went wrong, one line each
 */
export function checkJsonlFieldEdit(trace: Trace, e: JsonlFieldEdit): string[] {
  const made = editJsonlField(trace, e, key);
  if (made === undefined) return [];
  const v = editValue(e);
  const where = `jsonl field ${e.field} ${isAbsent(v) ? 'removed' : `= ${labelOf(v)}`}`;
  return checkDirect(made, where);
}

/** The first 24 characters of a value's JSON (made once per value: the values are the table's constants, some 4 KiB deep). */
const LABELS = new Map<unknown, string>();
function labelOf(v: unknown): string {
  let label = LABELS.get(v);
  if (label === undefined) LABELS.set(v, (label = (JSON.stringify(v) ?? String(v)).slice(0, 24)));
  return label;
}

/**
 * One JSONL header edit (`jsonl-field-edits.ts`) through `decodeJsonl`: the refusal on line 1, or the
 * events read with the open set, `openPartial` and `incomplete` the header declares.
 * @returns what went wrong, one line each
 */
export function checkJsonlHeaderEdit(trace: Trace, e: JsonlHeaderEdit): string[] {
  if (trace.length === 0) return [];
  const made = editJsonlHeader(trace, e, key);
  const where = `jsonl header: ${HEADER_EDITS[e.edit]![0]}`;
  const problems = checkDirect(made, where);
  if (problems.length > 0 || 'error' in made.expected) return problems;
  const t = decodeJsonl(made.input);
  const h = made.header as { open?: { activation: number; code: string; state: string }[]; openPartial?: boolean; incomplete?: boolean };
  const open = JSON.stringify(t.open.map((o) => [o.activation, t.codeName(o.code), o.state]));
  const want = JSON.stringify((h.open ?? []).map((o) => [o.activation, o.code, o.state]));
  if (open !== want || t.openPartial !== (h.openPartial === true) || t.complete !== (h.incomplete !== true)) {
    return [`${where}: read with open ${open}, openPartial ${t.openPartial}, complete ${t.complete}; the header says open ${want}, openPartial ${h.openPartial === true}, complete ${h.incomplete !== true}`];
  }
  return [];
}

const K = EventKind;
/** A trace with a line of every kind (the stream records' numbers, a waker, awaited activations, a flag, payloads) and a clock. */
export const EVERY_KIND = Trace.fromEvents(
  [
    { seq: 0, kind: K.Call, activation: 1, code: 0, flags: 0, tsNs: 10 },
    { seq: 1, kind: K.Yield, activation: 1, code: 0, flags: 0, tsNs: 11, payload: '[1]' },
    { seq: 2, kind: K.Resume, activation: 1, code: 0, flags: EventFlag.ReturnCompletion, tsNs: 12 },
    { seq: 3, kind: K.Throw, activation: 1, code: 0, flags: 0, tsNs: 13 },
    { seq: 4, kind: K.Unwind, activation: 1, code: 0, flags: 0, tsNs: 14, payload: '"e"' },
    { seq: 5, kind: K.Wake, activation: 2, code: 1, flags: 0, tsNs: 15, waker: 1 },
    { seq: 6, kind: K.Pending, activation: 2, code: 1, flags: 0, tsNs: 16, waker: 3 },
    { seq: 7, kind: K.Await, activation: 2, code: 1, flags: 0, tsNs: 17, waker: 3 },
    { seq: 8, kind: K.Event, activation: 2, code: 2, flags: 0, tsNs: 18, payload: '{"x":1}' },
    { seq: 9, kind: K.Abandoned, activation: 2, code: 1, flags: 0, tsNs: 19 },
    { seq: 10, kind: K.Dropped, activation: 0, code: 0, flags: 0, tsNs: 20, waker: 5 },
    { seq: 11, kind: K.Checkpoint, activation: 0, code: 0, flags: 0, tsNs: 21, waker: 7 },
    { seq: 12, kind: K.Recovery, activation: 0, code: 0, flags: 0, tsNs: 22, waker: 3 },
    { seq: 13, kind: K.Return, activation: 1, code: 0, flags: 0, tsNs: 23 },
  ],
  ['g', 'task', 'tick'],
);

/** Every edit of the table: each field's own edges on the line of each kind whose rules differ (the random edits meet {@link VALUES} on any line). */
export function jsonlFieldTable(): JsonlFieldEdit[] {
  const n = EVERY_KIND.length;
  const at = (line: number): number => (line + 0.5) / n;
  const edits: JsonlFieldEdit[] = [];
  // One line of each kind whose rules differ (a yield, throw, unwind and return are read as a call is).
  for (const line of [0, 2, 5, 6, 7, 8, 9, 10, 11, 12]) {
    for (const field of FIELDS) FOCUS[field].forEach((_, value) => edits.push({ at: at(line), rare: false, field, value, focus: true }));
  }
  return edits;
}

let tablePassed = false;

/**
 * {@link checkJsonlFieldEdit} on every edit of {@link jsonlFieldTable}, once per process once it passes (the
 * random edits of the wire property meet a field's edge on a rare kind's line once in hundreds of cases).
 * @returns what went wrong, one line each
 */
export function checkJsonlFieldTable(): string[] {
  if (tablePassed) return [];
  const problems = jsonlFieldTable().flatMap((e) => checkJsonlFieldEdit(EVERY_KIND, e).map((p) => `${p} (line of ${EVERY_KIND.at(Math.floor(e.at * EVERY_KIND.length)).kind})`));
  tablePassed = problems.length === 0;
  return problems;
}

let headersPassed = false;

/**
 * {@link checkJsonlHeaderEdit} with every edit of {@link HEADER_EDITS} on the trace of every kind, once per
 * process once it passes (23 small files: each edit every run, where one random edit a case met each a few
 * dozen times a run).
 * @returns what went wrong, one line each
 */
export function checkJsonlHeaderTable(): string[] {
  if (headersPassed) return [];
  const problems = HEADER_EDITS.flatMap((_, edit) => checkJsonlHeaderEdit(EVERY_KIND, { edit }));
  headersPassed = problems.length === 0;
  return problems;
}
