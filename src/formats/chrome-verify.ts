import type { Violation } from '../check/violation.ts';
import { TraceFormatError } from '../model/errors.ts';
import { ChromeScanner, MAX_CHROME_DEPTH } from './chrome-scan.ts';
import { AsyncCheck, PH, ThreadCheck, type ThreadLabel } from './chrome-slices.ts';

/** The longest text {@link verifyChrome} reads by default: 512 MiB, in UTF-16 code units (`text.length`). */
export const MAX_CHROME_TEXT_LENGTH = 512 * 2 ** 20;

/**
 * What {@link verifyChrome} found: `events` is the length of `traceEvents` (every phase, unknown ones
 * included), `threads` the number of distinct (pid, tid) pairs among duration events (`B`, `E`, `X`),
 * `violations` every broken rule, ordered by `eventIndex`.
 */
export interface ChromeReport {
  readonly events: number;
  readonly threads: number;
  readonly violations: Violation[];
  /**
   * Written by trace-harness for a trace that stops before its stream ended (`otherData.incomplete`):
   * slices still open at its end are frames still running, not a broken file.
   */
  readonly incomplete: boolean;
}

/** Options of {@link verifyChrome}. */
export interface VerifyChromeOptions {
  /**
   * Longest accepted input, in UTF-16 code units. V8 caps strings near 2^29 units, so on Node the default
   * mostly guards engines with longer strings (Bun/JSC); lower it to bound memory.
   * @defaultValue {@link MAX_CHROME_TEXT_LENGTH}
   */
  readonly maxTextLength?: number;
}

/**
 * The fields the checks read, each of the type the Chrome format gives it (`pid`, `tid` and `id` a number or
 * a string; `dur` >= 0): {@link readEvent} checks them by hand and copies nothing else from the input (a
 * `__proto__` key included), so foreign files with extra fields pass. @internal
 */
interface EventFields {
  readonly ph: string;
  readonly name?: string | undefined;
  readonly cat?: string | undefined;
  readonly pid?: number | string | undefined;
  readonly tid?: number | string | undefined;
  readonly dur?: number | undefined;
  readonly id?: number | string | undefined;
}

export type Parsed = EventFields & { readonly index: number; readonly ts: number };

/**
 * Verifies Chrome Trace Event Format JSON written by any tool (the object form `{"traceEvents":[...]}` or
 * the bare array form, whose closing `]` may be missing as the format allows).
 *
 * Checks, per (pid, tid) thread, with the thread's `B`/`E`/`X` events stably sorted by `ts`:
 * - `chrome/unmatched-end`: an `E` with no open `B`;
 * - `chrome/end-name-mismatch`: an `E` whose `name` (when it has one) differs from the top `B`'s;
 * - `chrome/open-at-end`: a `B` never ended (reported at the `B`);
 * - `chrome/overlapping-complete`: an `X` (`ts` + `dur`) that starts inside an open `B`/`X` slice and ends
 *   after it, or an `X` that ends while a `B` opened inside it is still open (reported at the `X`);
 * - `chrome/async-unmatched`: async `b`/`e` paired by (cat, id, name) in `ts` order: an `e` without `b`;
 * - `chrome/async-open-at-end`: a `b` never ended. Not an error in itself: an encoded generator still
 *   suspended at the end shows up here (legal, DESIGN §3); `verify` reports it as a note.
 *
 * Violations have `eventIndex` = index in `traceEvents`, `activation` = tid (-1 for a non-numeric tid),
 * `seq` = -1. Other phases (`M`, `i`, `C`, ...) are counted and ignored.
 *
 * Memory besides the text: the open slices of each thread whose events are in `ts` order (checked as they
 * are read), about 37 bytes an event of a thread that is not (read a second time); see {@link ChromeVerifier}.
 *
 * @example
 * ```ts
 * verifyChrome('[{"ph":"B","name":"f","pid":1,"tid":2,"ts":0},{"ph":"E","name":"g","pid":1,"tid":2,"ts":1}]').violations[0].message;
 * // 'want e "f" (top open slice) on pid 1 tid 2, got e "g" at ts 1'
 * ```
 * @param text - the JSON text
 * @param options - bounds; see {@link VerifyChromeOptions}
 * @returns `{ events, threads, violations }` ({@link ChromeReport})
 * @throws {@link TraceFormatError} `limit-exceeded` for text longer than `maxTextLength`, nested deeper
 *   than {@link MAX_CHROME_DEPTH} or an event over 1 MiB, `bad-json` when it does not parse (byteOffset:
 *   UTF-8 offset of the first byte that breaks the grammar),
 *   `unknown-format` when the root is neither an array nor an object with a `traceEvents` array,
 *   `bad-event` for an event of the wrong shape (byteOffset 0; the message names `traceEvents[i]`)
 * @throws RangeError when `maxTextLength` is not a non-negative integer
 */
