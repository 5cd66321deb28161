import fc from 'fast-check';
import { parseMerged } from '../../src/formats/merged-text.ts';
import { parseCanonical } from '../../src/formats/text.ts';
import { EventKind, isStreamRecord, kindFromName } from '../../src/model/kinds.ts';
import { TraceFormatError } from '../../src/model/errors.ts';
import { refusalShapeProblems } from './refusal-shape.ts';

/**
 * One canonical text line built from parts at the edges of the grammar `parseCanonical`'s TSDoc and
 * `CanonicalText`'s describe (issue 13 part 5, field by field for the text format): an event line's kind,
 * code name (bare, quoted, with an escape, a lone surrogate, 4097 bytes, a `#` first), activation (0,
 * 2^32 - 1, 2^32, a leading zero, eleven digits), tail (`return`, `by`/`on` with `#n` or `?`, an unknown
 * word) and payload (compact, spaced, not JSON, too deep, too long); a stream record's value; an `open`
 * line; `incomplete`, `open partial`, a header and a comment. The line goes before the first event or
 * after it, behind a line holding a name of two-byte characters (the error's byte offset counts bytes).
 * The outcome is derived here from the grammar, never by running the parser.
 */
export type TextLine =
  | { readonly t: 'event'; readonly kind: string; readonly code: number; readonly act: number; readonly tail: number; readonly payload: number }
  | { readonly t: 'stream'; readonly word: 'dropped' | 'checkpoint' | 'recovery from'; readonly value: string }
  | { readonly t: 'open'; readonly code: number; readonly act: number; readonly state: string }
  | { readonly t: 'open partial' | 'incomplete' | 'header' | 'comment' };

export interface TextLineCase {
  readonly line: TextLine;
  /** Before the first event (where `open` and `incomplete` lines belong) or after it. */
  readonly before: boolean;
  /** In merged text (`parseMerged`): the line after `@<stream id> ` ({@link STREAM_IDS}), every line of the file on a stream. */
  readonly stream?: number;
}

/** Stream ids as written after `@`: [text, the id it reads as (undefined: no `@<stream> ` prefix), why it is refused]. */
export const STREAM_IDS: readonly (readonly [string, string | undefined, ('lone' | 'quote')?])[] = [
  ['a', 'a'],
  ['"my trace"', 'my trace'],
  ['w#1', 'w#1'],
  ['"\\ud800"', '\ud800', 'lone'],
  ['"\\x"', '', 'quote'],
  ['"bad', undefined],
  ['', undefined],
];

