import { TraceFormatError } from '../model/errors.ts';
import type { TraceEvent } from '../model/event.ts';
import type { ActivationId, CodeId } from '../model/ids.ts';
import { Trace } from '../model/trace.ts';
import { loneSurrogateAt, loneSurrogateMessage, longNameMessage, nameBytesOver } from '../model/well-formed.ts';
import { ChromeScanner } from './chrome-scan.ts';
import { readEvent } from './chrome-verify.ts';
import { describeThread, foreignRows, threadKey, type ChromeItem, type Row } from './chrome-foreign.ts';
import { ownRows } from './chrome-own.ts';

/** A (pid, tid) pair as a Chrome file writes it; either may be absent, a number or a string. */
export interface ChromeThread {
  readonly pid?: number | string;
  readonly tid?: number | string;
}

/** Options of {@link decodeChrome}. */
export interface DecodeChromeOptions {
  /**
   * The thread to read when the file holds slices on several (pid, tid) pairs; compared as written
   * (`{ pid: 1, tid: 2 }` is not `{ pid: '1', tid: '2' }`).
   * @defaultValue the file's only thread; a file with several is refused (see {@link decodeChrome})
   */
  readonly thread?: ChromeThread;
}

/**
 * Reads Chrome Trace Event Format JSON (the object form `{"traceEvents":[...]}` or the bare array form)
 * back into a trace, streamed through the same grammar-checking scanner `verifyChrome` uses (1 MiB pieces,
 * one event parsed at a time, nesting and event size bounded before anything is allocated for them).
 *
 * Two mappings, chosen by `otherData.generator`:
 * 1. **`"trace-harness"`** (a file {@link encodeChrome} wrote): the exact inverse of its mapping, in file
 *    order. Each event's kind is its `args.event`, its activation `args.activation`, its code the `name`;
 *    `args.returnCompletion`, `args.payload`, `args.waker` / `args.on` (a `wake`, `pending`, `await`) and
 *    `args.value` (instants named `dropped` / `checkpoint` / `recovery`) come back as they were written.
 *    The `suspended` async slices only mark suspensions and are skipped, except an `e` whose event is
 *    `abandoned` (an abandoned suspended activation). Slices with `args.event: "open"` before the first
 *    event are the open set (`B` running, `b` suspended); `otherData.openPartial` and
 *    `otherData.incomplete` are read back. So `decodeChrome(encodeChrome(t))` has the canonical text of
 *    `t`, open set included. The clock is not read back (the file does not say whether `ts` was the
 *    trace's clock or its seq): the trace has no `tsNs`, seq = index.
 * 2. **Any other file** (Perfetto, Chrome, a profiler): per thread, `B`/`E`/`X` and async `b`/`e` in `ts`
 *    order (stable: file order among equal `ts`, as `verifyChrome` orders them); see {@link foreignRows}
 *    for the mapping (`B` = call, `E` = return of the innermost open slice, `X` = call at `ts` and return
 *    at `ts + dur`, `b`/`e` = an activation that suspends at `b` and returns at `e`). `tsNs` is
 *    `round(ts × 1000)`, which must be in 0..2^53-1 as in every format (else `bad-event`). Metadata (`M`), instants (`i`/`I`), counters (`C`), flows and every other phase
 *    are ignored.
 *
 * One file is one trace of one thread: when the slices of the file are on several (pid, tid) pairs (a
 * browser trace, `encodeChromeStreams` output), name one in `options.thread`; without it the file is
 * refused with `limit-exceeded`, the message listing the threads (`trace-harness verify` checks every
 * thread of such a file).
 *
 * @example
 * ```ts
 * const t = decodeChrome(new TextEncoder().encode('[{"ph":"B","name":"main","pid":1,"tid":1,"ts":0},{"ph":"X","name":"f","pid":1,"tid":1,"ts":1,"dur":2},{"ph":"E","pid":1,"tid":1,"ts":5}]'));
 * formatCanonical(t); // 'call main #1\ncall f #2\nreturn f #2\nreturn main #1\n'
 * ```
 * @param bytes - the whole file (UTF-8)
 * @param options - the thread to read; see {@link DecodeChromeOptions}
 * @returns the trace; empty (length 0) when the file holds no event the mapping reads
 * @throws {@link TraceFormatError} `bad-json` (byteOffset: the first byte that breaks the grammar),
 *   `limit-exceeded` (nesting over 256 levels, an event over 1 MiB, several threads without
 *   `options.thread`, byteOffset of the first event of the second thread), `unknown-format` (JSON without
 *   an event list), `bad-event` (byteOffset: the event's first byte) for an event of the wrong shape, one
 *   our mapping cannot read (a trace-harness file edited by hand), slices that do not nest (an `E`
 *   with no open slice or naming another, an `X` ending after its parent, an `e` without its `b`), or a
 *   foreign slice whose `ts` (an `X`'s `ts + dur`) gives no `tsNs` in 0..2^53-1 (negative, huge, infinite).
 *   A `bad-event` message names the event by its index in the file (`traceEvents[7]`) and a slice that does
 *   not nest by its thread too (`pid 1 tid 2`); `limit-exceeded` for several threads names each of them.
 */
