import { z } from 'zod';
import { type Violation, violation } from '../check/violation.ts';
import { TraceFormatError } from '../model/errors.ts';
import { ChromeScanner, MAX_CHROME_DEPTH } from './chrome-scan.ts';

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

const ID = z.union([z.number(), z.string()]);

/**
 * The fields the checks read. zod's default mode strips every other key: nothing is copied from the input
 * (a `__proto__` key included), so foreign files with extra fields pass. @internal
 */
const EVENT = z.object({
  ph: z.string(),
  name: z.string().optional(),
  cat: z.string().optional(),
  pid: ID.optional(),
  tid: ID.optional(),
  ts: z.number().optional(),
  dur: z.number().nonnegative().optional(),
  id: ID.optional(),
});

/** One event's checked fields (see {@link readEvent}); `ts` 0 when absent. @internal */
export type Parsed = z.infer<typeof EVENT> & { readonly index: number; readonly ts: number };

/** An open slice on a thread's stack: a `B` (no known end yet) or an `X` (ends at `end`, µs). @internal */
interface Open {
  readonly complete: boolean;
  readonly name: string;
  readonly index: number;
  readonly end: number;
}

/** Phase codes of the slices kept in columns. @internal */
const PH = { B: 1, E: 2, X: 3, b: 4, e: 5 } as const;

const RULE = {
  unmatchedEnd: 'chrome/unmatched-end',
  nameMismatch: 'chrome/end-name-mismatch',
  openAtEnd: 'chrome/open-at-end',
  overlap: 'chrome/overlapping-complete',
  asyncUnmatched: 'chrome/async-unmatched',
  asyncOpenAtEnd: 'chrome/async-open-at-end',
} as const;

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
  const v = new ChromeVerifier();
  // In pieces, so a long text is never encoded whole (1 MiB of UTF-16 units at a time).
  const encoder = new TextEncoder();
  const PIECE = 1 << 20;
  for (let at = 0; at < text.length; at += PIECE) {
    let end = Math.min(text.length, at + PIECE);
    if (end < text.length && (text.charCodeAt(end - 1) & 0xfc00) === 0xd800) end++; // keep a surrogate pair whole
    v.push(encoder.encode(text.slice(at, end)));
    at = end - PIECE;
  }
  return v.end();
}

/**
 * The streaming form of {@link verifyChrome}: feed the file in byte pieces of any size ({@link
 * ChromeVerifier.push}), then {@link ChromeVerifier.end} gives the report. The JSON is checked as it
 * arrives (no text of the whole file, no parsed tree): memory holds one event's bytes at a time plus about
 * 40 bytes per `B`/`E`/`X`/`b`/`e` event in typed columns (sorted per thread at the end), whatever else the
 * file holds; time is linear in its size (plus the sort). Same checks, errors and report as verifyChrome.
 *
 * @example
 * ```ts
 * const v = new ChromeVerifier();
 * for await (const piece of fileStream) v.push(piece);
 * v.end().violations; // []
 * ```
 */
export class ChromeVerifier {
  private readonly scanner: ChromeScanner;
  private readonly slices = new SliceColumns();
  private readonly threadIds = new Map<string, number>();
  private readonly threadOf: { readonly pid: unknown; readonly tid: unknown }[] = [];
  private readonly labelIds = new Map<string, number>();
  private readonly labelOf: { readonly pid: unknown; readonly tid: unknown }[] = [];
  private badEvent: TraceFormatError | undefined;
  private readonly nameIds = new Map<string, number>();
  private readonly names: string[] = [];
  private readonly asyncIds = new Map<string, number>();
  private readonly asyncOf: { readonly cat: string; readonly id: unknown; readonly name: string }[] = [];

  constructor() {
    this.scanner = new ChromeScanner((value, index) => this.add(value, index));
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
   * The end of the file: the checks over everything read.
   * @returns the report ({@link ChromeReport})
   * @throws {@link TraceFormatError} `bad-json` for a document cut short, `unknown-format` without an event list
   */
  end(): ChromeReport {
    this.scanner.end();
    if (this.badEvent !== undefined) throw this.badEvent;
    const violations: Violation[] = [];
    const s = this.slices;
    s.finish();
    // 1. Per-thread slice balance: B/E/X grouped by thread (a counting sort, in file order), each thread
    //    then by ts, stable (a comparison sort only for a thread not already in ts order, which is rare).
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
      if (!inTsOrder(list, s.ts)) list.sort(byTs);
      this.checkThread(list, violations);
    }
    // 2. Async pairs by (cat, id, name), in ts order.
    if (!inTsOrder(async, s.ts)) async.sort(byTs);
    this.checkAsync(async, violations);
    violations.sort((a, b) => a.eventIndex - b.eventIndex);
    return { events: this.scanner.events, threads: this.threadIds.size, violations, incomplete: declaredIncomplete(this.scanner.otherData) };
  }

