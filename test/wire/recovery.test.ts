import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TraceFormatError } from '../../src/model/errors.ts';
import { EventKind } from '../../src/model/kinds.ts';
import type { Trace } from '../../src/model/trace.ts';
import { Tracer } from '../../src/recorder/tracer.ts';
import { encodeWire } from '../../src/wire/encode.ts';
import { readWire } from '../../src/wire/reader.ts';
import { readWireStream } from '../../src/wire/stream-reader.ts';
import { FILE_HEADER_BYTES } from '../../src/wire/spec.ts';
import { programArbitrary } from '../../harness/program/arbitrary.ts';
import { compileProgram } from '../../harness/targets/js/compile.ts';
import { traceArbitrary } from '../../harness/properties/trace-arbitrary.ts';
import { chunkLayout } from '../../harness/properties/wire-layout.ts';

/** A multi-chunk file of real program traces (valid call stacks, generators left suspended included). */
function programTrace(seed: number, programs = 160): Trace {
  const tracer = new Tracer();
  for (const p of fc.sample(programArbitrary({ async: false }), { numRuns: programs, seed })) compileProgram(p)(tracer);
  return tracer.snapshot();
}

/** Reads bytes and checks the result is a prefix of `original` ending at a chunk boundary; returns it. */
function expectValidPrefix(bytes: Uint8Array, original: Trace, boundaries: readonly number[]): number {
  let r;
  try {
    r = readWire(bytes);
  } catch (e) {
    expect(e).toBeInstanceOf(TraceFormatError);
    return 0;
  }
  const n = r.trace.length;
  expect(boundaries).toContain(n);
  expect(r.trace.events()).toEqual(original.events().slice(0, n));
  return n;
}

/**
 * The file these tests damage, built inside each test rather than once in the describe body: code that runs
 * while vitest collects tests belongs to no test, so StrykerJS's perTest analysis would call every mutant it
 * reaches static and run the whole suite for each (bench/mutation).
 */
function fixture(): { trace: Trace; bytes: Uint8Array; layout: ReturnType<typeof chunkLayout>; boundaries: number[] } {
  const trace = programTrace(1);
  const bytes = encodeWire(trace, { chunkBytes: 256 });
  const layout = chunkLayout(bytes);
  return { trace, bytes, layout, boundaries: layout.reduce((acc, c) => [...acc, acc.at(-1)! + c.events], [0]) };
}

