import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ChromeVerifier, verifyChrome } from '../../src/formats/chrome-verify.ts';
import { ChromeScanner, MAX_CHROME_DEPTH } from '../../src/formats/chrome-scan.ts';
import { TraceFormatError } from '../../src/model/errors.ts';

// The streaming Chrome reader (issue 14): the same report whatever the piece sizes, bounds checked as
// the bytes arrive.
const utf8 = new TextEncoder();

function streamed(text: string, cuts: readonly number[]): ReturnType<ChromeVerifier['end']> {
  const bytes = utf8.encode(text);
  const v = new ChromeVerifier();
  let at = 0;
  for (const c of [...cuts].sort((a, b) => a - b)) {
    const to = Math.min(bytes.length, c);
    if (to > at) v.push(bytes.subarray(at, to));
    at = Math.max(at, to);
  }
  v.push(bytes.subarray(at));
  return v.end();
}

const MIXED = JSON.stringify({
  traceEvents: [
    { ph: 'M', name: 'thread_name', pid: 1, tid: 2, args: { name: 'w "é" \\ 😀' } },
    { ph: 'B', name: 'main', pid: 1, tid: 1, ts: 0, args: { deep: [[[{ a: -1.5e3, b: true, c: null }]]] } },
    { ph: 'b', cat: 'io', id: 7, name: 'read', pid: 1, tid: 2, ts: 1 },
    { ph: 'X', name: 'work', pid: 1, tid: 1, ts: 2, dur: 1 },
    { ph: 'E', name: 'main', pid: 1, tid: 1, ts: 4 },
    { ph: 'B', name: 'open', pid: 1, tid: 3, ts: 5 },
    { ph: 'e', cat: 'io', id: 8, name: 'read', pid: 1, tid: 2, ts: 6 },
  ],
  otherData: { generator: 'someone' },
});

describe('ChromeVerifier: streaming Chrome JSON', () => {
  it('should skip a byte order mark split between pieces, an empty first piece included', () => {
    // Found by the wild Chrome files of the wire property (issue 13): the mark was skipped only when the first piece held all three bytes.
    const bom = Uint8Array.of(0xef, 0xbb, 0xbf);
    const body = utf8.encode('[{"ph":"B","name":"f","pid":1,"tid":1,"ts":0}]');
    for (const pieces of [[bom.subarray(0, 1), bom.subarray(1), body], [new Uint8Array(0), bom, body], [bom.subarray(0, 2), Uint8Array.of(0xbf, ...body)]]) {
      const v = new ChromeVerifier();
      for (const p of pieces) v.push(p);
      expect(v.end().violations.map((x) => x.rule)).toEqual(['chrome/open-at-end']);
    }
    // Only a whole mark is skipped: its first bytes alone are not JSON.
    const v = new ChromeVerifier();
    v.push(Uint8Array.of(0xef, 0xbb));
    expect(() => v.push(body)).toThrow(TraceFormatError);
  });

  it('should give the report of the whole text for every way of cutting it in two', () => {
    const whole = verifyChrome(MIXED);
    expect(whole.violations.map((v) => v.rule)).toEqual(['chrome/async-open-at-end', 'chrome/open-at-end', 'chrome/async-unmatched']);
    for (let cut = 0; cut <= utf8.encode(MIXED).length; cut++) expect(streamed(MIXED, [cut])).toEqual(whole);
  });

  it('should give the same report for random piece sizes', () => {
    fc.assert(fc.property(fc.array(fc.nat({ max: 400 }), { maxLength: 12 }), (cuts) => {
      expect(streamed(MIXED, cuts)).toEqual(verifyChrome(MIXED));
    }));
  });

  it('should refuse 1 MB of "[" at the nesting limit, at byte 256, without reading on', () => {
    const v = new ChromeVerifier();
    let error: unknown;
    try {
      v.push(utf8.encode('['.repeat(1_000_000)));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TraceFormatError);
    expect([(error as TraceFormatError).code, (error as TraceFormatError).byteOffset]).toEqual(['limit-exceeded', MAX_CHROME_DEPTH]);
  });

  it('should refuse JSON that breaks the grammar anywhere, also outside the event list, as bad-json', () => {
    for (const text of ['{"traceEvents":[],"x":[1,}', '[{"ph":"B"} {"ph":"E"}]', '{"traceEvents":[],"x":tru}', '["a\\q"]', '[01]', '{"traceEvents":[]]']) {
      expect(() => verifyChrome(text), text).toThrow(/bad-json/);
    }
  });

  it('should read the array form cut off after a comma, as the format allows', () => {
    expect(verifyChrome('[{"ph":"B","name":"f","pid":1,"tid":1,"ts":0},{"ph":"E","pid":1,"tid":1,"ts":1},').violations).toEqual([]);
  });
});

