/**
 * Event equality across two traces as the wire property compares them: every field, codes by name (a reader
 * may number codes its own way: JSONL re-assigns code ids in order of first use), numbers as JSON sees them
 * (a non-finite number equals any other, -0 equals 0). Column reads, no event object: the wire property
 * compares every reading of every damaged file with the trace, so this is its inner loop.
 * @module
 */
import { hasPeer, isStreamRecord } from '../../src/model/kinds.ts';
import type { Trace } from '../../src/model/trace.ts';

/** Two numbers that `JSON.stringify` writes alike: equal, or both non-finite (each written `null`). */
function sameJson(a: number, b: number): boolean {
  return a === b || (!Number.isFinite(a) && !Number.isFinite(b));
}

/**
 * Whether event `i` of `a` and event `j` of `b` are the same event: kind, activation, flags, seq, timestamp
 * (present in both or neither), waker (of a kind that has one), payload, and the code's name (none for a
 * stream record).
 * @param i - index in `a`, `< a.length`
 * @param j - index in `b`, `< b.length`
 */
export function sameEventAt(a: Trace, i: number, b: Trace, j: number): boolean {
  const x = a.columns, y = b.columns;
  const kind = x.kind[i]!;
  if (kind !== y.kind[j] || x.activation[i] !== y.activation[j] || x.flags[i] !== y.flags[j] || !sameJson(x.seq[i]!, y.seq[j]!)) return false;
  if ((x.tsNs === undefined) !== (y.tsNs === undefined) || (x.tsNs !== undefined && !sameJson(x.tsNs[i]!, y.tsNs![j]!))) return false;
  if (hasPeer(kind) && (x.waker?.[i] ?? 0) !== (y.waker?.[j] ?? 0)) return false;
  if (x.payload?.[i] !== y.payload?.[j]) return false;
  return isStreamRecord(kind) || a.codeName(x.code[i]!) === b.codeName(y.code[j]!);
}

/**
 * Whether the first `n` events of `got` are the events `from..from+n-1` of `want` ({@link sameEventAt}).
 * @param n - events compared; false when `got` has fewer
 * @param from - first index in `want` @defaultValue 0
 */
export function samePrefix(got: Trace, want: Trace, n: number, from = 0): boolean {
  if (got.length < n || want.length < from + n) return false;
  for (let k = 0; k < n; k++) if (!sameEventAt(got, k, want, from + k)) return false;
  return true;
}
