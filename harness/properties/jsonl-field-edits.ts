import fc from 'fast-check';
import { decodeJsonl, encodeJsonl } from '../../src/formats/jsonl.ts';
import { EventKind, isStreamRecord, kindFromName } from '../../src/model/kinds.ts';
import { MAX_PAYLOAD_DEPTH } from '../../src/model/payload-text.ts';
import { Trace } from '../../src/model/trace.ts';
import type { Edited, Expected } from './reader-edits.ts';

/**
 * One field of one JSONL event line set to a value at an edge of its type, or removed (issue 13 part 5:
 * missing, extra and mistyped fields, field by field). The outcome is derived here from `decodeJsonl`'s
 * and `encodeJsonl`'s TSDoc, in the order the reader's rules are listed there: the strict schema (types and
 * ranges), the kind name, `tsNs` on every event or none, the fields each kind carries, flags, the code name,
 * the payload; never by running the reader.
 */
export interface JsonlFieldEdit {
  /** Which event line, as a fraction in [0, 1): of all lines, or with `rare` of the lines of `wake` and the kinds after it (when there are any). */
  readonly at: number;
  /** Pick among the rarer kinds' lines, whose own rules (a waker, an awaited activation, no flags, a stream record's number) the common kinds never meet. */
  readonly rare: boolean;
  readonly field: (typeof FIELDS)[number];
  /** Index into {@link VALUES}, or with `focus` into the field's own edges ({@link FOCUS}). */
  readonly value: number;
  /** Take the value from the field's own edges: the values that pass the schema and meet a later rule (flags 1 on a kind that takes none, a u32 past its bound, a field removed). */
  readonly focus: boolean;
}

/** Every key an event line may hold, and two it may not (`__proto__` is an own key once JSON.parse reads it). */
export const FIELDS = ['seq', 'kind', 'activation', 'code', 'flags', 'waker', 'on', 'count', 'id', 'from', 'tsNs', 'payload', 'extra', '__proto__'] as const;

/** The field removed. */
const ABSENT = Symbol('absent');
const U32 = 2 ** 32 - 1;
/** Values at the edges of the schema's types and ranges: the u32 and 2^53 bounds and one past them, negative, fractional, each JSON type, a lone surrogate, a 4097-byte string. */
export const VALUES: readonly unknown[] = [ABSENT, null, '1', 'leap', true, -1, 0, 1, 1.5, 2, 255, 256, U32, U32 + 1, 2 ** 53 - 1, 2 ** 53, [], {}, '\ud800', 'x'.repeat(4097)];

const U32_EDGES = [ABSENT, 0, U32, U32 + 1];
/** Each field's own edges. */
export const FOCUS: Readonly<Record<(typeof FIELDS)[number], readonly unknown[]>> = {
  seq: [0, 2 ** 53 - 1, 2 ** 53, -1],
  kind: ['leap', ABSENT, 1],
  activation: U32_EDGES,
  code: [ABSENT, '1', '\ud800', 'x'.repeat(4097)],
  flags: [ABSENT, 0, 1, 2, 255, 256, U32 + 1, -1],
  waker: U32_EDGES,
  on: U32_EDGES,
  count: U32_EDGES,
  id: U32_EDGES,
  from: U32_EDGES,
  tsNs: [ABSENT, 0, 2 ** 53 - 1, 2 ** 53, -1],
  payload: [ABSENT, [2 ** 53], 'x'.repeat(4097), {}, nestedArray(MAX_PAYLOAD_DEPTH), nestedArray(MAX_PAYLOAD_DEPTH + 1)],
  extra: [1],
  ['__proto__']: [1], // computed: a plain `__proto__:` would set the prototype
};

/** The value an edit sets (or {@link ABSENT}). */
export function editValue(e: JsonlFieldEdit): unknown {
  const list = e.focus ? FOCUS[e.field] : VALUES;
  return list[e.value % list.length];
}

/** Whether a value is the removal of the field. */
export const isAbsent = (v: unknown): boolean => v === ABSENT;

/** One edit: a line, a field, a value, each uniform; the value from the field's own edges half the time. */
export function jsonlFieldEditArbitrary(): fc.Arbitrary<JsonlFieldEdit> {
  return fc.record({ at: fc.integer({ min: 0, max: 2 ** 30 - 1 }).map((i) => i / 2 ** 30), rare: fc.boolean(), field: fc.constantFrom(...FIELDS), value: fc.nat({ max: VALUES.length - 1 }), focus: fc.boolean() });
}

