import { Buffer } from 'node:buffer';
import { decodeJsonl } from '../../../src/formats/jsonl.ts';
import { TraceFormatError } from '../../../src/model/errors.ts';
import type { Trace } from '../../../src/model/trace.ts';
import { decodeWire } from '../../../src/wire/reader.ts';
import type { TraceEncoding } from './protocol.ts';

/** Standard base64 with padding, nothing else (no whitespace, no URL alphabet). */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * Decodes the `trace` string of a `result` in the encoding the hello announced (PROTOCOL.md §3): JSONL text,
 * or base64 of a whole wire file (read strictly: a torn or unterminated recording is a bad trace).
 *
 * @param trace - the `trace` value
 * @param encoding - the hello's `trace`
 * @returns the trace, or a one-line reason (the worker's `adapter/bad-trace`)
 */
export function decodeResultTrace(trace: string, encoding: TraceEncoding): { ok: true; trace: Trace } | { ok: false; message: string } {
  try {
    if (encoding === 'jsonl') return { ok: true, trace: decodeJsonl(trace) };
    if (!BASE64.test(trace)) return { ok: false, message: 'want base64 of a wire trace, got characters outside standard padded base64' };
    return { ok: true, trace: decodeWire(new Uint8Array(Buffer.from(trace, 'base64'))) };
  } catch (e) {
    if (!(e instanceof TraceFormatError)) throw e;
    const why = e.line === undefined ? e.message : `${e.code} ${e.message}`;
    return { ok: false, message: `want a ${encoding} trace, got ${why}` };
  }
}