export function verifyChrome(text: string, options: VerifyChromeOptions = {}): ChromeReport {
  const max = options.maxTextLength ?? MAX_CHROME_TEXT_LENGTH;
  if (!Number.isSafeInteger(max) || max < 0) throw new RangeError(`verifyChrome: maxTextLength must be a non-negative integer, got ${max}`);
  if (text.length > max) throw new TraceFormatError('limit-exceeded', 0, `want at most ${max} characters, got ${text.length}`);
  // The text is fed in pieces (never encoded whole), a second time only for threads out of ts order.
  const feed = (push: (bytes: Uint8Array) => void): void => textPieces(text, push);
  const v = new ChromeVerifier({ replay: feed });
  feed((bytes) => v.push(bytes));
  return v.end();
}

/** Feeds a text as UTF-8 in pieces of 1 MiB of UTF-16 units, a surrogate pair never split. @internal */
function textPieces(text: string, push: (bytes: Uint8Array) => void): void {
  const encoder = new TextEncoder();
  const PIECE = 1 << 20;
  for (let at = 0; at < text.length; at += PIECE) {
    let end = Math.min(text.length, at + PIECE);
    if (end < text.length && (text.charCodeAt(end - 1) & 0xfc00) === 0xd800) end++; // keep a surrogate pair whole
    push(encoder.encode(text.slice(at, end)));
    at = end - PIECE;
  }
}

/** Options of {@link ChromeVerifier}. */
export interface ChromeVerifierOptions {
  /**
   * Feeds the same file again, from its first byte, to the function given (as `push` was fed). With it,
   * the verifier checks each thread as its events arrive and keeps only the slices open (memory
   * independent of the file's size); a thread whose events turn out not to be in `ts` order is checked
   * again from a second read, which keeps that thread's events only (about 37 bytes each). Without it,
   * every slice is kept (about 37 bytes a `B`/`E`/`X`/`b`/`e` event) and sorted per thread at the end.
   * @defaultValue none: every slice kept
   */
  readonly replay?: (push: (bytes: Uint8Array) => void) => void;
  /** The threads (keys `JSON.stringify([pid, tid])`) and whether the async slices are kept: a second read. @internal */
  readonly only?: { readonly threads: ReadonlySet<string>; readonly async: boolean };
}

/**
 * The streaming form of {@link verifyChrome}: feed the file in byte pieces of any size ({@link
 * ChromeVerifier.push}), then {@link ChromeVerifier.end} gives the report. The JSON is checked as it
 * arrives (no text of the whole file, no parsed tree, one event's bytes at a time); time is linear in its
 * size. Same checks, errors and report as verifyChrome. Memory besides that (see
 * {@link ChromeVerifierOptions.replay}):
 * - with `replay` (how `verifyChrome` and `trace-harness verify` run it): each thread whose `B`/`E`/`X`
 *   events arrive in nondecreasing `ts` order is checked as they arrive, holding only its open slices; the
 *   async `b`/`e` likewise while they arrive in `ts` order (holding only the `b`s not ended). That is the
 *   usual file (tracers write events as they happen) and memory does not grow with it. A thread found out
 *   of order (Chrome writes an `X` when it ends, after the slices inside it) is dropped from the first
 *   read and checked from a second read that keeps its events only, about 37 bytes each, then sorts them
 *   (the async events likewise, all of them, when they are out of order);
 * - without it: about 37 bytes per `B`/`E`/`X`/`b`/`e` event in typed columns, sorted per thread at the end.
 *
 * @example
 * ```ts
 * const v = new ChromeVerifier({ replay: (push) => readPieces(path, push) });
 * readPieces(path, (piece) => v.push(piece));
 * v.end().violations; // []
 * ```
 */
