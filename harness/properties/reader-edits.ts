import fc from 'fast-check';
import { encodeChrome } from '../../src/formats/chrome.ts';
import { decodeChrome } from '../../src/formats/chrome-read.ts';
import { decodeJsonl, encodeJsonl } from '../../src/formats/jsonl.ts';
import { loadTrace } from '../../src/formats/load.ts';
import { parseMerged } from '../../src/formats/merged-text.ts';
import { formatCanonical, formatCanonicalEvent, parseCanonical } from '../../src/formats/text.ts';
import type { CanonicalEvent } from '../../src/model/event.ts';
import { TraceFormatError, type TraceFormatErrorCode } from '../../src/model/errors.ts';
import { isStreamRecord, kindName } from '../../src/model/kinds.ts';
import { Trace } from '../../src/model/trace.ts';
import { encodeWire } from '../../src/wire/encode.ts';
import { refusalShapeProblems } from './refusal-shape.ts';
import { fraction as unitFraction } from './fraction.ts';

/**
 * Random edits of valid JSONL, canonical text, merged text and Chrome JSON files, each with the outcome
 * the format's own rules give it (issue 13, part 5): a typed error with its code and line (or byte offset),
 * or a documented acceptance whose events account for every line read. The expected outcome is derived
 * here from the rules in the readers' specs (`decodeJsonl`, `parseCanonical`, `parseMerged`,
 * `decodeChrome` TSDoc), never from running the reader.
 */

/** The edits, per format. */
export const READER_EDITS = {
  /** JSONL: kind, missing, extra and mistyped fields are refused; reordered, dropped, repeated lines and a repeated seq are read as written (the seq rule judges them). */
  jsonl: ['unknown-kind', 'missing-field', 'extra-field', 'wrong-type', 'break-syntax', 'blank-line', 'swap-lines', 'drop-line', 'duplicate-line', 'duplicate-seq', 'no-header'],
  /** Canonical text: no seq (seq = line order), so reordered lines are read in the new order. */
  text: ['unknown-kind', 'missing-field', 'extra-field', 'swap-lines', 'drop-line', 'duplicate-line', 'blank-and-comment'],
  /** Merged text: as canonical text, plus a line without its `@<stream>` prefix. */
  merged: ['unknown-kind', 'no-stream', 'swap-lines', 'drop-line', 'duplicate-line', 'blank-and-comment'],
  /**
   * Chrome JSON written by this package: an event its mapping cannot read is refused at its byte (an unknown
   * or missing `args.event`, a mistyped field, a phase its kind is never written with, `args.returnCompletion`
   * other than `true`, a payload that is not compact JSON text, an `open` slice after the first event); a
   * field Chrome defines and the mapping does not read is ignored.
   */
  chrome: ['unknown-kind', 'wrong-type', 'break-syntax', 'extra-field', 'no-event', 'wrong-phase', 'bad-return-completion', 'bad-payload', 'open-late'],
} as const;

/** A format {@link checkReaderEdit} edits. */
export type EditedFormat = keyof typeof READER_EDITS;

/** One edit: the format, what to do, and where (fractions of the lines that can take it). */
export interface ReaderEditCase {
  readonly format: EditedFormat;
  readonly edit: string;
  /** Which line, as a fraction in [0, 1). */
  readonly at: number;
  /** The other line of a swap or a repeated seq, as a fraction in [0, 1). */
  readonly other: number;
  /** Merged text: bit i (mod 32) puts event i on stream `a` or `b`. */
  readonly streams: number;
}

const fraction = unitFraction();

/** Any edit of any format, uniformly by format then edit; or of `only` that format. */
export function readerEditArbitrary(only?: EditedFormat): fc.Arbitrary<ReaderEditCase> {
  return fc
    .constantFrom(...(only === undefined ? (Object.keys(READER_EDITS) as EditedFormat[]) : [only]))
    .chain((format) => fc.record({ format: fc.constant(format), edit: fc.constantFrom(...READER_EDITS[format]), at: fraction, other: fraction, streams: fc.nat() }));
}

