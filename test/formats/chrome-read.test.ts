import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { traceArbitrary } from '../../harness/properties/trace-arbitrary.ts';
import { validateTrace } from '../../src/check/validate-trace.ts';
import { encodeChrome } from '../../src/formats/chrome.ts';
import { verifyChrome } from '../../src/formats/chrome-verify.ts';
import { decodeChrome } from '../../src/formats/chrome-read.ts';
import { formatCanonical } from '../../src/formats/text.ts';
import { TraceFormatError } from '../../src/model/errors.ts';
import type { OpenAtStart, Trace } from '../../src/model/trace.ts';

// Chrome Trace Event JSON read back into events (issue 14): trace-harness files by the inverse of
// encodeChrome, foreign files by the B/E/X, b/e mapping of decodeChrome.
const utf8 = new TextEncoder();
const read = (json: unknown): Trace => decodeChrome(utf8.encode(typeof json === 'string' ? json : JSON.stringify(json)));
const text = (json: unknown): string => formatCanonical(read(json));
const T = { pid: 1, tid: 1 };

function refusal(json: unknown, options?: Parameters<typeof decodeChrome>[1]): TraceFormatError {
  const bytes = utf8.encode(typeof json === 'string' ? json : JSON.stringify(json));
  try {
    decodeChrome(bytes, options);
  } catch (e) {
    expect(e).toBeInstanceOf(TraceFormatError);
    return e as TraceFormatError;
  }
  throw new Error('decodeChrome accepted the input');
}

/** Random traces (every kind, valid or not) with a random open set, partial flag and completeness. */
const PARTIAL = fc
  .record({
    trace: traceArbitrary(80).filter((t) => t.length > 0),
    open: fc.array(fc.record({ activation: fc.integer({ min: 1, max: 30 }), code: fc.nat(), state: fc.constantFrom('running' as const, 'suspended' as const) }), { maxLength: 4 }),
    openPartial: fc.boolean(),
    complete: fc.boolean(),
  })
  .map(({ trace, open, openPartial, complete }) => {
    const unique: OpenAtStart[] = [];
    for (const o of open) if (!unique.some((u) => u.activation === o.activation)) unique.push({ ...o, code: o.code % trace.codes.length });
    return trace.withOpen(unique, openPartial).withComplete(complete);
  });