export function decodeChrome(bytes: Uint8Array, options: DecodeChromeOptions = {}): Trace {
  // 1. Every event the mappings read, in file order, with its thread; nothing else is kept.
  const items: ChromeItem[] = [];
  const threads = new Map<string, { readonly thread: ChromeThread; readonly byteOffset: number; slices: boolean }>();
  let bad: TraceFormatError | undefined;
  // Names and thread keys repeat: one string each, not one per event.
  const strings = new Map<string, string>();
  const intern = (text: string): string => {
    const known = strings.get(text);
    if (known !== undefined) return known;
    strings.set(text, text);
    return text;
  };
  const scanner = new ChromeScanner((value, index, byteOffset) => {
    if (bad !== undefined) return;
    try {
      const item = readItem(value, index, byteOffset, intern);
      if (item === undefined) return;
      let t = threads.get(item.thread);
      if (t === undefined) threads.set(item.thread, (t = { thread: threadOf(value), byteOffset, slices: false }));
      if (item.ph !== 'i') t.slices = true;
      items.push(item);
    } catch (error) {
      if (!(error instanceof TraceFormatError)) throw error;
      bad = error; // reported once the whole text is known to be JSON (bad-json first, as verifyChrome)
    }
  });
  const PIECE = 1 << 20;
  for (let at = 0; at < bytes.length; at += PIECE) scanner.push(bytes.subarray(at, at + PIECE));
  scanner.end();
  if (bad !== undefined) throw bad;
  const own = isOwn(scanner.otherData);
  // 2. The thread: the one named, or the only one (a foreign file's instants belong to no trace).
  const candidates = [...threads].filter(([, t]) => own || t.slices);
  let key: string | undefined;
  if (options.thread !== undefined) key = threadKey(options.thread.pid, options.thread.tid);
  else if (candidates.length > 1) {
    const shown = candidates.slice(0, 8).map(([, t]) => describeThread(t.thread)).join(', ');
    throw new TraceFormatError(
      'limit-exceeded',
      candidates[1]![1].byteOffset,
      `want chrome json with the slices of one thread to read as one trace, got ${candidates.length} threads: ${shown}${candidates.length > 8 ? ', ...' : ''} (verify checks each; print and convert read one with --thread pid:tid, decodeChrome with { thread: { pid, tid } })`,
    );
  } else key = candidates[0]?.[0];
  const mine = key === undefined ? [] : items.filter((i) => i.thread === key);
  // 3. The events, by the mapping the file calls for.
  if (own) {
    const other = scanner.otherData as { openPartial?: unknown; incomplete?: unknown };
    const r = ownRows(mine);
    return build(r.rows, false, r.open, other.openPartial === true, other.incomplete !== true);
  }
  return build(foreignRows(mine.filter((i) => i.ph !== 'i')), true, [], false, true);
}

/** Whether trace-harness wrote this `otherData` (then the file uses {@link encodeChrome}'s mapping). @internal */
function isOwn(other: unknown): boolean {
  return typeof other === 'object' && other !== null && Object.hasOwn(other, 'generator') && (other as { generator: unknown }).generator === 'trace-harness';
}

