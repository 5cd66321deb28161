// loadTrace's canonical-text case in its own module, so that a caller that knows the format (`verify`) loads
// only this reader (issue 15).
import type { LoadedTrace } from './load.ts';
import { parseCanonical, traceFromCanonical } from './text.ts';
import { utf8 } from './utf8.ts';

/**
 * Reads canonical-text bytes as {@link loadTrace} does.
 * @param bytes - the file, detected as canonical text (the fallback format)
 * @returns the trace, events or not (the caller judges an empty one: see `nonEmpty`)
 * @throws {@link TraceFormatError} for malformed input
 * @internal
 */
export function loadText(bytes: Uint8Array): LoadedTrace {
  const text = parseCanonical(utf8(bytes));
  return { format: 'text', trace: traceFromCanonical(text.events, text.open, text.openPartial, text.complete) };
}
