import { encodeChrome } from '../formats/chrome.ts';
import { toDot } from '../formats/dot.ts';
import { asyncGraph } from '../model/async-graph.ts';
import { encodeJsonl, JsonlHeaderTooLong } from '../formats/jsonl.ts';
import { type LoadTraceOptions, loadTrace } from '../formats/load.ts';
import { formatCanonical } from '../formats/text.ts';
import { TraceFormatError } from '../model/errors.ts';
import type { Trace } from '../model/trace.ts';
import { encodeWire } from '../wire/encode.ts';
import { readInput, writeOutput } from './files.ts';
import { UsageError } from './usage-error.ts';

import type { ConvertTarget } from './format-targets.ts';

export { CONVERT_TARGETS, type ConvertTarget } from './format-targets.ts';

/**
 * Reads a trace file in any readable format (wire, JSONL, canonical text, Chrome JSON of one thread: see
 * `decodeChrome`) for `convert`, `print` and `merge`. A torn or corrupt wire file is refused with a pointer
 * to `recover`; Chrome JSON with several threads or slices that do not nest is refused (exit 2).
 * @throws {@link UsageError} for unreadable or malformed input (exit 2)
 */
export function readTraceFile(path: string, options: LoadTraceOptions = {}): Trace {
  try {
    const loaded = loadTrace(readInput(path), options);
    const loss = loaded.wire?.loss;
    if (loss) throw new UsageError(`${path}: ${loss.error.message}; run trace-harness recover to keep the valid prefix`);
    return loaded.trace;
  } catch (error) {
    if (error instanceof TraceFormatError) throw new UsageError(`${path}: ${error.message}`);
    throw error;
  }
}

/**
 * Renders a trace in a format.
 * @param trace - the trace
 * @param to - the target format
 */
export function renderTrace(trace: Trace, to: ConvertTarget): Uint8Array | string {
  switch (to) {
    case 'wire':
      return encodeWire(trace);
    case 'jsonl':
      return encodeJsonl(trace);
    case 'text':
      return formatCanonical(trace);
    case 'chrome':
      return encodeChrome(trace);
    case 'dot':
      return toDot(asyncGraph(trace));
  }
}

/**
 * `trace-harness convert <in> -o <out> --to <format>`.
 * @returns 0
 * @throws {@link UsageError} for unreadable or malformed input, an unwritable output, or a trace the target
 *   format cannot hold (JSONL: an open set too long for its header line) (exit 2)
 */
export function runConvert(input: string, output: string, to: ConvertTarget, options: LoadTraceOptions = {}): number {
  const trace = readTraceFile(input, options);
  let rendered: Uint8Array | string;
  try {
    rendered = renderTrace(trace, to);
  } catch (error) {
    // A trace JSONL cannot hold (an open set too long for its header line): the input's, not a bug.
    if (error instanceof JsonlHeaderTooLong) throw new UsageError(`${input}: ${error.message}`);
    throw error;
  }
  writeOutput(output, rendered);
  return 0;
}