describe('decodeChrome: files trace-harness wrote', () => {
  it('should read back exactly the trace encodeChrome wrote, in canonical text, open set included', () => {
    fc.assert(
      fc.property(PARTIAL, (t) => {
        const back = decodeChrome(utf8.encode(encodeChrome(t)));
        expect(formatCanonical(back)).toBe(formatCanonical(t));
        expect([back.openPartial, back.complete]).toEqual([t.openPartial, t.complete]);
      }),
      { numRuns: 300 },
    );
  });

  it('should read a generator left suspended and a resume with a return completion', () => {
    const json = {
      traceEvents: [
        { ph: 'M', name: 'process_name', ...T, args: { name: 'trace-harness' } },
        { ph: 'B', name: 'main', ...T, ts: 0, args: { activation: 4, event: 'call' } },
        { ph: 'B', name: 'gen', ...T, ts: 1, args: { activation: 9, event: 'call' } },
        { ph: 'E', name: 'gen', ...T, ts: 2, args: { activation: 9, event: 'yield' } },
        { ph: 'b', cat: 'suspended', id: 9, name: 'gen', ...T, ts: 2, args: { activation: 9, event: 'yield' } },
        { ph: 'e', cat: 'suspended', id: 9, name: 'gen', ...T, ts: 3, args: { activation: 9, event: 'resume', returnCompletion: true } },
        { ph: 'B', name: 'gen', ...T, ts: 3, args: { activation: 9, event: 'resume', returnCompletion: true } },
        { ph: 'E', name: 'gen', ...T, ts: 4, args: { activation: 9, event: 'return', payload: '{"v":1}' } },
        { ph: 'i', s: 't', name: 'dropped', ...T, ts: 5, args: { value: 3 } },
        { ph: 'E', name: 'main', ...T, ts: 6, args: { activation: 4, event: 'return' } },
      ],
      otherData: { generator: 'trace-harness', format: 1 },
    };
    expect(text(json)).toBe('call main #1\ncall gen #2\nyield gen #2\nresume gen #2 return\nreturn gen #2 = {"v":1}\ndropped 3\nreturn main #1\n');
  });

  it('should refuse an event trace-harness does not write, at its first byte', () => {
    const bad = '{"traceEvents":[{"ph":"B","name":"f","pid":1,"tid":1,"ts":0,"args":{"activation":1,"event":"return"}}],"otherData":{"generator":"trace-harness"}}';
    const e = refusal(bad);
    expect([e.code, e.byteOffset]).toEqual(['bad-event', 16]);
    expect(e.message).toContain('"B" with args.event "return"');
  });

  it('should refuse an args.payload over 4096 bytes, as JSONL and wire do (FORMAT.md §8)', () => {
    // It was read, and convert --to wire then failed with an internal error (the writer refuses it).
    const file = (n: number): string => JSON.stringify({ traceEvents: [{ ph: 'i', s: 't', name: 'e', pid: 1, tid: 1, ts: 0, args: { event: 'event', activation: 0, payload: JSON.stringify('x'.repeat(n)) } }], otherData: { generator: 'trace-harness' } });
    expect(read(file(4094)).columns.payload?.[0]).toHaveLength(4096);
    const e = refusal(file(4095));
    expect([e.code, e.byteOffset]).toEqual(['bad-event', 16]);
    expect(e.message).toContain('args.payload: want at most 4096 bytes, got 4097');
  });
});

