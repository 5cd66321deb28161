import { TraceFormatError } from '../model/errors.ts';
import { EventKind } from '../model/kinds.ts';

/**
 * The fields of one Chrome event that `decodeChrome` reads (phases `B`, `E`, `X`, `b`, `e`, `i`), with
 * the `args` trace-harness writes (raw, checked by the mapping that reads them). @internal
 */
export interface ChromeItem {
  readonly ph: string;
  readonly name: string | undefined;
  readonly cat: string | undefined;
  readonly id: number | string | undefined;
  /** Microseconds. */
  readonly ts: number;
  /** `ts + dur` of an `X` (µs); `ts` for the others. */
  readonly end: number;
  /** Index in the event list. */
  readonly index: number;
  /** Offset of the event's first byte in the file. */
  readonly byteOffset: number;
  /** The (pid, tid) key, as `JSON.stringify([pid, tid])`. */
  readonly thread: string;
  readonly args: {
    readonly activation: unknown;
    readonly event: unknown;
    readonly returnCompletion: unknown;
    readonly payload: unknown;
    readonly waker: unknown;
    readonly on: unknown;
    readonly value: unknown;
  };
}

/** One event of the trace being read: a code by name (undefined for stream records), ts in µs. @internal */
export interface Row {
  readonly kind: EventKind;
  readonly activation: number;
  readonly name: string | undefined;
  readonly flags: number;
  readonly waker?: number;
  readonly payload?: string;
  readonly tsUs: number;
}

/** An open slice: a `B` (`complete` false) or an `X` (ends at `end`, µs). @internal */
interface Open {
  readonly activation: number;
  readonly name: string;
  readonly complete: boolean;
  readonly end: number;
  readonly item: ChromeItem;
}

/**
 * The events of one thread of a foreign Chrome file (one not written by trace-harness). The slices are
 * taken in `ts` order, stably (file order among equal `ts`: the order `verifyChrome` checks them in), and
 * mapped as DESIGN §3 maps frames, each slice its own activation numbered from 1 in order of start:
 * 1. before each slice event, `X` slices on top of the stack that ended by its `ts` return (at their end);
 * 2. `B` is a `call` of an activation named by the slice's `name` (`""` when it has none);
 * 3. `E` is the `return` of the innermost open `B`; an `E` with a `name` must name it;
 * 4. `X` is a `call` at `ts` and its `return` at `ts + dur` (step 1), so it must end within its parent `X`
 *    and before the `E` of a `B` around it, and a `B` opened inside it must end before it does;
 * 5. async `b`/`e`, paired by (`cat`, `id`, `name`) as verifyChrome pairs them (the latest `b` first): an
 *    operation that suspends while others run, so `b` is a `call` then a `yield`, and its `e` a `resume`
 *    then a `return`; an async slice still open at the end is an activation left suspended (a note in
 *    `verify`, as its open async slice is in the Chrome file);
 * 6. at the end, `X` slices still on top return; `B` slices still open stay open (frames running at the
 *    end: `verify` fails the trace, as it fails the Chrome file for `chrome/open-at-end`), and so does an
 *    `X` under such a `B` (its return cannot come before the `B`'s).
 * @param items - the thread's `B`/`E`/`X`/`b`/`e` events, in file order
 * @returns the events
 * @throws {@link TraceFormatError} `bad-event` at the offending event's first byte when slices do not nest
 *   (the cases `verifyChrome` reports as `chrome/unmatched-end`, `chrome/end-name-mismatch`,
 *   `chrome/overlapping-complete`, `chrome/async-unmatched`): no trace of ours means them. The offending
 *   event: an `E` with no open `B`, or naming another (the `E`); an `E` while an `X` that has not ended is on
 *   top (that `X`); an `E` of a `B` opened inside an `X` that ended before it (that `X`); an `X` ending after
 *   its parent `X` (the inner `X`); an `e` without its `b` (the `e`). Also for a `ts`
 *   (or an `X`'s `ts + dur`) whose `tsNs` is not in 0..2^53-1 (negative, huge or infinite), which no trace
 *   file holds
 * @internal
 */