/** Fields holding an integer in 0..2^32-1 (the activation column and the peer column are u32). */
const U32_FIELDS = new Set(['activation', 'waker', 'on', 'count', 'id', 'from']);
/** Fields holding a non-negative safe integer. */
const SAFE_FIELDS = new Set(['seq', 'flags', 'tsNs']);
/** A stream record's number, by kind (`encodeJsonl`: `dropped` count, `checkpoint` id, `recovery` from). */
const STREAM_KEY: Partial<Record<number, string>> = { [EventKind.Dropped]: 'count', [EventKind.Checkpoint]: 'id', [EventKind.Recovery]: 'from' };

const isInt = (v: unknown, max: number): boolean => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 && v <= max;

/** Whether every number in a JSON value survives as written (finite; an integer within 2^53 when it has no fraction). */
function numbersKept(v: unknown): boolean {
  if (typeof v === 'number') return Number.isFinite(v) && (!Number.isInteger(v) || Number.isSafeInteger(v));
  if (Array.isArray(v)) return v.every(numbersKept);
  if (v !== null && typeof v === 'object') return Object.values(v).every(numbersKept);
  return true;
}

/** An array nested `levels` deep (`[[...]]`). */
function nestedArray(levels: number): unknown {
  let v: unknown = [];
  for (let i = 1; i < levels; i++) v = [v];
  return v;
}

/** The nesting depth of a JSON value (arrays and objects; a scalar is 0). */
function depthOf(v: unknown): number {
  if (v === null || typeof v !== 'object') return 0;
  let deepest = 0;
  for (const x of Object.values(v)) deepest = Math.max(deepest, depthOf(x));
  return 1 + deepest;
}

/** UTF-8 bytes of a string. */
const bytes = (s: string): number => new TextEncoder().encode(s).length;

/** A lone surrogate in a string (a name must be well-formed UTF-16: FORMAT.md §4.2). */
const hasLoneSurrogate = (s: string): boolean => /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s);

/**
 * The edited JSONL file of `trace` and what `decodeJsonl` must do with it.
 * @param key - how the reader-edit property compares an event (its `key`)
 * @returns undefined for a trace without events
 */
