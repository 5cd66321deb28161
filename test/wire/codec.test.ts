import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TraceFormatError } from '../../src/model/errors.ts';
import { EventKind } from '../../src/model/kinds.ts';
import { Trace } from '../../src/model/trace.ts';
import { encodeWire } from '../../src/wire/encode.ts';
import { decodeWire, readWire } from '../../src/wire/reader.ts';
import { MemorySink } from '../../src/wire/sink.ts';
import { readWireStream } from '../../src/wire/stream-reader.ts';
import { WireWriter } from '../../src/wire/writer.ts';
import { traceArbitrary, VARINT_EDGES } from '../../harness/properties/trace-arbitrary.ts';

const chunkBytes = fc.constantFrom(256, 512, 4096, 65536);

describe('wire round trip (DESIGN §4 invariant 7)', () => {
  it('should decode what it encodes, for random traces at every varint width', () => {
    fc.assert(
      fc.property(traceArbitrary(), chunkBytes, (trace, size) => {
        const bytes = encodeWire(trace, { chunkBytes: size });
        const back = decodeWire(bytes);
        expect(back.events()).toEqual(trace.events());
        expect(back.codes).toEqual(trace.codes);
      }),
      { numRuns: 300, seed: 7 },
    );
  });

  it('should re-encode decoded bytes to the same bytes', () => {
    fc.assert(
      fc.property(traceArbitrary(), chunkBytes, (trace, size) => {
        const bytes = encodeWire(trace, { chunkBytes: size });
        expect(encodeWire(decodeWire(bytes), { chunkBytes: size })).toEqual(bytes);
      }),
      { numRuns: 200, seed: 8 },
    );
  });

  it('should report as written exactly the bytes the sink received', () => {
    fc.assert(
      fc.property(traceArbitrary(), chunkBytes, fc.nat(50), (trace, size, flushEvery) => {
        const sink = new MemorySink();
        const w = new WireWriter(sink, { chunkBytes: size, timestamps: trace.columns.tsNs !== undefined, flushEveryEvents: flushEvery });
        w.appendTrace(trace);
        expect(w.bytesWritten).toBe(sink.length);
        w.close();
        expect(w.bytesWritten).toBe(sink.length);
        expect(decodeWire(sink.bytes()).events()).toEqual(trace.events());
      }),
      { numRuns: 150, seed: 9 },
    );
  });

  it('should keep every boundary value of seq and timestamps exact', () => {
    const events = VARINT_EDGES.map((v, i) => ({ seq: v, kind: EventKind.Call, activation: i + 1, code: 0, flags: 0, tsNs: v }));
    const trace = Trace.fromEvents(events, ['f']);
    expect(decodeWire(encodeWire(trace)).events()).toEqual(events);
  });

  it('should encode a call-stack trace in at most 6 bytes per event', () => {
    const events = [];
    for (let i = 0; i < 10000; i++) {
      events.push({ seq: 2 * i, kind: EventKind.Call, activation: i + 1, code: i % 7, flags: 0 });
      events.push({ seq: 2 * i + 1, kind: EventKind.Return, activation: i + 1, code: i % 7, flags: 0 });
    }
    const bytes = encodeWire(Trace.fromEvents(events, ['a', 'b', 'c', 'd', 'e', 'f', 'g']));
    expect(bytes.length / events.length).toBeLessThanOrEqual(6);
  });
});

describe('WireWriter misuse', () => {
  it('should reject out-of-range values with a RangeError naming the fix', () => {
    const w = new WireWriter(new MemorySink());
    expect(() => w.append(EventKind.Call, 1, 0, 0, 0)).toThrow('WireWriter.append: code 0 is not defined');
    w.defineCode(0, 'f');
    expect(() => w.defineCode(0, 'g')).toThrow('WireWriter.defineCode: code 0 is already "f", got "g"');
    expect(() => w.append(15 as EventKind, 1, 0, 0, 0)).toThrow('kind must be 1..14, got 15');
    expect(() => w.append(EventKind.Call, -1, 0, 0, 0)).toThrow('activation must be a u32');
    expect(() => w.append(EventKind.Call, 1, 0, 0, 2 ** 53)).toThrow('seq must be an integer in 0..2^53-1');
    expect(() => w.defineCode(0x100000, 'x')).toThrow(RangeError);
    expect(() => w.defineCode(1, 'x'.repeat(4097))).toThrow('max 4096');
    expect(() => new WireWriter(new MemorySink(), { chunkBytes: 10 })).toThrow('chunkBytes must be an integer in 256..');
    w.close();
    expect(() => w.append(EventKind.Call, 1, 0, 0, 0)).toThrow('the writer is closed');
  });

  it('should write an empty but complete file for an empty trace', () => {
    const r = readWire(encodeWire(Trace.fromEvents([], [])));
    expect([r.complete, r.trace.length, r.chunks, r.loss]).toEqual([true, 0, 1, undefined]);
  });
});

describe('decodeWire strictness', () => {
  it('should refuse a recording that never closed', () => {
    const sink = new MemorySink();
    const w = new WireWriter(sink);
    w.defineCode(0, 'f');
    w.append(EventKind.Call, 1, 0, 0, 0);
    w.flush();
    expect(readWire(sink.bytes())).toMatchObject({ complete: false, chunks: 1 });
    expect(() => decodeWire(sink.bytes())).toThrow(TraceFormatError);
  });
});

describe('Trace.complete of what the readers return', () => {
  // The trace says whether it ends where its stream ended, as the result does: a file cut inside its header
  // never ended (found by a surviving mutant of columns.ts, issue 13).
  it('should not call complete the empty trace of a file cut inside its header', () => {
    const whole = encodeWire(Trace.fromEvents([], []));
    for (const cut of [0, 5, 11]) {
      const r = readWire(whole.subarray(0, cut));
      expect([r.complete, r.trace.complete], `cut at ${cut}`).toEqual([false, false]);
    }
  });

  it('should call complete only the chunk of the stream that ends it, as readWire of that chunk alone does', async () => {
    const sink = new MemorySink();
    const w = new WireWriter(sink, { chunkBytes: 256 });
    w.defineCode(0, 'f');
    w.append(EventKind.Call, 1, 0, 0, 0);
    w.flush();
    w.append(EventKind.Return, 1, 0, 0, 0);
    w.close();
    const stream = readWireStream((async function* () { yield sink.bytes(); })());
    const flags: boolean[] = [];
    for (let r = await stream.next(); !r.done; r = await stream.next()) flags.push(r.value.trace.complete);
    expect(flags).toEqual([false, true]);
  });
});
