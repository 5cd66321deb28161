import { z } from 'zod';
import { type Violation, violation } from '../check/violation.ts';
import { TraceFormatError } from '../model/errors.ts';
import { jsonDepth } from '../model/payload-text.ts';
import { describeError, utf8Length } from './jsonl.ts';

/** The deepest nesting of arrays and objects {@link verifyChrome} reads (an event's `args` included). */
export const MAX_CHROME_DEPTH = 256;

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

type Parsed = z.infer<typeof EVENT> & { readonly index: number; readonly ts: number };

/** An open slice on a thread's stack: a `B` (no known end yet) or an `X` (ends at `end`, µs). @internal */
interface Open {
  readonly complete: boolean;
  readonly name: string;
  readonly index: number;
  readonly end: number;
}

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
 * @throws {@link TraceFormatError} `limit-exceeded` for text longer than `maxTextLength`, `bad-json` when it
 *   does not parse (byteOffset: UTF-8 offset of the error when the engine names it, else 0),
 *   `unknown-format` when the root is neither an array nor an object with a `traceEvents` array,
 *   `bad-event` for an event of the wrong shape (byteOffset 0; the message names `traceEvents[i]`)
 * @throws RangeError when `maxTextLength` is not a non-negative integer
 */
export function verifyChrome(text: string, options: VerifyChromeOptions = {}): ChromeReport {
  const max = options.maxTextLength ?? MAX_CHROME_TEXT_LENGTH;
  if (!Number.isSafeInteger(max) || max < 0) throw new RangeError(`verifyChrome: maxTextLength must be a non-negative integer, got ${max}`);
  // 1. Bound, parse, find the event list.
  if (text.length > max) throw new TraceFormatError('limit-exceeded', 0, `want at most ${max} characters, got ${text.length}`);
  // Nesting is bounded on the text, before a parser or a schema recurses over it.
  if (jsonDepth(text, MAX_CHROME_DEPTH) > MAX_CHROME_DEPTH) throw new TraceFormatError('limit-exceeded', 0, `want json nested at most ${MAX_CHROME_DEPTH} levels, got more`);
  const root = parseJson(text);
  const raw = listOf(root);
  // 2. Validate every event's shape.
  const parsed = raw.map(readEvent);
  // 3. Per-thread slice balance, then async pairs.
  const violations: Violation[] = [];
  const threads = new Map<string, Parsed[]>();
  for (const e of parsed) {
    if (e.ph !== 'B' && e.ph !== 'E' && e.ph !== 'X') continue;
    const key = JSON.stringify([e.pid ?? null, e.tid ?? null]);
    const list = threads.get(key);
    if (list === undefined) threads.set(key, [e]);
    else list.push(e);
  }
  for (const list of threads.values()) checkThread(list, violations);
  checkAsync(parsed.filter((e) => e.ph === 'b' || e.ph === 'e'), violations);
  violations.sort((a, b) => a.eventIndex - b.eventIndex);
  return { events: raw.length, threads: threads.size, violations, incomplete: declaredIncomplete(root) };
}

/** JSON.parse with the array form's optional `]`; failures become `bad-json`. @internal */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    if (!(e instanceof SyntaxError)) throw e;
    // The array form may omit its closing `]` (a trace cut off while written) and end in a comma.
    if (/^\s*\[/.test(text)) {
      let t = text.trimEnd();
      if (t.endsWith(',')) t = t.slice(0, -1);
      try {
        if (!t.endsWith(']')) return JSON.parse(`${t}]`);
      } catch (again) {
        if (!(again instanceof SyntaxError)) throw again;
        // fall through to the original error
      }
    }
    const pos = /position (\d+)/.exec(describeError(e));
    const at = pos ? utf8Length(text.slice(0, Number(pos[1]))) : 0;
    throw new TraceFormatError('bad-json', at, `want chrome trace json, got ${describeError(e)}`);
  }
}

/** Whether trace-harness wrote this file for a trace that stops before its stream ended. @internal */
function declaredIncomplete(root: unknown): boolean {
  if (typeof root !== 'object' || root === null || Array.isArray(root) || !Object.hasOwn(root, 'otherData')) return false;
  const other: unknown = (root as { otherData: unknown }).otherData;
  return typeof other === 'object' && other !== null && Object.hasOwn(other, 'generator') && (other as { generator: unknown }).generator === 'trace-harness' && Object.hasOwn(other, 'incomplete') && (other as { incomplete: unknown }).incomplete === true;
}

/** The event list of either form; reads only an own `traceEvents` key. @internal */
function listOf(root: unknown): readonly unknown[] {
  if (Array.isArray(root)) return root;
  if (typeof root === 'object' && root !== null && Object.hasOwn(root, 'traceEvents')) {
    const list: unknown = (root as { traceEvents: unknown }).traceEvents;
    if (Array.isArray(list)) return list;
  }
  throw new TraceFormatError('unknown-format', 0, 'want an array of events or {"traceEvents":[...]}, got another json value');
}

