/**
 * A model of what `encodeChrome` and `encodeChromeStreams` write (src/formats/chrome.ts), from their TSDoc
 * and sharing no code with them (issue 13: `check` compared our Chrome files only with our own reader, so
 * a mapping mistake made the same way on both sides passed).
 *
 * The mapping, as that TSDoc states it, on pid 1: an entry edge (`call`/`resume`/`throw`) is a `B` named
 * after its code, a `resume`/`throw` of a suspended activation first ending its async slice (`e`); an exit
 * edge (`return`/`yield`/`unwind`) an `E`, a `yield` then opening the async slice (`b`, `cat` `suspended`,
 * `id` the activation plus 2^32 per thread before); an `abandoned` ends the async slice of a suspended
 * activation, else its `B` slice; `wake`, `pending`, `await` and user `event`s are thread instants (`i`, `s`
 * `t`) named by the code, the first three with the peer (`waker` for a wake, `on` otherwise, 0 when none);
 * `dropped`, `checkpoint` and `recovery` are instants named by the kind with `args.value` their number.
 * Every slice and instant of an activation carries `args.activation`, `args.event` (the kind name),
 * `args.returnCompletion: true` when flagged, `args.payload` (the JSON text) when there is one. A partial
 * trace starts with its open set at the first event's `ts`: `B` per running activation, `b` per suspended
 * one, `args.event` `open`. The clock: `tsNs / 1000` µs, else the seq (one trace) or the merged position
 * (streams not merged by time).
 */
import { EventFlag, EventKind } from '../../src/model/kinds.ts';
import type { MergedTrace } from '../../src/model/merged-trace.ts';
import type { Trace } from '../../src/model/trace.ts';

/** One expected entry of `traceEvents`. */
export type ExpectedChromeEvent = Readonly<Record<string, unknown>>;

const KIND_NAMES = ['', 'call', 'return', 'yield', 'resume', 'throw', 'unwind', 'wake', 'pending', 'dropped', 'abandoned', 'checkpoint', 'recovery', 'await', 'event'];

/** The events of one trace on thread `tid`, `ts` from `clock(i)`. */
function threadEvents(trace: Trace, tid: number, clock: (i: number) => number): ExpectedChromeEvent[] {
  const out: ExpectedChromeEvent[] = [];
  const events = trace.events();
  const asyncId = (activation: number): number => (tid - 1) * 2 ** 32 + activation;
  const suspended = new Set<number>();
  const start = events.length > 0 ? clock(0) : 0;
  for (const o of trace.open) {
    const slice = { name: trace.codeName(o.code), pid: 1, tid, ts: start, args: { activation: o.activation, event: 'open' } };
    if (o.state === 'running') out.push({ ph: 'B', ...slice });
    else {
      suspended.add(o.activation);
      out.push({ ph: 'b', cat: 'suspended', id: asyncId(o.activation), ...slice });
    }
  }
  events.forEach((e, i) => {
    const kind = KIND_NAMES[e.kind]!;
    const ts = clock(i);
    if (e.kind === EventKind.Dropped || e.kind === EventKind.Checkpoint || e.kind === EventKind.Recovery) {
      out.push({ ph: 'i', s: 't', name: kind, pid: 1, tid, ts, args: { value: e.waker ?? 0 } });
      return;
    }
    const args: Record<string, unknown> = { activation: e.activation, event: kind };
    if ((e.flags & EventFlag.ReturnCompletion) !== 0) args.returnCompletion = true;
    if (e.payload !== undefined) args.payload = e.payload;
    const slice = { name: trace.codeName(e.code), pid: 1, tid, ts, args };
    const endAsync = { ph: 'e', cat: 'suspended', id: asyncId(e.activation), ...slice };
    switch (e.kind) {
      case EventKind.Call:
        out.push({ ph: 'B', ...slice });
        break;
      case EventKind.Resume:
      case EventKind.Throw:
        if (suspended.delete(e.activation)) out.push(endAsync);
        out.push({ ph: 'B', ...slice });
        break;
      case EventKind.Return:
      case EventKind.Unwind:
        out.push({ ph: 'E', ...slice });
        break;
      case EventKind.Yield:
        out.push({ ph: 'E', ...slice });
        suspended.add(e.activation);
        out.push({ ph: 'b', cat: 'suspended', id: asyncId(e.activation), ...slice });
        break;
      case EventKind.Abandoned:
        out.push(suspended.delete(e.activation) ? endAsync : { ph: 'E', ...slice });
        break;
      case EventKind.Event:
        out.push({ ph: 'i', s: 't', ...slice });
        break;
      default: // wake, pending, await
        out.push({ ph: 'i', s: 't', ...slice, args: { ...args, [e.kind === EventKind.Wake ? 'waker' : 'on']: e.waker ?? 0 } });
    }
  });
  return out;
}

/** The document `encodeChrome(trace)` writes, as parsed JSON. */
export function expectedChrome(trace: Trace): { traceEvents: ExpectedChromeEvent[]; displayTimeUnit: string; otherData: Record<string, unknown> } {
  const ts = trace.events().map((e) => (e.tsNs !== undefined ? e.tsNs / 1000 : e.seq));
  return {
    traceEvents: [
      { ph: 'M', name: 'process_name', pid: 1, tid: 1, args: { name: 'trace-harness' } },
      { ph: 'M', name: 'thread_name', pid: 1, tid: 1, args: { name: 'js' } },
      ...threadEvents(trace, 1, (i) => ts[i]!),
    ],
    displayTimeUnit: 'ns',
    otherData: { generator: 'trace-harness', format: 1, ...(trace.openPartial ? { openPartial: true } : {}), ...(trace.complete ? {} : { incomplete: true }) },
  };
}

/** The document `encodeChromeStreams(merged)` writes, as parsed JSON. */
export function expectedChromeStreams(merged: MergedTrace): { traceEvents: ExpectedChromeEvent[]; displayTimeUnit: string; otherData: Record<string, unknown> } {
  const position = new Map<string, number>();
  [...merged].forEach((_, p) => position.set(`${merged.streamOf[p]} ${merged.indexOf[p]}`, p));
  const traceEvents: ExpectedChromeEvent[] = [{ ph: 'M', name: 'process_name', pid: 1, tid: 1, args: { name: 'trace-harness' } }];
  merged.streams.forEach((s, k) => {
    traceEvents.push({ ph: 'M', name: 'thread_name', pid: 1, tid: k + 1, args: { name: s.id } });
    const events = s.trace.events();
    const byTime = merged.by === 'time' && events.length > 0 && events[0]!.tsNs !== undefined;
    traceEvents.push(...threadEvents(s.trace, k + 1, (i) => (byTime ? events[i]!.tsNs! / 1000 : position.get(`${k} ${i}`)!)));
  });
  return { traceEvents, displayTimeUnit: 'ns', otherData: { generator: 'trace-harness', format: 1 } };
}

/** `v` with every object's keys sorted, as JSON: equal documents give equal strings whatever their key order. */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (typeof v === 'object' && v !== null) return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonicalJson((v as Record<string, unknown>)[k])}`).join(',')}}`;
  return JSON.stringify(v);
}
