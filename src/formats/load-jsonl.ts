// loadTrace's JSONL case in its own module, so that a caller that knows the format (`verify`) loads only this
// reader (issue 15).
import { decodeJsonl } from './jsonl.ts';
import type { LoadedTrace } from './load.ts';
import { utf8 } from './utf8.ts';

/**
 * Reads JSONL bytes as {@link loadTrace} does: with or without the header line (a tracer that writes events only).
 * @param bytes - the file, detected as JSONL (by our header or by an event as the first line)
 * @returns the trace, events or not (the caller judges an empty one: see `nonEmpty`)
 * @throws {@link TraceFormatError} for malformed input
 * @internal
 */
export function loadJsonl(bytes: Uint8Array): LoadedTrace {
  return { format: 'jsonl', trace: decodeJsonl(utf8(bytes), { requireHeader: false }) };
}
