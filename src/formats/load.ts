import { TraceFormatError } from '../model/errors.ts';
import type { Trace } from '../model/trace.ts';
import type { WireReadResult } from '../wire/reader.ts';
import { type ChromeThread, decodeChrome } from './chrome-read.ts';
import { detectFormat, type TraceFormat } from './detect.ts';
import { nonEmpty } from './empty.ts';
import { jsonFormatError } from './json-format-error.ts';
import { loadJsonl } from './load-jsonl.ts';
import { loadText } from './load-text.ts';
import { loadWire } from './load-wire.ts';

/** A trace read from bytes in any readable format. */
export interface LoadedTrace {
  readonly format: Exclude<TraceFormat, 'merged'>;
  readonly trace: Trace;
  /** For wire input: the tolerant read (completeness, loss, checkpoint). */
  readonly wire?: WireReadResult;
}

/** Options of {@link loadTrace}. */
export interface LoadTraceOptions {
  /** The thread of a Chrome JSON file with several (see {@link decodeChrome}); ignored by the other formats. */
  readonly chromeThread?: ChromeThread;
}

/**
 * Reads a trace from wire, JSONL (with or without its header line), canonical-text or Chrome Trace Event
 * JSON bytes (format detected). Wire input is read tolerantly: a torn tail is reported in `wire.loss`, not
 * thrown. Chrome JSON is read by {@link decodeChrome}: a file trace-harness wrote comes back as the trace
 * it holds, a foreign one by the mapping of `B`/`E`/`X` and async `b`/`e` described there, one thread a
 * trace.
 * @param bytes - the file contents
 * @throws {@link TraceFormatError} for malformed input (for Chrome JSON also slices that do not nest, and
 *   several threads: see {@link decodeChrome}), `empty-trace` for a file without events (see
 *   {@link emptyTraceError}), and `unknown-format` for merged text (several streams; `parseMerged` reads
 *   it) and JSON that is none of our formats (the message names what was expected: see {@link jsonFormatError})
 */
export function loadTrace(bytes: Uint8Array, options: LoadTraceOptions = {}): LoadedTrace {
  return nonEmpty(loadAny(bytes, options), bytes);
}

function loadAny(bytes: Uint8Array, options: LoadTraceOptions): LoadedTrace {
  const format = detectFormat(bytes);
  switch (format) {
    case 'wire':
      return loadWire(bytes);
    case 'jsonl':
      // Detected by our header or by an event as the first line: a tracer that writes no header.
      return loadJsonl(bytes);
    case 'text':
      return loadText(bytes);
    case 'chrome':
      try {
        return { format, trace: decodeChrome(bytes, options.chromeThread !== undefined ? { thread: options.chromeThread } : {}) };
      } catch (e) {
        // JSON that is not Chrome JSON either gets the error naming all the JSON formats.
        throw e instanceof TraceFormatError ? jsonFormatError(new TextDecoder().decode(bytes), e) : e;
      }
    case 'merged':
      throw new TraceFormatError('unknown-format', 0, 'merged text holds several streams (trace-harness merge wrote it); it can be verified, not read as one trace');
  }
}