describe('decodeChrome: foreign files', () => {
  it('should read B as call, E as the return of the innermost slice, X as call and return at ts + dur', () => {
    const events = [
      { ph: 'M', name: 'thread_name', ...T, args: { name: 'main' } },
      { ph: 'B', name: 'main', ...T, ts: 0 },
      { ph: 'B', name: 'parse', ...T, ts: 1 },
      { ph: 'E', ...T, ts: 2 }, // no name: the innermost open slice
      { ph: 'X', name: 'leaf', ...T, ts: 3, dur: 1 },
      { ph: 'i', s: 't', name: 'mark', ...T, ts: 3 },
      { ph: 'C', name: 'heap', ...T, ts: 3, args: { bytes: 10 } },
      { ph: 'B', name: 'after', ...T, ts: 4 }, // the X ended at 4: it returns first
      { ph: 'E', name: 'after', ...T, ts: 5 },
      { ph: 'E', name: 'main', ...T, ts: 6 },
    ];
    expect(text(events)).toBe('call main #1\ncall parse #2\nreturn parse #2\ncall leaf #3\nreturn leaf #3\ncall after #4\nreturn after #4\nreturn main #1\n');
    expect(read(events).columns.tsNs).toEqual(new Float64Array([0, 1000, 2000, 3000, 4000, 4000, 5000, 6000]));
  });

  it('should order the slices by ts, as complete events written when they end are', () => {
    // Chrome writes an X when it ends: the inner one first.
    const events = [
      { ph: 'X', name: 'inner', ...T, ts: 2, dur: 3 },
      { ph: 'X', name: 'outer', ...T, ts: 0, dur: 10 },
      { ph: 'X', name: 'next', ...T, ts: 10, dur: 0 },
    ];
    expect(text({ traceEvents: events })).toBe('call outer #1\ncall inner #2\nreturn inner #2\nreturn outer #1\ncall next #3\nreturn next #3\n');
  });

  it('should read an async b/e pair as an activation that suspends at b and returns at e', () => {
    const events = [
      { ph: 'B', name: 'main', ...T, ts: 0 },
      { ph: 'b', cat: 'io', id: 7, name: 'read', ...T, ts: 1 },
      { ph: 'b', cat: 'io', id: 8, name: 'read', ...T, ts: 2 },
      { ph: 'e', cat: 'io', id: 7, name: 'read', ...T, ts: 3 },
      { ph: 'E', name: 'main', ...T, ts: 4 },
    ];
    const t = read(events);
    expect(formatCanonical(t)).toBe('call main #1\ncall read #2\nyield read #2\ncall read #3\nyield read #3\nresume read #2\nreturn read #2\nreturn main #1\n');
    // The one still open is a generator left suspended: no violation, as verify notes its open async slice.
    expect(validateTrace(t)).toEqual([]);
  });

  it('should leave a B still open at the end running, as verify fails it', () => {
    const t = read([{ ph: 'B', name: 'main', ...T, ts: 0 }, { ph: 'X', name: 'f', ...T, ts: 1, dur: 1 }]);
    expect(formatCanonical(t)).toBe('call main #1\ncall f #2\nreturn f #2\n');
    expect(validateTrace(t, { strict: true }).length).toBeGreaterThan(0);
  });

  it('should refuse slices that do not nest, with the offset of the event', () => {
    const unmatched = '[{"ph":"E","name":"f","pid":1,"tid":2,"ts":0}]';
    expect([refusal(unmatched).code, refusal(unmatched).byteOffset]).toEqual(['bad-event', 1]);
    expect(refusal(unmatched).message).toContain('want an open b slice on pid 1 tid 2, got e "f" at ts 0 at traceEvents[0]');
    const mismatch = [{ ph: 'B', name: 'f', ...T, ts: 0 }, { ph: 'E', name: 'g', ...T, ts: 1 }];
    expect(refusal(mismatch).message).toContain('want e "f" (top open slice) on pid 1 tid 1, got e "g" at ts 1');
    expect(refusal([{ ph: 'X', name: 'p', ...T, ts: 0, dur: 5 }, { ph: 'X', name: 'c', ...T, ts: 2, dur: 4 }]).message).toContain('x "c" to end by ts 5');
    expect(refusal([{ ph: 'e', cat: 'io', id: 1, name: 'r', ...T, ts: 0 }]).message).toContain('b "r" (cat "io", id 1) before its e');
  });

  it('should refuse a slice whose ts is no tsNs in 0..2^53-1 as bad-event at its byte, so the trace it reads fits every format', () => {
    // A negative or huge ts became tsNs -5000 or Infinity: convert --to wire then failed with an internal
    // error (exit 3), and --to jsonl wrote a file its own reader refuses.
    const negative = '[{"ph":"B","name":"f","pid":1,"tid":1,"ts":-5},{"ph":"E","pid":1,"tid":1,"ts":-4}]';
    expect([refusal(negative).code, refusal(negative).byteOffset]).toEqual(['bad-event', 1]);
    expect(refusal(negative).message).toContain('want a ts whose tsNs = round(ts × 1000) is in 0..2^53-1 on pid 1 tid 1, got -5 at traceEvents[0]');
    expect(refusal('[{"ph":"B","name":"f","pid":1,"tid":1,"ts":1e400}]').code).toBe('bad-event');
    expect(refusal('[{"ph":"B","name":"f","pid":1,"tid":1,"ts":1e300}]').code).toBe('bad-event');
    // An X whose end (ts + dur) is past the bound: refused at the X.
    expect(refusal([{ ph: 'X', name: 'f', ...T, ts: 1, dur: 1e300 }]).message).toContain('got 1e+300 at traceEvents[0]');
    // Up to the bound, fractions of a ns rounded as before; one ns past it refused.
    expect([...read([{ ph: 'X', name: 'f', ...T, ts: 0.0004, dur: 9007199254740.991 }]).columns.tsNs!]).toEqual([0, 9007199254740990]);
    expect(refusal([{ ph: 'X', name: 'f', ...T, ts: 0, dur: 9007199254740.992 }]).code).toBe('bad-event');
  });

  it('should refuse several threads naming them, and read the one asked for', () => {
    const events = [
      { ph: 'B', name: 'a', pid: 1, tid: 1, ts: 0 },
      { ph: 'B', name: 'b', pid: 1, tid: 2, ts: 0 },
      { ph: 'E', name: 'a', pid: 1, tid: 1, ts: 1 },
      { ph: 'i', name: 'other', pid: 1, tid: 3, ts: 1, s: 't' }, // an instant alone makes no thread
    ];
    const e = refusal(events);
    expect([e.code, e.byteOffset]).toEqual(['limit-exceeded', JSON.stringify(events.slice(0, 1)).length]);
    expect(e.message).toContain('got 2 threads: pid 1 tid 1, pid 1 tid 2');
    expect(formatCanonical(decodeChrome(utf8.encode(JSON.stringify(events)), { thread: { pid: 1, tid: 1 } }))).toBe('call a #1\nreturn a #1\n');
  });

  it('should read a file without slices as an empty trace, and refuse what is not Chrome JSON', () => {
    expect(read({ traceEvents: [{ ph: 'M', name: 'process_name', pid: 1, args: {} }] }).length).toBe(0);
    expect(refusal('{"traceEvents":[').code).toBe('bad-json');
    expect(refusal('{"traceEvents":{}}').code).toBe('unknown-format');
    expect([refusal('[{"ph":"X","name":"f","ts":0}]').code, refusal('[{"ph":"X","name":"f","ts":0}]').byteOffset]).toEqual(['bad-event', 1]);
  });
});