export class ChromeVerifier {
  private readonly scanner: ChromeScanner;
  private readonly slices = new SliceColumns();
  private readonly threadIds = new Map<string, number>();
  private readonly threadOf: ThreadLabel[] = [];
  private readonly labelIds = new Map<string, number>();
  private readonly labelOf: ThreadLabel[] = [];
  private badEvent: TraceFormatError | undefined;
  private readonly nameIds = new Map<string, number>();
  private readonly names: string[] = [];
  private readonly asyncIds = new Map<string, number>();
  private readonly asyncOf: string[] = [];
  /** First read with a replay: each thread's check while its events are in ts order (undefined once not). */
  private readonly online: (ThreadCheck | undefined)[] | undefined;
  private asyncOnline: AsyncCheck | undefined;
  /** Keys of the threads found out of order, and whether the async events were. */
  private readonly resort = new Set<string>();
  private asyncResort = false;
  /** The thread of the previous slice, to skip its key (consecutive events are mostly on one thread). */
  private lastPid: unknown = NaN;
  private lastTid: unknown = NaN;
  private lastThread = -1;
  private lastLabelPid: unknown = NaN;
  private lastLabelTid: unknown = NaN;
  private lastLabel = -1;

  /** @param options - see {@link ChromeVerifierOptions} */
  constructor(private readonly options: ChromeVerifierOptions = {}) {
    this.scanner = new ChromeScanner((value, index) => this.add(value, index));
    if (options.replay !== undefined) {
      this.online = [];
      this.asyncOnline = new AsyncCheck((t) => this.labelOf[t]!);
    }
  }

  /**
   * Reads the next piece of the file.
   * @param bytes - any number of bytes, continuing the previous piece
   * @throws {@link TraceFormatError} as {@link verifyChrome}, as soon as the bytes show it
   */
  push(bytes: Uint8Array): void {
    this.scanner.push(bytes);
  }

  /**
   * The end of the file: the checks over everything read. Called again, it returns the same report (the
   * checks consume the slices kept).
   * @returns the report ({@link ChromeReport})
   * @throws {@link TraceFormatError} `bad-json` for a document cut short, `unknown-format` without an event list
   */
  end(): ChromeReport {
    if (this.report !== undefined) return this.report;
    this.scanner.end();
    if (this.badEvent !== undefined) throw this.badEvent;
    const violations = this.online === undefined ? this.sortedChecks() : this.onlineChecks();
    violations.sort((a, b) => a.eventIndex - b.eventIndex);
    this.report = { events: this.scanner.events, threads: this.threadIds.size, violations, incomplete: declaredIncomplete(this.scanner.otherData) };
    return this.report;
  }

  /** The report of the first {@link end}. */
  private report: ChromeReport | undefined;

  /** With a replay: the checks made while reading, then those of a second read for what was out of order. */
  private onlineChecks(): Violation[] {
    const violations: Violation[] = [];
    for (const t of this.online!) if (t !== undefined) violations.push(...t.finish());
    if (this.asyncOnline !== undefined) violations.push(...this.asyncOnline.finish());
    if (this.resort.size > 0 || this.asyncResort) {
      const again = new ChromeVerifier({ only: { threads: this.resort, async: this.asyncResort } });
      this.options.replay!((bytes) => again.push(bytes));
      again.scanner.end();
      violations.push(...again.sortedChecks());
    }
    return violations;
  }

