/**
 * Once per process, JSONL files at edges the edits of our own files never write (issue 13: the surviving
 * mutants of `src/formats/jsonl.ts` named them), each verdict from `decodeJsonl`'s and `encodeJsonl`'s TSDoc:
 * a first line that is JSON but no header object, or another format's header, or no JSON at all, with the
 * header required and not; empty input; a line of exactly {@link MAX_JSONL_LINE_BYTES} and one byte more; a
 * header line of exactly that many bytes written by `encodeJsonl`, and one byte more refused as
 * {@link JsonlHeaderTooLong}. Every refusal's message is held to its shape (`refusal-shape.ts`): a header shown
 * with a CR or a tab in it still gives a one-line detail.
 * @module
 */
import { decodeJsonl, encodeJsonl, JsonlHeaderTooLong, MAX_JSONL_LINE_BYTES } from '../../src/formats/jsonl.ts';
import { TraceFormatError, type TraceFormatErrorCode } from '../../src/model/errors.ts';
import { EventKind } from '../../src/model/kinds.ts';
import { Trace } from '../../src/model/trace.ts';
import { refusalShapeProblems } from './refusal-shape.ts';

const HEADER = '{"format":"trace-harness-jsonl","version":1}';
const EVENT = '{"seq":0,"kind":"call","activation":1,"code":"f","flags":0}';

/** An event line padded with spaces before its closing brace (JSON allows them) to `bytes` bytes. */
function padded(bytes: number): string {
  return `${EVENT.slice(0, -1)}${' '.repeat(bytes - EVENT.length)}}`;
}

/**
 * The table: what, the file, whether the header is required, the verdict (a refusal on line 1 with its code, a
 * refusal on a later line as `<code> on line <n>`, or the number of events read), and words the refusal must
 * say ("want X, got Y": TraceFormatError's TSDoc). A file read holds code `f` once (ids by first use), no open
 * set and is complete (no header or one without `incomplete`). (TSDoc: "bad-header (missing or malformed header)", "a first line with
 * a `format` key is still the header, held to its rules", "any other first line is the first event, and empty
 * input is an empty trace", "a line over MAX_JSONL_LINE_BYTES" is `limit-exceeded`; a line that is not JSON is
 * `bad-json`, the header's first line too.)
 */
const FIRST_LINES: readonly (readonly [string, string, boolean, TraceFormatErrorCode | `${TraceFormatErrorCode} on line ${number}` | number, (readonly string[])?])[] = [
  ['a number for the header', `1\n${EVENT}\n`, true, 'bad-header'],
  ['a list for the header', `[]\n${EVENT}\n`, true, 'bad-header'],
  ['null for the header', `null\n${EVENT}\n`, true, 'bad-header'],
  ['a string for the header', `"x"\n${EVENT}\n`, true, 'bad-header'],
  ['a number first, no header required: the first event', `1\n${EVENT}\n`, false, 'bad-event'],
  ['another format\'s header', `{"format":"other","version":2}\n${EVENT}\n`, true, 'bad-header'],
  ['another format\'s header, no header required', `{"format":"other","version":2}\n${EVENT}\n`, false, 'bad-header'],
  // Shown in the message on one line (the detail is one trimmed line: TraceFormatError).
  ['another format\'s header ending in CRLF', `{"format":"other","version":2}\r\n${EVENT}\r\n`, true, 'bad-header'],
  ['another format\'s header with a tab and a CR inside', `{"format":\t"other",\r"version":2}\n${EVENT}\n`, true, 'bad-header'],
  ['version 2', `{"format":"trace-harness-jsonl","version":2}\n${EVENT}\n`, true, 'unsupported-version'],
  ['a header cut short', `{"format":\n${EVENT}\n`, true, 'bad-json'],
  ['a first line cut short, no header required', `{"format":\n${EVENT}\n`, false, 'bad-json'],
  ['empty input', '', true, 'bad-header'],
  ['empty input, no header required', '', false, 0],
  ['an event line of exactly the bound', `${HEADER}\n${padded(MAX_JSONL_LINE_BYTES)}\n`, true, 1],
  ['an event line of one byte more', `${HEADER}\n${padded(MAX_JSONL_LINE_BYTES + 1)}\n`, true, 'limit-exceeded'],
  // Event lines that are JSON but no object.
  ['an event line null', `${HEADER}\nnull\n`, true, 'bad-event on line 2', ['event: want an object, got null']],
  ['an event line a list', `${HEADER}\n[1]\n`, true, 'bad-event on line 2', ['event: want an object, got an array']],
  ['an event line a string', `${HEADER}\n"x"\n`, true, 'bad-event on line 2', ['event: want an object, got string']],
  ['an event line a number, no header', `1\n`, false, 'bad-event', ['event: want an object, got number']],
  // Reads: without a header, twice the same code, the last line without its newline.
  ['two events first, no header required', `${EVENT}\n${EVENT.replace('"seq":0', '"seq":1')}\n`, false, 2],
  ['the last line without a newline', `${HEADER}\n${EVENT}`, true, 1],
  ['an empty first line', `\n${HEADER}\n`, true, 'bad-header'],
];

