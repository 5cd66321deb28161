import { utf8Length } from '../model/utf8-length.ts';
import { jsonDepth, MAX_PAYLOAD_DEPTH, payloadNumbersKept } from '../model/payload-text.ts';
import type { TraceEvent } from '../model/event.ts';
import { quoted, TraceFormatError, type TraceFormatErrorCode } from '../model/errors.ts';
import { EventKind, isStreamRecord, KNOWN_FLAGS, kindFromName, kindName } from '../model/kinds.ts';

/** The key of a stream record's number: `dropped` count, `checkpoint` id, `recovery` from. @internal */
const STREAM_KEY: Partial<Record<number, string>> = { [EventKind.Dropped]: 'count', [EventKind.Checkpoint]: 'id', [EventKind.Recovery]: 'from' };
import { type OpenAtStart, Trace } from '../model/trace.ts';
import { headerFields, JSONL_FORMAT, JSONL_VERSION, MAX_ACTIVATION, MAX_JSONL_LINE_BYTES } from './jsonl-header.ts';
import { assertWellFormedCodes, loneSurrogateAt, loneSurrogateMessage, longNameMessage, nameBytesOver } from '../model/well-formed.ts';
import { previewLine } from './preview-line.ts';

export { JSONL_FORMAT, JSONL_VERSION, MAX_JSONL_LINE_BYTES } from './jsonl-header.ts';


/** An event line's fields once checked (see {@link eventFields}). @internal */
interface EventFields {
  readonly seq: number;
  readonly kind: string;
  readonly activation?: number;
  readonly code?: string;
  readonly flags?: number;
  readonly waker?: number;
  readonly on?: number;
  readonly count?: number;
  readonly id?: number;
  readonly from?: number;
  readonly tsNs?: number;
  readonly payload?: unknown;
}

/** The keys an event line may hold, each with its check: seq and tsNs non-negative safe integers, the u32 fields 0..2^32-1, kind and code strings, payload any JSON value. @internal */
const EVENT_FIELDS: Readonly<Record<string, (v: unknown) => boolean>> = {
  seq: (v) => Number.isSafeInteger(v) && (v as number) >= 0,
  kind: (v) => typeof v === 'string',
  activation: (v) => isU32(v),
  code: (v) => typeof v === 'string',
  flags: (v) => Number.isSafeInteger(v) && (v as number) >= 0,
  waker: (v) => isU32(v),
  on: (v) => isU32(v),
  count: (v) => isU32(v),
  id: (v) => isU32(v),
  from: (v) => isU32(v),
  tsNs: (v) => Number.isSafeInteger(v) && (v as number) >= 0,
  payload: () => true,
};
const isU32 = (v: unknown): boolean => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= MAX_ACTIVATION;
/** What each check wants, for messages. @internal */
const WANT: Readonly<Record<string, string>> = { seq: 'an integer in 0..2^53-1', kind: 'a string', code: 'a string', flags: 'an integer in 0..2^53-1', tsNs: 'an integer in 0..2^53-1' };

/**
 * The fields of a parsed event line, or what is wrong with it (`<field>: <what>`): an object (not an array)
 * of the keys of {@link EVENT_FIELDS} only (an own `__proto__` key, which JSON.parse makes, is one more key),
 * `seq` and `kind` present, each present field of its type. Checked by hand: once per line on the hot path.
 * @internal
 */
function eventFields(value: unknown): EventFields | string {
  if (!isRecord(value)) return `event: want an object, got ${value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value}`;
  for (const k of Object.keys(value)) if (!Object.hasOwn(EVENT_FIELDS, k)) return `${JSON.stringify(k)}: want no key but ${Object.keys(EVENT_FIELDS).join(', ')}`;
  for (const k in EVENT_FIELDS) {
    const v = value[k];
    if (v === undefined ? k === 'seq' || k === 'kind' : !EVENT_FIELDS[k]!(v)) return `${k}: want ${WANT[k] ?? 'an integer in 0..2^32-1'}, got ${v === undefined ? 'none' : `${v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v} ${(JSON.stringify(v) ?? '').slice(0, 40)}`}`;
  }
  return value as unknown as EventFields;
}