/** What a reader must do with an edited file: a typed error (code or codes, 1-based line, byte range), or these events. */
export type Expected = { readonly error: TraceFormatErrorCode | readonly TraceFormatErrorCode[]; readonly line?: number; readonly byteRange?: readonly [number, number]; readonly says?: readonly string[] } | { readonly events: readonly string[] };

/** An event as compared: kind, activation, code name, flags, peer, payload (and seq where the format has one). */
export type Key = (e: { kind: number; activation: number; code: string; flags: number; waker?: number; payload?: string; seq?: number }) => string;
/** The key an event is compared by: kind, activation (0 for a stream record), code name, flags, peer, payload, seq (JSON). */
export const key: Key = (e) => JSON.stringify([kindName(e.kind), isStreamRecord(e.kind) ? 0 : e.activation, isStreamRecord(e.kind) ? '' : e.code, e.flags, e.waker ?? 0, e.payload ?? null, e.seq ?? null]);

/** Index in `0..n-1` from a fraction. */
const pick = (f: number, n: number): number => Math.min(n - 1, Math.floor(f * n));

/** Two distinct indices in `0..n-1` (n >= 2), the first below the second. */
function pair(c: ReaderEditCase, n: number): [number, number] {
  const i = pick(c.at, n);
  let j = pick(c.other, n - 1);
  if (j >= i) j++;
  return i < j ? [i, j] : [j, i];
}

/** Swaps, drops or repeats item `i` (and `j`) of a list, as the line edits do. */
function moveLines<T>(edit: string, list: readonly T[], i: number, j: number): T[] {
  const out = [...list];
  if (edit === 'swap-lines') [out[i], out[j]] = [out[j]!, out[i]!];
  else if (edit === 'drop-line') out.splice(i, 1);
  else if (edit === 'duplicate-line') out.splice(i + 1, 0, out[i]!);
  return out;
}

const LINE_EDITS = new Set(['swap-lines', 'drop-line', 'duplicate-line']);

/**
 * Applies one edit to a valid file of the trace and checks the reader's outcome against the format's rules.
 * Edits that need more lines than the trace has (a swap in a one-event trace) are not applicable: no problem.
 * The fixed files of no events and of text that is not UTF-8 are checked too, once per process.
 * @param trace - a trace whose code names are well formed (it is written in every format)
 * @param c - the edit
 * @returns what went wrong, one line each (`jsonl swap-lines: ...`); empty when the outcome is the expected one
 */
export function checkReaderEdit(trace: Trace, c: ReaderEditCase): string[] {
  const degenerate = checkDegenerateTable();
  const made = editFile(trace, c);
  if (made === undefined) return degenerate;
  return [...checkDirect(made, `${c.format} ${c.edit}`), ...checkLoaded(made, c.format, `${c.format} ${c.edit} through loadTrace`), ...degenerate];
}

let degeneratePassed = false;

/** Every file of {@link DEGENERATE} and {@link NOT_UTF8} (fixed files), once per process once they pass. */
function checkDegenerateTable(): string[] {
  if (degeneratePassed) return [];
  const problems = [...DEGENERATE.flatMap(checkDegenerate), ...NOT_UTF8.flatMap(checkNotUtf8)];
  degeneratePassed = problems.length === 0;
  return problems;
}

/**
 * Files without events, each with the words README "A file without events is no trace" gives for what it
 * holds (`empty-trace: no events: <what>`, compared without case): every reader refuses them alike.
 */
