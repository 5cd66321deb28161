import type { TraceEvent } from '../../src/model/event.ts';
import { EventKind } from '../../src/model/kinds.ts';
import { Trace } from '../../src/model/trace.ts';
import { WireWriter } from '../../src/wire/writer.ts';
import { readWire } from '../../src/wire/reader.ts';
import { MemorySink } from '../../src/wire/sink.ts';
import { oracleRead } from '../wire-oracle/decode.ts';
import { FILE_HEADER } from '../wire-oracle/layout.ts';
import { isEventRecord, splitRecords } from '../wire-oracle/records.ts';
import { DeclaredOpen, formatOpen } from './declared-open.ts';
import type { FrameWalk } from './frame-walk.ts';

/**
 * Writes a frame walk (`frame-walk.ts`) and reads it back with the decoder written from FORMAT.md alone,
 * then checks what the writer decided on its own: every checkpoint declares exactly the activations open
 * where its chunk starts (FORMAT.md §4.1: the running stack bottom first, then the suspended in the order
 * they suspended; computed here by {@link DeclaredOpen}, which shares no code with the writer), never
 * `partial` (the walk suspends far fewer than 32768); and the chunks end where the flush options say
 * (`WireWriterOptions`): with `flushEveryEvents` k, k events in every chunk but the last, which holds
 * fewer; with `flushEveryBytes` b, every chunk but the last sealed by the first event that brings the
 * bytes since the last flush to b (the 12-byte file header counts toward the first), and the last holding no
 * event that reached b. The walk is written
 * a second time with a chunk after every event, so the open list is compared after every event.
 * @param make - the writer under test @defaultValue `new WireWriter(sink, options)`
 * @returns what went wrong, one line each
 */
export function checkDeclaredOpen(w: FrameWalk, make: (sink: MemorySink, options: ConstructorParameters<typeof WireWriter>[1]) => WireWriter = (sink, options) => new WireWriter(sink, options)): string[] {
  // The walk as the case writes it, then once more with a chunk (so a checkpoint) after every event: the
  // open list is then compared at every point of the walk, not only where the case's chunks happen to end.
  const bytes = write(w, make);
  const problems = declaredOpenProblems(bytes, w);
  // Our reader reads the walk back event for event (a deep stack, 70 codes: past its tables' first size too).
  const read = readWire(bytes);
  const want = w.trace.events();
  const got = read.trace.events();
  if (read.loss !== undefined || got.length !== want.length || got.some((e, i) => e.kind !== want[i]!.kind || e.activation !== want[i]!.activation || read.trace.codeName(e.code) !== w.trace.codeName(want[i]!.code))) {
    problems.push(`frame walk of ${want.length} events: readWire reads ${got.length}${read.loss ? ` and ${read.loss.error.message}` : ''}, not the walk`);
  }
  // The encoder's fast path (appendTrace with no flush option: WireWriter.appendRun) keeps the running stack
  // itself. Every walk goes through it too, padded with leaf calls so that it spans several 256-byte chunks: a
  // walk alone is mostly shorter than one chunk, and a stack the fast path got wrong showed at no checkpoint
  // (issue 13: the mutation report found appendRun's frame edges unchecked).
  if (problems.length === 0 && w.deep === 0) {
    const fast: FrameWalk = { ...w, trace: padded(w.trace), via: 'appendTrace', flushEveryEvents: 0, flushEveryBytes: 0 };
    problems.push(...declaredOpenProblems(write(fast, make), fast, false));
  }
  // (Not for a deep walk: a checkpoint of 70..140 open activations after each of its events is quadratic.)
  if (problems.length > 0 || w.flushEveryEvents === 1 || w.deep > 0) return problems;
  const everyEvent: FrameWalk = { ...w, flushEveryEvents: 1, flushEveryBytes: 0 };
  return declaredOpenProblems(write(everyEvent, make), everyEvent, false); // a dropped record does not count toward a flush: the open lists only
}

/** Events a padded walk has at least: about 3 bytes each, several 256-byte chunks. */
const PADDED_EVENTS = 400;

/**
 * The walk with leaf calls after its events (a `call` and `return` of a fresh activation, of the walk's first
 * code, on top of whatever runs there), as many after each event as make it {@link PADDED_EVENTS} long: the stack
 * discipline holds, and chunk boundaries fall inside the walk's frames. Seq renumbered from 0.
 */
function padded(trace: Trace): Trace {
  const events = trace.events();
  const per = Math.ceil(Math.max(0, PADDED_EVENTS - events.length) / Math.max(1, 2 * events.length));
  let fresh = events.reduce((m, e) => Math.max(m, e.activation), 0) + 1;
  const out: TraceEvent[] = [];
  for (const e of events) {
    out.push({ ...e, seq: out.length });
    for (let k = 0; k < per; k++, fresh++) {
      out.push({ seq: out.length, kind: EventKind.Call, activation: fresh, code: 0, flags: 0 });
      out.push({ seq: out.length, kind: EventKind.Return, activation: fresh, code: 0, flags: 0 });
    }
  }
  return Trace.fromEvents(out, trace.codes);
}