export function editJsonlField(trace: Trace, e: JsonlFieldEdit, key: (ev: { kind: number; activation: number; code: string; flags: number; waker?: number; payload?: string; seq?: number }) => string): Edited | undefined {
  const n0 = trace.length;
  if (n0 === 0) return undefined;
  const at = pickLine(trace, e);
  // A window of at most WINDOW event lines around the edited one: each JSONL event line stands alone (seq
  // as written, codes by name), so the window is a valid file of its own, and reading it costs the same
  // whatever the trace's length.
  const from = Math.max(0, Math.min(at - (WINDOW >> 1), n0 - WINDOW));
  const to = Math.min(n0, from + WINDOW);
  const window = encoded(trace, from, to, key);
  const lines = [...window.lines.slice(0, to - from + 1), ''];
  const n = to - from;
  const k = at - from;
  const timed = trace.columns.tsNs !== undefined;
  const original = JSON.parse(lines[k + 1]!) as Record<string, unknown>;
  const value = editValue(e);
  const edited: Record<string, unknown> = { ...original };
  if (value === ABSENT) delete edited[e.field];
  else Object.defineProperty(edited, e.field, { value, enumerable: true, writable: true, configurable: true });
  const input = [...lines.slice(0, k + 1), JSON.stringify(edited), ...lines.slice(k + 2)].join('\n');
  const read = (s: string): string[] => {
    const t = decodeJsonl(s);
    return t.events().map((ev) => key({ ...ev, code: t.codeName(ev.code) }));
  };
  const events = window.events;
  const line = k + 2;
  const refused = (error: Expected & { error: string }): Edited => ({ input, expected: error, read });
  const field = e.field;

  // 0. Nesting, on the line's text before it is parsed: an event line one level deeper than the deepest payload (MAX_PAYLOAD_DEPTH).
  if (depthOf(edited) > MAX_PAYLOAD_DEPTH + 1) return refused({ error: 'limit-exceeded', line, says: ['nested'] });
  // 1. The strict schema: known keys; seq and kind present; each field of its type and range.
  // The refusal says "want X, got Y" (TraceFormatError's TSDoc): the keys an event line may hold, or the field's type and what it got.
  if (!FIELDS.slice(0, 12).includes(field)) return value === ABSENT ? { input, expected: { events }, read } : refused({ error: 'bad-event', line, says: [`"${field}"`, `want no key but ${FIELDS.slice(0, 12).join(', ')}`] });
  if (value === ABSENT ? field === 'seq' || field === 'kind' : !fitsSchema(field, value)) return refused({ error: 'bad-event', line, says: [`${field}: want ${schemaText(field)}, got ${gotText(value)}`] });
  // 2. The kind name.
  const kind = kindFromName(edited['kind'] as string);
  if (kind === undefined) return refused({ error: 'unknown-kind', line, says: ['kind'] });
  // 3. tsNs on every event or none, judged against the first event: an edit of the first event is found on
  //    the second event's line once the first passes every rule of its own.
  const tsChanged = (edited['tsNs'] !== undefined) !== timed;
  // (The message says what the line has and what the first event line had.)
  // The first event line is line 2, after the header.
  if (tsChanged && k > 0) return refused({ error: 'bad-event', line, says: ['tsNs', `got ${timed ? 'none' : 'tsNs'} after line 2 had ${timed ? 'tsNs' : 'none'}`] });
  const own = judgeFields(edited, kind, line);
  if (own !== undefined) return refused(own);
  if (tsChanged && n > 1) return refused({ error: 'bad-event', line: line + 1, says: ['tsNs', `got ${timed ? 'tsNs' : 'none'} after line 2 had ${timed ? 'none' : 'tsNs'}`] });
  // Read: the events with this one as edited.
  const stream = isStreamRecord(kind);
  const want = events.slice();
  const payload = edited['payload'] === undefined ? undefined : JSON.stringify(edited['payload']);
  want[k] = key({
    kind,
    activation: stream ? 0 : (edited['activation'] as number),
    code: stream ? '' : (edited['code'] as string),
    flags: stream ? 0 : (edited['flags'] as number),
    waker: (stream ? edited[STREAM_KEY[kind]!] : (edited['waker'] ?? edited['on'])) as number | undefined,
    ...(payload === undefined ? {} : { payload }),
    seq: edited['seq'] as number,
  });
  return { input, expected: { events: want }, read };
}

/** The event an edit lands on: at `e.at` of all events, or with `e.rare` of those of the rare kinds (wake and after) when there are any. */
function pickLine(trace: Trace, e: JsonlFieldEdit): number {
  const kinds = trace.columns.kind;
  const n = trace.length;
  let rare = 0;
  if (e.rare) for (let i = 0; i < n; i++) if (kinds[i]! >= EventKind.Wake) rare++;
  if (rare === 0) return Math.min(n - 1, Math.floor(e.at * n));
  let k = Math.min(rare - 1, Math.floor(e.at * rare));
  for (let i = 0; i < n; i++) if (kinds[i]! >= EventKind.Wake && k-- === 0) return i;
  throw new Error('jsonl-field-edits: the rare events counted are not there'); // unreachable: counted above
}

/** The most event lines an edited file holds. */
const WINDOW = 6;

/**
 * The JSONL lines of a trace's events `from..to-1` (the header line first) and their compared keys, made once
 * per window (per key function: the tables edit one trace hundreds of times). Each event line stands alone
 * and the header does not depend on the events (encodeJsonl), so these are the whole file's lines; only the
 * window is encoded, whatever the trace's length.
 */
type Encoded = { readonly lines: readonly string[]; readonly events: readonly string[] };
const ENCODED = new WeakMap<object, WeakMap<Trace, Map<number, Encoded>>>();
function encoded(trace: Trace, from: number, to: number, key: Parameters<typeof editJsonlField>[2]): Encoded {
  let byTrace = ENCODED.get(key);
  if (byTrace === undefined) ENCODED.set(key, (byTrace = new WeakMap()));
  let byWindow = byTrace.get(trace);
  if (byWindow === undefined) byTrace.set(trace, (byWindow = new Map()));
  let e = byWindow.get(from * 0x10000 + to);
  if (e === undefined) {
    const sub = windowOf(trace, from, to);
    e = { lines: encodeJsonl(sub).split('\n'), events: sub.events().map((ev) => key({ ...ev, code: sub.codeName(ev.code) })) };
    byWindow.set(from * 0x10000 + to, e);
  }
  return e;
}

