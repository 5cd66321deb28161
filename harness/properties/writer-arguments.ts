import { EventKind } from '../../src/model/kinds.ts';
import { Trace } from '../../src/model/trace.ts';
import { readWire } from '../../src/wire/reader.ts';
import { MemorySink } from '../../src/wire/sink.ts';
import { WireWriter, type WireWriterOptions } from '../../src/wire/writer.ts';

/**
 * One argument handed to the wire writer's public API, at an edge of its range (issue 13: what the unit
 * tests check of the writer, a default `check` reaches too). `ok` is the answer of the API's documentation
 * and FORMAT.md §8, written here by hand: an argument out of range is a `RangeError` that names the method
 * and the field and leaves the file as it was; one in range is written and reads back as given.
 */
export type WriterArgument = (
  | { readonly via: 'append' | 'appendTrace'; readonly field: EventField; readonly value: number | string; readonly ok: boolean }
  | { readonly via: 'options'; readonly field: 'chunkBytes' | 'flushEveryEvents' | 'flushEveryBytes'; readonly value: number | string; readonly ok: boolean }
  | { readonly via: 'defineCode'; readonly field: 'code' | 'name'; readonly value: number | string; readonly ok: boolean }
  /** A call on a closed writer: `append` and `appendTrace` refused (a RangeError saying "closed"), a second `close` a no-op that writes nothing. */
  | { readonly via: 'closed'; readonly field: 'append' | 'appendTrace' | 'close'; readonly value: 0; readonly ok: boolean }
) & {
  /** More words the refusal must hold than the method and the field: the range it states, the part it quotes. */
  readonly words?: readonly string[];
};

/** `seq and tsNs`: both fields at once (a writer that checks them together can let a pair through); `await flags`: flags on a non-frame record. */
type EventField = 'kind' | 'activation' | 'code' | 'flags' | 'pending flags' | 'await flags' | 'seq' | 'tsNs' | 'seq and tsNs' | 'waker' | 'payload' | 'stream payload';

const U32 = 2 ** 32 - 1;
const SAFE = 2 ** 53 - 1;
const cases = <F extends string>(field: F, bad: readonly (number | string)[], good: readonly (number | string)[]) => [
  ...bad.map((value) => ({ field, value, ok: false })),
  ...good.map((value) => ({ field, value, ok: true })),
];

/** Event fields at their edges: each bad value is one past a bound of `WireWriter.append`'s TSDoc, each good one at the bound. */
const EVENT_FIELDS = [
  ...cases('kind', [0, 15, 1.5, -1], [EventKind.Call, EventKind.Event]),
  ...cases('activation', [-1, U32 + 1, 0.5], [0, U32]),
  ...cases('code', [1, 2 ** 20], [0]),
  ...cases('flags', [-1, 2, 128, 0.5], [0, 1]),
  ...cases('pending flags', [1], [0]),
  ...cases('await flags', [1], [0]),
  ...cases('seq', [-1, SAFE + 1, 0.5], [0, SAFE]),
  ...cases('tsNs', [-1, SAFE + 1, 0.5], [0, SAFE]),
  ...cases('seq and tsNs', [-1, SAFE + 1, 0.5], [SAFE]),
  ...cases('waker', [-1, U32 + 1, 0.5], [0, U32]),
  // 4096 bytes of JSON text is the most a payload holds (§8): a string of 4094 or 4095 characters in quotes.
  // A number is no JSON text (append's payload is a string); it is refused, not thrown on.
  ...cases('payload', ['{ "a": 1 }', 'x', '9007199254740993', `"${'x'.repeat(4095)}"`, 42], ['1', '{"a":[1,"\\u0000"]}', `"${'x'.repeat(4094)}"`]),
  ...cases('stream payload', ['1'], []),
] as const;
/** Whether a trace's typed column keeps `value` as it is (`appendTrace` gets only such values; the columns bound the rest). */
function columnKeeps(field: EventField, value: number | string): boolean {
  if (typeof value === 'string') return false;
  switch (field) {
    case 'payload':
    case 'stream payload':
      return false;
    case 'kind':
    case 'flags':
    case 'pending flags':
    case 'await flags':
      return Uint8Array.of(value)[0] === value;
    case 'seq':
    case 'tsNs':
    case 'seq and tsNs':
      return true;
    default:
      return Uint32Array.of(value)[0] === value;
  }
}
const OPTION_FIELDS = [
  ...cases('chunkBytes', [255, 2 ** 21 + 1, 256.5, Number.NaN], [256, 2 ** 21]),
  ...cases('flushEveryEvents', [-1, 0.5], [0, 1]),
  ...cases('flushEveryBytes', [-1, 0.5], [0, 1]),
] as const;
const DEFINE_FIELDS = [
  ...cases('code', [-1, 2 ** 20, 0.5], [2 ** 20 - 1, 5]),
  // Code 0 is already "f": the same name again is a no-op, another is a conflict.
  ...cases('name', ['x'.repeat(4097), 'a\ud800b', 'g'], ['x'.repeat(4096), 'f', 'ünï']),
] as const;