/** The walk written by `make`'s writer, with the walk's flush options. */
function write(w: FrameWalk, make: (sink: MemorySink, options: ConstructorParameters<typeof WireWriter>[1]) => WireWriter): Uint8Array {
  const { trace } = w;
  const flushing = w.flushEveryEvents + w.flushEveryBytes > 0;
  const sink = new MemorySink();
  const writer = make(sink, { chunkBytes: flushing || w.deep > 0 ? 65536 : 256, flushEveryEvents: w.flushEveryEvents, flushEveryBytes: w.flushEveryBytes });
  if (w.via === 'appendTrace') writer.appendTrace(trace);
  else {
    trace.codes.forEach((name, code) => writer.defineCode(code, name));
    for (const e of trace.events()) writer.append(e.kind, e.activation, e.code, e.flags, e.seq, 0, e.waker ?? 0, e.payload);
  }
  writer.close();
  return sink.bytes();
}

/**
 * The checks of {@link checkDeclaredOpen} on a file already written from `w` (`flushes`: the chunk ends too).
 * @returns what went wrong, at most three lines
 */
export function declaredOpenProblems(bytes: Uint8Array, w: FrameWalk, flushes = true): string[] {
  const { trace } = w;
  const r = oracleRead(bytes);
  const name = `frame walk of ${trace.length} events (${w.via}, flush every ${w.flushEveryEvents} events, ${w.flushEveryBytes} bytes)`;
  if (r.stop !== undefined || !r.complete) return [`${name}: FORMAT.md's decoder stops: ${r.stop?.code ?? 'no end-of-stream'} ${r.stop?.reason ?? ''}`];
  const problems: string[] = [];
  const events = trace.events();
  const open = new DeclaredOpen();
  let at = 0;
  r.chunks.forEach((c, i) => {
    for (; at < c.checkpoint.eventsBefore && at < events.length; at++) open.follow(events[at]!.kind, events[at]!.activation, trace.codeName(events[at]!.code));
    const want = formatOpen(open.list());
    const got = formatOpen(c.checkpoint.open.map((o) => ({ activation: o.activation, code: o.name, state: o.state })));
    if (got !== want || c.checkpoint.partial) problems.push(`${name}: chunk ${i} (after ${c.checkpoint.eventsBefore} events) declares ${got}${c.checkpoint.partial ? ' partial' : ''}, want ${want}`);
    const last = i === r.chunks.length - 1;
    if (flushes && w.flushEveryEvents > 0 && (last ? c.events.length >= w.flushEveryEvents : c.events.length !== w.flushEveryEvents)) {
      problems.push(`${name}: chunk ${i} holds ${c.events.length} events, want ${last ? `fewer than ${w.flushEveryEvents} (the last)` : w.flushEveryEvents}`);
    }
    if (flushes && w.flushEveryBytes > 0) problems.push(...flushedAtBytes(name, bytes, c.byteOffset, c.bytes, i === 0 ? FILE_HEADER.length : 0, w.flushEveryBytes, i, last));
  });
  return problems.slice(0, 3);
}

/**
 * A chunk flushed by `flushEveryBytes` b: its payload (plus `before` bytes counted since the flush) reached b with
 * its last event, not with the one before. The last chunk (the one `close` ends) never reached b with an event:
 * that event would have flushed it.
 */
function flushedAtBytes(name: string, bytes: Uint8Array, start: number, length: number, before: number, b: number, i: number, last: boolean): string[] {
  const payload = bytes.subarray(start + 13, start + length);
  const records = splitRecords(payload);
  if (typeof records === 'string') return [`${name}: chunk ${i}: ${records}`];
  const ends: number[] = []; // where each event ends, its payload record included
  records.forEach((rec, k) => {
    if (isEventRecord(rec.type)) ends.push(records[k + 1]?.type === 0x0d ? records[k + 1]!.end : rec.end);
  });
  const reached = before + (ends.at(-1) ?? 0);
  if (last) return ends.length > 0 && reached >= b ? [`${name}: chunk ${i}, the last, reached ${reached} bytes since the flush with its last event, want it flushed there (at ${b})`] : [];
  const earlier = ends.length >= 2 ? before + ends.at(-2)! : undefined;
  if (reached < b || (earlier !== undefined && earlier >= b)) return [`${name}: chunk ${i} sealed at ${reached} bytes since the flush${earlier !== undefined ? ` (${earlier} before its last event)` : ''}, want the first event to reach ${b}`];
  return [];
}