export function foreignRows(items: readonly ChromeItem[]): Row[] {
  const sorted = inTsOrder(items) ? items : [...items].sort((a, b) => a.ts - b.ts || a.index - b.index);
  const rows: Row[] = [];
  const stack: Open[] = [];
  const suspended = new Map<string, { activation: number; name: string }[]>();
  let next = 1;
  const row = (kind: EventKind, activation: number, name: string, tsUs: number, item: ChromeItem): void => {
    // 0. The trace's clock is ns in 0..2^53-1 in every format: a ts it cannot hold is refused, never kept.
    const tsNs = Math.round(tsUs * 1000);
    if (!(Number.isSafeInteger(tsNs) && tsNs >= 0)) {
      throw new TraceFormatError('bad-event', item.byteOffset, `want a ts whose tsNs = round(ts × 1000) is in 0..2^53-1 on ${describeKey(item.thread)}, got ${tsUs} at traceEvents[${item.index}]`);
    }
    rows.push({ kind, activation, name, flags: 0, tsUs });
  };
  const refuse = (item: ChromeItem, want: string, got: string): never => {
    throw new TraceFormatError('bad-event', item.byteOffset, `want ${want} on ${describeKey(item.thread)}, got ${got} at traceEvents[${item.index}] (slices that do not nest are no trace; verify reports them)`);
  };
  for (const item of sorted) {
    const name = item.name ?? '';
    // 1. X slices that ended by now return.
    while (stack.length > 0 && stack.at(-1)!.complete && stack.at(-1)!.end <= item.ts) {
      const x = stack.pop()!;
      row(EventKind.Return, x.activation, x.name, x.end, x.item);
    }
    switch (item.ph) {
      case 'B': // 2.
        row(EventKind.Call, next, name, item.ts, item);
        stack.push({ activation: next++, name, complete: false, end: Infinity, item });
        break;
      case 'X': {
        // 4.
        const parent = stack.at(-1);
        if (parent !== undefined && parent.complete && item.end > parent.end) refuse(item, `x "${name}" to end by ts ${parent.end} (end of x "${parent.name}")`, `end at ts ${item.end}`);
        row(EventKind.Call, next, name, item.ts, item);
        stack.push({ activation: next++, name, complete: true, end: item.end, item });
        break;
      }
      case 'E': {
        // 3.
        const above = stack.at(-1);
        if (above?.complete === true) refuse(above.item, `x "${above.name}" to end by ts ${item.ts} (e of the b below it)`, `end at ts ${above.end}`);
        const top = stack.pop();
        if (top === undefined) return refuse(item, 'an open b slice', `e "${name}" at ts ${item.ts}`);
        if (item.name !== undefined && item.name !== top.name) refuse(item, `e "${top.name}" (top open slice)`, `e "${item.name}" at ts ${item.ts}`);
        const below = stack.at(-1);
        if (below !== undefined && below.complete && below.end < item.ts) refuse(below.item, `b "${top.name}" closed by ts ${below.end} (end of x "${below.name}")`, `b "${top.name}" still open`);
        row(EventKind.Return, top.activation, top.name, item.ts, item);
        break;
      }
      case 'b': {
        // 5.
        const key = JSON.stringify([item.cat ?? '', item.id, name]);
        const list = suspended.get(key) ?? [];
        suspended.set(key, list);
        list.push({ activation: next, name });
        row(EventKind.Call, next, name, item.ts, item);
        row(EventKind.Yield, next++, name, item.ts, item);
        break;
      }
      case 'e': {
        const key = JSON.stringify([item.cat ?? '', item.id, name]);
        const b = suspended.get(key)?.pop();
        if (b === undefined) return refuse(item, `b "${name}" (cat "${item.cat ?? ''}", id ${JSON.stringify(item.id)}) before its e`, `e at ts ${item.ts}`);
        row(EventKind.Resume, b.activation, b.name, item.ts, item);
        row(EventKind.Return, b.activation, b.name, item.ts, item);
        break;
      }
    }
  }
  // 6. X slices on top return at their end; B slices stay open.
  while (stack.length > 0 && stack.at(-1)!.complete) {
    const x = stack.pop()!;
    row(EventKind.Return, x.activation, x.name, x.end, x.item);
  }
  return rows;
}

/** Whether the items are in nondecreasing `ts` order already (then file order is the stable order). @internal */
function inTsOrder(items: readonly ChromeItem[]): boolean {
  for (let k = 1; k < items.length; k++) if (items[k]!.ts < items[k - 1]!.ts) return false;
  return true;
}

/** The key of a thread: its pid and tid as written (absent: null). @internal */
export function threadKey(pid: unknown, tid: unknown): string {
  return JSON.stringify([pid ?? null, tid ?? null]);
}

/** A thread as messages show it, as verifyChrome does: `pid 1 tid 2` (`-` for an absent one). @internal */
export function describeThread(t: { readonly pid?: number | string; readonly tid?: number | string }): string {
  return `pid ${t.pid ?? '-'} tid ${t.tid ?? '-'}`;
}

/** A thread key as messages show it. @internal */
function describeKey(key: string): string {
  const [pid, tid] = JSON.parse(key) as [number | string | null, number | string | null];
  return describeThread({ ...(pid === null ? {} : { pid }), ...(tid === null ? {} : { tid }) });
}
