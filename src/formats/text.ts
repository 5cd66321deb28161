import { isPayloadText, jsonDepth, MAX_PAYLOAD_DEPTH } from '../model/payload-text.ts';
import type { CanonicalEvent } from '../model/event.ts';
import type { CanonicalOpen } from '../model/trace.ts';
import { TraceFormatError } from '../model/errors.ts';
import { EventFlag, EventKind, isStreamRecord, kindFromName, kindName } from '../model/kinds.ts';
import { Trace } from '../model/trace.ts';
import { assertWellFormedName, loneSurrogateAt, loneSurrogateMessage, longNameMessage, nameBytesOver } from '../model/well-formed.ts';
import { LIMITS } from '../wire/spec.ts';
import { utf8Length } from '../model/utf8-length.ts';

/**
 * Canonical trace text, the format of goldens (DESIGN §6): optional `# key: value` header lines, then one
 * event a line as `<kind> <code> #<activation>[ return]`, activations renumbered first-seen from 1,
 * `return` appended to a resume with a return completion; a wake ends in `by #<waker>` (`by ?` when the
 * waker is unknown); `pending f #1 on #2`; `dropped <count>` for records evicted by bounded retention;
 * `checkpoint <id>`, `recovery from <id|?>` and `abandoned f #2` for crash recovery; a user event is
 * `event <type> #<activation>` (`#0` when no activation ran), and an event carrying a payload (a user
 * event's, or a value) ends in ` = <JSON text>`. A
 * code name that is not one word free of `"` and `#` is written as a JSON string. Blank lines and `#` comments are ignored.
 *
 * A partial trace (a flight-recorder snapshot, a wire segment) declares the activations open where it
 * starts in `open <code> #<activation> running|suspended` lines before its first event, the running stack
 * bottom first, then the suspended ones in the order they suspended; they are numbered first (`#1`, `#2`,
 * ...), then the events' activations first-seen. A line `open partial` says the list omits older suspended
 * activations (a wire checkpoint's partial list, FORMAT.md §4.1), whose first event may then be a `resume`,
 * `throw` or `wake`. Validators start from that state, so a snapshot verifies as text as it does as wire.
 * A line `incomplete` (also before the first event) says the trace stops before its stream ended (a
 * recording not closed, a run of chunks cut out of a stream): frames may still run at its end.
 *
 * ```text
 * # program: gen-throw-caught
 * # expect: PASS
 * open main #1 running
 * open worker #2 suspended
 * resume worker #2
 * ```
 */
export interface CanonicalText {
  /** Header entries in file order, keys lowercased. */
  readonly header: ReadonlyMap<string, string>;
  /** The events. */
  readonly events: CanonicalEvent[];
  /** Activations open where the trace starts (`open` lines), in the order written. */
  readonly open: CanonicalOpen[];
  /** An `open partial` line: `open` omits older suspended activations. */
  readonly openPartial: boolean;
  /** No `incomplete` line: the trace ends where its stream ended. */
  readonly complete: boolean;
}

/**
 * One event as a canonical text line, e.g. `resume worker #2 return`.
 * @param e - an event in canonical form
 * @throws RangeError for a code name holding a lone surrogate (FORMAT.md §4.2: names are refused, never changed)
 */
export function formatCanonicalEvent(e: CanonicalEvent): string {
  return streamRecordText(e.kind, e.waker) ?? `${kindName(e.kind)} ${formatCode(e.code)} #${e.activation}${eventTail(e.kind, e.flags, e.waker)}${payloadTail(e.payload)}`;
}

/** What ends a line carrying a payload: ` = <JSON text>`; nothing without one. @internal */
export function payloadTail(payload: string | undefined): string {
  return payload === undefined ? '' : ` = ${payload}`;
}

/** The whole line of a stream record (`dropped 3`, `checkpoint 7`, `recovery from ?`); undefined for others. @internal */
export function streamRecordText(kind: number, value: number | undefined): string | undefined {
  if (kind === EventKind.Dropped) return `dropped ${value ?? 0}`;
  if (kind === EventKind.Checkpoint) return `checkpoint ${value ?? 0}`;
  if (kind === EventKind.Recovery) return `recovery from ${value ? value : '?'}`;
  return undefined;
}