/** Kind words of event lines: every family, an unknown word and a wrong case. */
export const KINDS = ['call', 'return', 'resume', 'wake', 'pending', 'await', 'event', 'abandoned', 'leap', 'CALL'];
/** Code names as written: [text, the name it reads as (undefined: not the grammar's), why it is refused]. */
export const CODES: readonly (readonly [string, string | undefined, ('lone' | 'long' | 'quote')?])[] = [
  ['f', 'f'],
  ['a#b', 'a#b'],
  ['"x y"', 'x y'],
  ['"a\\"b"', 'a"b'],
  ['"\\u00fc"', 'ü'],
  ['"\\ud800"', '\ud800', 'lone'],
  ['"\\x"', '', 'quote'],
  ['"bad', undefined],
  ['#x', undefined],
  ['x'.repeat(4097), 'x'.repeat(4097), 'long'],
  ['x'.repeat(4096), 'x'.repeat(4096)],
];
/** Activations as written: 0, 1, the u32 bound and one past, a leading zero, eleven digits. */
export const ACTS = ['0', '1', '4294967295', '4294967296', '01', '99999999999'];
/** Tails: [text, form]: a flag, a peer (`by`/`on` and its value), or not the grammar's. */
export const TAILS: readonly (readonly [string, 'none' | 'return' | 'by' | 'on' | 'bad'])[] = [
  ['', 'none'],
  [' return', 'return'],
  [' by #2', 'by'],
  [' by ?', 'by'],
  [' on #2', 'on'],
  [' on ?', 'on'],
  [' by #4294967296', 'by'],
  [' on #0', 'bad'],
  [' extra', 'bad'],
  [' by', 'bad'],
];
/** Payloads after ` = `: [text, verdict]. */
export const PAYLOADS: readonly (readonly [string, 'none' | 'ok' | 'not-json' | 'not-compact' | 'deep' | 'long'])[] = [
  ['', 'none'],
  [' = 1', 'ok'],
  [' = {"a":[1,"\\u0000"]}', 'ok'],
  [' = { "a": 1 }', 'not-compact'],
  [' = 9007199254740993', 'not-compact'],
  [' = nope', 'not-json'],
  [` = ${'['.repeat(2049)}${']'.repeat(2049)}`, 'deep'],
  [` = "${'x'.repeat(4095)}"`, 'long'],
  [` = "${'x'.repeat(4094)}"`, 'ok'],
];
/** Stream record values as written: 0, a number, a leading zero, the u32 bound and one past, eleven digits, `?`, a word. */
export const STREAM_VALUES = ['0', '7', '007', '4294967295', '4294967296', '12345678901', '?', 'x'];
/** Activations of `open` lines: 1, 3, 0 (refused) and 2^32 (refused). */
export const OPEN_ACTS = ['1', '3', '0', '4294967296'];
/** States of `open` lines: the two the grammar has and one it has not. */
export const STATES = ['running', 'suspended', 'sleeping'];

/** Random lines, each family and part uniform. */
export function textLineCaseArbitrary(): fc.Arbitrary<TextLineCase> {
  const event = fc.record({ t: fc.constant('event' as const), kind: fc.constantFrom(...KINDS), code: fc.nat({ max: CODES.length - 1 }), act: fc.nat({ max: ACTS.length - 1 }), tail: fc.nat({ max: TAILS.length - 1 }), payload: fc.nat({ max: PAYLOADS.length - 1 }) });
  const stream = fc.record({ t: fc.constant('stream' as const), word: fc.constantFrom('dropped' as const, 'checkpoint' as const, 'recovery from' as const), value: fc.constantFrom(...STREAM_VALUES) });
  const open = fc.record({ t: fc.constant('open' as const), code: fc.nat({ max: CODES.length - 1 }), act: fc.nat({ max: OPEN_ACTS.length - 1 }), state: fc.constantFrom(...STATES) });
  const other = fc.constantFrom<TextLine>({ t: 'open partial' }, { t: 'incomplete' }, { t: 'header' }, { t: 'comment' });
  const line = fc.oneof({ arbitrary: event, weight: 6 }, { arbitrary: stream, weight: 2 }, { arbitrary: open, weight: 2 }, { arbitrary: other, weight: 1 });
  return fc.record({ line, before: fc.boolean(), stream: fc.option(fc.nat({ max: STREAM_IDS.length - 1 }), { freq: 2, nil: undefined }) });
}

/** The line's text. */
export function lineText(l: TextLine): string {
  switch (l.t) {
    case 'event':
      return `${l.kind} ${CODES[l.code]![0]} #${ACTS[l.act]}${TAILS[l.tail]![0]}${PAYLOADS[l.payload]![0]}`;
    case 'stream':
      return `${l.word} ${l.value}`;
    case 'open':
      return `open ${CODES[l.code]![0]} #${OPEN_ACTS[l.act]} ${l.state}`;
    case 'header':
      return '# Seed:  42 ';
    case 'comment':
      return '# a comment: with a colon after a space';
    default:
      return l.t;
  }
}

/** What the parser must do with a line: refuse it (code, words the message names), or read it. */
type LineVerdict =
  | { readonly error: string; readonly says?: readonly string[] }
  | { readonly event: string }
  | { readonly open: string }
  | { readonly state: 'partial' | 'incomplete' | 'header' | 'ignored' };

const U32 = 2 ** 32 - 1;
const bytes = (s: string): number => new TextEncoder().encode(s).length;

