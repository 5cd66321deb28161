import { EventFlag, EventKind, isEntry, isStreamRecord, kindName } from '../model/kinds.ts';
import type { MergedTrace } from '../model/merged-trace.ts';
import type { Trace } from '../model/trace.ts';
import { assertWellFormedCodes, assertWellFormedName } from '../model/well-formed.ts';

/** The process id every encoded event carries: a trace is one process. */
export const CHROME_PID = 1;

/** The thread id every encoded event carries: JS runs one stack (DESIGN §3). */
export const CHROME_TID = 1;

/**
 * `args.event` of the slices that open a partial trace's open set (running: `B`, suspended: `b`): the
 * activation was open where the trace starts, no event of it is recorded here.
 */
export const OPEN_EVENT = 'open';

/** The category of the async slices that span a suspension (from `yield` to the next `resume`/`throw`). */
export const SUSPENDED_CATEGORY = 'suspended';

/**
 * One entry of `traceEvents` as {@link encodeChrome} writes it (Chrome Trace Event Format: `ph` is the
 * phase, `ts` microseconds).
 */
export interface ChromeEvent {
  readonly ph: 'B' | 'E' | 'b' | 'e' | 'M' | 'i';
  /** Scope of an instant (`i`) event: `t` thread. */
  readonly s?: 't';
  readonly name: string;
  readonly cat?: string;
  readonly id?: number;
  readonly pid: number;
  readonly tid: number;
  /** Microseconds; absent on metadata (`M`) events. */
  readonly ts?: number;
  readonly args: Readonly<Record<string, string | number | boolean>>;
}

/**
 * Encodes a trace as Chrome Trace Event Format JSON, which Perfetto UI (ui.perfetto.dev) and
 * `chrome://tracing` open: `{"traceEvents":[...],"displayTimeUnit":"ns","otherData":{...}}`.
 *
 * Mapping (DESIGN §3 edges), all on pid {@link CHROME_PID}, tid {@link CHROME_TID}:
 * 1. two `M` events name the process `trace-harness` and the thread `js`;
 * 2. an entry edge (`call`/`resume`/`throw`) is a `B` slice begin named after its code; a `wake` is a
 *    thread-scoped instant event (`i`) whose args name the waker; a user `event` is an instant named by
 *    its type;
 * 3. an exit edge (`return`/`yield`/`unwind`) is an `E` with the same name;
 * 4. a `yield` also opens an async `b` slice (`cat` {@link SUSPENDED_CATEGORY}, `id` the activation), closed
 *    by an `e` just before the activation's next `resume`/`throw`; a generator still suspended at the end
 *    keeps its async slice open, which the format allows;
 * 5. an `abandoned` ends the async slice of a suspended activation (`e`), else its `B` slice (`E`); a
 *    `pending` or `await` is an instant named after its code whose `args.on` is the awaited activation (0
 *    when none); `dropped`, `checkpoint` and `recovery` (no activation) are instants named by the kind,
 *    `args.value` their number.
 *
 * A partial trace (a flight-recorder snapshot, a wire segment) starts with its open set at the first
 * event's time: a `B` per running activation (bottom of the stack first) and a `suspended` `b` per
 * suspended one, each with `args.event` {@link OPEN_EVENT}; `otherData.openPartial: true` when that list
 * omits older suspended activations (FORMAT.md §4.1), and `otherData.incomplete: true` when it stops before
 * its stream ended (frames may still run at its end: `verify` notes their open `B` slices, as it notes
 * running frames of such a trace). So its slices balance as its events do.
 *
 * Every `B`/`E`/`b`/`e` carries `args.activation` and `args.event` (the kind name), plus
 * `args.returnCompletion: true` on a resume with {@link EventFlag.ReturnCompletion}; an event carrying a
 * payload has it as JSON text in `args.payload`.
 *
 * Clock: `ts` is `tsNs / 1000` (µs, fractional) when the trace has timestamps; otherwise the seq number is
 * used as the µs clock, so slices keep their order and one event lasts 1 µs on screen.
 *
 * @example
 * ```ts
 * const t = Trace.fromEvents([{ seq: 0, kind: EventKind.Call, activation: 1, code: 0, flags: 0 }], ['main']);
 * JSON.parse(encodeChrome(t)).traceEvents[2];
 * // { ph: 'B', name: 'main', pid: 1, tid: 1, ts: 0, args: { activation: 1, event: 'call' } }
 * ```
 * @param trace - the trace to encode; an unbalanced trace encodes as is (verify it with `verifyChrome`)
 * @returns the JSON text, one event a line, ending in a newline
 * @throws RangeError when an event holds a kind code that is not defined (a trace not built by `fromEvents`),
 *   or a code name holds a lone surrogate (FORMAT.md §4.2: refused, never changed)
 */
export function encodeChrome(trace: Trace): string {
  assertWellFormedCodes('encodeChrome', trace.codes);
  const thread = { pid: CHROME_PID, tid: CHROME_TID };
  const out: ChromeEvent[] = [
    { ph: 'M', name: 'process_name', ...thread, args: { name: 'trace-harness' } },
    { ph: 'M', name: 'thread_name', ...thread, args: { name: 'js' } },
  ];
  threadEvents(trace, CHROME_TID, (i) => (trace.columns.tsNs ? trace.columns.tsNs[i]! / 1000 : trace.columns.seq[i]!), out);
  return render(out, { ...(trace.openPartial ? { openPartial: true } : {}), ...(trace.complete ? {} : { incomplete: true }) });
}