/** What follows `kind code #activation`: ` by #w`, ` on #w` (or `?`), ` return`, or nothing. @internal */
export function eventTail(kind: number, flags: number, peer: number | undefined): string {
  if (kind === EventKind.Wake) return ` by ${peer ? `#${peer}` : '?'}`;
  if (kind === EventKind.Pending || kind === EventKind.Await) return ` on ${peer ? `#${peer}` : '?'}`;
  return (flags & EventFlag.ReturnCompletion) !== 0 ? ' return' : '';
}

/**
 * Renders events (or a whole trace, canonicalised first) as canonical text with an optional header.
 * @param events - a {@link Trace} (its open set written too) or events already in canonical form
 * @param header - `key: value` lines written first, in insertion order
 * @param open - for canonical events: the open set to declare (a trace brings its own)
 * @param openPartial - for canonical events: write `open partial`
 * @returns the text, ending in a newline
 */
export function formatCanonical(events: Trace | readonly CanonicalEvent[], header: ReadonlyMap<string, string> = new Map(), open: readonly CanonicalOpen[] = [], openPartial = false): string {
  const trace = Array.isArray(events) ? undefined : (events as Trace);
  const list = trace === undefined ? (events as readonly CanonicalEvent[]) : trace.canonical();
  let out = '';
  for (const [k, v] of header) out += `# ${k}: ${v}\n`;
  for (const o of trace === undefined ? open : trace.canonicalOpen()) out += `open ${formatCode(o.code)} #${o.activation} ${o.state}\n`;
  if (trace === undefined ? openPartial : trace.openPartial) out += 'open partial\n';
  if (trace !== undefined && !trace.complete) out += 'incomplete\n';
  for (const e of list) out += formatCanonicalEvent(e) + '\n';
  return out;
}

const EVENT_LINE = /^([a-z]+) ("(?:[^"\\]|\\.)*"|[^\s"#][^\s]*) #(0|[1-9][0-9]{0,9})( return| by #[1-9][0-9]{0,9}| by \?| on #[1-9][0-9]{0,9}| on \?)?(?: = ([^]+))?$/;
const MAX_U32 = 0xffffffff;
const OPEN_LINE = /^open ("(?:[^"\\]|\\.)*"|[^\s"#][^\s]*) #([1-9][0-9]{0,9}) (running|suspended)$/;
/** The most open activations a text trace declares: a wire checkpoint's limit (FORMAT.md §8). */
const MAX_OPEN = 65536;