  /** The checks over the slices kept in columns: each thread, then the async pairs, each in stable ts order. */
  private sortedChecks(): Violation[] {
    const violations: Violation[] = [];
    const s = this.slices;
    s.finish();
    // 1. Per-thread slice balance: B/E/X grouped by thread (a counting sort, in file order), each thread
    //    then by ts, stable (a comparison sort only for a thread not already in ts order).
    const threads = this.threadIds.size;
    const start = new Uint32Array(threads + 1);
    let slices = 0;
    for (let i = 0; i < s.length; i++) if (s.ph[i]! <= PH.X) (start[s.key[i]! + 1]!++, slices++);
    for (let t = 0; t < threads; t++) start[t + 1]! += start[t]!;
    const order = new Uint32Array(slices);
    const fill = start.slice(0, threads);
    const async = new Uint32Array(s.length - slices);
    let asyncCount = 0;
    for (let i = 0; i < s.length; i++) {
      if (s.ph[i]! <= PH.X) order[fill[s.key[i]!]!++] = i;
      else async[asyncCount++] = i;
    }
    const byTs = (a: number, b: number): number => s.ts[a]! - s.ts[b]! || a - b;
    for (let t = 0; t < threads; t++) {
      const list = order.subarray(start[t]!, start[t + 1]!);
      if (list.length === 0) continue;
      if (!inTsOrder(list, s.ts)) list.sort(byTs);
      const check = new ThreadCheck(this.threadOf[t]!);
      for (const i of list) check.step(s.ph[i]!, s.ts[i]!, s.end[i]!, s.name[i] === 0 ? undefined : this.names[s.name[i]! - 1], s.index[i]!);
      violations.push(...check.finish());
    }
    // 2. Async pairs by (cat, id, name), in ts order.
    if (!inTsOrder(async, s.ts)) async.sort(byTs);
    const check = new AsyncCheck((t) => this.labelOf[t]!);
    for (const i of async) check.step(s.ph[i]!, this.asyncOf[s.key[i]!]!, s.ts[i]!, s.index[i]!, s.end[i]!);
    violations.push(...check.finish());
    return violations;
  }

  /**
   * One entry of the event list: its shape checked, its slice checked now (a replay, in order) or kept in
   * columns. The first entry of the wrong shape is reported at the end, once the whole text is known to
   * be JSON (`bad-json` first).
   */
  private add(value: unknown, index: number): void {
    if (this.badEvent !== undefined) return;
    let e: Parsed;
    try {
      e = readEvent(value, index);
    } catch (error) {
      if (!(error instanceof TraceFormatError)) throw error;
      this.badEvent = error;
      return;
    }
    const ph = e.ph.length === 1 ? PH[e.ph as keyof typeof PH] : undefined;
    if (ph === undefined) return; // M, i, C, ...: counted, not checked
    const only = this.options.only;
    if (ph <= PH.X) {
      const thread = this.threadId(e.pid, e.tid);
      const end = ph === PH.X ? e.ts + e.dur! : 0;
      if (this.online !== undefined) {
        // 1. A replay: checked now while the thread is in ts order; from its first step back, read again.
        const check = this.online[thread];
        if (check === undefined) return;
        if (e.ts < check.lastTs) {
          this.online[thread] = undefined;
          this.resort.add(JSON.stringify([e.pid ?? null, e.tid ?? null]));
          return;
        }
        check.step(ph, e.ts, end, e.name, index);
        return;
      }
      if (only !== undefined && !only.threads.has(JSON.stringify([e.pid ?? null, e.tid ?? null]))) return;
      this.slices.add(ph, thread, e.ts, end, e.name === undefined ? 0 : this.nameId(e.name) + 1, index);
      return;
    }
    // The thread of an async event only names it in messages (not counted among the threads).
    const t = this.labelId(e.pid, e.tid);
    const key = JSON.stringify([e.cat ?? '', e.id, e.name ?? '']);
    if (this.online !== undefined) {
      // 2. A replay: async events checked now while all of them are in ts order (a pair's events may be
      //    on several threads); from the first step back, all read again.
      const check = this.asyncOnline;
      if (check === undefined) return;
      if (e.ts < check.lastTs) {
        this.asyncOnline = undefined;
        this.asyncResort = true;
        return;
      }
      check.step(ph, key, e.ts, index, t);
      return;
    }
    if (only !== undefined && !only.async) return;
    let pair = this.asyncIds.get(key);
    if (pair === undefined) {
      this.asyncIds.set(key, (pair = this.asyncOf.length));
      this.asyncOf.push(key);
    }
    this.slices.add(ph, pair, e.ts, t, 0, index);
  }

