import fc from 'fast-check';
import { detectFormat, type TraceFormat } from '../../src/formats/detect.ts';
import { loadTrace } from '../../src/formats/load.ts';
import { MAX_PAYLOAD_DEPTH } from '../../src/model/payload-text.ts';
import { TraceFormatError } from '../../src/model/errors.ts';
import { refusalShapeProblems } from './refusal-shape.ts';

/**
 * The start of a file as `detectFormat` meets it (issue 13: `loadTrace`'s detection, reached by `check`):
 * a byte order mark or not, leading whitespace or `#` comment lines or not, then a first line of one of
 * the shapes its TSDoc distinguishes, near each boundary (a JSONL event line whose `kind` is no kind name,
 * or lacks `seq`; a header with spaces; JSON nested past any event; a line past 1 MiB; bytes that are not UTF-8; a `@` line
 * after comments), then the rest of a file. The expected format is derived here from `detectFormat`'s
 * TSDoc (the wire magic or a chunk marker at byte 0; our header; an event as the first line; JSON;
 * merged text when the first event line starts with `@`; canonical text), never by running it.
 */
export interface DetectCase {
  readonly bom: boolean;
  /** Before the first line: nothing, spaces, blank lines, a `#` comment line. */
  readonly lead: (typeof LEADS)[number];
  readonly first: (typeof FIRST_LINES)[number];
  /** Ends the first line: a newline, `\r\n`, or the end of the file. */
  readonly end: '\n' | '\r\n' | '';
}

const LEADS = ['', '  ', '\n\n', '# seed 1\n', '# seed 1\n\n  # two\n  '] as const;

/** First lines, each with the format its shape makes (before the lead and the byte order mark are taken into account). */
const FIRST_LINES = [
  'wire-magic',
  'chunk-marker',
  'jsonl-header',
  'jsonl-header-spaced',
  'jsonl-header-other',
  'jsonl-header-a',
  'jsonl-header-b',
  'jsonl-header-c',
  'magic-first-byte',
  'magic-second-byte',
  'event',
  'event-spaced',
  'event-unknown-kind',
  'event-kind-number',
  'event-no-seq',
  'event-array',
  'event-deep',
  'event-depth-max',
  'event-depth-over',
  'event-long',
  'event-at-limit',
  'event-not-utf8',
  'chrome-object',
  'chrome-array',
  'json-other',
  'json-other-long',
  'json-other-controls',
  'json-bad',
  'merged',
  'text',
  'text-at-later',
] as const;
type FirstLine = (typeof FIRST_LINES)[number];

const utf8 = (s: string): number[] => [...new TextEncoder().encode(s)];
const DEEP = `{"seq":0,"kind":"call","payload":${'['.repeat(2100)}${']'.repeat(2100)}}`;
/** An event line whose payload is nested `levels` deep (the line one more). */
const nested = (levels: number): string => `{"seq":0,"kind":"call","payload":${'['.repeat(levels)}${']'.repeat(levels)}}`;
/** JSON of none of our shapes, its first line longer than the 80 characters a message shows. */
const LONG_OTHER = `{"hello":"${'w'.repeat(100)}"}`;
/** Event lines of exactly the most bytes a JSONL line holds (1 MiB, MAX_JSONL_LINE_BYTES, a `\r` before the newline counted) and one byte more, made once. */
const LONG = new Map<number, Uint8Array>();
function lineOf(length: number): Uint8Array {
  let line = LONG.get(length);
  if (line === undefined) {
    const head = utf8('{"seq":0,"kind":"call","activation":1,"flags":0,"code":"');
    const tail = utf8('"}');
    line = new Uint8Array(length).fill(0x78);
    line.set(head, 0);
    line.set(tail, length - tail.length);
    LONG.set(length, line);
  }
  return line;
}