/** Every writer argument of the tables above: an event field through `append`, and through `appendTrace` where a trace's column holds the value; the options; `defineCode`; calls on a closed writer. */
export const WRITER_ARGUMENTS: readonly WriterArgument[] = [
  ...EVENT_FIELDS.flatMap((f) => [{ via: 'append' as const, ...f }, ...(columnKeeps(f.field, f.value) ? [{ via: 'appendTrace' as const, ...f }] : [])]),
  ...OPTION_FIELDS.map((f) => ({ via: 'options' as const, ...f })),
  ...DEFINE_FIELDS.map((f) => ({ via: 'defineCode' as const, ...f })),
  { via: 'closed', field: 'append', value: 0, ok: false },
  { via: 'closed', field: 'appendTrace', value: 0, ok: false },
  { via: 'closed', field: 'close', value: 0, ok: true },
  // Refusals that state a range state the one the TSDoc gives; a quoted payload is cut at 40 characters.
  { via: 'options', field: 'chunkBytes', value: 2 ** 21 + 1, ok: false, words: ['256..2097152'] },
  { via: 'defineCode', field: 'code', value: 2 ** 20, ok: false, words: ['0..1048575'] },
  { via: 'defineCode', field: 'name', value: 'a\ud800b', ok: false, words: ['code name of code 7'] },
  { via: 'append', field: 'payload', value: `{ "a": "${'x'.repeat(50)}" }`, ok: false, words: [`got ${JSON.stringify(`{ "a": "${'x'.repeat(50)}" }`.slice(0, 40))}`] },
  { via: 'append', field: 'await flags', value: 1, ok: false, words: ['non-frame or abandoned'] },
];

let tablePassed = false;

/**
 * Every row of {@link WRITER_ARGUMENTS} through {@link checkWriterArgument}, once per process once it passes
 * (the rows are fixed: drawn three to five a case, a default run checked each about forty times).
 * @returns what went wrong, one line each
 */
export function checkWriterArgumentTable(): string[] {
  if (tablePassed) return [];
  const problems = WRITER_ARGUMENTS.flatMap((a) => checkWriterArgument(a));
  tablePassed = problems.length === 0;
  return problems;
}

/**
 * Hands `a` to a writer between two valid events and checks the answer: a `RangeError` naming the method
 * and the field, and a file that reads back as the two valid events alone; or, for an argument in range,
 * no error and the value read back.
 * @param make - the writer under test @defaultValue `new WireWriter(sink, options)`
 * @returns what went wrong, one line each
 */