const DEGENERATE: readonly (readonly [string, Uint8Array, string])[] = [
  ['an empty file', new Uint8Array(0), 'an empty file'],
  ['whitespace', new TextEncoder().encode(' \n\t\r\n'), 'only whitespace'],
  ['a byte order mark', Uint8Array.from([0xef, 0xbb, 0xbf]), 'only a byte order mark'],
  ['comments', new TextEncoder().encode('# program: x\n# seed 1\n'), 'only comments or header lines'],
  ['the JSONL header line', new TextEncoder().encode(encodeJsonl(Trace.fromEvents([], [])).split('\n')[0]! + '\n'), 'only the jsonl header line'],
  ['the wire file header', encodeWire(Trace.fromEvents([], [])).subarray(0, 12), 'only the 12-byte wire file header'],
  ['a wire stream of 0 events', encodeWire(Trace.fromEvents([], [])), 'a wire stream of 0 events'],
  ['Chrome JSON without events', new TextEncoder().encode('{"traceEvents":[]}'), 'chrome json without events'],
  // Near the boundaries of those words: three bytes that are no byte order mark, a byte order mark and
  // more, a run of chunks without the file header.
  ['three bytes of whitespace', new TextEncoder().encode('\n \n'), 'only whitespace'],
  ['a byte order mark and a newline', Uint8Array.from([0xef, 0xbb, 0xbf, 0x0a]), 'only whitespace'],
  ['a run of chunks of 0 events', encodeWire(Trace.fromEvents([], [])).subarray(12), 'a wire stream of 0 events'],
];

/** Text files that are not UTF-8 (a byte 0xff in a line): loadTrace refuses them as `bad-line` at byte 0 (its `utf8` TSDoc), never reading them with replacement characters. */
const NOT_UTF8: readonly (readonly [string, Uint8Array])[] = [
  ['canonical text', Uint8Array.from([...new TextEncoder().encode('call f #1\nreturn '), 0xff, ...new TextEncoder().encode(' #1\n')])],
  ['JSONL', Uint8Array.from([...new TextEncoder().encode('{"format":"trace-harness-jsonl","version":1}\n{"seq":0,"kind":"call","activation":1,"code":"'), 0xff, ...new TextEncoder().encode('","flags":0}\n')])],
];

/** `loadTrace` on a text file that is not UTF-8. */
function checkNotUtf8([what, bytes]: readonly [string, Uint8Array]): string[] {
  try {
    const t = loadTrace(bytes).trace;
    return [`${what} with a byte 0xff: loadTrace read ${t.length} events, want bad-line at byte 0`];
  } catch (error) {
    if (!(error instanceof TraceFormatError)) return [`${what} with a byte 0xff: ${(error as Error).name} escaped loadTrace: ${(error as Error).message}`];
    if (error.code !== 'bad-line' || error.byteOffset !== 0) return [`${what} with a byte 0xff: want bad-line at byte 0, got ${error.code} at byte ${error.byteOffset}: ${error.message}`];
    return refusalShapeProblems(error, `${what} with a byte 0xff`, ['utf-8']);
  }
}

/** `loadTrace` on a file without events: `empty-trace` at byte 0, naming what the file holds. */
function checkDegenerate([what, bytes, words]: readonly [string, Uint8Array, string]): string[] {
  try {
    const t = loadTrace(bytes).trace;
    return [`a file of ${what}: loadTrace read ${t.length} events, want empty-trace (no events: ${words})`];
  } catch (error) {
    if (!(error instanceof TraceFormatError)) return [`a file of ${what}: ${(error as Error).name} escaped loadTrace: ${(error as Error).message}`];
    return error.code === 'empty-trace' && error.byteOffset === 0 && error.message.toLowerCase().includes(`no events: ${words}`) ? [] : [`a file of ${what}: want empty-trace at byte 0 saying "no events: ${words}", got ${error.code} at byte ${error.byteOffset}: ${error.message}`];
  }
}

/** The UTF-8 offset of the first byte of 1-based line `line` of `text` (lines end at `\n`), or undefined past its end. */
function lineStart(text: string, line: number): number | undefined {
  let at = 0;
  let bytes = 0;
  for (let n = 1; n < line; n++) {
    const nl = text.indexOf('\n', at);
    if (nl < 0) return undefined;
    bytes += new TextEncoder().encode(text.slice(at, nl + 1)).length;
    at = nl + 1;
  }
  return bytes;
}