/** The verdict of the grammar for one line at its place. */
export function lineVerdict(c: TextLineCase): LineVerdict {
  const l = c.line;
  const text = lineText(l);
  switch (l.t) {
    case 'header':
      return { state: c.before ? 'header' : 'ignored' };
    case 'comment':
      return { state: 'ignored' };
    case 'incomplete':
    case 'open partial':
      return c.before ? { state: l.t === 'incomplete' ? 'incomplete' : 'partial' } : { error: 'bad-line', says: ['before the first event'] };
    case 'open': {
      if (!c.before) return { error: 'bad-line', says: ['before the first event'] };
      const [, name, why] = CODES[l.code]!;
      const act = OPEN_ACTS[l.act]!;
      // `open <code> #<activation> running|suspended`: an activation from 1, one of the two states.
      if (name === undefined || act === '0' || !STATES.slice(0, 2).includes(l.state)) return { error: 'bad-line', says: ['open <code> #<activation>'] };
      if (why === 'quote') return { error: 'bad-line', says: ['quoted code name'] };
      if (why === 'lone') return { error: 'bad-line', says: ['code name'] };
      if (why === 'long') return { error: 'limit-exceeded', says: ['code name'] };
      if (Number(act) > U32) return { error: 'bad-line', says: [act] };
      return { open: `${name} #${act} ${l.state}` };
    }
    case 'stream': {
      // `dropped <count>`, `checkpoint <id>`, `recovery from <id|?>`: up to ten digits, at most 2^32 - 1.
      const v = l.value;
      const digits = /^[0-9]{1,10}$/.test(v);
      if (!(digits || (v === '?' && l.word === 'recovery from'))) return { error: text.split(/\s+/).length === 4 ? 'unknown-flag' : 'bad-line' };
      if (digits && Number(v) > U32) return { error: 'bad-line', says: [v] };
      const kind = l.word === 'dropped' ? EventKind.Dropped : l.word === 'checkpoint' ? EventKind.Checkpoint : EventKind.Recovery;
      return { event: `${kind} 0 "" 0 ${v === '?' ? 0 : Number(v)} -` };
    }
    case 'event':
      return eventVerdict(l, text);
  }
}

function eventVerdict(l: TextLine & { t: 'event' }, text: string): LineVerdict {
  const [, name, why] = CODES[l.code]!;
  const act = ACTS[l.act]!;
  const [tailText, tail] = TAILS[l.tail]!;
  const [payloadText, payload] = PAYLOADS[l.payload]!;
  // 1. The grammar: a lowercase kind word, a code name (bare, not starting with `"` or `#`, or a JSON
  //    string), `#` and an activation without leading zeros (at most ten digits), a tail, ` = ` and a payload.
  //    A line that is not one: `unknown-flag` for `<kind> <code> #<n> <word>` (a word other than return/by),
  //    else `bad-line`.
  if (!/^[a-z]+$/.test(l.kind) || name === undefined || !/^(0|[1-9][0-9]{0,9})$/.test(act) || tail === 'bad') {
    const words = text.split(/\s+/);
    const flag = words.length === 4 && /^#\d+$/.test(words[2]!) && words[3] !== 'return' && words[3] !== 'by';
    return flag ? { error: 'unknown-flag', says: [words[3]!] } : { error: 'bad-line' };
  }
  const kind = kindFromName(l.kind);
  if (kind === undefined) return { error: 'unknown-kind', says: [l.kind] };
  if (why === 'quote') return { error: 'bad-line', says: ['quoted code name'] };
  if (why === 'lone') return { error: 'bad-line', says: ['code name'] };
  if (why === 'long') return { error: 'limit-exceeded', says: ['code name'] };
  if (act === '0' && kind !== EventKind.Event) return { error: 'bad-line', says: ['#0'] };
  // 2. The payload: nested at most 2048 levels, at most 4096 bytes (both limit-exceeded: parseCanonical's
  //    TSDoc, as JSONL), JSON, compact as JSON.stringify writes it.
  if (payload === 'deep') return { error: 'limit-exceeded', says: ['nested'] };
  if (payload === 'long') return { error: 'limit-exceeded', says: ['payload'] };
  if (payload === 'not-json') return { error: 'bad-line', says: ['payload is not json'] };
  if (payload === 'not-compact') return { error: 'bad-line', says: ['compact'] };
  // 3. Activations are u32.
  const peer = /#(\d+)$/.exec(tailText)?.[1];
  for (const id of [act, peer ?? '0']) if (Number(id) > U32) return { error: 'bad-line', says: [id] };
  // 4. `by` on wakes only and always; `on` on pending and await only and always; `return` on frame events only.
  // A wake without its waker, or a waker on another kind: the refusal says which (parseCanonical's messages).
  if ((kind === EventKind.Wake) !== (tail === 'by')) return { error: 'bad-line', says: kind === EventKind.Wake ? ['a wake needs "by'] : ['"by" belongs to wake events only'] };
  const on = kind === EventKind.Pending || kind === EventKind.Await;
  if (on !== (tail === 'on')) return { error: 'bad-line', says: ['on'] };
  if (tail === 'return' && kind >= EventKind.Pending) return { error: 'unknown-flag', says: ['return'] };
  const flags = tail === 'return' ? 1 : 0;
  const waker = tail === 'by' || tail === 'on' ? Number(peer ?? 0) : undefined;
  return { event: `${kind} ${Number(act)} ${JSON.stringify(name)} ${flags} ${waker ?? '-'} ${payload === 'ok' ? payloadText.slice(3) : '-'}` };
}