  /** The id of a (pid, tid) thread of slices, its check created on the first read of a replay. */
  private threadId(pid: unknown, tid: unknown): number {
    if (pid === this.lastPid && tid === this.lastTid) return this.lastThread;
    const key = JSON.stringify([pid ?? null, tid ?? null]);
    let thread = this.threadIds.get(key);
    if (thread === undefined) {
      this.threadIds.set(key, (thread = this.threadOf.length));
      this.threadOf.push({ pid, tid });
      this.online?.push(new ThreadCheck({ pid, tid }));
    }
    this.lastPid = pid;
    this.lastTid = tid;
    return (this.lastThread = thread);
  }

  /** The id of the (pid, tid) of an async event, which names it in messages. */
  private labelId(pid: unknown, tid: unknown): number {
    if (pid === this.lastLabelPid && tid === this.lastLabelTid) return this.lastLabel;
    const key = JSON.stringify([pid ?? null, tid ?? null]);
    let t = this.labelIds.get(key);
    if (t === undefined) {
      this.labelIds.set(key, (t = this.labelOf.length));
      this.labelOf.push({ pid, tid });
    }
    this.lastLabelPid = pid;
    this.lastLabelTid = tid;
    return (this.lastLabel = t);
  }

  private nameId(name: string): number {
    let id = this.nameIds.get(name);
    if (id === undefined) {
      this.nameIds.set(name, (id = this.names.length));
      this.names.push(name);
    }
    return id;
  }
}

/**
 * The slices of a Chrome file in typed columns, about 37 bytes an event: phase, key (thread for B/E/X,
 * async pair for b/e), ts (µs), end (µs, of an X; the label of a b/e), name (id + 1, 0 for none), index in
 * the event list. Filled in blocks of {@link BLOCK} entries (no copy while growing), joined column by column
 * by {@link SliceColumns.finish}, each column's blocks released as it is joined: the peak is the columns plus
 * one column's blocks, not twice the columns. @internal
 */
class SliceColumns {
  length = 0;
  ph = new Uint8Array(0);
  key = new Uint32Array(0);
  ts = new Float64Array(0);
  end = new Float64Array(0);
  name = new Uint32Array(0);
  index = new Uint32Array(0);
  private blocks: { ph: Uint8Array; key: Uint32Array; ts: Float64Array; end: Float64Array; name: Uint32Array; index: Uint32Array }[] = [];

  add(ph: number, key: number, ts: number, end: number, name: number, index: number): void {
    const at = this.length & (BLOCK - 1);
    if (at === 0) this.blocks.push({ ph: new Uint8Array(BLOCK), key: new Uint32Array(BLOCK), ts: new Float64Array(BLOCK), end: new Float64Array(BLOCK), name: new Uint32Array(BLOCK), index: new Uint32Array(BLOCK) });
    const b = this.blocks[this.blocks.length - 1]!;
    b.ph[at] = ph;
    b.key[at] = key;
    b.ts[at] = ts;
    b.end[at] = end;
    b.name[at] = name;
    b.index[at] = index;
    this.length++;
  }

  /** Joins the blocks into the exact-length columns `ph`, `key`, `ts`, `end`, `name`, `index`. */
  finish(): void {
    const n = this.length;
    const join = <T extends Uint8Array | Uint32Array | Float64Array>(to: T, column: 'ph' | 'key' | 'ts' | 'end' | 'name' | 'index'): T => {
      this.blocks.forEach((b, k) => {
        to.set(b[column].subarray(0, Math.min(BLOCK, n - k * BLOCK)) as never, k * BLOCK);
        (b as Record<string, unknown>)[column] = undefined; // released as soon as it is copied
      });
      return to;
    };
    this.ph = join(new Uint8Array(n), 'ph');
    this.key = join(new Uint32Array(n), 'key');
    this.ts = join(new Float64Array(n), 'ts');
    this.end = join(new Float64Array(n), 'end');
    this.name = join(new Uint32Array(n), 'name');
    this.index = join(new Uint32Array(n), 'index');
    this.blocks = [];
  }
}

/** Entries per block of {@link SliceColumns} (a power of 2). @internal */
const BLOCK = 1 << 16;