/** The format's own reader on the edited file: the expected refusal (code, line, bytes, shape) or the events. */
export function checkDirect(made: Edited, where: string): string[] {
  const { input, expected, read } = made;
  let got: string[];
  try {
    got = read(input);
  } catch (error) {
    if (!(error instanceof TraceFormatError)) return [`${where}: ${(error as Error)?.name ?? typeof error} escaped the reader: ${(error as Error)?.message}`];
    if (!('error' in expected)) return [`${where}: want the file read (${expected.events.length} events), got ${error.message}`];
    const codes = typeof expected.error === 'string' ? [expected.error] : expected.error;
    const problems = refusalShapeProblems(error, where, expected.says);
    if (!codes.includes(error.code)) problems.push(`${where}: want ${codes.join(' or ')}, got ${error.code}: ${error.message}`);
    if (expected.line !== undefined && error.line !== expected.line) problems.push(`${where}: want the error on line ${expected.line}, got line ${error.line}: ${error.message}`);
    // A line format's refusal is at its line's first byte (TraceFormatError's TSDoc: "for text: of the line").
    const start = error.line === undefined ? undefined : lineStart(input, error.line);
    if (start !== undefined && error.byteOffset !== start) problems.push(`${where}: line ${error.line} starts at byte ${start}, the error says byte ${error.byteOffset}: ${error.message}`);
    const range = expected.byteRange;
    if (range !== undefined && !(error.byteOffset >= range[0] && error.byteOffset <= range[1])) problems.push(`${where}: want the error at a byte in ${range[0]}..${range[1]}, got ${error.byteOffset}: ${error.message}`);
    return problems;
  }
  if ('error' in expected) return [`${where}: want ${[expected.error].flat().join(' or ')}${expected.line ? ` on line ${expected.line}` : ''}, got the file read (${got.length} events)`];
  if (got.length !== expected.events.length) return [`${where}: want ${expected.events.length} events (one per event line), got ${got.length}`];
  const at = got.findIndex((g, i) => g !== expected.events[i]);
  return at < 0 ? [] : [`${where}: event ${at}: want ${expected.events[at]}, got ${got[at]}`];
}

/**
 * The same file through `loadTrace` (format detected), judged by loadTrace's and detectFormat's TSDoc: a
 * file whose first non-blank line (after `#` comments) starts with `@` is merged text, refused as
 * `unknown-format`; otherwise the format's reader runs, so its error code is the expected one, except
 * that Chrome JSON starting with `{` whose error is `bad-json` or `unknown-format` is refused as
 * `unknown-format` (jsonFormatError: none of the JSON formats); a file read without events is
 * `empty-trace`; a file read gives the expected events in order (compared by kind, activation and code).
 */