/** Events `from..to-1` of a trace as a trace of their own: the same codes, open set and flags, columns shared. */
function windowOf(t: Trace, from: number, to: number): Trace {
  if (from === 0 && to === t.length) return t;
  const c = t.columns;
  const columns = {
    kind: c.kind.subarray(from, to),
    flags: c.flags.subarray(from, to),
    activation: c.activation.subarray(from, to),
    code: c.code.subarray(from, to),
    seq: c.seq.subarray(from, to),
    tsNs: c.tsNs?.subarray(from, to),
    waker: c.waker?.subarray(from, to),
    payload: c.payload?.slice(from, to),
  };
  return new Trace(columns, t.codes, to - from, t.open, t.openPartial, t.complete);
}

/** Whether a present value meets the schema of its field (`decodeJsonl`: strict object, integers and ranges). */
/** What a field's schema wants, as the refusal says it: a string, or an integer in its range. */
function schemaText(field: string): string {
  if (field === 'kind' || field === 'code') return 'a string';
  return U32_FIELDS.has(field) ? 'an integer in 0..2^32-1' : 'an integer in 0..2^53-1';
}

/** What the refusal says a field holds: none when absent, else its type word and its JSON text (cut to 40 characters). */
function gotText(value: unknown): string {
  if (value === ABSENT) return 'none';
  const type = value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
  return `${type} ${(JSON.stringify(value) ?? '').slice(0, 40)}`;
}

function fitsSchema(field: string, value: unknown): boolean {
  if (field === 'kind' || field === 'code') return typeof value === 'string';
  if (field === 'payload') return true;
  if (U32_FIELDS.has(field)) return isInt(value, U32);
  if (SAFE_FIELDS.has(field)) return isInt(value, Number.MAX_SAFE_INTEGER);
  return false;
}

/** The rules after the schema for one event: its kind's fields, flags, the code name, the payload. */
function judgeFields(d: Record<string, unknown>, kind: EventKind, line: number): (Expected & { error: string }) | undefined {
  const has = (f: string): boolean => d[f] !== undefined;
  if (isStreamRecord(kind)) {
    // A stream record holds its number under its key and nothing of a frame (no activation, code, flags, peer, other number or payload).
    const own = STREAM_KEY[kind]!;
    const others = ['activation', 'code', 'flags', 'waker', 'on', 'count', 'id', 'from', 'payload'].filter((f) => f !== own && has(f));
    return !has(own) || others.length > 0 ? { error: 'bad-event', line, says: [own] } : undefined;
  }
  for (const f of ['activation', 'code', 'flags']) if (!has(f)) return { error: 'bad-event', line, says: [f] };
  for (const f of ['count', 'id', 'from']) if (has(f)) return { error: 'bad-event', line, says: [f] };
  const flags = d['flags'] as number;
  // Only bit 0 is defined, and only frame events (kinds 1..7) carry flags (FORMAT.md §4.3).
  if (flags > 1) return { error: 'unknown-flag', line, says: ['flags'] };
  if (flags !== 0 && kind >= EventKind.Pending) return { error: 'unknown-flag', line, says: ['flags'] };
  const code = d['code'] as string;
  if (hasLoneSurrogate(code)) return { error: 'bad-event', line, says: ['code name'] };
  if (bytes(code) > 4096) return { error: 'limit-exceeded', line, says: ['code name'] };
  if ((kind === EventKind.Wake) !== has('waker')) return { error: 'bad-event', line, says: ['waker'] };
  if ((kind === EventKind.Pending || kind === EventKind.Await) !== has('on')) return { error: 'bad-event', line, says: ['on'] };
  if (has('payload')) {
    if (!numbersKept(d['payload'])) return { error: 'bad-event', line, says: ['payload'] };
    if (bytes(JSON.stringify(d['payload'])) > 4096) return { error: 'limit-exceeded', line, says: ['payload'] };
  }
  return undefined;
}

/**
 * One field of the JSONL header line set or removed (`decodeJsonl`'s header rules: `format` and `version` 1
 * required, a `version` other than 1 `unsupported-version`, `open` entries of an activation in
 * 1..2^32 - 1 each once, a code name and a state, `openPartial` and `incomplete` booleans, no other key).
 */
