import { MAGIC } from '../wire/spec.ts';
import { CHUNK_MARKER } from '../wire/spec.ts';

/** The trace formats this package reads and writes. */
export type TraceFormat = 'wire' | 'jsonl' | 'text' | 'merged' | 'chrome';

/**
 * Guesses the format of a file from its first bytes: the wire magic (or a chunk marker: a run of chunks),
 * a JSONL header line, a JSON object or array (Chrome Trace Event Format), merged text of several streams
 * (its first event line starts with `@`), otherwise canonical text.
 * @param bytes - the file, or at least its first 4 KiB
 * @returns the format; canonical text is the fallback, and its parser reports what does not fit
 */
export function detectFormat(bytes: Uint8Array): TraceFormat {
  if (bytes.length > 0 && (bytes[0] === CHUNK_MARKER || (bytes[0] === MAGIC[0] && bytes[1] === MAGIC[1]))) return 'wire';
  const head = new TextDecoder().decode(bytes.subarray(0, 4096)).replace(/^\uFEFF/, '').trimStart();
  if (head.startsWith('{"format":"trace-harness-jsonl"') || /^\{\s*"format"\s*:\s*"trace-harness-jsonl"/.test(head)) return 'jsonl';
  if (head.startsWith('{') || head.startsWith('[')) return 'chrome';
  const first = head.split('\n').find((l) => l.trim() !== '' && !l.trimStart().startsWith('#'));
  return first?.trimStart().startsWith('@') ? 'merged' : 'text';
}