export function checkWriterArgument(a: WriterArgument, make: (sink: MemorySink, options: WireWriterOptions) => WireWriter = (sink, options) => new WireWriter(sink, options)): string[] {
  const what = `${a.via} ${a.field} ${typeof a.value === 'string' ? JSON.stringify(a.value.length > 20 ? `${a.value.slice(0, 12)}... (${a.value.length})` : a.value) : a.value}`;
  const sink = new MemorySink();
  let writer: WireWriter;
  let threw: unknown;
  const options: WireWriterOptions = { chunkBytes: 256, timestamps: true, ...(a.via === 'options' ? { [a.field]: a.value } : {}) };
  try {
    writer = make(sink, options);
  } catch (error) {
    return verdict(what, a.ok, error, a.via === 'options' ? `WireWriter: ${a.field}` : 'WireWriter', a.words ?? []);
  }
  writer.defineCode(0, 'f');
  writer.append(EventKind.Call, 1, 0, 0, 0, 10);
  if (a.via === 'closed') return checkClosed(what, a, writer, sink);
  let added = 0;
  try {
    added = attempt(writer, a);
  } catch (error) {
    threw = error;
  }
  const method = a.via === 'options' ? 'WireWriter' : `WireWriter.${a.via === 'appendTrace' ? 'append' : a.via}`;
  const problems = a.via === 'options' ? verdict(what, a.ok, undefined, method, []) : verdict(what, a.ok, threw, method, [...fieldWords(a), ...(a.words ?? [])]);
  if (problems.length > 0) return problems;
  const seq = a.via !== 'options' && a.via !== 'defineCode' && (a.field === 'seq' || a.field === 'seq and tsNs') && a.ok ? (a.value as number) + 1 : 1 + added;
  writer.append(EventKind.Return, 1, 0, 0, Math.min(seq, SAFE), 20);
  writer.close();
  const bytes = sink.bytes();
  if (writer.bytesWritten !== bytes.length) return [`writer argument ${what}: the writer reports ${writer.bytesWritten} bytes, the sink got ${bytes.length}`];
  const r = readWire(bytes);
  if (r.loss !== undefined || !r.complete) return [`writer argument ${what}: the file does not read back: ${r.loss?.error.message ?? 'no end-of-stream'}`];
  if (r.trace.length !== 2 + added) return [`writer argument ${what}: want ${2 + added} events read back, got ${r.trace.length}`];
  if (a.ok && added === 1) return readBack(what, a, r.trace);
  return [];
}

/** A closed writer: `append` and `appendTrace` throw a RangeError naming the method and "closed"; a second `close` writes nothing; the file reads back whole. */
function checkClosed(what: string, a: WriterArgument & { via: 'closed' }, writer: WireWriter, sink: MemorySink): string[] {
  writer.append(EventKind.Return, 1, 0, 0, 1, 20);
  writer.close();
  const before = sink.bytes().length;
  let threw: unknown;
  try {
    if (a.field === 'append') writer.append(EventKind.Call, 2, 0, 0, 2, 30);
    else if (a.field === 'appendTrace') writer.appendTrace(Trace.fromEvents([{ kind: EventKind.Call, activation: 2, code: 0, flags: 0, seq: 2 }], ['f']));
    else writer.close();
  } catch (error) {
    threw = error;
  }
  const problems = verdict(what, a.ok, threw, `WireWriter.${a.field}`, a.ok ? [] : ['closed']);
  if (sink.bytes().length !== before) problems.push(`writer argument ${what}: the closed writer wrote ${sink.bytes().length - before} more bytes`);
  const r = readWire(sink.bytes());
  if (r.loss !== undefined || !r.complete || r.trace.length !== 2) problems.push(`writer argument ${what}: the file does not read back as its 2 events: ${r.loss?.error.message ?? (r.complete ? `${r.trace.length} events` : 'no end-of-stream')}`);
  return problems;
}