/** A code name as text: bare when it is one word without quotes or `#`, else a JSON string. */
function formatCode(name: string): string {
  assertWellFormedName('formatCanonical', 'code name', name);
  return /^[^\s"#]+$/.test(name) ? name : JSON.stringify(name);
}
const HEADER_LINE = /^#\s*([A-Za-z][\w-]*):\s?(.*)$/;

/**
 * Parses canonical text. Activation numbers are taken as written (not renumbered). A header line, before
 * the first event, is `#`, optional whitespace, a key (a letter, then letters, digits, `_` or `-`; read
 * lowercased), `:`, and its value (trimmed); any other line starting with `#` is a comment.
 * @param text - the file contents
 * @returns the header and events
 * @throws {@link TraceFormatError} `bad-line` for a line that is not an event, `unknown-kind` for a kind
 *   name that is not defined, `unknown-flag` for a trailing word other than `return`, `limit-exceeded` for
 *   more than 65 536 `open` lines or a payload over 4096 bytes or nested deeper than 2048 levels (FORMAT.md §8)
 */
export function parseCanonical(text: string): CanonicalText {
  const header = new Map<string, string>();
  const events: CanonicalEvent[] = [];
  const open: CanonicalOpen[] = [];
  let openPartial = false;
  let complete = true;
  const openIds = new Set<number>();
  let offset = 0;
  const lines = text.split('\n');
  for (let n = 0; n < lines.length; n++) {
    const raw = lines[n]!;
    const line = raw.replace(/\r$/, '').trim();
    const at = offset;
    offset += utf8Length(raw) + 1; // bytes, as TraceFormatError's byteOffset counts them
    if (line === '') continue;
    if (line.startsWith('#')) {
      const h = HEADER_LINE.exec(line);
      if (h && events.length === 0) header.set(h[1]!.toLowerCase(), h[2]!.trim());
      continue;
    }
    if (line === 'incomplete') {
      if (events.length > 0) throw new TraceFormatError('bad-line', at, '"incomplete" comes before the first event', n + 1);
      complete = false;
      continue;
    }
    if (line.startsWith('open ')) {
      // The open set: before every event, each activation once.
      if (events.length > 0) throw new TraceFormatError('bad-line', at, 'open lines come before the first event', n + 1);
      if (line === 'open partial') {
        openPartial = true;
        continue;
      }
      const o = OPEN_LINE.exec(line);
      if (o === null) throw new TraceFormatError('bad-line', at, `want "open <code> #<activation> running|suspended" or "open partial", got ${JSON.stringify(line.slice(0, 80))}`, n + 1);
      const code = o[1]!.startsWith('"') ? parseQuoted(o[1]!, at, n + 1) : o[1]!;
      const lone = loneSurrogateAt(code);
      if (lone >= 0) throw new TraceFormatError('bad-line', at, loneSurrogateMessage('code name', code, lone), n + 1);
      const long = nameBytesOver(code);
      if (long !== undefined) throw new TraceFormatError('limit-exceeded', at, longNameMessage('code name', code, long), n + 1);
      const activation = Number(o[2]);
      if (activation > MAX_U32) throw new TraceFormatError('bad-line', at, `activation ${activation} exceeds 2^32-1`, n + 1);
      if (openIds.has(activation)) throw new TraceFormatError('bad-line', at, `activation #${activation} is declared open twice`, n + 1);
      if (open.length >= MAX_OPEN) throw new TraceFormatError('limit-exceeded', at, `want at most ${MAX_OPEN} open activations`, n + 1);
      openIds.add(activation);
      open.push({ activation, code, state: o[3] as 'running' | 'suspended' });
      continue;
    }
    const d = /^(dropped|checkpoint) ([0-9]{1,10})$|^recovery from ([0-9]{1,10}|\?)$/.exec(line);
    if (d !== null) {
      const value = d[3] === '?' ? 0 : Number(d[2] ?? d[3]);
      if (value > MAX_U32) throw new TraceFormatError('bad-line', at, `${value} exceeds 2^32-1`, n + 1);
      const kind = d[1] === 'dropped' ? EventKind.Dropped : d[1] === 'checkpoint' ? EventKind.Checkpoint : EventKind.Recovery;
      events.push({ kind, code: '', activation: 0, flags: EventFlag.None, waker: value });
      continue;
    }
    const m = EVENT_LINE.exec(line);
    if (m === null) {
      const words = line.split(/\s+/);
      if (words.length === 4 && /^#\d+$/.test(words[2]!) && words[3] !== 'return' && words[3] !== 'by') {
        throw new TraceFormatError('unknown-flag', at, `unknown flag ${JSON.stringify(words[3])}, want "return" or none`, n + 1);
      }
      throw new TraceFormatError('bad-line', at, `want "<kind> <code> #<activation>[ return]", got ${JSON.stringify(line.slice(0, 80))}`, n + 1);
    }
    const kind = kindFromName(m[1]!);
    if (kind === undefined) throw new TraceFormatError('unknown-kind', at, `unknown event kind ${JSON.stringify(m[1])}`, n + 1);
    const code = m[2]!.startsWith('"') ? parseQuoted(m[2]!, at, n + 1) : m[2]!;
    const lone = loneSurrogateAt(code);
    if (lone >= 0) throw new TraceFormatError('bad-line', at, loneSurrogateMessage('code name', code, lone), n + 1);
    const long = nameBytesOver(code);
    if (long !== undefined) throw new TraceFormatError('limit-exceeded', at, longNameMessage('code name', code, long), n + 1);
    if (m[3] === '0' && kind !== EventKind.Event) throw new TraceFormatError('bad-line', at, 'activation #0 belongs to user events only', n + 1);
    const payload = m[5] === undefined ? undefined : parsePayload(m[5], at, n + 1);
    for (const id of [Number(m[3]), m[4]?.startsWith(' by #') || m[4]?.startsWith(' on #') ? Number(m[4].slice(5)) : 0]) {
      if (id > MAX_U32) throw new TraceFormatError('bad-line', at, `activation ${id} exceeds 2^32-1`, n + 1);
    }
    const tail = m[4] ?? '';
    if ((kind === EventKind.Wake) !== tail.startsWith(' by')) {
      throw new TraceFormatError('bad-line', at, kind === EventKind.Wake ? 'a wake needs "by #<waker>" or "by ?"' : '"by" belongs to wake events only', n + 1);
    }
    const on = kind === EventKind.Pending || kind === EventKind.Await;
    if (on !== tail.startsWith(' on')) {
      throw new TraceFormatError('bad-line', at, on ? `a ${m[1]} needs "on #<activation>" or "on ?"` : '"on" belongs to pending and await events only', n + 1);
    }
    let e: CanonicalEvent;
    if (on) e = { kind, code, activation: Number(m[3]), flags: EventFlag.None, waker: tail === ' on ?' ? 0 : Number(tail.slice(5)) };
    else if (kind === EventKind.Wake) e = { kind, code, activation: Number(m[3]), flags: EventFlag.None, waker: tail === ' by ?' ? 0 : Number(tail.slice(5)) };
    else {
      // FORMAT.md §4.3: only frame events (kinds 1..7) carry flags.
      if (tail === ' return' && kind >= EventKind.Pending) throw new TraceFormatError('unknown-flag', at, `a ${m[1]} record has no flags, got "return"`, n + 1);
      e = { kind, code, activation: Number(m[3]), flags: tail === ' return' ? EventFlag.ReturnCompletion : EventFlag.None };
    }
    events.push(payload === undefined ? e : { ...e, payload });
  }
  return { header, events, open, openPartial, complete };
}

/**
 * A trace from canonical events: seq = index, activation ids as written, code ids in order of first use
 * (the open set's first).
 * @param events - canonical events (e.g. from {@link parseCanonical})
 * @param open - activations open where the trace starts (`open` lines)
 * @param openPartial - the open list omits older suspended activations (`open partial`)
 * @param complete - false for an `incomplete` line: the trace stops before its stream ended
 */
export function traceFromCanonical(events: readonly CanonicalEvent[], open: readonly CanonicalOpen[] = [], openPartial = false, complete = true): Trace {
  const ids = new Map<string, number>();
  const declared = open.map((o) => {
    let code = ids.get(o.code);
    if (code === undefined) ids.set(o.code, (code = ids.size));
    return { activation: o.activation, code, state: o.state };
  });
  const rows = events.map((e, i) => {
    if (isStreamRecord(e.kind)) return { seq: i, kind: e.kind, activation: 0, code: 0, flags: 0, waker: e.waker ?? 0 };
    let code = ids.get(e.code);
    if (code === undefined) ids.set(e.code, (code = ids.size));
    const row = { seq: i, kind: e.kind, activation: e.activation, code, flags: e.flags, ...(e.payload === undefined ? {} : { payload: e.payload }) };
    return e.kind === EventKind.Wake || e.kind === EventKind.Pending || e.kind === EventKind.Await ? { ...row, waker: e.waker ?? 0 } : row;
  });
  const trace = Trace.fromEvents(rows, [...ids.keys()]);
  return (declared.length > 0 || openPartial ? trace.withOpen(declared, openPartial) : trace).withComplete(complete);
}

/**
 * A payload as written after ` = `: compact JSON text exactly as `JSON.stringify` writes it (the stored
 * form, as the wire format requires), so no number or string changes on the way in.
 */
function parsePayload(text: string, at: number, line: number): string {
  // Depth first, on the text: nothing recursive may walk a value nested deeper than the limit.
  if (jsonDepth(text) > MAX_PAYLOAD_DEPTH) throw new TraceFormatError('limit-exceeded', at, `want a payload nested at most ${MAX_PAYLOAD_DEPTH} levels, got more`, line);
  // The bound every format keeps (FORMAT.md §8), as JSONL and wire refuse a longer one.
  const bytes = utf8Length(text);
  if (bytes > LIMITS.maxPayloadBytes) throw new TraceFormatError('limit-exceeded', at, `want a payload of at most ${LIMITS.maxPayloadBytes} bytes, got ${bytes}`, line);
  try {
    JSON.parse(text);
  } catch (e) {
    if (!(e instanceof SyntaxError)) throw e;
    throw new TraceFormatError('bad-line', at, `payload is not JSON: ${text.slice(0, 40)}`, line);
  }
  if (!isPayloadText(text)) throw new TraceFormatError('bad-line', at, `payload is not compact JSON text as JSON.stringify writes it, integers within 2^53: ${text.slice(0, 40)}`, line);
  return text;
}

function parseQuoted(text: string, at: number, line: number): string {
  try {
    return JSON.parse(text) as string;
  } catch (e) {
    if (!(e instanceof SyntaxError)) throw e;
    throw new TraceFormatError('bad-line', at, `bad quoted code name ${text.slice(0, 40)}`, line);
  }
}