/** The largest payload, UTF-8 bytes of its compact JSON text (the wire format's string limit). @internal */
const MAX_PAYLOAD_BYTES = 4096;

/**
 * Encodes a trace as JSON Lines: the header `{"format":"trace-harness-jsonl","version":1}` (a partial
 * trace's header also declares the activations open where it starts, `"open":[{"activation":7,
 * "code":"main","state":"running"},...]`, the running stack bottom first, then the suspended ones in the
 * order they suspended, and `"openPartial":true` when that list omits older suspended activations, as a
 * wire checkpoint does: FORMAT.md §4.1; `"incomplete":true` when it stops before its stream ended, a
 * recording not closed or chunks cut out of a stream, so frames may still run at its end), then one event a
 * line with keys in the order `seq, kind, activation, code, flags[, waker | on][, tsNs][, payload]` (`waker`
 * on `wake` events, 0 when unknown; `on` on `pending` and `await` events: the awaited activation; `payload`,
 * a JSON value, on events that carry one: user events and values). `kind` is the lowercase kind
 * name and `code` the function name, so every line stands alone (no code table).
 *
 * @example
 * ```ts
 * encodeJsonl(Trace.fromEvents([{ seq: 0, kind: EventKind.Call, activation: 1, code: 0, flags: 0 }], ['main']));
 * // '{"format":"trace-harness-jsonl","version":1}\n{"seq":0,"kind":"call","activation":1,"code":"main","flags":0}\n'
 * ```
 * @param trace - the trace; `tsNs` (ns, integers) is written on every line when the trace has a clock column
 * @returns the text, one line per event after the header, ending in a newline
 * @throws RangeError when an event holds a kind code that is not defined (a trace not built by `fromEvents`),
 *   a code name holds a lone surrogate (FORMAT.md §4.2: refused, never changed), or the header line would
 *   be longer than {@link MAX_JSONL_LINE_BYTES} ({@link JsonlHeaderTooLong}: an open set of about 20,000 activations or more: every
 *   JSONL line is bounded, so `decodeJsonl` would refuse the file; wire and canonical text hold any open set)
 */
export function encodeJsonl(trace: Trace): string {
  assertWellFormedCodes('encodeJsonl', trace.codes);
  const c = trace.columns;
  const open = trace.open.map((o) => ({ activation: o.activation, code: trace.codeName(o.code), state: o.state }));
  const header = { format: JSONL_FORMAT, version: JSONL_VERSION, ...(open.length > 0 ? { open } : {}), ...(trace.openPartial ? { openPartial: true } : {}), ...(trace.complete ? {} : { incomplete: true }) };
  const lines: string[] = [JSON.stringify(header)];
  // Every line is bounded (decodeJsonl): an open set of tens of thousands of activations does not fit one.
  const headerBytes = utf8Length(lines[0]!);
  if (headerBytes > MAX_JSONL_LINE_BYTES) {
    throw new JsonlHeaderTooLong(`encodeJsonl: the header line declaring ${open.length} open activations is ${headerBytes} bytes, more than the ${MAX_JSONL_LINE_BYTES} a JSONL line may hold (decodeJsonl refuses it); write this trace as wire or canonical text`);
  }
  for (let i = 0; i < trace.length; i++) {
    const k = c.kind[i]!;
    if (isStreamRecord(k)) {
      // Stream records: no activation, no code; one number under its own key.
      const d = { seq: c.seq[i]!, kind: kindName(k), [STREAM_KEY[k]!]: c.waker?.[i] ?? 0 };
      lines.push(JSON.stringify(c.tsNs ? { ...d, tsNs: c.tsNs[i]! } : d));
      continue;
    }
    const e = {
      seq: c.seq[i]!,
      kind: kindName(c.kind[i]!),
      activation: c.activation[i]!,
      code: trace.codeName(c.code[i]!),
      flags: c.flags[i]!,
    };
    const woken = c.kind[i] === EventKind.Wake ? { ...e, waker: c.waker?.[i] ?? 0 } : c.kind[i] === EventKind.Pending || c.kind[i] === EventKind.Await ? { ...e, on: c.waker?.[i] ?? 0 } : e;
    const line = JSON.stringify(c.tsNs ? { ...woken, tsNs: c.tsNs[i]! } : woken);
    const payload = c.payload?.[i];
    // The payload is JSON text already: spliced in as a value, last.
    lines.push(payload === undefined ? line : `${line.slice(0, -1)},"payload":${payload}}`);
  }
  return lines.join('\n') + '\n';
}

