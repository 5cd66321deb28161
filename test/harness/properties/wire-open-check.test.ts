import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { type FrameWalk, frameWalkArbitrary } from '../../../harness/properties/frame-walk.ts';
import { editCheckpoint } from '../../../harness/properties/wire-hostile-records.ts';
import { checkDeclaredOpen, declaredOpenProblems } from '../../../harness/properties/wire-open-check.ts';
import { FILE_HEADER, sealChunk, splitChunks } from '../../../harness/wire-oracle/layout.ts';
import { splitRecords } from '../../../harness/wire-oracle/records.ts';
import { EventKind } from '../../../src/model/kinds.ts';
import { Trace } from '../../../src/model/trace.ts';
import { MemorySink } from '../../../src/wire/sink.ts';
import { WireWriter } from '../../../src/wire/writer.ts';

const { Call, Return, Yield, Resume, Wake } = EventKind;
// main #1 calls gen #2, which yields; main calls task #3; gen is woken by #3 and resumed; #2 and #3 return.
const events = [
  [Call, 1, 0], [Call, 2, 1], [Yield, 2, 1], [Call, 3, 2], [Wake, 2, 1], [Resume, 2, 1], [Return, 2, 1], [Return, 3, 2],
] as const;
const trace = Trace.fromEvents(events.map(([kind, activation, code], seq) => ({ kind, activation, code, flags: 0, seq, ...(kind === Wake ? { waker: 3 } : {}) })), ['main', 'gen', 'task']);
const walk = (over: Partial<FrameWalk> = {}): FrameWalk => ({ trace, via: 'appendTrace', flushEveryEvents: 2, flushEveryBytes: 0, deep: 0, ...over });

describe('what a checkpoint declares open, and where the flush options end chunks', () => {
  it('should hold our writer to FORMAT.md §4.1 on a walk derived by hand, through append and appendTrace', () => {
    // Chunks of 2 events; open where each starts: [], [main #1 running, gen #2 running], [main #1, task #3 running; gen #2 suspended],
    // [main #1, task #3, gen #2 running], [main #1 running] (the end chunk).
    expect(checkDeclaredOpen(walk())).toEqual([]);
    expect(checkDeclaredOpen(walk({ via: 'append' }))).toEqual([]);
    expect(checkDeclaredOpen(walk({ flushEveryEvents: 0, flushEveryBytes: 20 }))).toEqual([]);
  });

  it('should end a chunk at a dropped record that is the k-th event since the flush (a stream record is an event)', () => {
    // main #1 calls, 3 records are dropped, main calls gen #2, both return: chunks of 2 events each, the last with 1.
    const dropped = Trace.fromEvents([
      { kind: Call, activation: 1, code: 0, flags: 0, seq: 0 },
      { kind: EventKind.Dropped, activation: 0, code: 0, flags: 0, seq: 3, waker: 3 },
      { kind: Call, activation: 2, code: 1, flags: 0, seq: 4 },
      { kind: Return, activation: 2, code: 1, flags: 0, seq: 5 },
      { kind: Return, activation: 1, code: 0, flags: 0, seq: 6 },
    ], ['main', 'gen']);
    expect(checkDeclaredOpen(walk({ trace: dropped }))).toEqual([]);
    expect(checkDeclaredOpen(walk({ trace: dropped, via: 'append' }))).toEqual([]);
  });

  it('should hold our writer to the rules on random walks, every flush option', () => {
    fc.assert(fc.property(frameWalkArbitrary(), (w) => {
      expect(checkDeclaredOpen(w)).toEqual([]);
    }), { numRuns: 300, seed: 11 });
  });

  it('should catch a checkpoint that declares a suspended activation as running', () => {
    const sink = new MemorySink();
    const w = new WireWriter(sink, { chunkBytes: 65536, flushEveryEvents: 2 });
    w.appendTrace(trace);
    w.close();
    const bytes = sink.bytes();
    const chunks = splitChunks(bytes) as Exclude<ReturnType<typeof splitChunks>, string>;
    const third = chunks[2]!; // declares main #1 running, task #3 running, gen #2 suspended: state bytes are fields 7, 10, 13
    const cp = (splitRecords(third.payload) as { start: number; end: number; type: number }[]).find((r) => r.type === 0x01)!;
    const edited = editCheckpoint(third.payload.subarray(cp.start, cp.end), { field: 13, delta: -1 })!; // suspended (2) -> running (1)
    const payload = Uint8Array.from([...third.payload.subarray(0, cp.start), ...edited, ...third.payload.subarray(cp.end)]);
    const bad = Uint8Array.from([...bytes.subarray(0, third.start), ...sealChunk(payload, third.events), ...bytes.subarray(third.start + 13 + third.payload.length)]);
    expect(bytes.subarray(0, FILE_HEADER.length)).toEqual(FILE_HEADER);
    expect(declaredOpenProblems(bad, walk())).toEqual(['frame walk of 8 events (appendTrace, flush every 2 events, 0 bytes): chunk 2 (after 4 events) declares [main #1 running, task #3 running, gen #2 running], want [main #1 running, task #3 running, gen #2 suspended]']);
  });

  it('should catch a writer that flushes later than the options say', () => {
    const late = (sink: MemorySink): WireWriter => new WireWriter(sink, { chunkBytes: 65536, flushEveryEvents: 3 });
    expect(checkDeclaredOpen(walk(), late)[0]).toBe('frame walk of 8 events (appendTrace, flush every 2 events, 0 bytes): chunk 0 holds 3 events, want 2');
    const lateBytes = (sink: MemorySink): WireWriter => new WireWriter(sink, { chunkBytes: 65536, flushEveryBytes: 40 });
    expect(checkDeclaredOpen(walk({ flushEveryEvents: 0, flushEveryBytes: 20 }), lateBytes)[0]).toMatch(/^frame walk of 8 events \(appendTrace, flush every 0 events, 20 bytes\): chunk 0 sealed at \d+ bytes since the flush \(\d+ before its last event\), want the first event to reach 20$/);
  });
});
