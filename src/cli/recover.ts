import { TraceFormatError } from '../model/errors.ts';
import { encodeWire } from '../wire/encode.ts';
import { readWire } from '../wire/reader.ts';
import type { Out } from './verify.ts';
import { readInput, writeOutput } from './files.ts';
import { UsageError } from './usage-error.ts';

/**
 * `trace-harness recover <in> -o <out>`: reads a wire file cut short or damaged, keeps every complete
 * chunk before the first bad byte, and writes them as a clean, closed file (a headerless segment: its
 * complete chunks as they were); reports what was lost.
 * @returns 0 when a file was written (whatever was lost)
 * @throws {@link UsageError} when the input is not a wire file at all, or cannot be read or written (exit 2)
 */
export function runRecover(input: string, output: string, io: Out): number {
  let r;
  const bytes = readInput(input);
  try {
    r = readWire(bytes);
  } catch (error) {
    if (error instanceof TraceFormatError) throw new UsageError(`${input}: ${error.message}`);
    throw error;
  }
  // A whole stream is re-encoded and closed. A run of chunks cut out of one (no file header) starts with
  // activations its first checkpoint declares open: its complete chunks are copied byte for byte, so the
  // checkpoints that make it stand alone are kept.
  const segment = r.version === undefined;
  writeOutput(output, segment ? bytes.subarray(0, r.loss?.byteOffset ?? bytes.length) : encodeWire(r.trace));
  const kept = `kept ${r.trace.length} events in ${r.chunks} chunk(s)${segment ? ' (a segment: copied as it was)' : ''}`;
  if (r.loss) {
    const l = r.loss;
    io.out(`${kept}; lost ${l.lostBytes} bytes from byte ${l.byteOffset}${l.lostEvents !== undefined ? ` (at least ${l.lostEvents} events)` : ''}: ${l.error.message}`);
  } else {
    io.out(`${kept}; nothing lost${r.complete || segment ? '' : ' (the recording had no end-of-stream record: closed now)'}`);
  }
  return 0;
}
