// loadTrace's wire case in its own module, so that a caller that knows the format (`verify`) loads only this
// reader (issue 15).
import { readWire } from '../wire/reader.ts';
import type { LoadedTrace } from './load.ts';

/**
 * Reads wire bytes as {@link loadTrace} does: tolerantly, a torn tail reported in `wire.loss`, not thrown.
 * @param bytes - the file, detected as wire
 * @returns the trace, events or not (the caller judges an empty one: see `nonEmpty`)
 * @throws {@link TraceFormatError} for a file that is no wire stream at all
 * @internal
 */
export function loadWire(bytes: Uint8Array): LoadedTrace {
  const wire = readWire(bytes);
  return { format: 'wire', trace: wire.trace, wire };
}