/** Options of {@link decodeJsonl}. */
export interface DecodeJsonlOptions {
  /**
   * The first line must be our header. With `false`, a stream of events only (a tracer in another language
   * writing no header) is read too: a first line with a `format` key is still the header, held to its
   * rules (`bad-header`, `unsupported-version`); any other first line is the first event, and empty input
   * is an empty trace. Every other rule and bound is the same.
   * @defaultValue true
   */
  readonly requireHeader?: boolean;
}

/**
 * Decodes JSON Lines written by {@link encodeJsonl} (or by hand) into a {@link Trace}. Code ids are assigned
 * first-seen by name, so `decodeJsonl(encodeJsonl(t))` equals `t` when `t`'s code table lists its used
 * names in first-use order. Lines may end in `\r\n`; one empty line at the end is allowed.
 *
 * Rules: a header line first (`version` 1), optional with `requireHeader: false`; then events validated as
 * strict objects: `seq` and `tsNs` non-negative safe integers, `activation` in 0..2^32-1 inclusive, `flags`
 * only known bits, `kind` a kind name, `tsNs` on every event or on none, `payload` any JSON value of at
 * most 4096 bytes as compact text (stored as that text), never on a stream record.
 *
 * @example
 * ```ts
 * decodeJsonl('{"format":"trace-harness-jsonl","version":1}\n{"seq":0,"kind":"call","activation":1,"code":"f","flags":0}\n').codes; // ['f']
 * decodeJsonl('{"format":"trace-harness-jsonl","version":1}\n{"seq":0,"kind":"leap"}'); // throws: bad-event, line 2, byteOffset 45
 * decodeJsonl('{"seq":0,"kind":"call","activation":1,"code":"f","flags":0}\n', { requireHeader: false }).length; // 1
 * ```
 * @param text - the file contents
 * @param options - see {@link DecodeJsonlOptions}
 * @returns the trace, with a `tsNs` column when the events carry timestamps (ns)
 * @throws {@link TraceFormatError} with the 1-based `line` and the UTF-8 `byteOffset` of that line's first
 *   byte: `bad-header` (missing or malformed header: a first line that is JSON but not our header object),
 *   `unsupported-version`, `limit-exceeded` (a line over
 *   {@link MAX_JSONL_LINE_BYTES}, a payload over 4096 bytes or nested deeper than `MAX_PAYLOAD_DEPTH`,
 *   2048 levels, checked on the text before parsing), `bad-json` (a line that is not JSON, the first too), `bad-event` (schema, including unknown keys and `tsNs` on
 *   some events only), `unknown-kind`, `unknown-flag`. Bad input gets nothing else; any other error that
 *   escapes is a bug in this reader, never masked as bad input.
 * @throws TypeError when `options.requireHeader` is not a boolean
 */
