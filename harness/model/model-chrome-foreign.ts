/**
 * A model of how a foreign Chrome Trace Event file (one trace-harness did not write) reads as a trace,
 * written from the TSDoc of `decodeChrome` and `foreignRows` (src/formats/chrome-read.ts,
 * chrome-foreign.ts) and sharing no code with them: the property compares the two on random files.
 *
 * The rules, as that TSDoc states them: slices in `ts` order, stably (file order among equal `ts`); each
 * slice its own activation, numbered from 1 in order of start; before each slice event, the `X` slices on
 * top of the stack that ended by its `ts` return at their end; `B` calls, `E` returns the innermost open
 * `B` (an `E` with a name must name it); `X` calls at `ts` and returns at `ts + dur`, inside its parent `X`;
 * async `b` calls and yields, its `e` (the latest open `b` of the same `cat`, `id` and `name`) resumes and
 * returns; at the end the `X` slices on top return, `B` slices stay open. `tsNs = round(ts × 1000)`.
 * Refusals (`bad-event` at the offending event's first byte): an `E` with nothing open or naming another
 * slice (the `E`); an `E` while an `X` that has not ended is on top (that `X`); an `E` of a `B` opened
 * inside an `X` that ended before it (that `X`); an `X` ending after its parent `X` (the child `X`); an `e`
 * without its `b` (the `e`); the first event, in the order its rows are made, whose `ts` (an `X`'s return:
 * `ts + dur`) gives no `tsNs` in 0..2^53-1 (its rule ''). Async keys tell an `id` of 1 from one of "1".
 */

/** One event of a foreign file, as the property writes it. */
export interface ForeignEvent {
  readonly ph: 'B' | 'E' | 'X' | 'b' | 'e';
  /** Absent on some `B` and `E` (a `B` without one is named `""`). */
  readonly name?: string;
  /** Microseconds (integers here: no rounding question). */
  readonly ts: number;
  /** `X` only. */
  readonly dur?: number;
  /** `b`/`e` only. */
  readonly cat?: string;
  readonly id?: number | string;
}

/**
 * What the model says the file reads as: the events (`kind #activation name tsNs`) with the file indices
 * of the `B` and `b` slices still open at the end, or a refusal at a byte with the event (file index) and
 * the rule `verifyChrome` names for it (its TSDoc: `chrome/unmatched-end`, `chrome/end-name-mismatch`,
 * `chrome/overlapping-complete`, `chrome/async-unmatched`).
 */
export type ForeignVerdict =
  | { readonly events: readonly string[]; readonly openB: readonly number[]; readonly openAsync: readonly number[] }
  | { readonly refusedAt: number; readonly index: number; readonly rule: string };

/** Kind codes (DESIGN §3): call, return, yield, resume. */
const CALL = 1;
const RETURN = 2;
const YIELD = 3;
const RESUME = 4;

interface Slice {
  readonly activation: number;
  readonly name: string;
  /** An `X`: its end in µs; a `B`: undefined. */
  readonly end: number | undefined;
  /** The file index of the event that opened it. */
  readonly index: number;
}

/**
 * The model's reading of `events`, written at the byte offsets `offsets` (each event's first byte).
 * @param events - the file's events in file order
 * @param offsets - each event's first byte in the file
 */
export function modelForeignChrome(events: readonly ForeignEvent[], offsets: readonly number[]): ForeignVerdict {
  // Stable order by ts: ties keep file order.
  const order = events.map((e, i) => ({ e, i })).sort((a, b) => a.e.ts - b.e.ts || a.i - b.i);
  const out: string[] = [];
  // tsNs = round(ts × 1000), which must be in 0..2^53-1 (else `bad-event` at the event whose ts it is, rule '').
  let badTs: number | undefined;
  const emit = (kind: number, activation: number, name: string, tsUs: number, index: number): void => {
    const tsNs = Math.round(tsUs * 1000);
    if (!(Number.isSafeInteger(tsNs) && tsNs >= 0)) badTs ??= index;
    out.push(`${kind} #${activation} ${name} ${tsNs}`);
  };
  const stack: Slice[] = [];
  const asyncOpen: { key: string; activation: number; name: string; index: number }[] = [];
  const refuse = (index: number, rule: string): ForeignVerdict => ({ refusedAt: offsets[index]!, index, rule: `chrome/${rule}` });
  let nextActivation = 1;
  const endedXs = (now: number): void => {
    for (let top = stack.at(-1); top !== undefined && top.end !== undefined && top.end <= now; top = stack.at(-1)) {
      stack.pop();
      emit(RETURN, top.activation, top.name, top.end, top.index);
    }
  };
  for (const { e, i } of order) {
    const name = e.name ?? '';
    endedXs(e.ts);
    if (badTs !== undefined) return refuse(badTs, '');
    if (e.ph === 'B' || e.ph === 'X') {
      const end = e.ph === 'X' ? e.ts + (e.dur ?? 0) : undefined;
      const parent = stack.at(-1);
      if (end !== undefined && parent?.end !== undefined && end > parent.end) return refuse(i, 'overlapping-complete');
      emit(CALL, nextActivation, name, e.ts, i);
      stack.push({ activation: nextActivation++, name, end, index: i });
    } else if (e.ph === 'E') {
      const top = stack.at(-1);
      if (top === undefined) return refuse(i, 'unmatched-end');
      if (top.end !== undefined) return refuse(top.index, 'overlapping-complete'); // an X still running when the B around it ends
      if (e.name !== undefined && e.name !== top.name) return refuse(i, 'end-name-mismatch');
      stack.pop();
      const under = stack.at(-1);
      if (under?.end !== undefined && under.end < e.ts) return refuse(under.index, 'overlapping-complete'); // the B outlived the X it was opened in
      emit(RETURN, top.activation, top.name, e.ts, i);
    } else {
      const key = `${e.cat ?? ''}\u0000${typeof e.id}:${e.id}\u0000${name}`;
      if (e.ph === 'b') {
        asyncOpen.push({ key, activation: nextActivation, name, index: i });
        emit(CALL, nextActivation, name, e.ts, i);
        emit(YIELD, nextActivation++, name, e.ts, i);
      } else {
        let k = asyncOpen.length - 1;
        while (k >= 0 && asyncOpen[k]!.key !== key) k--;
        if (k < 0) return refuse(i, 'async-unmatched');
        const [b] = asyncOpen.splice(k, 1);
        emit(RESUME, b!.activation, b!.name, e.ts, i);
        emit(RETURN, b!.activation, b!.name, e.ts, i);
      }
    }
  }
  // At the end: X slices on top return; a B (and what is under it) stays open.
  endedXs(Infinity);
  if (badTs !== undefined) return refuse(badTs, '');
  return { events: out, openB: stack.filter((x) => x.end === undefined).map((x) => x.index), openAsync: asyncOpen.map((b) => b.index) };
}
