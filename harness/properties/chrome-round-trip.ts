import { encodeChrome } from '../../src/formats/chrome.ts';
import { decodeChrome } from '../../src/formats/chrome-read.ts';
import { formatCanonical } from '../../src/formats/text.ts';
import { TraceFormatError } from '../../src/model/errors.ts';
import { isStreamRecord } from '../../src/model/kinds.ts';
import type { Trace } from '../../src/model/trace.ts';

/**
 * A trace through `encodeChrome` and back through `decodeChrome` (mapping 1, the inverse of ours): by
 * `decodeChrome`'s TSDoc the result has the canonical text of the trace, open set, `open partial` and
 * `incomplete` included, and each event keeps its kind, activation (as written, not renumbered), code name,
 * flags, waker and payload; only the clock and seq are not read back (seq = index, no `tsNs`).
 * @returns what differs, one line each
 */
export function checkChromeRoundTrip(trace: Trace): string[] {
  let back: Trace;
  try {
    back = decodeChrome(new TextEncoder().encode(encodeChrome(trace)));
  } catch (error) {
    if (!(error instanceof TraceFormatError)) throw error;
    return [`chrome round trip: decodeChrome refused encodeChrome's file: ${error.message}`];
  }
  const want = formatCanonical(trace);
  const got = formatCanonical(back);
  if (got !== want) {
    const w = want.split('\n');
    const g = got.split('\n');
    const at = w.findIndex((l, i) => l !== g[i]);
    return [`chrome round trip: line ${at + 1} of the canonical text: want ${JSON.stringify(w[at])}, got ${JSON.stringify(g[at])}`];
  }
  const row = (t: Trace, i: number): string => {
    const e = t.at(i);
    return JSON.stringify([e.kind, e.activation, isStreamRecord(e.kind) ? '' : t.codeName(e.code), e.flags, e.waker ?? null, e.payload ?? null]); // a stream record has no code
  };
  for (let i = 0; i < trace.length; i++) {
    if (row(back, i) !== row(trace, i)) return [`chrome round trip: event ${i}: want ${row(trace, i)}, got ${row(back, i)}`];
    if (back.columns.seq[i] !== i) return [`chrome round trip: event ${i} has seq ${back.columns.seq[i]}, want its index`];
  }
  if (back.columns.tsNs !== undefined) return ['chrome round trip: the trace read back has a clock; the file does not say what its ts was'];
  const open = (t: Trace): string => JSON.stringify(t.open.map((o) => [o.activation, t.codeName(o.code), o.state]));
  return open(back) === open(trace) ? [] : [`chrome round trip: open set ${open(back)}, want ${open(trace)}`];
}
