import { TraceFormatError } from '../model/errors.ts';
import { encodeWire } from '../wire/encode.ts';
import { readWire } from '../wire/reader.ts';
import { detectFormat } from '../formats/detect.ts';
import { emptyTraceError } from '../formats/empty.ts';
import { loadTrace } from '../formats/load.ts';
import type { Out } from './verify.ts';
import { readInput, writeOutput } from './files.ts';
import { UsageError } from './usage-error.ts';

/**
 * `trace-harness recover <in> -o <out>`: reads a wire file cut short or damaged, keeps every complete
 * chunk before the first bad byte, and writes them as a clean, closed file (a headerless segment: its
 * complete chunks as they were); reports what was lost.
 * @returns 0 when a file was written (whatever was lost)
 * @throws {@link UsageError} when the input is not a wire file at all, holds no events (`empty-trace`, as
 *   for every command), has no complete chunk to keep, or cannot be read or written (exit 2)
 */
export function runRecover(input: string, output: string, io: Out): number {
  let r;
  const bytes = readInput(input);
  try {
    // 1. A file without events gets the verdict every command gives it (empty-trace), in any format.
    if (detectFormat(bytes) !== 'wire') refuseEmpty(bytes);
    r = readWire(bytes);
    if (r.trace.length === 0 && r.loss === undefined) throw emptyTraceError(bytes, 'wire');
  } catch (error) {
    if (error instanceof TraceFormatError) throw new UsageError(`${input}: ${error.message}`);
    throw error;
  }
  // 2. Nothing complete to keep: no file is written (an empty one would be no trace either).
  if (r.chunks === 0 && r.loss !== undefined) throw new UsageError(`${input}: no complete chunk to keep: ${r.loss.error.message}`);
  // A whole stream is re-encoded and closed. A run of chunks cut out of one (no file header) starts with
  // activations its first checkpoint declares open: its complete chunks are copied byte for byte, so the
  // checkpoints that make it stand alone are kept.
  const segment = r.version === undefined;
  writeOutput(output, segment ? bytes.subarray(0, r.loss?.byteOffset ?? bytes.length) : encodeWire(r.trace.withComplete(true)));
  const kept = `kept ${r.trace.length} events in ${r.chunks} chunk(s)${segment ? ' (a segment: copied as it was)' : ''}`;
  if (r.loss) {
    const l = r.loss;
    io.out(`${kept}; lost ${l.lostBytes} bytes from byte ${l.byteOffset}${l.lostEvents !== undefined ? ` (at least ${l.lostEvents} events)` : ''}: ${l.error.message}`);
  } else {
    io.out(`${kept}; nothing lost${r.complete || segment ? '' : ' (the recording had no end-of-stream record: closed now)'}`);
  }
  return 0;
}

/** Throws the `empty-trace` verdict for a file without events in any format; other errors are readWire's to report. */
function refuseEmpty(bytes: Uint8Array): void {
  try {
    loadTrace(bytes);
  } catch (error) {
    if (error instanceof TraceFormatError && error.code === 'empty-trace') throw error;
    if (!(error instanceof TraceFormatError)) throw error;
  }
}
