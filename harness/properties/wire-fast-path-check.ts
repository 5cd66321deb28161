/**
 * `WireWriter.appendTrace`'s fast path (`appendRun`, issue 15) against the per-event path it must match byte
 * for byte (its TSDoc), on what the wire property's traces never hold (issue 13: the surviving mutants of
 * `src/wire/writer.ts` named them): traces that break the frame discipline — a return that is not the running
 * top's, a return of a suspended activation, a resume of one never suspended — with every event kind, wakers on
 * wakes, pendings and awaits (or no waker column at all), flags, seq jumps and clocks that go back, in chunks of
 * 256 bytes with and without timestamps (the writer tracks what is open from any trace and declares it at each checkpoint, FORMAT.md §4.1);
 * a trace whose columns hold more entries than its length (only `length` events are written, `Trace`'s
 * constructor); and a timestamp that is not an integer, which `appendTrace` refuses as `append` does, the events
 * before it kept.
 * @module
 */
import fc from 'fast-check';
import type { TraceEvent } from '../../src/model/event.ts';
import { EventKind, isStreamRecord } from '../../src/model/kinds.ts';
import { Trace } from '../../src/model/trace.ts';
import { readWire } from '../../src/wire/reader.ts';
import { MemorySink } from '../../src/wire/sink.ts';
import { WireWriter } from '../../src/wire/writer.ts';

const CODES = ['f', 'g', 'h'];
/** A kind whose record carries a waker or awaited activation (FORMAT.md §4.3). */
const hasPeer = (kind: number): boolean => kind === EventKind.Wake || kind === EventKind.Pending || kind === EventKind.Await;

/** Events of any kind on four activations, in no frame order: flags on frame edges, seq and clock mostly the successor. */
function malformedTraceArbitrary(): fc.Arbitrary<TraceEvent[]> {
  const event = fc.record({
    kind: fc.oneof({ weight: 6, arbitrary: fc.constantFrom(EventKind.Call, EventKind.Return, EventKind.Yield, EventKind.Resume, EventKind.Throw, EventKind.Unwind) }, { weight: 2, arbitrary: fc.integer({ min: EventKind.Call, max: EventKind.Event }) }),
    activation: fc.integer({ min: 1, max: 4 }),
    code: fc.integer({ min: 0, max: CODES.length - 1 }),
    flagged: fc.nat({ max: 7 }),
    seqJump: fc.oneof({ weight: 9, arbitrary: fc.constant(1) }, { weight: 1, arbitrary: fc.integer({ min: 2, max: 1000 }) }),
    dt: fc.oneof({ weight: 9, arbitrary: fc.integer({ min: 0, max: 300 }) }, { weight: 1, arbitrary: fc.integer({ min: -500, max: -1 }) }),
    waker: fc.integer({ min: 0, max: 6 }),
  });
  return fc.array(event, { minLength: 40, maxLength: 400 }).map((drawn) => {
    let seq = 0;
    let ts = 1000;
    return drawn.map((d, i): TraceEvent => {
      const stream = isStreamRecord(d.kind);
      seq = i === 0 ? 0 : seq + d.seqJump;
      ts = Math.max(0, ts + d.dt);
      return {
        kind: d.kind as EventKind,
        activation: stream ? 0 : d.activation,
        code: stream ? 0 : d.code,
        flags: d.kind < EventKind.Pending && d.flagged === 0 ? 1 : 0,
        seq,
        tsNs: ts,
        ...(hasPeer(d.kind) || stream ? { waker: d.waker } : {}),
      };
    });
  });
}

/**
 * The same events through `appendTrace` (one trace: the fast path) and through `append` one by one. Without
 * `wakerColumn` the trace has none (`Trace`'s constructor allows it) and the per-event side writes waker 0.
 */
function bothPaths(Writer: typeof WireWriter, events: readonly TraceEvent[], timestamps: boolean, wakerColumn = true): [fast: Uint8Array, perEvent: Uint8Array] {
  const options = { chunkBytes: 256, timestamps };
  const fastSink = new MemorySink();
  const fast = new Writer(fastSink, options);
  const trace = Trace.fromEvents(events, CODES);
  fast.appendTrace(wakerColumn ? trace : new Trace({ ...trace.columns, waker: undefined }, trace.codes, trace.length));
  fast.close();
  const slowSink = new MemorySink();
  const slow = new WireWriter(slowSink, options);
  CODES.forEach((name, code) => slow.defineCode(code, name));
  for (const e of events) slow.append(e.kind, e.activation, e.code, e.flags, e.seq, e.tsNs ?? 0, wakerColumn ? (e.waker ?? 0) : 0);
  slow.close();
  return [fastSink.bytes(), slowSink.bytes()];
}