  /**
   * One entry of the event list: its shape checked, its slice fields kept in columns. The first entry of
   * the wrong shape is reported at the end, once the whole text is known to be JSON (`bad-json` first).
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
    if (ph <= PH.X) {
      const key = JSON.stringify([e.pid ?? null, e.tid ?? null]);
      let thread = this.threadIds.get(key);
      if (thread === undefined) {
        this.threadIds.set(key, (thread = this.threadOf.length));
        this.threadOf.push({ pid: e.pid, tid: e.tid });
      }
      this.slices.add(ph, thread, e.ts, ph === PH.X ? e.ts + e.dur! : 0, e.name === undefined ? 0 : this.nameId(e.name) + 1, index);
    } else {
      const key = JSON.stringify([e.cat ?? '', e.id, e.name ?? '']);
      let pair = this.asyncIds.get(key);
      if (pair === undefined) {
        this.asyncIds.set(key, (pair = this.asyncOf.length));
        this.asyncOf.push({ cat: e.cat ?? '', id: e.id, name: e.name ?? '' });
      }
      // The thread of an async event only names it in messages (not counted among the threads).
      const label = JSON.stringify([e.pid ?? null, e.tid ?? null]);
      let t = this.labelIds.get(label);
      if (t === undefined) {
        this.labelIds.set(label, (t = this.labelOf.length));
        this.labelOf.push({ pid: e.pid, tid: e.tid });
      }
      this.slices.add(ph, pair, e.ts, t, 0, index);
    }
  }

  private nameId(name: string): number {
    let id = this.nameIds.get(name);
    if (id === undefined) {
      this.nameIds.set(name, (id = this.names.length));
      this.names.push(name);
    }
    return id;
  }

  /** Slice balance of one thread's B/E/X events, in ts order. @internal */
  private checkThread(list: Uint32Array, out: Violation[]): void {
    const s = this.slices;
    const thread = this.threadOf[s.key[list[0]!]!]!;
    const where = `pid ${thread.pid ?? '-'} tid ${thread.tid ?? '-'}`;
    const tid = typeof thread.tid === 'number' ? thread.tid : -1;
    const report = (rule: string, index: number, want: string, got: string): void => {
      out.push(violation(rule, index, -1, tid, `${want} on ${where}`, got));
    };
    const nameOf = (i: number): string | undefined => (s.name[i] === 0 ? undefined : this.names[s.name[i]! - 1]);
    // Slices open on this thread, innermost last. Each event looks only at the top, so a thread costs
    // O(events) whatever its depth.
    const stack: Open[] = [];
    for (const i of list) {
      const ts = s.ts[i]!;
      const index = s.index[i]!;
      // 1. Complete slices on top that ended by now leave the stack.
      while (stack.length > 0 && stack.at(-1)!.complete && stack.at(-1)!.end <= ts) stack.pop();
      const name = nameOf(i) ?? '';
      if (s.ph[i] === PH.B) {
        stack.push({ complete: false, name, index, end: Infinity });
      } else if (s.ph[i] === PH.X) {
        const end = s.end[i]!;
        const parent = stack.at(-1);
        if (parent !== undefined && parent.complete && end > parent.end) {
          report(RULE.overlap, index, `x "${name}" to end by ts ${parent.end} (end of x "${parent.name}")`, `end at ts ${end}`);
        }
        stack.push({ complete: true, name, index, end });
      } else {
        // 2. An E closes the top B; complete slices still above it outlive that B.
        while (stack.length > 0 && stack.at(-1)!.complete) {
          const x = stack.pop()!;
          report(RULE.overlap, x.index, `x "${x.name}" to end by ts ${ts} (e of the b below it)`, `end at ts ${x.end}`);
        }
        const top = stack.pop();
        if (top === undefined) {
          report(RULE.unmatchedEnd, index, 'an open b slice', `e "${name}" at ts ${ts}`);
          continue;
        }
        const given = nameOf(i);
        if (given !== undefined && given !== top.name) {
          report(RULE.nameMismatch, index, `e "${top.name}" (top open slice)`, `e "${given}" at ts ${ts}`);
        }
        // 3. An X that ended while this B (opened inside it) was still open was overlapped by it.
        const below = stack.at(-1);
        if (below !== undefined && below.complete && below.end < ts) {
          stack.pop();
          report(RULE.overlap, below.index, `b "${top.name}" closed by ts ${below.end} (end of x "${below.name}")`, `b "${top.name}" still open`);
        }
      }
    }
    // 4. Every B still open at the end.
    for (const o of stack) if (!o.complete) report(RULE.openAtEnd, o.index, `e for b "${o.name}"`, 'end of trace');
  }

