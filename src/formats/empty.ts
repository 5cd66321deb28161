import { TraceFormatError } from '../model/errors.ts';
import { FILE_HEADER_BYTES, MAGIC } from '../wire/spec.ts';
import type { TraceFormat } from './detect.ts';
import type { LoadedTrace } from './load.ts';

/**
 * The one verdict on a file that holds no events (README "Trace files", degenerate inputs): an empty
 * file, only whitespace, only a byte order mark, only comments or header lines, only the JSONL header
 * line, only the 12-byte wire file header, a wire stream of 0 events, Chrome JSON without events. Every
 * command that reads a trace file gives it: `verify` fails the file, `print`, `convert`, `recover` and
 * `merge` refuse it as bad input (exit 2), all with this error's message.
 * @param bytes - the whole file
 * @param format - the format it was read as
 * @returns a `empty-trace` {@link TraceFormatError} at byte 0, naming what the file holds
 */
export function emptyTraceError(bytes: Uint8Array, format: TraceFormat): TraceFormatError {
  return new TraceFormatError('empty-trace', 0, `no events: ${describeEmpty(bytes, format)}`);
}

/**
 * A loaded file, unless it holds no events: a file without events is no trace, whatever its format (a torn
 * wire file reports its loss instead).
 * @param loaded - what a reader made of `bytes`
 * @param bytes - the whole file
 * @returns `loaded`
 * @throws {@link emptyTraceError} when the trace has no events and no wire loss
 * @internal
 */
export function nonEmpty(loaded: LoadedTrace, bytes: Uint8Array): LoadedTrace {
  if (loaded.trace.length === 0 && loaded.wire?.loss === undefined) throw emptyTraceError(bytes, loaded.format);
  return loaded;
}

/** What a file without events holds, in words. @internal */
function describeEmpty(bytes: Uint8Array, format: TraceFormat): string {
  if (bytes.length === 0) return 'an empty file';
  if (format === 'wire') {
    const header = bytes.length === FILE_HEADER_BYTES && MAGIC.every((b, i) => bytes[i] === b);
    return header ? 'only the 12-byte wire file header' : 'a wire stream of 0 events';
  }
  if (format === 'chrome') return 'chrome json without events';
  if (format === 'jsonl') return 'only the jsonl header line';
  // TextDecoder drops a leading byte order mark.
  const body = new TextDecoder().decode(bytes);
  if (body === '' && bytes.length === 3) return 'only a byte order mark';
  if (body.trim() === '') return 'only whitespace';
  return 'only comments or header lines';
}