export interface JsonlHeaderEdit {
  /** Index into {@link HEADER_EDITS}. */
  readonly edit: number;
}

const entry = (activation: unknown, code: unknown = 'f', state: unknown = 'running', extra?: unknown) => ({ activation, code, state, ...(extra === undefined ? {} : { extra }) });
/** Header edits: [what, the header's fields replaced, the outcome]. `read` keeps the trace's events; `open` reads them with that open set. */
export const HEADER_EDITS: readonly (readonly [string, Record<string, unknown>, 'read' | 'bad-header' | 'unsupported-version' | 'limit-exceeded'])[] = [
  ['format removed', { format: ABSENT }, 'bad-header'],
  ['another format', { format: 'other' }, 'bad-header'],
  ['version removed', { version: ABSENT }, 'bad-header'],
  ['version 2', { version: 2 }, 'unsupported-version'],
  ['version 0', { version: 0 }, 'unsupported-version'],
  ['version 1.5', { version: 1.5 }, 'unsupported-version'],
  ['version "1"', { version: '1' }, 'bad-header'],
  ['another key', { extra: 1 }, 'bad-header'],
  ['an empty open list', { open: [] }, 'read'],
  ['an open list', { open: [entry(1), entry(2 ** 32 - 1, 'g', 'suspended')] }, 'read'],
  ['activation 0 open', { open: [entry(0)] }, 'bad-header'],
  ['activation 2^32 open', { open: [entry(2 ** 32)] }, 'bad-header'],
  ['an activation open twice', { open: [entry(3), entry(3, 'g', 'suspended')] }, 'bad-header'],
  ['an open code that is no string', { open: [entry(1, 7)] }, 'bad-header'],
  ['an open code with a lone surrogate', { open: [entry(1, '\ud800')] }, 'bad-header'],
  ['an open code of 4097 bytes', { open: [entry(1, 'x'.repeat(4097))] }, 'limit-exceeded'],
  ['an open state "sleeping"', { open: [entry(1, 'f', 'sleeping')] }, 'bad-header'],
  ['an open entry with another key', { open: [entry(1, 'f', 'running', 1)] }, 'bad-header'],
  ['open not a list', { open: { activation: 1 } }, 'bad-header'],
  ['openPartial true', { openPartial: true }, 'read'],
  ['openPartial "yes"', { openPartial: 'yes' }, 'bad-header'],
  ['incomplete true', { incomplete: true }, 'read'],
  ['incomplete 1', { incomplete: 1 }, 'bad-header'],
];

/** One header edit, uniform. */
export function jsonlHeaderEditArbitrary(): fc.Arbitrary<JsonlHeaderEdit> {
  return fc.record({ edit: fc.nat({ max: HEADER_EDITS.length - 1 }) });
}

/**
 * The trace's JSONL file (its first three events) with the header edited, and what `decodeJsonl` must do:
 * refuse it on line 1 with the code of {@link HEADER_EDITS}, or read the same events (the open set, partial
 * and incomplete flags as the header says: compared through the canonical text's first lines).
 */
export function editJsonlHeader(trace: Trace, e: JsonlHeaderEdit, key: Parameters<typeof editJsonlField>[2]): Edited & { readonly header: Record<string, unknown> } {
  const n = Math.min(3, trace.length);
  const whole = encoded(trace, 0, n, key);
  const [what, fields, outcome] = HEADER_EDITS[e.edit]!;
  const header: Record<string, unknown> = { format: 'trace-harness-jsonl', version: 1 };
  for (const [k, v] of Object.entries(fields)) {
    if (v === ABSENT) delete header[k];
    else header[k] = v;
  }
  const input = [JSON.stringify(header), ...whole.lines.slice(1, n + 1), ''].join('\n');
  const read = (s: string): string[] => {
    const t = decodeJsonl(s);
    return t.events().map((ev) => key({ ...ev, code: t.codeName(ev.code) }));
  };
  const says = outcome === 'read' ? [] : [what.includes('version') ? 'version' : what.includes('open') ? (outcome === 'limit-exceeded' || what.includes('surrogate') ? 'code name' : what.includes('twice') ? 'twice' : 'open') : 'trace-harness-jsonl'];
  return { input, expected: outcome === 'read' ? { events: whole.events } : { error: outcome, line: 1, says }, read, header };
}