/** Whether the events listed are in nondecreasing ts order already (then their file order is the stable order). @internal */
function inTsOrder(list: Uint32Array, ts: Float64Array): boolean {
  for (let k = 1; k < list.length; k++) if (ts[list[k]!]! < ts[list[k - 1]!]!) return false;
  return true;
}

/** Whether trace-harness wrote this `otherData` for a trace that stops before its stream ended. @internal */
function declaredIncomplete(other: unknown): boolean {
  return (
    typeof other === 'object' &&
    other !== null &&
    Object.hasOwn(other, 'generator') &&
    (other as { generator: unknown }).generator === 'trace-harness' &&
    Object.hasOwn(other, 'incomplete') &&
    (other as { incomplete: unknown }).incomplete === true
  );
}

/**
 * One event's checked fields, or `bad-event` naming the first wrong field (in the order ph, dur, name, cat, pid, tid, ts, id); timed phases need `ts`, `X` needs `dur`, `b`/`e` need `id`.
 * The fields of {@link EventFields}, checked by hand on the hot path (millions of events: no schema library per
 * event); only own keys are read, so a `__proto__` key is never followed.
 * @param value - the parsed entry of the event list
 * @param index - its index in the list
 * @param byteOffset - where the error points: 0 for `verify` (as it always did), the event's first byte for readers
 * @internal
 */
export function readEvent(value: unknown, index: number, byteOffset = 0): Parsed {
  // Hot path (once per event): no closure, no intermediate object. The first wrong field is named, in the order ph, dur, name, cat, pid, tid, ts, id.
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return badEvent(index, byteOffset, `event: want an object, got ${value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value}`);
  const o = value as Record<string, unknown>;
  const ph = field(o, 'ph');
  if (typeof ph !== 'string') return badEvent(index, byteOffset, `ph: want a string, got ${ph === undefined ? 'none' : typeof ph}`);
  const dur = field(o, 'dur');
  if (dur !== undefined && typeof dur !== 'number') return badEvent(index, byteOffset, `dur: want a number, got ${typeof dur}`);
  if (dur !== undefined && dur < 0) return badEvent(index, byteOffset, `dur: want a number >= 0, got ${dur}`);
  const name = field(o, 'name');
  if (name !== undefined && typeof name !== 'string') return badEvent(index, byteOffset, `name: want a string, got ${typeof name}`);
  const cat = field(o, 'cat');
  if (cat !== undefined && typeof cat !== 'string') return badEvent(index, byteOffset, `cat: want a string, got ${typeof cat}`);
  const pid = idField(o, 'pid', index, byteOffset);
  const tid = idField(o, 'tid', index, byteOffset);
  const ts = field(o, 'ts');
  if (ts !== undefined && typeof ts !== 'number') return badEvent(index, byteOffset, `ts: want a number, got ${typeof ts}`);
  const id = idField(o, 'id', index, byteOffset);
  const timed = ph.length === 1 && 'BEXbe'.includes(ph);
  if (timed && ts === undefined) badEvent(index, byteOffset, `"${ph}" without ts`);
  if (ph === 'X' && dur === undefined) badEvent(index, byteOffset, '"X" without dur');
  if ((ph === 'b' || ph === 'e') && id === undefined) badEvent(index, byteOffset, `"${ph}" without id`);
  return { ph, name, cat, pid, tid, ts: ts ?? 0, dur, id, index } as Parsed;
}

/** An own field of a parsed event (a `__proto__` key is an own key of JSON.parse's result, never followed). @internal */
function field(o: Record<string, unknown>, k: string): unknown {
  return Object.hasOwn(o, k) ? o[k] : undefined;
}

/** An id-like field: a number or a string. @internal */
function idField(o: Record<string, unknown>, k: string, index: number, byteOffset: number): number | string | undefined {
  const v = field(o, k);
  if (v !== undefined && typeof v !== 'string' && typeof v !== 'number') badEvent(index, byteOffset, `${k}: want a number or a string, got ${typeof v}`);
  return v as number | string | undefined;
}

/** @internal */
function badEvent(index: number, byteOffset: number, what: string): never {
  throw new TraceFormatError('bad-event', byteOffset, `want a chrome trace event at traceEvents[${index}], got ${what}`);
}

export { MAX_CHROME_DEPTH };
