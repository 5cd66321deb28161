import { kindFromName } from '../model/kinds.ts';
import { jsonDepth, MAX_PAYLOAD_DEPTH } from '../model/payload-text.ts';
import { CHUNK_MARKER, MAGIC } from '../wire/spec.ts';
import { MAX_JSONL_LINE_BYTES } from './jsonl-header.ts';

/** The trace formats this package reads and writes. */
export type TraceFormat = 'wire' | 'jsonl' | 'text' | 'merged' | 'chrome';

/** The UTF-8 byte order mark, skipped before a first line. @internal */
const BOM = [0xef, 0xbb, 0xbf];

/**
 * Guesses the format of a file from its first bytes: the wire magic (or a chunk marker: a run of chunks),
 * a JSONL header line, a JSONL event line without the header (a JSON object with `seq` and `kind` keys,
 * `kind` an event kind name: a tracer in another language writing events only), a JSON object or array
 * (Chrome Trace Event Format), merged text of several streams (its first event line starts with `@`),
 * otherwise canonical text.
 * @param bytes - the file, or at least its first 4 KiB; a headerless JSONL file is recognised by its
 *   whole first line, so pass that line too (up to {@link MAX_JSONL_LINE_BYTES}; a longer one is no event)
 * @returns the format; canonical text is the fallback, and its parser reports what does not fit
 */
export function detectFormat(bytes: Uint8Array): TraceFormat {
  if (bytes.length > 0 && (bytes[0] === CHUNK_MARKER || (bytes[0] === MAGIC[0] && bytes[1] === MAGIC[1]))) return 'wire';
  // TextDecoder drops a byte order mark, trimStart any whitespace (U+FEFF included).
  const head = new TextDecoder().decode(bytes.subarray(0, 4096)).trimStart();
  if (/^\{\s*"format"\s*:\s*"trace-harness-jsonl"/.test(head)) return 'jsonl';
  if (head.startsWith('{') && firstLineShape(bytes) === 'event') return 'jsonl';
  if (head.startsWith('{') || head.startsWith('[')) return 'chrome';
  const first = head.split('\n').find((l) => l.trim() !== '' && !l.trimStart().startsWith('#'));
  return first?.trimStart().startsWith('@') ? 'merged' : 'text';
}

/**
 * What the first line is: a JSONL `event` (`seq` and `kind` keys, `kind` an event kind name), an object
 * shaped like one but whose `kind` names no event kind (`unknown-kind`, with that kind), or `other`.
 * Reads at most one JSONL line's worth of bytes; a line without its end within them is `other`. @internal
 */
export function firstLineShape(bytes: Uint8Array): 'event' | 'other' | { readonly unknownKind: unknown } {
  const start = BOM.every((b, i) => bytes[i] === b) ? BOM.length : 0;
  // 1. The line's end within one JSONL line's bound, as decodeJsonl counts it (a `\r` before the newline
  //    counts); the end of the bytes ends it too. A longer line is one decodeJsonl refuses: no event.
  const window = bytes.subarray(start, start + MAX_JSONL_LINE_BYTES + 1);
  const nl = window.indexOf(0x0a);
  if (nl < 0 && bytes.length > start + MAX_JSONL_LINE_BYTES) return 'other';
  let line: string;
  try {
    line = new TextDecoder('utf-8', { fatal: true }).decode(nl < 0 ? window : window.subarray(0, nl));
  } catch (e) {
    if (!(e instanceof TypeError)) throw e; // TextDecoder's error for bytes that are not UTF-8
    return 'other';
  }
  // 2. Its shape, without trusting it: JSON.parse makes `__proto__` an own key, never the prototype.
  if (jsonDepth(line, MAX_PAYLOAD_DEPTH + 1) > MAX_PAYLOAD_DEPTH + 1) return 'other'; // deeper than any event: no recursion over it
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (e) {
    if (!(e instanceof SyntaxError)) throw e;
    return 'other';
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value) || !Object.hasOwn(value, 'seq') || !Object.hasOwn(value, 'kind')) return 'other';
  const kind: unknown = (value as { kind: unknown }).kind;
  return typeof kind === 'string' && kindFromName(kind) !== undefined ? 'event' : { unknownKind: kind };
}