/**
 * The verdict of `parseMerged` for `@<stream id> <line>`: the stream id's (no prefix, a bad quoted id, a
 * lone surrogate: `bad-line`), then the line's own as `parseCanonical` gives it for a file of that line
 * alone (its refusal moved to the merged line), and a line that is no event (an `open` line, a comment)
 * is refused: one event a line.
 */
export function mergedVerdict(c: TextLineCase & { stream: number }): LineVerdict {
  const [, id, why] = STREAM_IDS[c.stream]!;
  if (id === undefined) return { error: 'bad-line', says: ['@<stream>'] };
  if (why === 'quote') return { error: 'bad-line', says: ['quoted stream id'] };
  if (why === 'lone') return { error: 'bad-line', says: ['stream id'] };
  const own = lineVerdict({ line: c.line, before: true });
  return 'error' in own || 'event' in own ? own : { error: 'bad-line', says: ['one event'] };
}

/** The file around the line: a line of two-byte characters first, so byte offsets differ from string offsets. */
const FIRST = 'call "ünï ü" #1';
const LAST = 'return "ünï ü" #1';

/**
 * `parseCanonical` on the line's file against {@link lineVerdict}: the refusal's code, line and byte offset
 * (the line's first byte, counted in UTF-8 bytes) and the words it names; or what the line reads as.
 * @returns what differs, one line each
 */