describe('recovery of torn and damaged files (DESIGN §4 invariant 8)', () => {
  it('should build a file of many chunks for these tests', () => {
    const { layout } = fixture();
    expect(layout.length).toBeGreaterThan(10);
  });

  it('should yield exactly the complete chunks before a cut at every byte offset', () => {
    const { bytes, layout } = fixture();
    for (let cut = 0; cut <= bytes.length; cut++) {
      const r = readWire(bytes.subarray(0, cut));
      const whole = layout.filter((c) => c.end <= cut);
      const events = whole.reduce((n, c) => n + c.events, 0);
      expect(r.chunks).toBe(whole.length);
      expect(r.trace.length).toBe(events);
      if (cut === bytes.length) {
        expect(r.complete).toBe(true);
        continue;
      }
      expect(r.complete).toBe(false);
      const torn = layout[whole.length];
      if (cut === FILE_HEADER_BYTES || (whole.length > 0 && whole.at(-1)!.end === cut)) {
        expect(r.loss).toBeUndefined(); // cut between chunks: nothing torn, the stream just has no end yet
        continue;
      }
      const lostFrom = cut < FILE_HEADER_BYTES ? 0 : torn!.start;
      expect(r.loss).toMatchObject({ byteOffset: lostFrom, lostBytes: cut - lostFrom });
      expect(r.loss!.error.code).toBe('truncated');
      if (torn !== undefined && cut - torn.start >= 13) expect(r.loss!.lostEvents).toBe(torn.events);
    }
  });

  it('should give a valid prefix or a TraceFormatError for random bit flips', () => {
    const { trace, bytes, boundaries } = fixture();
    fc.assert(
      fc.property(fc.array(fc.record({ at: fc.nat(bytes.length - 1), bit: fc.nat(7) }), { minLength: 1, maxLength: 4 }), (flips) => {
        const damaged = bytes.slice();
        for (const f of flips) damaged[f.at]! ^= 1 << f.bit;
        expectValidPrefix(damaged, trace, boundaries);
      }),
      { numRuns: 500, seed: 11 },
    );
  });

  it('should give a valid prefix or a TraceFormatError for swapped, dropped or repeated chunks', () => {
    const { trace, bytes, layout, boundaries } = fixture();
    fc.assert(
      fc.property(fc.array(fc.nat(layout.length - 1), { minLength: 1, maxLength: layout.length + 2 }), (order) => {
        const parts = order.map((i) => bytes.subarray(layout[i]!.start, layout[i]!.end));
        const shuffled = new Uint8Array([...bytes.subarray(0, FILE_HEADER_BYTES), ...parts.flatMap((p) => [...p])]);
        const n = expectValidPrefix(shuffled, trace, boundaries);
        // Only an identity prefix of the chunk order can decode.
        const prefix = order.findIndex((c, i) => c !== i);
        expect(n).toBe(boundaries[prefix === -1 ? order.length : prefix]);
      }),
      { numRuns: 300, seed: 12 },
    );
  });

  it('should give a valid prefix or a TraceFormatError for random bytes after a valid prefix, and for random input', () => {
    const { trace, bytes, boundaries } = fixture();
    fc.assert(
      fc.property(fc.nat(bytes.length), fc.uint8Array({ maxLength: 600 }), (cut, noise) => {
        expectValidPrefix(new Uint8Array([...bytes.subarray(0, cut), ...noise]), trace, boundaries);
        try {
          const r = readWire(noise);
          expect(r.trace.length).toBeLessThanOrEqual(noise.length);
        } catch (e) {
          expect(e).toBeInstanceOf(TraceFormatError);
        }
      }),
      { numRuns: 500, seed: 13 },
    );
  });

  it('should decode any run of whole chunks on its own, with the open activations re-declared', () => {
    const { trace, bytes, layout, boundaries } = fixture();
    fc.assert(
      fc.property(fc.nat(layout.length - 1), fc.nat(layout.length - 1), fc.boolean(), (a, b, withHeader) => {
        const [i, j] = a <= b ? [a, b] : [b, a];
        const run = bytes.subarray(layout[i]!.start, layout[j]!.end);
        // A run of chunks stands alone without the file header; with it, it must start the stream.
        const input = withHeader && i === 0 ? new Uint8Array([...bytes.subarray(0, FILE_HEADER_BYTES), ...run]) : run;
        const r = readWire(input);
        expect(r.loss).toBeUndefined();
        expect(r.complete).toBe(j === layout.length - 1);
        const from = boundaries[i]!;
        const want = trace.events().slice(from, boundaries[j + 1]);
        expect(r.trace.events()).toEqual(want);
        expect(r.trace.events().map((e) => r.trace.codeName(e.code))).toEqual(want.map((e) => trace.codeName(e.code)));
        expect(r.checkpoint).toMatchObject({ chunkIndex: i, eventsBefore: from, nextSeq: want[0]?.seq ?? r.checkpoint!.nextSeq });
        expect(r.checkpoint!.open.map((o) => [o.activation, o.state])).toEqual(openAt(trace, from));
      }),
      { numRuns: 200, seed: 14 },
    );
  });

  it('should stream the same chunks in constant memory, whatever the read size', async () => {
    const { trace, bytes, layout } = fixture();
    for (const piece of [1, 7, 100, 4096]) {
      const it = readWireStream(pieces(bytes, piece));
      const seen: number[] = [];
      let r = await it.next();
      for (; !r.done; r = await it.next()) seen.push(...r.value.trace.events().map((e) => e.seq));
      expect(r.value).toMatchObject({ complete: true, chunks: layout.length, events: trace.length });
      expect(seen).toEqual(trace.events().map((e) => e.seq));
    }
    const torn = readWireStream(pieces(bytes.subarray(0, layout[3]!.end + 20), 64));
    let r = await torn.next();
    let chunks = 0;
    for (; !r.done; r = await torn.next()) chunks++;
    expect(chunks).toBe(4);
    expect(r.value.loss).toMatchObject({ byteOffset: layout[4]!.start, lostEvents: layout[4]!.events });
  });
});

/** The open activations after the first `n` events: running stack bottom first, then suspended in order. */
function openAt(trace: Trace, n: number): [number, 'running' | 'suspended'][] {
  const stack: number[] = [];
  const suspended = new Map<number, true>();
  for (const e of trace.events().slice(0, n)) {
    if (e.kind === EventKind.Call || e.kind === EventKind.Resume || e.kind === EventKind.Throw) {
      suspended.delete(e.activation);
      stack.push(e.activation);
    } else if (e.kind === EventKind.Return || e.kind === EventKind.Yield || e.kind === EventKind.Unwind) {
      stack.splice(stack.lastIndexOf(e.activation));
      if (e.kind === EventKind.Yield) suspended.set(e.activation, true);
      else suspended.delete(e.activation);
    }
  }
  return [...stack.map((a) => [a, 'running'] as [number, 'running']), ...[...suspended.keys()].map((a) => [a, 'suspended'] as [number, 'suspended'])];
}

async function* pieces(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.slice(at, at + size);
}

describe('random traces survive truncation too', () => {
  it('should never throw on a prefix of any encoded trace', () => {
    fc.assert(
      fc.property(traceArbitrary(100), fc.double({ min: 0, max: 1, noNaN: true }), (t, frac) => {
        const b = encodeWire(t, { chunkBytes: 256 });
        const r = readWire(b.subarray(0, Math.floor(b.length * frac)));
        expect(r.trace.events()).toEqual(t.events().slice(0, r.trace.length));
      }),
      { numRuns: 200, seed: 15 },
    );
  });
});
