import { TraceFormatError } from '../../src/model/errors.ts';
import type { Trace } from '../../src/model/trace.ts';
import { decodeWire, readWire, type WireReadResult } from '../../src/wire/reader.ts';

/**
 * The strict decoder against the tolerant reader on one input (`decodeWire`'s TSDoc: a whole, valid file
 * or a {@link TraceFormatError}): where `readWire` reports a loss, `decodeWire` throws that error (same code
 * and offset); where the input has no end-of-stream record, `truncated` at the input's end; otherwise it
 * returns the events `readWire` read. A strict decoder that accepts a lossy file hands a user half a trace
 * as if it were whole.
 * @param what - names the input in a problem line
 * @param read - the tolerant reader's result on `bytes` (or its error) @defaultValue {@link readWire}
 * @param decode - the strict decoder under test @defaultValue {@link decodeWire}
 * @returns what differs, one line each
 */
export function checkStrictDecode(what: string, bytes: Uint8Array, read: (bytes: Uint8Array) => WireReadResult = readWire, decode: (bytes: Uint8Array) => Trace = decodeWire): string[] {
  let r: WireReadResult;
  try {
    r = read(bytes);
  } catch (error) {
    return sameThrow(what, bytes, error, decode);
  }
  const want = r.loss?.error ?? (r.complete ? undefined : new TraceFormatError('truncated', bytes.length, 'no end-of-stream record'));
  if (want === undefined) {
    try {
      const t = decode(bytes);
      return t.length === r.trace.length ? [] : [`${what}: decodeWire read ${t.length} events, readWire ${r.trace.length}`];
    } catch (error) {
      return [`${what}: decodeWire threw ${String(error)} on a whole file readWire read`];
    }
  }
  return sameThrow(what, bytes, want, decode);
}

/** `decodeWire` throws a TraceFormatError with the code and offset of `want`. */
function sameThrow(what: string, bytes: Uint8Array, want: unknown, decode: (bytes: Uint8Array) => Trace): string[] {
  try {
    const t = decode(bytes);
    return [`${what}: decodeWire returned ${t.length} events, want ${String(want)}`];
  } catch (error) {
    if (!(want instanceof TraceFormatError)) return error === want || (error as Error)?.message === (want as Error)?.message ? [] : [`${what}: decodeWire threw ${String(error)}, readWire ${String(want)}`];
    if (!(error instanceof TraceFormatError) || error.code !== want.code || error.byteOffset !== want.byteOffset) return [`${what}: decodeWire threw ${String(error)}, want ${want.code} at byte ${want.byteOffset}`];
    return [];
  }
}