export function decodeJsonl(text: string, options: DecodeJsonlOptions = {}): Trace {
  const requireHeader = options.requireHeader ?? true;
  if (typeof requireHeader !== 'boolean') throw new TypeError(`decodeJsonl: options.requireHeader must be a boolean, got ${typeof requireHeader}`);
  if (!requireHeader && text === '') return Trace.fromEvents([], []);
  const events: TraceEvent[] = [];
  const codeIds = new Map<string, number>();
  const codes: string[] = [];
  let open: OpenAtStart[] = [];
  let openPartial = false;
  let complete = true;
  let lineNo = 0;
  let offset = 0;
  /** The line of the first event, for messages that compare with it. */
  let firstEventLine = 0;
  // Every bad input is refused by an explicit check below (bounds before allocation, depth before
  // recursion); anything else thrown in here is a bug and escapes as itself, never as bad input.
  {
    let pos = 0;
    while (pos < text.length || lineNo === 0) {
      const nl = text.indexOf('\n', pos);
      const end = nl < 0 ? text.length : nl;
      const line = text.slice(pos, end);
      lineNo++;
      const bytes = utf8Length(line);
      // 1. Bound the line before JSON.parse allocates anything for it.
      if (bytes > MAX_JSONL_LINE_BYTES) fail('limit-exceeded', `want a line of at most ${MAX_JSONL_LINE_BYTES} bytes, got ${bytes}`);
      // 2. Bound the nesting before JSON.parse and before anything recursive walks the value: only a
      //    payload nests, and its limit bounds the whole line (an event adds one level).
      const depth = jsonDepth(line, MAX_PAYLOAD_DEPTH + 1);
      if (depth > MAX_PAYLOAD_DEPTH + 1) fail('limit-exceeded', `want a payload nested at most ${MAX_PAYLOAD_DEPTH} levels, got more`);
      const value = parseJson(line, lineNo === 1 && requireHeader);
      // 3. The header (optional when not required: a first line without a `format` key is an event), then
      //    events. The loop stops after the last newline: a blank last line is no event.
      if (lineNo === 1 && (requireHeader || (isRecord(value) && Object.hasOwn(value, 'format')))) readHeader(value, line);
      else {
        if (firstEventLine === 0) firstEventLine = lineNo;
        events.push(readEvent(value, events, codeIds, codes));
      }
      offset += bytes + 1;
      pos = end + 1;
    }
    const trace = Trace.fromEvents(events, codes);
    return (open.length > 0 || openPartial ? trace.withOpen(open, openPartial) : trace).withComplete(complete);
  }

  function internCode(name: string): number {
    let code = codeIds.get(name);
    if (code === undefined) {
      code = codes.length;
      codeIds.set(name, code);
      codes.push(name);
    }
    return code;
  }

  function fail(code: TraceFormatErrorCode, detail: string): never {
    throw new TraceFormatError(code, offset, detail, lineNo);
  }

  function parseJson(line: string, header: boolean): unknown {
    try {
      return JSON.parse(line);
    } catch (e) {
      if (!(e instanceof SyntaxError)) throw e;
      if (header && line === '') fail('bad-header', `want a header line {"format":"${JSONL_FORMAT}",...}, got empty input`);
      return fail('bad-json', `want a json object, got ${describeError(e)}`);
    }
  }

  function readHeader(value: unknown, line: string): void {
    const header = headerFields(value);
    if (header !== undefined && header.version === JSONL_VERSION) {
      // The open set: codes interned first, each activation once.
      const seen = new Set<number>();
      open = (header.open ?? []).map((o) => {
        const lone = loneSurrogateAt(o.code);
        if (lone >= 0) fail('bad-header', loneSurrogateMessage('code name', o.code, lone));
        const long = nameBytesOver(o.code);
        if (long !== undefined) fail('limit-exceeded', longNameMessage('code name', o.code, long));
        if (seen.has(o.activation)) fail('bad-header', `want each open activation once, got #${o.activation} twice`);
        seen.add(o.activation);
        return { activation: o.activation, code: internCode(o.code), state: o.state };
      });
      openPartial = header.openPartial === true;
      complete = header.incomplete !== true;
      return;
    }
    const obj = isRecord(value) ? value : undefined;
    const version = obj !== undefined && Object.hasOwn(obj, 'version') ? obj['version'] : undefined;
    if (obj?.['format'] === JSONL_FORMAT && typeof version === 'number' && version !== JSONL_VERSION) {
      fail('unsupported-version', `want version ${JSONL_VERSION}, got ${version}`);
    }
    fail('bad-header', `want {"format":"${JSONL_FORMAT}","version":${JSONL_VERSION}}, got ${previewLine(line)}`);
  }

  function readEvent(value: unknown, done: readonly TraceEvent[], ids: Map<string, number>, table: string[]): TraceEvent {
    const d = eventFields(value);
    if (typeof d === 'string') fail('bad-event', `want a valid event, got ${d}`);
    const kind: EventKind | undefined = kindFromName(d.kind);
    if (kind === undefined) fail('unknown-kind', `want an event kind name, got ${quoted(d.kind)}`);
    const first = done[0];
    if (first !== undefined && (first.tsNs === undefined) !== (d.tsNs === undefined)) {
      fail('bad-event', `want tsNs on every event or none, got ${d.tsNs === undefined ? 'none' : 'tsNs'} after line ${firstEventLine} had ${first.tsNs === undefined ? 'none' : 'tsNs'}`);
    }
    if (isStreamRecord(kind)) {
      // Stream records (dropped, checkpoint, recovery): one number under their key, no activation, no code.
      const key = STREAM_KEY[kind]!;
      const others = ['activation', 'code', 'flags', 'waker', 'on', 'count', 'id', 'from', 'payload'].filter((x) => x !== key && (d as unknown as Record<string, unknown>)[x] !== undefined);
      const value = (d as unknown as Record<string, unknown>)[key];
      if (typeof value !== 'number' || others.length > 0) fail('bad-event', `want {seq, kind: "${d.kind}", ${key}[, tsNs]}`);
      const row = { seq: d.seq, kind, activation: 0, code: 0, flags: 0, waker: value as number };
      return d.tsNs === undefined ? row : { ...row, tsNs: d.tsNs };
    }
    if (d.activation === undefined || d.code === undefined || d.flags === undefined || d.count !== undefined || d.id !== undefined || d.from !== undefined) {
      fail('bad-event', 'want activation, code and flags (and no count, id or from) on a frame event');
    }
    const dd = { ...d, activation: d.activation!, code: d.code!, flags: d.flags! };
    // `&` works on 32 bits: bound first so 2^32 cannot pass as 0.
    if (dd.flags > 0xff || (dd.flags & ~KNOWN_FLAGS) !== 0) fail('unknown-flag', `want flags within ${KNOWN_FLAGS}, got ${dd.flags}`);
    // FORMAT.md §4.3: only frame events (kinds 1..7) carry flags.
    if (dd.flags !== 0 && kind >= EventKind.Pending) fail('unknown-flag', `want flags 0 on a ${d.kind} record (only frame events carry flags), got ${dd.flags}`);
    if (!ids.has(dd.code)) {
      const lone = loneSurrogateAt(dd.code);
      if (lone >= 0) fail('bad-event', loneSurrogateMessage('code name', dd.code, lone));
      const long = nameBytesOver(dd.code);
      if (long !== undefined) fail('limit-exceeded', longNameMessage('code name', dd.code, long));
    }
    const code = internCode(dd.code);
    if ((kind === EventKind.Wake) !== (d.waker !== undefined)) fail('bad-event', kind === EventKind.Wake ? 'want waker on a wake event' : 'want waker on wake events only');
    const on = kind === EventKind.Pending || kind === EventKind.Await;
    if (on !== (d.on !== undefined)) fail('bad-event', on ? `want on in a ${d.kind} event` : 'want on in pending and await events only');
    const plain = { seq: d.seq, kind, activation: dd.activation, code, flags: dd.flags };
    const peer = d.waker ?? d.on;
    const e = peer === undefined ? plain : { ...plain, waker: peer };
    const timed = d.tsNs === undefined ? e : { ...e, tsNs: d.tsNs };
    if (d.payload === undefined) return timed;
    if (!payloadNumbersKept(d.payload)) fail('bad-event', 'want payload numbers that survive as written (finite, integers within 2^53); the payload holds a number JSON text cannot keep');
    const payload = JSON.stringify(d.payload);
    const bytes = utf8Length(payload);
    if (bytes > MAX_PAYLOAD_BYTES) fail('limit-exceeded', `want a payload of at most ${MAX_PAYLOAD_BYTES} bytes, got ${bytes}`);
    return { ...timed, payload };
  }
}

/**
 * The RangeError {@link encodeJsonl} throws for a trace whose header line (its open set) would be longer than
 * {@link MAX_JSONL_LINE_BYTES}: the trace is fine, JSONL cannot hold it (`convert` reports it as a usage
 * error, exit 2).
 */
export class JsonlHeaderTooLong extends RangeError {
  override readonly name = 'JsonlHeaderTooLong';
}

/** Whether a parsed JSON value is a plain object. @internal */
function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The message of a caught error, lowercased, without throwing on odd values. @internal */
export function describeError(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).toLowerCase();
}

/** The UTF-8 length of a string (`../model/utf8-length.ts`), for the other readers. @internal */
export { utf8Length };