describe('decodeChrome agrees with verifyChrome on foreign files', () => {
  /** One thread of random B/E/X and async b/e, ts mostly rising, sometimes going back. */
  const THREAD = fc
    .array(
      fc.record({
        ph: fc.constantFrom('B', 'B', 'E', 'E', 'X', 'b', 'e', 'i'),
        name: fc.option(fc.constantFrom('f', 'g'), { nil: undefined }),
        step: fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 0, max: 3 }) }, { weight: 1, arbitrary: fc.integer({ min: -4, max: -1 }) }),
        dur: fc.integer({ min: 0, max: 6 }),
        id: fc.integer({ min: 1, max: 2 }),
      }),
      { minLength: 1, maxLength: 30 },
    )
    .map((rows) => {
      // From 120, 30 steps back of at most 4 keep ts >= 0 (a negative ts is no tsNs: refused, see above).
      let ts = 120;
      return rows.map((r) => {
        ts += r.step;
        const base = { ph: r.ph, ...(r.name === undefined ? {} : { name: r.name }), ...T, ts };
        return r.ph === 'X' ? { ...base, dur: r.dur } : r.ph === 'b' || r.ph === 'e' ? { ...base, cat: 'c', id: r.id } : base;
      });
    });
  const NESTING = ['chrome/unmatched-end', 'chrome/end-name-mismatch', 'chrome/overlapping-complete', 'chrome/async-unmatched'];

  it('should refuse exactly the files whose slices do not nest, and read the others into traces verify judges alike', () => {
    fc.assert(
      fc.property(THREAD, (events) => {
        const json = JSON.stringify(events);
        const rules = verifyChrome(json).violations.map((v) => v.rule);
        if (rules.some((r) => NESTING.includes(r))) {
          expect(refusal(events).code).toBe('bad-event');
          return;
        }
        const t = read(events);
        // A B open at the end fails both (an X under it stays open with it: no return can come first); an
        // async slice open at the end is a note in both (suspended).
        const rulesBack = validateTrace(t).map((v) => v.rule);
        expect(rulesBack.every((r) => r === 'stack-balance/open-at-end')).toBe(true);
        expect(rulesBack.length > 0).toBe(rules.includes('chrome/open-at-end'));
      }),
      { numRuns: 500 },
    );
  });
});