/**
 * A trace of one event whose open set makes `encodeJsonl`'s header line exactly `bytes` long: suspended
 * activations of distinct ASCII names of 4000 bytes, then one whose name fills the line (at most 4096 bytes,
 * the bound of a code name).
 */
function headerOf(bytes: number): Trace {
  const name = (i: number, length: number): string => String(i).padStart(length, 'x');
  // The line's length, counted as entries are added: the header with an empty open list, then each entry and its comma.
  let length = JSON.stringify({ format: 'trace-harness-jsonl', version: 1, open: [] }).length;
  const entry = (k: number, nameLength: number): number => JSON.stringify({ activation: k + 1, code: '', state: 'suspended' }).length + nameLength + (k > 0 ? 1 : 0);
  const names: string[] = [];
  while (bytes - length > entry(names.length, 4096)) {
    length += entry(names.length, 4000);
    names.push(name(names.length, 4000));
  }
  names.push(name(names.length, bytes - length - entry(names.length, 0)));
  return Trace.fromEvents([{ seq: 0, kind: EventKind.Return, activation: 1, code: 0, flags: 0 }], names).withOpen(names.map((_, i) => ({ activation: i + 1, code: i, state: 'suspended' as const })));
}

let checked = false;

/**
 * The table above through `decodeJsonl`, and the header bound through `encodeJsonl`.
 * @returns what went wrong, one line each; empty once it held (then it is not run again)
 */
export function checkJsonlFirstLines(): string[] {
  if (checked) return [];
  const problems: string[] = [];
  for (const [what, text, requireHeader, want, words] of FIRST_LINES) {
    let got: string;
    try {
      const t = decodeJsonl(text, { requireHeader });
      got = String(t.length);
      const codes = t.length === 0 ? [] : ['f'];
      if (JSON.stringify(t.codes) !== JSON.stringify(codes) || t.open.length > 0 || t.openPartial || !t.complete) {
        problems.push(`jsonl ${what}: read with codes ${JSON.stringify(t.codes)}, ${t.open.length} open, openPartial ${t.openPartial}, complete ${t.complete}; want codes ${JSON.stringify(codes)}, none open, complete`);
      }
    } catch (e) {
      if (!(e instanceof TraceFormatError)) {
        problems.push(`jsonl ${what}: ${(e as Error).name} escaped decodeJsonl: ${(e as Error).message}`);
        continue;
      }
      got = e.line === 1 || e.code === 'limit-exceeded' ? e.code : `${e.code} on line ${e.line}`;
      problems.push(...refusalShapeProblems(e, `jsonl ${what}`, words));
    }
    if (got !== String(want)) problems.push(`jsonl ${what}: got ${got}, want ${want}`);
  }
  for (const extra of [0, 1]) {
    const trace = headerOf(MAX_JSONL_LINE_BYTES + extra);
    try {
      const text = encodeJsonl(trace);
      const header = text.slice(0, text.indexOf('\n'));
      if (extra === 1) problems.push(`encodeJsonl wrote a header line of ${new TextEncoder().encode(header).length} bytes, want JsonlHeaderTooLong past ${MAX_JSONL_LINE_BYTES}`);
      else if (header.length !== MAX_JSONL_LINE_BYTES || decodeJsonl(text).open.length !== trace.open.length) problems.push(`encodeJsonl of an open set that fills the header line: ${header.length} bytes (want ${MAX_JSONL_LINE_BYTES}), read back with ${decodeJsonl(text).open.length} of ${trace.open.length} open`);
    } catch (e) {
      const name = (e as Error).name;
      // The refusal says why: the line's bound in bytes.
      if (extra === 0 || !(e instanceof JsonlHeaderTooLong) || name !== 'JsonlHeaderTooLong' || !(e as Error).message.includes(String(MAX_JSONL_LINE_BYTES))) problems.push(`encodeJsonl of a header line of ${MAX_JSONL_LINE_BYTES + extra} bytes: ${name}: ${(e as Error).message.slice(0, 120)}`);
    }
  }
  checked = problems.length === 0;
  return problems;
}