function checkLoaded(made: Edited, format: EditedFormat, where: string): string[] {
  const { input } = made;
  const expected = made.loaded ?? made.expected;
  const firstLine = input.replace(/^\uFEFF/, '').split('\n').find((l) => l.trim() !== '' && !l.trimStart().startsWith('#'));
  const merged = firstLine?.trimStart().startsWith('@') === true;
  // A merged file whose first line lost its `@` is read as canonical text, and a text file whose first line
  // starts with `{` or `[` (a code name) as JSON: their verdict is another reader's, not derived here.
  if (format === 'merged' && !merged) return [];
  if ((format === 'text' || format === 'merged') && /^[{[]/.test(input.replace(/^\uFEFF/, '').trimStart())) return [];
  let want: { readonly error: readonly TraceFormatErrorCode[] } | { readonly events: readonly string[] };
  if (merged) want = { error: ['unknown-format'] };
  else if ('error' in expected) {
    const codes = typeof expected.error === 'string' ? [expected.error] : expected.error;
    const json = format === 'chrome' && input.replace(/^\uFEFF/, '').trimStart().startsWith('{');
    want = { error: json ? codes.map((x) => (x === 'bad-json' ? 'unknown-format' : x)) : codes };
  } else if (expected.events.length === 0) want = { error: ['empty-trace'] };
  else want = { events: expected.events.map(shortKey) };
  let t: Trace;
  try {
    t = loadTrace(new TextEncoder().encode(input)).trace;
  } catch (error) {
    if (!(error instanceof TraceFormatError)) return [`${where}: ${(error as Error)?.name ?? typeof error} escaped loadTrace: ${(error as Error)?.message}`];
    if ('events' in want) return [`${where}: want the file read (${want.events.length} events), got ${error.message}`];
    return want.error.includes(error.code) ? refusalShapeProblems(error, where) : [`${where}: want ${want.error.join(' or ')}, got ${error.code}: ${error.message}`];
  }
  if ('error' in want) return [`${where}: want ${want.error.join(' or ')}, got the file read (${t.length} events)`];
  // Chrome's expected events are canonical (activations numbered by first appearance, as its mapping reads them).
  const got = format === 'chrome'
    ? t.canonical().map((e) => shortKey(key(e)))
    : t.events().map((e) => JSON.stringify([kindName(e.kind), isStreamRecord(e.kind) ? 0 : e.activation, isStreamRecord(e.kind) ? '' : t.codeName(e.code)]));
  if (got.length !== want.events.length) return [`${where}: want ${want.events.length} events, got ${got.length}`];
  const at = got.findIndex((g, i) => g !== want.events[i]);
  return at < 0 ? [] : [`${where}: event ${at}: want ${want.events[at]}, got ${got[at]}`];
}

/** A compared key (see {@link key}) cut to kind, activation and code name. */
function shortKey(k: string): string {
  const [kind, activation, code] = JSON.parse(k) as [string, number, string];
  return JSON.stringify([kind, activation, code]);
}

/** The edited file, its expected outcome and how to read it into compared keys. */
export interface Edited {
  readonly input: string;
  readonly expected: Expected;
  /** What `loadTrace` gives when it differs from the format's own reader (a JSONL file without its header: detected by its first event line, read). */
  readonly loaded?: Expected;
  readonly read: (input: string) => string[];
}

/**
 * The edited file and its expected outcome, derived from the format's rules.
 * @returns undefined when the edit needs more events than the trace has
 * @throws Error when one of this package's writers wrote a line these edits do not know (a harness bug)
 */
export function editFile(trace: Trace, c: ReaderEditCase): Edited | undefined {
  switch (c.format) {
    case 'jsonl':
      return editJsonl(trace, c);
    case 'text':
      return editText(trace, c);
    case 'merged':
      return editMerged(trace, c);
    case 'chrome':
      return editChrome(trace, c);
  }
}

/** The keys of a trace's events, codes by name, with seq. */
function traceKeys(t: Trace): string[] {
  return t.events().map((e) => key({ ...e, code: t.codeName(e.code) }));
}

/** JSONL (`decodeJsonl`): events are strict objects; seq is kept as written. */
function editJsonl(trace: Trace, c: ReaderEditCase): Edited | undefined {
  const n = trace.length;
  if (n === 0 || (n < 2 && (c.edit === 'swap-lines' || c.edit === 'duplicate-seq'))) return undefined;
  const lines = encodeJsonl(trace).split('\n'); // header, n events, '' after the last newline
  const events = traceKeys(trace);
  const read = (s: string): string[] => traceKeys(decodeJsonl(s));
  const k = pick(c.at, n);
  const line = k + 2; // 1-based: the header is line 1
  const head = /^\{"seq":(\d+),"kind":"([a-z]+)"/;
  const m = head.exec(lines[k + 1]!);
  if (m === null) throw new Error(`reader-edits: encodeJsonl wrote an event line not starting with seq and kind: ${lines[k + 1]!.slice(0, 60)}`);
  const set = (text: string): string => [...lines.slice(0, k + 1), text, ...lines.slice(k + 2)].join('\n');
  const rest = lines[k + 1]!.slice(m[0].length);
  // No header line: decodeJsonl wants one (bad-header, line 1); loadTrace detects JSONL by its first event line and reads it.
  if (c.edit === 'no-header') return { input: lines.slice(1).join('\n'), expected: { error: 'bad-header', line: 1, says: ['{"format":"trace-harness-jsonl","version":1}'] }, loaded: { events }, read };
  switch (c.edit) {
    case 'unknown-kind':
      return { input: set(`{"seq":${m[1]},"kind":"leap"${rest}`), expected: { error: 'unknown-kind', line, says: ['"leap"'] }, read };
    case 'missing-field':
      return { input: set(`{"kind":"${m[2]}"${rest}`), expected: { error: 'bad-event', line, says: ['seq'] }, read };
    case 'extra-field':
      return { input: set(`{"extra":1,${lines[k + 1]!.slice(1)}`), expected: { error: 'bad-event', line, says: ['"extra"'] }, read };
    case 'wrong-type':
      return { input: set(`{"seq":"${m[1]}","kind":"${m[2]}"${rest}`), expected: { error: 'bad-event', line, says: ['seq', 'string'] }, read };
    case 'break-syntax':
      // Any proper prefix of a JSON object is not JSON.
      return { input: set(lines[k + 1]!.slice(0, pick(c.other, lines[k + 1]!.length))), expected: { error: 'bad-json', line }, read };
    case 'blank-line':
      // Only one empty line, at the very end, is allowed.
      return { input: [...lines.slice(0, k + 1), '', ...lines.slice(k + 1)].join('\n'), expected: { error: 'bad-json', line: k + 2 }, read };
    case 'duplicate-seq': {
      const [i, j] = pair(c, n);
      const seqI = trace.columns.seq[i]!;
      const changed = lines.slice();
      changed[j + 1] = changed[j + 1]!.replace(/^\{"seq":\d+,/, `{"seq":${seqI},`);
      const e = trace.at(j);
      const want = events.slice();
      want[j] = key({ ...e, code: trace.codeName(e.code), seq: seqI });
      return { input: changed.join('\n'), expected: { events: want }, read };
    }
    default: {
      const [i, j] = c.edit === 'swap-lines' ? pair(c, n) : [k, k];
      const moved = moveLines(c.edit, lines.slice(1, n + 1), i, j);
      return { input: [lines[0]!, ...moved, ''].join('\n'), expected: { events: moveLines(c.edit, events, i, j) }, read };
    }
  }
}

/** Canonical text (`parseCanonical`): the events after the header, `open` and `incomplete` lines. */
function editText(trace: Trace, c: ReaderEditCase): Edited | undefined {
  const canonical = trace.canonical();
  const n = canonical.length;
  if (n === 0 || (n < 2 && c.edit === 'swap-lines')) return undefined;
  const lines = formatCanonical(trace).split('\n');
  const first = lines.length - 1 - n; // the event lines end the file, before its final newline
  const events = canonical.map((e) => key(e));
  const read = (s: string): string[] => parseCanonical(s).events.map((e) => key(e));
  const k = pick(c.at, n);
  const text = lines[first + k]!;
  const line = first + k + 1;
  const set = (t: string): string => [...lines.slice(0, first + k), t, ...lines.slice(first + k + 1)].join('\n');
  // Words as the text format separates them: by whitespace (its writer quotes any name that holds some, a
  // byte order mark included, so a quoted name may count as more than one word here).
  const words = text.split(/\s+/);
  switch (c.edit) {
    case 'unknown-kind':
      // A stream record (`dropped 3`) is no `<kind> <code> #<activation>` line once its word changes.
      return { input: set(`leap ${text.slice(text.indexOf(' ') + 1)}`), expected: { error: isStreamRecord(canonical[k]!.kind) ? 'bad-line' : 'unknown-kind', line, says: ['leap'] }, read };
    case 'missing-field':
      return { input: set(text.slice(text.indexOf(' ') + 1)), expected: { error: 'bad-line', line }, read };
    case 'extra-field':
      // `<kind> <code> #<n> <word>`: an unknown flag; any other line with a word more is no event line.
      // The refusal shows the line (its first 80 characters) or, after `= `, the payload that is no longer JSON (its first 40).
      return { input: set(`${text} extra`), expected: { error: words.length === 3 && /^#\d+$/.test(words[2]!) ? 'unknown-flag' : 'bad-line', line, says: text.includes('=') || text.length > 70 ? [] : ['extra'] }, read };
    case 'blank-and-comment':
      return { input: [...lines.slice(0, first + k), '', '# a comment', '   ', ...lines.slice(first + k)].join('\n'), expected: { events }, read };
    default: {
      const [i, j] = c.edit === 'swap-lines' ? pair(c, n) : [k, k];
      const moved = moveLines(c.edit, lines.slice(first, first + n), i, j);
      return { input: [...lines.slice(0, first), ...moved, ''].join('\n'), expected: { events: moveLines(c.edit, events, i, j) }, read };
    }
  }
}

/** Merged text (`parseMerged`): `@<stream> <canonical line>` per event, streams `a` and `b`. */
function editMerged(trace: Trace, c: ReaderEditCase): Edited | undefined {
  const canonical = trace.canonical();
  const n = canonical.length;
  if (n === 0 || (n < 2 && c.edit === 'swap-lines')) return undefined;
  const streamOf = (i: number): string => ((c.streams >>> i % 32) & 1 ? 'b' : 'a');
  const tagged = canonical.map((e, i) => ({ stream: streamOf(i), e }));
  const lines = tagged.map((t) => `@${t.stream} ${formatCanonicalEvent(t.e)}`);
  // A merged view's key: the stream, then the event as its stream's trace holds it (codes by name).
  const want = (list: readonly { stream: string; e: CanonicalEvent }[]): string[] => list.map((t) => `${t.stream} ${key(t.e)}`);
  const read = (s: string): string[] => {
    const merged = parseMerged(s);
    return Array.from({ length: merged.length }, (_, p) => {
      const { stream, event } = merged.at(p);
      const t = merged.streams[merged.streamOf[p]!]!.trace;
      return `${stream} ${key({ ...event, code: t.codeName(event.code), seq: undefined })}`;
    });
  };
  const k = pick(c.at, n);
  const set = (t: string): string => [...lines.slice(0, k), t, ...lines.slice(k + 1)].join('\n') + '\n';
  switch (c.edit) {
    case 'unknown-kind': {
      const rest = formatCanonicalEvent(canonical[k]!);
      return { input: set(`@${streamOf(k)} leap ${rest.slice(rest.indexOf(' ') + 1)}`), expected: { error: isStreamRecord(canonical[k]!.kind) ? 'bad-line' : 'unknown-kind', line: k + 1, says: ['leap'] }, read };
    }
    case 'no-stream':
      return { input: set(formatCanonicalEvent(canonical[k]!)), expected: { error: 'bad-line', line: k + 1, says: ['@<stream>'] }, read };
    case 'blank-and-comment':
      return { input: [...lines.slice(0, k), '', '# a comment', ...lines.slice(k)].join('\n') + '\n', expected: { events: want(tagged) }, read };
    default: {
      const [i, j] = c.edit === 'swap-lines' ? pair(c, n) : [k, k];
      return { input: moveLines(c.edit, lines, i, j).join('\n') + '\n', expected: { events: want(moveLines(c.edit, tagged, i, j)) }, read };
    }
  }
}

/** Chrome JSON this package wrote (`decodeChrome`, mapping 1): one event object a line. */
function editChrome(trace: Trace, c: ReaderEditCase): Edited | undefined {
  const lines = encodeChrome(trace).split('\n');
  // Lines that are events of the trace (not metadata, open-set or suspension slices): `"event":"<kind>"` in args.
  const candidates = lines.flatMap((l, i) => {
    const body = l.endsWith(',') ? l.slice(0, -1) : l;
    if (!body.startsWith('{"ph":')) return [];
    const e = JSON.parse(body) as { ph: string; cat?: string; args?: Record<string, unknown> };
    return e.ph !== 'M' && e.cat === undefined && typeof e.args?.['event'] === 'string' && e.args['event'] !== 'open' ? [i] : [];
  });
  if (candidates.length === 0) return undefined;
  const i = candidates[pick(c.at, candidates.length)]!;
  const comma = lines[i]!.endsWith(',') ? ',' : '';
  const event = JSON.parse(lines[i]!.slice(0, lines[i]!.length - comma.length)) as { args: Record<string, unknown> };
  const utf8 = new TextEncoder();
  const start = utf8.encode(lines.slice(0, i).join('\n') + '\n').length;
  const end = start + utf8.encode(lines[i]!).length;
  const set = (t: string): string => [...lines.slice(0, i), t, ...lines.slice(i + 1)].join('\n');
  const read = (s: string): string[] => decodeChrome(utf8.encode(s)).canonical().map((e) => key(e));
  // A refusal names the event by its index (line 0 opens the list, one event a line) and what is wrong with it.
  const refused = (...words: string[]): Expected => ({ error: 'bad-event', byteRange: [start, start], says: [`traceEvents[${i - 1}]`, ...words] });
  switch (c.edit) {
    case 'unknown-kind':
      return { input: set(JSON.stringify({ ...event, args: { ...event.args, event: 'leap' } }) + comma), expected: refused('"leap"'), read };
    case 'wrong-type':
      return { input: set(JSON.stringify({ ...event, args: { ...event.args, activation: String(event.args['activation']) } }) + comma), expected: refused('args.activation'), read };
    case 'break-syntax': {
      // Without its last `}` the event swallows what follows: the grammar breaks at the latest on the next line's first byte.
      const body = lines[i]!.slice(0, lines[i]!.length - comma.length);
      return { input: set(body.slice(0, -1) + comma), expected: { error: 'bad-json', byteRange: [start, end + 1] }, read };
    }
    case 'no-event': {
      const { event: _, ...args } = event.args;
      return { input: set(JSON.stringify({ ...event, args }) + comma), expected: refused('args.event'), read };
    }
    case 'wrong-phase': {
      // A call as an `E`, a return as a `B`, an instant as a `B`: phases encodeChrome never gives those kinds.
      const ph = (event as unknown as { ph: string }).ph;
      return { input: set(JSON.stringify({ ...event, ph: ph === 'B' ? 'E' : 'B' }) + comma), expected: refused(`"${ph === 'B' ? 'E' : 'B'}"`), read };
    }
    case 'bad-return-completion':
      return { input: set(JSON.stringify({ ...event, args: { ...event.args, returnCompletion: 1 } }) + comma), expected: refused('args.returnCompletion'), read };
    case 'bad-payload':
      return { input: set(JSON.stringify({ ...event, args: { ...event.args, payload: '{"a": 1}' } }) + comma), expected: refused('args.payload'), read };
    case 'open-late': {
      // Not on the first event: an `open` slice there would be a declaration of the open set, not an error.
      if (i === candidates[0]) return undefined;
      return { input: set(JSON.stringify({ ...event, args: { ...event.args, event: 'open' } }) + comma), expected: refused('open'), read };
    }
    default:
      // `cname` (a colour name) is a Chrome field the mapping does not read: the events are unchanged.
      return { input: set(`{"cname":"good",${lines[i]!.slice(1)}`), expected: { events: trace.canonical().map((e) => key(e)) }, read };
  }
}