/** The bytes of a first line (without its end). */
function lineBytes(first: FirstLine): ArrayLike<number> {
  switch (first) {
    case 'event-long':
      return lineOf(2 ** 20 + 1);
    case 'event-at-limit':
      return lineOf(2 ** 20);
    case 'wire-magic':
      return [0x89, 0x54, 0x52, 0x48, 0x0d, 0x0a, 0x1a, 0x0a, 1, 0, 0, 0];
    case 'chunk-marker':
      return [0xc5, 0, 0, 0];
    case 'jsonl-header':
      return utf8('{"format":"trace-harness-jsonl","version":1}');
    case 'jsonl-header-spaced':
      return utf8('{ "format" : "trace-harness-jsonl", "version": 1 }');
    case 'jsonl-header-a':
      return utf8('{"format" : "trace-harness-jsonl","version":1}');
    case 'jsonl-header-b':
      return utf8('{ "format": "trace-harness-jsonl","version":1}');
    case 'jsonl-header-c':
      return utf8('{ "format" :"trace-harness-jsonl","version":1}');
    case 'magic-first-byte':
      return [0x89, 0x41, 0x52, 0x48];
    case 'magic-second-byte':
      return utf8('ATRH call f #1');
    case 'jsonl-header-other':
      return utf8('{"version":1,"format":"trace-harness-jsonl"}');
    case 'event':
      return utf8('{"seq":0,"kind":"call","activation":1,"code":"f","flags":0}');
    case 'event-spaced':
      return utf8(' { "kind": "return", "seq": 3 } ');
    case 'event-unknown-kind':
      return utf8('{"seq":0,"kind":"leap","activation":1,"code":"f","flags":0}');
    case 'event-kind-number':
      return utf8('{"seq":0,"kind":1}');
    case 'event-no-seq':
      return utf8('{"kind":"call","activation":1,"code":"f","flags":0}');
    case 'event-array':
      return utf8('[{"seq":0,"kind":"call"}]');
    case 'event-deep':
      return utf8(DEEP);
    case 'event-depth-max':
      return utf8(nested(MAX_PAYLOAD_DEPTH));
    case 'event-depth-over':
      return utf8(nested(MAX_PAYLOAD_DEPTH + 1));
    case 'event-not-utf8':
      return [...utf8('{"seq":0,"kind":"call","code":"'), 0xff, ...utf8('"}')];
    case 'chrome-object':
      return utf8('{"traceEvents":[{"ph":"B","name":"f","pid":1,"tid":1,"ts":0}]}');
    case 'chrome-array':
      return utf8('[{"ph":"X","name":"f","pid":1,"tid":1,"ts":0,"dur":1}]');
    case 'json-other':
      return utf8('{"hello":"world"}');
    case 'json-other-long':
      return utf8(LONG_OTHER);
    case 'json-other-controls':
      return utf8('{"hello":\t"world",\r"a":1}');
    case 'json-bad':
      return utf8('{"hello":}');
    case 'merged':
      return utf8('@a call f #1');
    case 'text':
      return utf8('call f #1');
    case 'text-at-later':
      return utf8('call f #1 = "@a"');
  }
}

/** What `loadTrace`'s refusal names for the JSON-shaped first lines that are none of our formats (`jsonFormatError`'s TSDoc): the line (its first 77 characters and `...` past 80) and why. */
const MESSAGE_WORDS: Partial<Record<FirstLine, readonly string[]>> = {
  'event-unknown-kind': ['"leap" is not an event kind name'],
  'json-other': ['{"hello":"world"}', 'as chrome json'],
  'json-other-long': [`${LONG_OTHER.slice(0, 77)}...`, 'as chrome json'],
  // JSON whitespace that is a control character, shown escaped: the detail is one line (TraceFormatError).
  'json-other-controls': ['{"hello":\\t"world",\\r"a":1}', 'as chrome json'],
  'json-bad': ['{"hello":}', 'as chrome json'],
};

/** The first lines of 1 MiB: met after nothing or spaces only (after a blank or comment line they are no first line; 5 ms each). */
const LONG_LINES: readonly FirstLine[] = ['event-long', 'event-at-limit'];

/** Every case: 2 x 5 x 29 x 3 file starts, the two 1 MiB lines after nothing or spaces only (2 x 2 x 2 x 3): 894. */
export const DETECT_CASES: readonly DetectCase[] = [true, false].flatMap((bom) =>
  LEADS.flatMap((lead) => FIRST_LINES.filter((first) => !LONG_LINES.includes(first) || lead === '' || lead === '  ').flatMap((first) => (['\n', '\r\n', ''] as const).map((end) => ({ bom, lead, first, end })))),
);

/** Whether every case of {@link DETECT_CASES} passed in this process (detection is a pure function of the bytes). */
let tablePassed = false;

/**
 * {@link checkDetect} on every case of {@link DETECT_CASES} (0.2 s), once per process once it passes: a
 * failing table is checked again at every call, so a shrunk counterexample still shows it.
 * @returns what differs, one line each
 */
export function checkDetectTable(): string[] {
  if (tablePassed) return [];
  const problems = DETECT_CASES.flatMap(checkDetect);
  tablePassed = problems.length === 0;
  return problems;
}

/** Random starts of files: every first line, lead and end, uniformly. */
export function detectCaseArbitrary(): fc.Arbitrary<DetectCase> {
  return fc.record({ bom: fc.boolean(), lead: fc.constantFrom(...LEADS), first: fc.constantFrom(...FIRST_LINES), end: fc.constantFrom('\n' as const, '\r\n' as const, '' as const) });
}

/** The file of a case: byte order mark, lead, first line, its end, and a second line. */
export function detectBytes(c: DetectCase): Uint8Array {
  const parts = [c.bom ? [0xef, 0xbb, 0xbf] : [], utf8(c.lead), lineBytes(c.first), c.end === '' ? [] : utf8(`${c.end}{"seq":1,"kind":"return","activation":1,"code":"f","flags":0}\n`)];
  const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    bytes.set(p, at);
    at += p.length;
  }
  return bytes;
}