/** One event's checked fields, or `bad-event`; timed phases need `ts`, `X` needs `dur`, `b`/`e` need `id`. @internal */
function readEvent(value: unknown, index: number): Parsed {
  const r = EVENT.safeParse(value);
  const bad = (what: string): never => {
    throw new TraceFormatError('bad-event', 0, `want a chrome trace event at traceEvents[${index}], got ${what}`);
  };
  if (!r.success) {
    const issue = r.error.issues[0]!;
    return bad(`${issue.path.map(String).join('.') || 'event'}: ${issue.message.toLowerCase()}`);
  }
  const e = r.data;
  const timed = 'BEXbe'.includes(e.ph) && e.ph.length === 1;
  if (timed && e.ts === undefined) bad(`"${e.ph}" without ts`);
  if (e.ph === 'X' && e.dur === undefined) bad('"X" without dur');
  if ((e.ph === 'b' || e.ph === 'e') && e.id === undefined) bad(`"${e.ph}" without id`);
  return { ...e, index, ts: e.ts ?? 0 };
}

/** The thread as messages name it: `pid 1 tid 2`. @internal */
function label(e: Parsed): string {
  return `pid ${e.pid ?? '-'} tid ${e.tid ?? '-'}`;
}

/** The tid as a violation's `activation`, -1 when it is not a number. @internal */
function tidOf(e: Parsed): number {
  return typeof e.tid === 'number' ? e.tid : -1;
}

/** Slice balance of one thread's B/E/X events. @internal */
function checkThread(list: Parsed[], out: Violation[]): void {
  list.sort((a, b) => a.ts - b.ts); // stable: B/E order as given for equal ts
  const where = label(list[0]!);
  const tid = tidOf(list[0]!);
  const report = (rule: string, index: number, want: string, got: string): void => {
    out.push(violation(rule, index, -1, tid, `${want} on ${where}`, got));
  };
  // Slices open on this thread, innermost last. Each event looks only at the top, so a thread costs
  // O(events) whatever its depth.
  const stack: Open[] = [];
  for (const e of list) {
    // 1. Complete slices on top that ended by now leave the stack.
    while (stack.length > 0 && stack.at(-1)!.complete && stack.at(-1)!.end <= e.ts) stack.pop();
    const name = e.name ?? '';
    if (e.ph === 'B') {
      stack.push({ complete: false, name, index: e.index, end: Infinity });
    } else if (e.ph === 'X') {
      const end = e.ts + e.dur!;
      const parent = stack.at(-1);
      if (parent !== undefined && parent.complete && end > parent.end) {
        report(RULE.overlap, e.index, `x "${name}" to end by ts ${parent.end} (end of x "${parent.name}")`, `end at ts ${end}`);
      }
      stack.push({ complete: true, name, index: e.index, end });
    } else {
      // 2. An E closes the top B; complete slices still above it outlive that B.
      while (stack.length > 0 && stack.at(-1)!.complete) {
        const x = stack.pop()!;
        report(RULE.overlap, x.index, `x "${x.name}" to end by ts ${e.ts} (e of the b below it)`, `end at ts ${x.end}`);
      }
      const top = stack.pop();
      if (top === undefined) {
        report(RULE.unmatchedEnd, e.index, 'an open b slice', `e "${name}" at ts ${e.ts}`);
        continue;
      }
      if (e.name !== undefined && e.name !== top.name) {
        report(RULE.nameMismatch, e.index, `e "${top.name}" (top open slice)`, `e "${e.name}" at ts ${e.ts}`);
      }
      // 3. An X that ended while this B (opened inside it) was still open was overlapped by it.
      const below = stack.at(-1);
      if (below !== undefined && below.complete && below.end < e.ts) {
        stack.pop();
        report(RULE.overlap, below.index, `b "${top.name}" closed by ts ${below.end} (end of x "${below.name}")`, `b "${top.name}" still open`);
      }
    }
  }
  // 4. Every B still open at the end.
  for (const o of stack) if (!o.complete) report(RULE.openAtEnd, o.index, `e for b "${o.name}"`, 'end of trace');
}

/** Async b/e pairing by (cat, id, name), in ts order. @internal */
function checkAsync(list: Parsed[], out: Violation[]): void {
  list.sort((a, b) => a.ts - b.ts);
  const open = new Map<string, Parsed[]>();
  const describe = (e: Parsed): string => `"${e.name ?? ''}" (cat "${e.cat ?? ''}", id ${JSON.stringify(e.id)})`;
  for (const e of list) {
    const key = JSON.stringify([e.cat ?? '', e.id, e.name ?? '']);
    const stack = open.get(key) ?? [];
    open.set(key, stack);
    if (e.ph === 'b') stack.push(e);
    else if (stack.pop() === undefined) {
      out.push(violation(RULE.asyncUnmatched, e.index, -1, tidOf(e), `b ${describe(e)} before its e`, `e at ts ${e.ts} on ${label(e)}`));
    }
  }
  for (const stack of open.values()) {
    for (const b of stack) out.push(violation(RULE.asyncOpenAtEnd, b.index, -1, tidOf(b), `e for b ${describe(b)}`, `end of trace on ${label(b)}`));
  }
}