export function checkTextLine(c: TextLineCase): string[] {
  if (c.stream !== undefined) return checkMergedLine({ ...c, stream: c.stream });
  const line = lineText(c.line);
  const lines = c.before ? ['# program: x', line, FIRST, LAST] : ['# program: x', FIRST, line, LAST];
  const text = `${lines.join('\n')}\n`;
  const lineNo = c.before ? 2 : 3;
  const byteOffset = bytes(lines.slice(0, lineNo - 1).join('\n')) + 1;
  const want = lineVerdict(c);
  const what = `text line ${JSON.stringify(line.length > 60 ? `${line.slice(0, 40)}... (${line.length})` : line)} ${c.before ? 'before' : 'after'} the first event`;
  let got: ReturnType<typeof parseCanonical>;
  try {
    got = parseCanonical(text);
  } catch (error) {
    if (!(error instanceof TraceFormatError)) return [`${what}: ${(error as Error).name} escaped parseCanonical: ${(error as Error).message}`];
    if (!('error' in want)) return [`${what}: want it read, got ${error.message.slice(0, 200)}`];
    const problems = refusalShapeProblems(error, what, want.says);
    if (error.code !== want.error || error.line !== lineNo || error.byteOffset !== byteOffset) problems.push(`${what}: want ${want.error} on line ${lineNo} at byte ${byteOffset}, got ${error.code} on line ${error.line} at byte ${error.byteOffset}: ${error.message.slice(0, 200)}`);
    return problems;
  }
  if ('error' in want) return [`${what}: want ${want.error}, got it read`];
  const events = got.events.map((e) => `${e.kind} ${e.activation} ${JSON.stringify(e.code)} ${e.flags} ${e.waker ?? '-'} ${e.payload ?? '-'}`);
  const at = c.before ? 0 : 1;
  if ('event' in want) {
    return events.length === 3 && events[at] === want.event ? [] : [`${what}: want it read as ${want.event} among 3 events, got ${events.length} events: ${events.join('; ')}`];
  }
  const problems = events.length === 2 ? [] : [`${what}: want 2 events, got ${events.length}`];
  if ('open' in want) {
    const o = got.open.map((x) => `${x.code} #${x.activation} ${x.state}`);
    if (o.length !== 1 || o[0] !== want.open) problems.push(`${what}: want open ${want.open}, got ${o.join(', ') || 'none'}`);
    return problems;
  }
  const state = { partial: got.openPartial, incomplete: !got.complete, header: got.header.get('seed') === '42', ignored: !got.openPartial && got.complete && got.open.length === 0 && !got.header.has('seed') && !got.header.has('a comment') };
  if (!state[want.state]) problems.push(`${what}: want ${want.state}, got open partial ${got.openPartial}, complete ${got.complete}, header ${JSON.stringify([...got.header])}`);
  return problems;
}

/** `parseMerged` on `@a` lines around `@<stream id> <line>` against {@link mergedVerdict}. */
function checkMergedLine(c: TextLineCase & { stream: number }): string[] {
  const line = `@${STREAM_IDS[c.stream]![0]} ${lineText(c.line)}`;
  const lines = ['# program: x', `@a ${FIRST}`, line, `@a ${LAST}`];
  const text = `${lines.join('\n')}\n`;
  const byteOffset = bytes(lines.slice(0, 2).join('\n')) + 1;
  const want = mergedVerdict(c);
  const what = `merged line ${JSON.stringify(line.length > 60 ? `${line.slice(0, 40)}... (${line.length})` : line)}`;
  let merged: ReturnType<typeof parseMerged>;
  try {
    merged = parseMerged(text);
  } catch (error) {
    if (!(error instanceof TraceFormatError)) return [`${what}: ${(error as Error).name} escaped parseMerged: ${(error as Error).message}`];
    if (!('error' in want)) return [`${what}: want it read, got ${error.message.slice(0, 200)}`];
    const problems = refusalShapeProblems(error, what, want.says);
    if (error.code !== want.error || error.line !== 3 || error.byteOffset !== byteOffset) problems.push(`${what}: want ${want.error} on line 3 at byte ${byteOffset}, got ${error.code} on line ${error.line} at byte ${error.byteOffset}: ${error.message.slice(0, 200)}`);
    return problems;
  }
  if (!('event' in want)) return [`${what}: want ${'error' in want ? want.error : 'no event'}, got it read`];
  if (merged.length !== 3) return [`${what}: want 3 events, got ${merged.length}`];
  const { stream, event: e } = merged.at(1);
  const got = `${e.kind} ${e.activation} ${JSON.stringify(isStreamRecord(e.kind) ? '' : merged.streams[merged.streamOf[1]!]!.trace.codeName(e.code))} ${e.flags} ${e.waker ?? '-'} ${e.payload ?? '-'}`;
  const id = STREAM_IDS[c.stream]![1]!;
  return stream === id && got === want.event ? [] : [`${what}: want @${id} ${want.event}, got @${stream} ${got}`];
}