describe('ChromeVerifier: threads checked as they are read', () => {
  /** Random slices on 3 threads and async pairs, ts mostly rising, sometimes going back (a thread then re-read). */
  const EVENTS = fc.array(
    fc.record({
      ph: fc.constantFrom('B', 'E', 'X', 'b', 'e', 'i'),
      name: fc.option(fc.constantFrom('f', 'g', 'h'), { nil: undefined }),
      tid: fc.constantFrom(1, 2, 'w'),
      step: fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 0, max: 3 }) }, { weight: 1, arbitrary: fc.integer({ min: -5, max: -1 }) }),
      dur: fc.integer({ min: 0, max: 6 }),
      id: fc.integer({ min: 1, max: 3 }),
    }),
    { maxLength: 60 },
  ).map((rows) => {
    let ts = 0;
    return rows.map((r) => {
      ts += r.step;
      const base = { ph: r.ph, ...(r.name === undefined ? {} : { name: r.name }), pid: 1, tid: r.tid, ts };
      if (r.ph === 'X') return { ...base, dur: r.dur };
      if (r.ph === 'b' || r.ph === 'e') return { ...base, cat: 'c', id: r.id };
      return base;
    });
  });

  it('should give the report of the verifier that keeps every slice, in order or not', () => {
    fc.assert(
      fc.property(EVENTS, fc.array(fc.nat({ max: 2000 }), { maxLength: 4 }), (events, cuts) => {
        const text = JSON.stringify({ traceEvents: events });
        const kept = streamed(text, cuts); // no replay: every slice kept, sorted at the end
        expect(verifyChrome(text)).toEqual(kept); // a replay: checked while read
        const bytes = utf8.encode(text);
        let reads = 0;
        const v = new ChromeVerifier({ replay: (push) => (reads++, push(bytes)) });
        v.push(bytes);
        expect(v.end()).toEqual(kept);
        // Read again only when a thread's (or the async events') ts went back.
        const back = (pick: (e: (typeof events)[number]) => boolean): boolean => events.filter(pick).some((e, i, all) => i > 0 && e.ts < all[i - 1]!.ts);
        const slice = (e: (typeof events)[number]): boolean => e.ph === 'B' || e.ph === 'E' || e.ph === 'X';
        const outOfOrder = ['1', '2', 'w'].some((t) => back((e) => slice(e) && String(e.tid) === t)) || back((e) => e.ph === 'b' || e.ph === 'e');
        expect(reads).toBe(outOfOrder ? 1 : 0);
      }),
      { numRuns: 500 },
    );
  });
});

describe('bytes that are not UTF-8 in an event', () => {
  // `[{"name":"ü"}]` with the ü cut to its first byte (0xc3, byte 10) before the closing quote: the ill-formed sequence starts at byte 10.
  const bytes = Uint8Array.from([...utf8.encode('[{"name":"'), 0xc3, ...utf8.encode('"}]')]);
  const refusal = (pieces: readonly Uint8Array[]): TraceFormatError => {
    const scanner = new ChromeScanner(() => {});
    try {
      for (const p of pieces) scanner.push(p);
      scanner.end();
    } catch (error) {
      return error as TraceFormatError;
    }
    throw new Error('read');
  };

  it('should be refused as bad-json at the first byte that is not UTF-8, whatever the pieces (the class TSDoc)', () => {
    expect([refusal([bytes]).code, refusal([bytes]).byteOffset]).toEqual(['bad-json', 10]);
    expect(refusal([bytes.subarray(0, 4), bytes.subarray(4, 12), bytes.subarray(12)]).byteOffset).toBe(10);
  });
});

describe('values after the event list', () => {
  const entries = (text: string): unknown[] => {
    const seen: unknown[] = [];
    const scanner = new ChromeScanner((v) => seen.push(v));
    scanner.push(utf8.encode(text));
    scanner.end();
    return seen;
  };

  it('should hand over only the entries of the event list, not values nested in later members (the class TSDoc)', () => {
    // `a`'s value and `c`'s entries sit at the event list's depth (2) in a member after it.
    expect(entries('{"traceEvents":[{"ph":"M"}],"meta":{"a":{"ph":"B"},"b":2,"c":[3,{"ph":"E"}]}}')).toEqual([{ ph: 'M' }]);
    expect(entries('{"traceEvents":[{"ph":"M"}],"x":[{"ph":"B"}]}')).toEqual([{ ph: 'M' }]);
    expect(entries('{"meta":{"a":{"ph":"B"}},"traceEvents":[1,{"ph":"M"}],"otherData":{"k":{"ph":"B"}}}')).toEqual([1, { ph: 'M' }]);
  });

  it('should refuse a second traceEvents member as unknown-format at its list, not read both (JSON.parse keeps the last)', () => {
    const text = '{"traceEvents":[{"ph":"M"}],"traceEvents":[{"ph":"B"}]}';
    let error: unknown;
    try {
      entries(text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TraceFormatError);
    expect([(error as TraceFormatError).code, (error as TraceFormatError).byteOffset]).toEqual(['unknown-format', text.lastIndexOf('[')]);
    expect((error as TraceFormatError).message).toContain('a second traceEvents list');
  });
});

describe('ChromeVerifier.end called again', () => {
  it('should return the same report (the first end() consumes the slices it keeps)', () => {
    const v = new ChromeVerifier();
    v.push(utf8.encode(MIXED));
    const first = v.end();
    // b id 7 (event 2) never ended, B "open" on tid 3 (event 5) never ended, e id 8 (event 6) never begun.
    expect(first.violations.map((x) => x.rule)).toEqual(['chrome/async-open-at-end', 'chrome/open-at-end', 'chrome/async-unmatched']);
    expect(v.end()).toEqual(first);
  });
});