  /** Async b/e pairing by (cat, id, name), in ts order. @internal */
  private checkAsync(list: Uint32Array, out: Violation[]): void {
    const s = this.slices;
    const open = new Map<number, number[]>();
    const describe = (i: number): string => {
      const a = this.asyncOf[s.key[i]!]!;
      return `"${a.name}" (cat "${a.cat}", id ${JSON.stringify(a.id)})`;
    };
    const threadOf = (i: number): { where: string; tid: number } => {
      const t = this.labelOf[s.end[i]!]!;
      return { where: `pid ${t.pid ?? '-'} tid ${t.tid ?? '-'}`, tid: typeof t.tid === 'number' ? t.tid : -1 };
    };
    for (const i of list) {
      const stack = open.get(s.key[i]!) ?? [];
      open.set(s.key[i]!, stack);
      if (s.ph[i] === PH.b) stack.push(i);
      else if (stack.pop() === undefined) {
        const t = threadOf(i);
        out.push(violation(RULE.asyncUnmatched, s.index[i]!, -1, t.tid, `b ${describe(i)} before its e`, `e at ts ${s.ts[i]!} on ${t.where}`));
      }
    }
    for (const stack of open.values()) {
      for (const b of stack) {
        const t = threadOf(b);
        out.push(violation(RULE.asyncOpenAtEnd, s.index[b]!, -1, t.tid, `e for b ${describe(b)}`, `end of trace on ${t.where}`));
      }
    }
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
 * One event's checked fields, or `bad-event`; timed phases need `ts`, `X` needs `dur`, `b`/`e` need `id`.
 * The schema of {@link EVENT}, checked by hand on the hot path (millions of events: no schema library per
 * event); only own keys are read, so a `__proto__` key is never followed.
 * @param value - the parsed entry of the event list
 * @param index - its index in the list
 * @param byteOffset - where the error points: 0 for `verify` (as it always did), the event's first byte for readers
 * @internal
 */
export function readEvent(value: unknown, index: number, byteOffset = 0): Parsed {
  const bad = (what: string): never => {
    throw new TraceFormatError('bad-event', byteOffset, `want a chrome trace event at traceEvents[${index}], got ${what}`);
  };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return bad(`event: want an object, got ${value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value}`);
  const o = value as Record<string, unknown>;
  const own = (k: string): unknown => (Object.hasOwn(o, k) ? o[k] : undefined);
  const ph = own('ph');
  if (typeof ph !== 'string') return bad(`ph: want a string, got ${ph === undefined ? 'none' : typeof ph}`);
  const str = (k: string): string | undefined => {
    const v = own(k);
    if (v !== undefined && typeof v !== 'string') bad(`${k}: want a string, got ${typeof v}`);
    return v as string | undefined;
  };
  const id = (k: string): number | string | undefined => {
    const v = own(k);
    if (v !== undefined && typeof v !== 'string' && typeof v !== 'number') bad(`${k}: want a number or a string, got ${typeof v}`);
    return v as number | string | undefined;
  };
  const num = (k: string): number | undefined => {
    const v = own(k);
    if (v !== undefined && typeof v !== 'number') bad(`${k}: want a number, got ${typeof v}`);
    return v as number | undefined;
  };
  const dur = num('dur');
  if (dur !== undefined && dur < 0) bad(`dur: want a number >= 0, got ${dur}`);
  const fields = { ph, name: str('name'), cat: str('cat'), pid: id('pid'), tid: id('tid'), ts: num('ts'), dur, id: id('id') };
  const e = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as z.infer<typeof EVENT>;
  const timed = 'BEXbe'.includes(e.ph) && e.ph.length === 1;
  if (timed && e.ts === undefined) bad(`"${e.ph}" without ts`);
  if (e.ph === 'X' && e.dur === undefined) bad('"X" without dur');
  if ((e.ph === 'b' || e.ph === 'e') && e.id === undefined) bad(`"${e.ph}" without id`);
  return { ...e, index, ts: e.ts ?? 0 };
}

export { MAX_CHROME_DEPTH };
