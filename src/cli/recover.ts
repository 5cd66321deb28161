import { TraceFormatError } from '../model/errors.ts';
import { encodeWire } from '../wire/encode.ts';
import { readWire } from '../wire/reader.ts';
import type { Out } from './verify.ts';
import { readInput, writeOutput } from './files.ts';
import { UsageError } from './usage-error.ts';

/**
 * `trace-harness recover <in> -o <out>`: reads a wire file cut short or damaged, keeps every complete
 * chunk before the first bad byte, and writes them as a clean, closed file; reports what was lost.
 * @returns 0 when a file was written (whatever was lost)
 * @throws {@link UsageError} when the input is not a wire file at all, or cannot be read or written (exit 2)
 */
export function runRecover(input: string, output: string, io: Out): number {
  let r;
  try {
    r = readWire(readInput(input));
  } catch (error) {
    if (error instanceof TraceFormatError) throw new UsageError(`${input}: ${error.message}`);
    throw error;
  }
  writeOutput(output, encodeWire(r.trace));
  const kept = `kept ${r.trace.length} events in ${r.chunks} chunk(s)`;
  if (r.loss) {
    const l = r.loss;
    io.out(`${kept}; lost ${l.lostBytes} bytes from byte ${l.byteOffset}${l.lostEvents !== undefined ? ` (at least ${l.lostEvents} events)` : ''}: ${l.error.message}`);
  } else {
    io.out(`${kept}; nothing lost${r.complete ? '' : ' (the recording had no end-of-stream record: closed now)'}`);
  }
  return 0;
}