/** Hands the argument over; returns the events it added (0 or 1). */
function attempt(w: WireWriter, a: WriterArgument): number {
  if (a.via === 'options' || a.via === 'closed') return 0;
  if (a.via === 'defineCode') {
    if (a.field === 'code') w.defineCode(a.value as number, 'c');
    else w.defineCode(a.value === 'f' || a.value === 'g' ? 0 : 7, a.value as string); // code 0 is "f" already
    return 0;
  }
  // A valid event with one field replaced: a wake of activation 2 (code 0) at seq 1, ts 15, waker 1.
  let [kind, activation, code, flags, seq, ts, waker, payload] = [EventKind.Wake as number, 2, 0, 0, 1, 15, 1, undefined as string | undefined];
  const v = a.value;
  switch (a.field) {
    case 'kind': kind = v as number; break;
    case 'activation': activation = v as number; break;
    case 'code': code = v as number; break;
    case 'flags': [kind, flags] = [EventKind.Call, v as number]; break;
    case 'pending flags': [kind, flags] = [EventKind.Pending, v as number]; break;
    case 'await flags': [kind, flags] = [EventKind.Await, v as number]; break;
    case 'seq': seq = v as number; break;
    case 'tsNs': ts = v as number; break;
    case 'seq and tsNs': seq = ts = v as number; break;
    case 'waker': waker = v as number; break;
    case 'payload': [kind, payload] = [EventKind.Event, v as string]; break;
    case 'stream payload': [kind, payload] = [EventKind.Dropped, v as string]; break;
  }
  if (a.via === 'append') {
    w.append(kind as EventKind, activation, code, flags, seq, ts, waker, payload);
    return 1;
  }
  const t = new Trace( // built by hand: Trace.fromEvents would refuse what the columns are here to hold
    { kind: Uint8Array.of(kind), flags: Uint8Array.of(flags), activation: Uint32Array.of(activation), code: Uint32Array.of(code), seq: Float64Array.of(seq), tsNs: Float64Array.of(ts), waker: Uint32Array.of(waker) },
    ['f'],
  );
  w.appendTrace(t);
  return 1;
}

/** Words a RangeError about this field must hold (the parameter's name as the TSDoc writes it). */
function fieldWords(a: WriterArgument): string[] {
  if (a.via === 'defineCode') return a.field === 'code' ? ['code'] : [];
  switch (a.field) {
    case 'pending flags':
      return ['pending'];
    case 'await flags':
      return ['flags'];
    case 'seq and tsNs':
      return ['seq'];
    case 'stream payload':
    case 'payload':
      return ['payload'];
    default:
      return [a.field];
  }
}

/** The answer against the table: a RangeError naming `method` and every word of `words`, or no error. */
function verdict(what: string, ok: boolean, threw: unknown, method: string, words: readonly string[]): string[] {
  if (ok) return threw === undefined ? [] : [`writer argument ${what}: in range, yet refused: ${String(threw)}`];
  if (threw === undefined) return [`writer argument ${what}: out of range, yet accepted (want a RangeError)`];
  if (!(threw instanceof RangeError)) return [`writer argument ${what}: want a RangeError, got ${String(threw)}`];
  const missing = [method, ...words].filter((w) => !threw.message.includes(w));
  return missing.length === 0 ? [] : [`writer argument ${what}: the RangeError does not say ${missing.map((w) => JSON.stringify(w)).join(', ')}: ${threw.message}`];
}

/** An accepted value reads back as it was given (event 1 of the file). */
function readBack(what: string, a: WriterArgument, t: Trace): string[] {
  if (a.via !== 'append' && a.via !== 'appendTrace') return [];
  const c = t.columns;
  const got: Record<EventField, number | string | undefined> = {
    kind: c.kind[1], activation: c.activation[1], code: c.code[1], flags: c.flags[1], 'pending flags': c.flags[1], 'await flags': c.flags[1], seq: c.seq[1], tsNs: c.tsNs?.[1], 'seq and tsNs': c.seq[1] === c.tsNs?.[1] ? c.seq[1] : `seq ${c.seq[1]}, tsNs ${c.tsNs?.[1]}`, waker: c.waker?.[1], payload: c.payload?.[1], 'stream payload': undefined,
  };
  return got[a.field] === a.value ? [] : [`writer argument ${what}: read back as ${JSON.stringify(got[a.field])}`];
}