/** The trace of the rows: code ids in order of first use (the open set's first), seq = index. @internal */
function build(rows: readonly Row[], timed: boolean, open: readonly { activation: number; name: string; state: 'running' | 'suspended' }[], openPartial: boolean, complete: boolean): Trace {
  const ids = new Map<string, number>();
  const codeOf = (name: string): number => {
    let id = ids.get(name);
    if (id === undefined) ids.set(name, (id = ids.size));
    return id;
  };
  const declared = open.map((o) => ({ activation: o.activation, code: codeOf(o.name), state: o.state }));
  const events: TraceEvent[] = new Array(rows.length);
  for (let seq = 0; seq < rows.length; seq++) {
    const r = rows[seq]!;
    const e: { -readonly [K in keyof TraceEvent]: TraceEvent[K] } = { seq, kind: r.kind, activation: r.activation as ActivationId, code: (r.name === undefined ? 0 : codeOf(r.name)) as CodeId, flags: r.flags };
    if (r.waker !== undefined) e.waker = r.waker as ActivationId;
    if (r.payload !== undefined) e.payload = r.payload;
    if (timed) e.tsNs = Math.round(r.tsUs * 1000);
    events[seq] = e;
  }
  const trace = Trace.fromEvents(events, [...ids.keys()]);
  return (declared.length > 0 || openPartial ? trace.withOpen(declared, openPartial) : trace).withComplete(complete);
}

function threadOf(value: unknown): ChromeThread {
  const o = value as Record<string, unknown>;
  const pid = Object.hasOwn(o, 'pid') ? (o['pid'] as number | string) : undefined;
  const tid = Object.hasOwn(o, 'tid') ? (o['tid'] as number | string) : undefined;
  return { ...(pid === undefined ? {} : { pid }), ...(tid === undefined ? {} : { tid }) };
}

/** The fields a mapping reads of one entry (its shape checked as verifyChrome checks it); undefined for phases no mapping reads. @internal */
function readItem(value: unknown, index: number, byteOffset: number, intern: (text: string) => string): ChromeItem | undefined {
  const e = readEvent(value, index, byteOffset);
  if (!(e.ph === 'B' || e.ph === 'E' || e.ph === 'X' || e.ph === 'b' || e.ph === 'e' || e.ph === 'i')) return undefined;
  const bad = (what: string): never => {
    throw new TraceFormatError('bad-event', byteOffset, `want a chrome trace event at traceEvents[${index}], got ${what}`);
  };
  if (e.name !== undefined) {
    const lone = loneSurrogateAt(e.name);
    if (lone >= 0) bad(loneSurrogateMessage('name', e.name, lone)); // FORMAT.md §4.2: refused, never changed
    const long = nameBytesOver(e.name);
    if (long !== undefined) throw new TraceFormatError('limit-exceeded', byteOffset, longNameMessage('name', e.name, long)); // §8, as wire
  }
  const o = value as Record<string, unknown>;
  const args = Object.hasOwn(o, 'args') ? o['args'] : undefined;
  const arg = (k: string): unknown => (typeof args === 'object' && args !== null && !Array.isArray(args) && Object.hasOwn(args, k) ? (args as Record<string, unknown>)[k] : undefined);
  // Only the args trace-harness writes are kept (not the parsed event: a foreign file's args may be large).
  const own = { activation: arg('activation'), event: arg('event'), returnCompletion: arg('returnCompletion'), payload: arg('payload'), waker: arg('waker'), on: arg('on'), value: arg('value') };
  const none = Object.values(own).every((v) => v === undefined);
  const name = e.name === undefined ? undefined : intern(e.name);
  const cat = e.cat === undefined ? undefined : intern(e.cat);
  return { ph: e.ph, name, cat, id: e.id, ts: e.ts, end: e.ph === 'X' ? e.ts + e.dur! : e.ts, index, byteOffset, thread: intern(threadKey(e.pid, e.tid)), args: none ? NO_ARGS : own };
}

/** The args of an event without any trace-harness writes (a foreign event's): one object for all. @internal */
const NO_ARGS: ChromeItem['args'] = Object.freeze({ activation: undefined, event: undefined, returnCompletion: undefined, payload: undefined, waker: undefined, on: undefined, value: undefined });