/**
 * Encodes a multi-stream trace as Chrome Trace JSON: one thread per stream (tid 1, 2, ... in stream
 * order, named by the stream id), each mapped as {@link encodeChrome} maps one trace. The clock is `tsNs /
 * 1000` (µs) when the view was merged by time, else the merged position, so the viewer shows the merged
 * order.
 * @param merged - the merged view (see `mergeStreams`)
 * @returns the JSON text, one event a line, ending in a newline
 */
export function encodeChromeStreams(merged: MergedTrace): string {
  for (const s of merged.streams) {
    assertWellFormedName('encodeChromeStreams', 'stream id', s.id);
    assertWellFormedCodes('encodeChromeStreams', s.trace.codes);
  }
  const out: ChromeEvent[] = [{ ph: 'M', name: 'process_name', pid: CHROME_PID, tid: CHROME_TID, args: { name: 'trace-harness' } }];
  const position = merged.streams.map((s) => new Float64Array(s.trace.length));
  for (let p = 0; p < merged.length; p++) position[merged.streamOf[p]!]![merged.indexOf[p]!] = p;
  merged.streams.forEach((s, k) => {
    out.push({ ph: 'M', name: 'thread_name', pid: CHROME_PID, tid: k + 1, args: { name: s.id } });
    const ts = s.trace.columns.tsNs;
    threadEvents(s.trace, k + 1, (i) => (merged.by === 'time' && ts ? ts[i]! / 1000 : position[k]![i]!), out);
  });
  return render(out);
}

function render(out: readonly ChromeEvent[], declared: { readonly openPartial?: true; readonly incomplete?: true } = {}): string {
  const lines = out.map((e) => JSON.stringify(e));
  const other = JSON.stringify({ generator: 'trace-harness', format: 1, ...declared });
  return `{"traceEvents":[\n${lines.join(',\n')}\n],"displayTimeUnit":"ns","otherData":${other}}\n`;
}

/** The events of one trace on one thread, appended to `out`. */
function threadEvents(trace: Trace, tid: number, tsOf: (index: number) => number, out: ChromeEvent[]): void {
  const c = trace.columns;
  const thread = { pid: CHROME_PID, tid };
  /** Activations with an open `suspended` async slice. */
  const suspended = new Set<number>();
  // 0. The open set of a partial trace, at the first event's time: a running activation opens its `B`
  //    slice (bottom of the stack first), a suspended one its `suspended` async slice, so the events that
  //    end them later balance.
  const startTs = trace.length > 0 ? tsOf(0) : 0;
  for (const o of trace.open) {
    const base = { name: trace.codeName(o.code), ...thread, ts: startTs, args: { activation: o.activation, event: OPEN_EVENT } };
    if (o.state === 'running') out.push({ ph: 'B', ...base });
    else {
      suspended.add(o.activation);
      out.push({ ph: 'b', cat: SUSPENDED_CATEGORY, id: (tid - 1) * 2 ** 32 + o.activation, ...base });
    }
  }
  for (let i = 0; i < trace.length; i++) {
    const kind = c.kind[i]!;
    const activation = c.activation[i]!;
    const name = trace.codeName(c.code[i]!);
    const ts = tsOf(i);
    const args: Record<string, string | number | boolean> = { activation, event: kindName(kind) };
    if ((c.flags[i]! & EventFlag.ReturnCompletion) !== 0) args['returnCompletion'] = true;
    const payload = c.payload?.[i];
    if (payload !== undefined) args['payload'] = payload; // the JSON text: viewers show it verbatim
    const base = { name, ...thread, ts, args };
    // Async slice ids are process-wide: streams (threads after the first) get their own id range.
    const async = { cat: SUSPENDED_CATEGORY, id: (tid - 1) * 2 ** 32 + activation };
    if (isStreamRecord(kind)) {
      out.push({ ph: 'i', s: 't', name: kindName(kind), ...thread, ts, args: { value: c.waker?.[i] ?? 0 } });
    } else if (kind === EventKind.Abandoned) {
      // Closes the slice of a running activation, the async slice of a suspended one.
      if (suspended.delete(activation)) out.push({ ph: 'e', ...async, ...base });
      else out.push({ ph: 'E', ...base });
    } else if (kind === EventKind.Event) {
      // A user event: an instant named by its type.
      out.push({ ph: 'i', s: 't', ...base });
    } else if (kind === EventKind.Wake || kind === EventKind.Pending || kind === EventKind.Await) {
      // Instant events on the thread: who woke whom (0: unknown waker), what a pending task waited on.
      out.push({ ph: 'i', s: 't', ...base, args: { ...args, [kind === EventKind.Wake ? 'waker' : 'on']: c.waker?.[i] ?? 0 } });
    } else if (isEntry(kind)) {
      if (kind !== EventKind.Call && suspended.delete(activation)) out.push({ ph: 'e', ...async, ...base });
      out.push({ ph: 'B', ...base });
    } else {
      out.push({ ph: 'E', ...base });
      if (kind === EventKind.Yield) {
        suspended.add(activation);
        out.push({ ph: 'b', ...async, ...base });
      }
    }
  }
}
