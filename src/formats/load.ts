import { TraceFormatError } from '../model/errors.ts';
import type { Trace } from '../model/trace.ts';
import { readWire, type WireReadResult } from '../wire/reader.ts';
import { type ChromeThread, decodeChrome } from './chrome-read.ts';
import { detectFormat, jsonFormatError, type TraceFormat } from './detect.ts';
import { emptyTraceError } from './empty.ts';
import { decodeJsonl } from './jsonl.ts';
import { parseCanonical, traceFromCanonical } from './text.ts';

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
  const loaded = loadAny(bytes, options);
  // A file without events is no trace, whatever its format (a torn wire file reports its loss instead).
  if (loaded.trace.length === 0 && loaded.wire?.loss === undefined) throw emptyTraceError(bytes, loaded.format);
  return loaded;
}

function loadAny(bytes: Uint8Array, options: LoadTraceOptions): LoadedTrace {
  const format = detectFormat(bytes);
  switch (format) {
    case 'wire': {
      const wire = readWire(bytes);
      return { format, trace: wire.trace, wire };
    }
    case 'jsonl':
      // Detected by our header or by an event as the first line: a tracer that writes no header.
      return { format, trace: decodeJsonl(utf8(bytes), { requireHeader: false }) };
    case 'text':
    {
      const text = parseCanonical(utf8(bytes));
      return { format, trace: traceFromCanonical(text.events, text.open, text.openPartial, text.complete) };
    }
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

/**
 * Decodes a whole file as UTF-8, refusing bytes that are not (never replacing them).
 * @param bytes - the file
 * @throws {@link TraceFormatError} `bad-line` at byte 0 when the bytes are not valid UTF-8
 * @internal
 */
export function utf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (e) {
    if (!(e instanceof TypeError)) throw e; // TextDecoder's error for bytes that are not UTF-8
    throw new TraceFormatError('bad-line', 0, 'input is not valid UTF-8');
  }
}