/** The first byte where two files differ, or -1. */
function firstDifference(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return a.length === b.length ? -1 : n;
}

/**
 * 60 malformed traces (seed 15), each with and without timestamps, and the first 10 also without a waker
 * column: both paths write the same bytes.
 */
function samePathsOnMalformedTraces(Writer: typeof WireWriter): string[] {
  for (const [i, events] of fc.sample(malformedTraceArbitrary(), { numRuns: 60, seed: 15 }).entries()) {
    for (const [timestamps, wakerColumn] of [[false, true], [true, true], ...(i < 10 ? [[false, false]] : [])] as const) {
      const [fast, slow] = bothPaths(Writer, events, timestamps, wakerColumn);
      const at = firstDifference(fast, slow);
      if (at >= 0) return [`wire fast path, malformed trace ${i} (seed 15, ${events.length} events, timestamps ${timestamps}${wakerColumn ? '' : ', no waker column'}): appendTrace and append differ from byte ${at} (${fast.length} and ${slow.length} bytes)`];
    }
  }
  return [];
}

/** Calls of activations 1..n of code 0, at seq 0.. and 10 ns apart. */
const calls = (n: number): TraceEvent[] => Array.from({ length: n }, (_, i) => ({ kind: EventKind.Call, activation: i + 1, code: 0, flags: 0, seq: i, tsNs: 10 * i }));

/** A trace of 100 events whose columns are those of a trace of 300: the file holds the 100 (seq 0..99). */
function columnsPastTheLength(Writer: typeof WireWriter): string[] {
  const long = Trace.fromEvents(calls(300), ['f']);
  const sink = new MemorySink();
  const w = new Writer(sink, { chunkBytes: 256 });
  w.appendTrace(new Trace(long.columns, long.codes, 100));
  w.close();
  const r = readWire(sink.bytes());
  const last = r.trace.columns.activation[r.trace.length - 1];
  if (r.loss !== undefined || r.trace.length !== 100 || last !== 100) {
    return [`wire fast path, a trace of 100 events over columns of 300: read back ${r.trace.length} events (last #${last})${r.loss ? `, ${r.loss.error.message}` : ''}, want 100 (last #100)`];
  }
  return [];
}

/** Event 50 of 100 at 505.5 ns: appendTrace throws `append`'s RangeError, and the 50 events before it are written. */
function fractionalTimestamp(Writer: typeof WireWriter): string[] {
  const events = calls(100);
  events[50] = { ...events[50]!, tsNs: 505.5 };
  const sink = new MemorySink();
  const w = new Writer(sink, { chunkBytes: 256, timestamps: true });
  const want = 'WireWriter.append: tsNs must be an integer in 0..2^53-1, got 505.5';
  let threw: unknown;
  try {
    w.appendTrace(Trace.fromEvents(events, ['f']));
  } catch (error) {
    threw = error;
  }
  if (!(threw instanceof RangeError) || threw.message !== want) return [`wire fast path, a timestamp of 505.5 ns: want RangeError "${want}", got ${threw === undefined ? 'no error' : String(threw)}`];
  w.close();
  const r = readWire(sink.bytes());
  if (r.loss !== undefined || r.trace.length !== 50) return [`wire fast path, a timestamp of 505.5 ns: want the 50 events before it read back, got ${r.trace.length}${r.loss ? ` (${r.loss.error.message})` : ''}`];
  return [];
}

let passed = false;

/**
 * Every case above, once per process once they pass for the package's writer (they are fixed: seed 15).
 * @param Writer - the writer whose `appendTrace` is under test (a test passes a broken subclass); the per-event
 *   side is always the package's {@link WireWriter}
 * @returns what went wrong, one line per case that failed
 */
export function checkWireFastPath(Writer: typeof WireWriter = WireWriter): string[] {
  if (passed && Writer === WireWriter) return [];
  const problems = [samePathsOnMalformedTraces, columnsPastTheLength, fractionalTimestamp].flatMap((f) => f(Writer));
  if (Writer === WireWriter) passed = problems.length === 0;
  return problems;
}