/** The format `detectFormat`'s TSDoc gives the case. */
export function expectedFormat(c: DetectCase): TraceFormat {
  // 1. Binary: the wire magic or a chunk marker at byte 0 (nothing before it).
  if (!c.bom && c.lead === '' && (c.first === 'wire-magic' || c.first === 'chunk-marker')) return 'wire';
  if (c.first === 'wire-magic' || c.first === 'chunk-marker') return 'text'; // bytes that are no text: canonical text's parser refuses them
  // 2. After a byte order mark and leading whitespace: our JSONL header (its `format` key first).
  const ws = c.lead === '  ' || c.lead === '\n\n';
  const lead = c.lead === '' || ws;
  if (lead && (c.first === 'jsonl-header' || c.first === 'jsonl-header-spaced' || c.first === 'jsonl-header-a' || c.first === 'jsonl-header-b' || c.first === 'jsonl-header-c')) return 'jsonl';
  // 3. A JSONL event as the file's first line (after the byte order mark; JSON allows spaces around it, a
  //    blank line before it makes the blank line the first), valid UTF-8, at most one JSONL line long (1 MiB),
  //    nested no deeper than an event.
  const objectFirst = (['event', 'event-spaced', 'event-unknown-kind', 'event-kind-number', 'event-no-seq', 'event-deep', 'event-depth-max', 'event-depth-over', 'event-long', 'event-at-limit', 'event-not-utf8', 'chrome-object', 'json-other', 'json-other-long', 'json-other-controls', 'json-bad', 'jsonl-header-other'] as const).includes(c.first as never);
  // (An event is nested one level deeper than its payload: a payload at the deepest a payload may be, 2048 levels, is one.)
  if ((c.lead === '' || c.lead === '  ') && (c.first === 'event' || c.first === 'event-spaced' || c.first === 'event-depth-max')) return 'jsonl';
  // (At the limit with nothing before it, it is one; a `\r` or two spaces more make it one byte too long.)
  if (c.lead === '' && c.first === 'event-at-limit' && c.end !== '\r\n') return 'jsonl';
  // 4. Any other JSON: Chrome JSON.
  if (lead && (objectFirst || c.first === 'chrome-array' || c.first === 'event-array')) return 'chrome';
  // 5. Text: merged when the first line that is neither blank nor a comment starts with `@`.
  return c.first === 'merged' ? 'merged' : 'text';
}

/**
 * `detectFormat` on the case's file against {@link expectedFormat}; and `loadTrace` on the JSON-shaped
 * files that are none of our JSON formats: `unknown-format` at byte 0 naming the first line and, for an
 * event line whose kind is no kind name, that kind (`jsonFormatError`'s TSDoc).
 * @returns what differs, one line each
 */
export function checkDetect(c: DetectCase): string[] {
  const bytes = detectBytes(c);
  const what = `detect: ${c.bom ? 'BOM, ' : ''}${JSON.stringify(c.lead)}, ${c.first}, end ${JSON.stringify(c.end)}`;
  const want = expectedFormat(c);
  const got = detectFormat(bytes);
  if (got !== want) return [`${what}: detectFormat says ${got}, want ${want}`];
  const words = MESSAGE_WORDS[c.first];
  if (want !== 'chrome' || words === undefined) return [];
  try {
    const t = loadTrace(bytes).trace;
    return [`${what}: loadTrace read ${t.length} events, want unknown-format`];
  } catch (error) {
    if (!(error instanceof TraceFormatError)) return [`${what}: ${(error as Error).name} escaped loadTrace: ${(error as Error).message}`];
    const all = ['trace-harness-jsonl', 'chrome', 'first line', ...words];
    const missing = all.filter((w) => !error.message.includes(w));
    if (error.code !== 'unknown-format' || error.byteOffset !== 0 || missing.length > 0) return [`${what}: want unknown-format at byte 0 naming ${all.map((w) => JSON.stringify(w)).join(', ')}, got ${error.code} at byte ${error.byteOffset}: ${error.message}`];
    // Why it is no Chrome JSON is the reader's detail alone: not its code, its "want chrome trace json" or its offset again.
    const repeated = ['bad-json:', 'unknown-format: want an array', 'want chrome trace json', '(at byte 0))', ...(c.first === 'json-other-long' ? [LONG_OTHER.slice(0, 78)] : [])].filter((w) => error.message.includes(w));
    if (repeated.length > 0) return [`${what}: the message repeats ${repeated.map((w) => JSON.stringify(w)).join(', ')}: ${error.message}`];
    return refusalShapeProblems(error, what);
  }
}
