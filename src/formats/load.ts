import { TraceFormatError } from '../model/errors.ts';
import type { Trace } from '../model/trace.ts';
import { readWire, type WireReadResult } from '../wire/reader.ts';
import { detectFormat, type TraceFormat } from './detect.ts';
import { decodeJsonl } from './jsonl.ts';
import { parseCanonical, traceFromCanonical } from './text.ts';

/** A trace read from bytes in any readable format. */
export interface LoadedTrace {
  readonly format: Exclude<TraceFormat, 'chrome' | 'merged'>;
  readonly trace: Trace;
  /** For wire input: the tolerant read (completeness, loss, checkpoint). */
  readonly wire?: WireReadResult;
}

/**
 * Reads a trace from wire, JSONL or canonical-text bytes (format detected). Wire input is read
 * tolerantly: a torn tail is reported in `wire.loss`, not thrown.
 * @param bytes - the file contents
 * @throws {@link TraceFormatError} for malformed input, and `unknown-format` for Chrome JSON (an output
 *   format only; `verifyChrome` checks it) and merged text (several streams; `parseMerged` reads it)
 */
export function loadTrace(bytes: Uint8Array): LoadedTrace {
  const format = detectFormat(bytes);
  switch (format) {
    case 'wire': {
      const wire = readWire(bytes);
      return { format, trace: wire.trace, wire };
    }
    case 'jsonl':
      return { format, trace: decodeJsonl(utf8(bytes)) };
    case 'text':
      return { format, trace: traceFromCanonical(parseCanonical(utf8(bytes)).events) };
    case 'chrome':
      throw new TraceFormatError('unknown-format', 0, 'Chrome Trace JSON is an output format; it can be verified, not converted back');
    case 'merged':
      throw new TraceFormatError('unknown-format', 0, 'merged text holds several streams (trace-harness merge wrote it); it can be verified, not read as one trace');
  }
}

function utf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new TraceFormatError('bad-line', 0, 'input is not valid UTF-8');
  }
}
