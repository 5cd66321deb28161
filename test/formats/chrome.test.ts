import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeChrome } from '../../src/formats/chrome.ts';
import { verifyChrome } from '../../src/formats/chrome-verify.ts';
import type { TraceEvent } from '../../src/model/event.ts';
import { TraceFormatError } from '../../src/model/errors.ts';
import { EventFlag, EventKind } from '../../src/model/kinds.ts';
import { Trace } from '../../src/model/trace.ts';

const { Call, Return, Yield, Resume, Throw } = EventKind;
type Kind = keyof typeof EventKind;

/** A trace from `[kind, activation, code]` rows, seq = index, optional tsNs per row. */
function trace(rows: readonly [Kind, number, number, number?][], codes: string[]): Trace {
  return Trace.fromEvents(
    rows.map(([k, activation, code, tsNs], seq) => {
      const e = { seq, kind: EventKind[k], activation, code, flags: 0 };
      return tsNs === undefined ? e : { ...e, tsNs };
    }),
    codes,
  );
}

function encoded(t: Trace): Record<string, unknown>[] {
  return (JSON.parse(encodeChrome(t)) as { traceEvents: Record<string, unknown>[] }).traceEvents;
}

function formatError(text: string, options?: { maxTextLength: number }): TraceFormatError {
  try {
    verifyChrome(text, options);
  } catch (e) {
    expect(e).toBeInstanceOf(TraceFormatError);
    return e as TraceFormatError;
  }
  throw new Error('verifyChrome accepted the input');
}

const ON = { pid: 1, tid: 1 };
const b = (name: string, ts: number, activation: number, event: string) => ({ ph: 'B', name, ...ON, ts, args: { activation, event } });
const e = (name: string, ts: number, activation: number, event: string) => ({ ph: 'E', name, ...ON, ts, args: { activation, event } });
const async = (ph: 'b' | 'e', name: string, ts: number, id: number, event: string) => ({ ph, cat: 'suspended', id, name, ...ON, ts, args: { activation: id, event } });

/**
 * Random traces balanced per DESIGN §3: exits pop the top; generators may stay suspended at the end.
 * Steps: 0-1 call, 2 return, 3 yield, 4 unwind, 5-7 resume, 8 throw (of the oldest suspended activation,
 * or a yield when none is). Optional tsNs advance by 0..3 ns, so equal timestamps are common.
 */
const STEPS = fc.array(fc.nat({ max: 8 }), { maxLength: 60 });
const TS_STEPS = fc.option(fc.array(fc.nat({ max: 3 }), { minLength: 200, maxLength: 200 }));
const BALANCED = fc.record({ steps: STEPS, tsSteps: TS_STEPS }).map(({ steps, tsSteps }) => {
  const rows: [Kind, number, number][] = [];
  const stack: number[] = [];
  const suspended: number[] = [];
  let next = 1;
  const exit = (kind: Kind): void => {
    const a = stack.pop()!;
    rows.push([kind, a, a % 3]);
    if (kind === 'Yield') suspended.push(a);
  };
  for (const s of steps) {
    if (s <= 1 || stack.length === 0) stack.push(next), rows.push(['Call', next, next % 3]), next++;
    else if (s <= 4) exit((['Return', 'Yield', 'Unwind'] as const)[s - 2]!);
    else if (suspended.length > 0) {
      const a = suspended.shift()!;
      stack.push(a), rows.push([s === 8 ? 'Throw' : 'Resume', a, a % 3]);
    } else exit('Yield');
  }
  while (stack.length > 0) exit('Return');
  let ts = 0;
  const timed = rows.map((r, i) => [...r, tsSteps ? (ts += tsSteps[i % 200]!) : undefined] as [Kind, number, number, number?]);
  return trace(timed, ['main', 'gen', 'inner']);
});

describe('encodeChrome', () => {
  it('should write B/E per edge and a suspended async slice from each yield to the next resume', () => {
    // main calls gen; gen yields, is resumed, yields again and stays suspended; main returns.
    const t = trace([['Call', 1, 0], ['Call', 2, 1], ['Yield', 2, 1], ['Resume', 2, 1], ['Yield', 2, 1], ['Return', 1, 0]], ['main', 'gen']);
    const json = JSON.parse(encodeChrome(t)) as Record<string, unknown>;
    expect(json['displayTimeUnit']).toBe('ns');
    expect(json['otherData']).toEqual({ generator: 'trace-harness', format: 1 });
    expect(json['traceEvents']).toEqual([
      { ph: 'M', name: 'process_name', ...ON, args: { name: 'trace-harness' } },
      { ph: 'M', name: 'thread_name', ...ON, args: { name: 'js' } },
      b('main', 0, 1, 'call'),
      b('gen', 1, 2, 'call'),
      e('gen', 2, 2, 'yield'),
      async('b', 'gen', 2, 2, 'yield'),
      async('e', 'gen', 3, 2, 'resume'),
      b('gen', 3, 2, 'resume'),
      e('gen', 4, 2, 'yield'),
      async('b', 'gen', 4, 2, 'yield'),
      e('main', 5, 1, 'return'),
    ]);
  });

  it('should leave only the still-suspended async slice open when verified', () => {
    const t = trace([['Call', 1, 0], ['Call', 2, 1], ['Yield', 2, 1], ['Resume', 2, 1], ['Yield', 2, 1], ['Return', 1, 0]], ['main', 'gen']);
    const report = verifyChrome(encodeChrome(t));
    expect(report).toMatchObject({ events: 11, threads: 1 });
    expect(report.violations.map((v) => [v.rule, v.eventIndex])).toEqual([['chrome/async-open-at-end', 9]]);
  });

  it('should use tsNs / 1000 as microseconds and close a suspension on throw', () => {
    const t = trace([['Call', 7, 0, 1500], ['Yield', 7, 0, 2000], ['Throw', 7, 0, 3250], ['Unwind', 7, 0, 4001]], ['g']);
    expect(encoded(t).slice(2)).toEqual([
      { ...b('g', 1.5, 7, 'call') },
      { ...e('g', 2, 7, 'yield') },
      async('b', 'g', 2, 7, 'yield'),
      async('e', 'g', 3.25, 7, 'throw'),
      { ...b('g', 3.25, 7, 'throw') },
      { ...e('g', 4.001, 7, 'unwind') },
    ]);
    expect(verifyChrome(encodeChrome(t)).violations).toEqual([]);
  });

  it('should mark a resume with a return completion in its args', () => {
    const t = Trace.fromEvents(
      [
        { seq: 0, kind: Call, activation: 1, code: 0, flags: 0 },
        { seq: 1, kind: Yield, activation: 1, code: 0, flags: 0 },
        { seq: 2, kind: Resume, activation: 1, code: 0, flags: EventFlag.ReturnCompletion },
        { seq: 3, kind: Return, activation: 1, code: 0, flags: 0 },
      ] satisfies TraceEvent[],
      ['g'],
    );
    const resume = encoded(t).find((x) => x['ph'] === 'B' && x['ts'] === 2);
    expect(resume?.['args']).toEqual({ activation: 1, event: 'resume', returnCompletion: true });
  });

  it('should verify without slice violations for random balanced traces', () => {
    fc.assert(
      fc.property(BALANCED, (t) => {
        const suspended = new Set<number>();
        for (const ev of t) {
          if (ev.kind === Yield) suspended.add(ev.activation);
          if (ev.kind === Resume || ev.kind === Throw) suspended.delete(ev.activation);
        }
        const report = verifyChrome(encodeChrome(t));
        // Only the async slices of generators left suspended stay open.
        expect(report.violations.filter((v) => v.rule !== 'chrome/async-open-at-end')).toEqual([]);
        expect(report.violations).toHaveLength(suspended.size);
        expect(report.events).toBe(t.length + 2 + 2 * t.events().filter((x) => x.kind === Yield).length - suspended.size);
      }),
    );
  });

  it('should encode an unbalanced trace as is, so verification names the broken E', () => {
    const t = trace([['Call', 1, 0], ['Call', 2, 1], ['Return', 1, 0], ['Unwind', 2, 1]], ['f', 'g']);
    const rules = verifyChrome(encodeChrome(t)).violations.map((v) => [v.rule, v.eventIndex]);
    expect(rules).toEqual([['chrome/end-name-mismatch', 4], ['chrome/end-name-mismatch', 5]]);
  });
});

describe('verifyChrome', () => {
  const ev = (ph: string, name: string, tid: number, ts: number, extra: object = {}) => ({ ph, name, pid: 1, tid, ts, ...extra });
  const rulesOf = (events: unknown[]): [string, number, number][] => verifyChrome(JSON.stringify(events)).violations.map((v) => [v.rule, v.eventIndex, v.activation]);

  it('should accept balanced B/E/X on several threads in the bare array form, sorting each thread by ts', () => {
    const events = [
      { ph: 'M', name: 'thread_name', pid: 1, tid: 2, args: { name: 'worker' } },
      ev('E', 'a', 2, 9), // given first, but at ts 9
      ev('B', 'a', 2, 0),
      ev('X', 'x', 2, 1, { dur: 3 }),
      ev('X', 'y', 2, 4, { dur: 5 }), // ends at 9 with a
      ev('B', 'b', 3, 0, { cat: 'c', someTool: { nested: true } }),
      ev('X', 'z', 3, 0, { dur: 0 }),
      ev('E', 'b', 3, 2),
      { ph: 'i', name: 'mark', pid: 1, tid: 2, ts: 3, s: 't' },
      { ph: 'Q', weird: true },
    ];
    expect(verifyChrome(JSON.stringify(events))).toEqual({ events: 10, threads: 2, violations: [], incomplete: false });
  });

  it('should report an E with no open B and an E that names another slice', () => {
    expect(rulesOf([ev('E', 'f', 2, 0), ev('B', 'f', 2, 1), ev('E', 'g', 2, 2), ev('B', 'h', 3, 0), ev('E', 'h', 3, 1)])).toEqual([
      ['chrome/unmatched-end', 0, 2],
      ['chrome/end-name-mismatch', 2, 2],
    ]);
    const [v] = verifyChrome(JSON.stringify([ev('B', 'f', 2, 0), ev('E', 'g', 2, 1)])).violations;
    expect(v?.message).toBe('want e "f" (top open slice) on pid 1 tid 2, got e "g" at ts 1');
  });

  it('should accept an E without a name as closing the top B', () => {
    expect(rulesOf([ev('B', 'f', 2, 0), { ph: 'E', pid: 1, tid: 2, ts: 1 }])).toEqual([]);
  });

  it('should report each B still open at the end at the B', () => {
    expect(rulesOf([ev('B', 'outer', 4, 0), ev('B', 'inner', 4, 1), ev('B', 'ok', 5, 0), ev('E', 'ok', 5, 1)])).toEqual([
      ['chrome/open-at-end', 0, 4],
      ['chrome/open-at-end', 1, 4],
    ]);
  });

  it('should report a complete event that starts inside a slice and ends after it', () => {
    // X inside B, ending after the E.
    expect(rulesOf([ev('B', 'f', 2, 0), ev('X', 'x', 2, 1, { dur: 10 }), ev('E', 'f', 2, 5)])).toEqual([['chrome/overlapping-complete', 1, 2]]);
    // X inside X, ending after it.
    expect(rulesOf([ev('X', 'p', 2, 0, { dur: 5 }), ev('X', 'c', 2, 2, { dur: 4 })])).toEqual([['chrome/overlapping-complete', 1, 2]]);
    // A B opened inside an X still open when the X ends (reported at the X), then closed.
    expect(rulesOf([ev('X', 'p', 2, 0, { dur: 5 }), ev('B', 'f', 2, 1), ev('E', 'f', 2, 8)])).toEqual([['chrome/overlapping-complete', 0, 2]]);
    // A B opened inside two nested X slices and still open when both end: each X is overlapped by it (issue 13:
    // the innermost alone was reported).
    expect(rulesOf([ev('X', 'p', 2, 0, { dur: 10 }), ev('X', 'c', 2, 1, { dur: 4 }), ev('B', 'f', 2, 2), ev('E', 'f', 2, 12)])).toEqual([
      ['chrome/overlapping-complete', 0, 2],
      ['chrome/overlapping-complete', 1, 2],
    ]);
    // Only the X slices that ended before the E: the outer one ends with it.
    expect(rulesOf([ev('X', 'p', 2, 0, { dur: 12 }), ev('X', 'c', 2, 1, { dur: 4 }), ev('B', 'f', 2, 2), ev('E', 'f', 2, 12)])).toEqual([['chrome/overlapping-complete', 1, 2]]);
    // Back to back and exactly nested slices are fine.
    expect(rulesOf([ev('X', 'p', 2, 0, { dur: 5 }), ev('X', 'c', 2, 0, { dur: 5 }), ev('X', 'q', 2, 5, { dur: 1 })])).toEqual([]);
  });

  it('should report async e without b and b never ended, paired by cat, id and name', () => {
    const a = (ph: string, id: number | string, ts: number, cat = 'io') => ({ ph, cat, id, name: 'req', pid: 1, tid: 3, ts });
    expect(rulesOf([a('b', 1, 0), a('e', 1, 5), a('e', 2, 6), a('b', '1', 7), a('b', 1, 8, 'net'), a('e', 1, 9)])).toEqual([
      ['chrome/async-unmatched', 2, 3],
      ['chrome/async-open-at-end', 3, 3],
      ['chrome/async-open-at-end', 4, 3],
      ['chrome/async-unmatched', 5, 3],
    ]);
  });

  it('should read the object form and a bare array cut off before its closing bracket', () => {
    const events = [ev('B', 'f', 1, 0), ev('E', 'f', 1, 1)];
    expect(verifyChrome(JSON.stringify({ traceEvents: events, displayTimeUnit: 'ms' })).events).toBe(2);
    expect(verifyChrome(`${JSON.stringify(events).slice(0, -1)},\n`).events).toBe(2);
  });

  it('should ignore __proto__ keys without polluting Object.prototype', () => {
    const text = '{"__proto__":{"polluted":1},"traceEvents":[{"ph":"B","name":"f","pid":1,"tid":1,"ts":0,"__proto__":{"polluted":2}},{"ph":"E","pid":1,"tid":1,"ts":1}]}';
    expect(verifyChrome(text)).toEqual({ events: 2, threads: 1, violations: [], incomplete: false });
    expect(formatError('{"__proto__":{"traceEvents":[]}}').code).toBe('unknown-format');
    expect(Object.hasOwn(Object.prototype, 'polluted')).toBe(false);
  });

  it('should reject input that is not chrome trace json with typed errors', () => {
    expect([formatError('{"traceEvents":[').code, formatError('').code]).toEqual(['bad-json', 'bad-json']);
    // "é" is one UTF-16 unit but two UTF-8 bytes: the stray "x" at char 5 is byte 6.
    expect([formatError('["é"]x').code, formatError('["é"]x').byteOffset]).toEqual(['bad-json', 6]);
    expect(formatError('{"traceEvents":{}}').code).toBe('unknown-format');
    expect(formatError('42').code).toBe('unknown-format');
    const bad = formatError('[{"ph":"B","name":"f","pid":1,"tid":1}]');
    expect([bad.code, bad.message]).toEqual(['bad-event', 'bad-event: want a chrome trace event at traceEvents[0], got "B" without ts (at byte 0)']);
    expect(formatError('[{"ph":"X","name":"f","ts":0}]').code).toBe('bad-event');
    expect(formatError('[{"ph":"b","name":"f","ts":0}]').code).toBe('bad-event');
    expect(formatError('[{"ph":"B","name":"f","ts":"0"}]').code).toBe('bad-event');
    expect(formatError('[7]').code).toBe('bad-event');
  });

  it('should reject text longer than the limit with limit-exceeded', () => {
    expect(formatError('[]     ', { maxTextLength: 6 }).code).toBe('limit-exceeded');
    expect(verifyChrome('[]    ', { maxTextLength: 6 }).events).toBe(0);
    expect(() => verifyChrome('[]', { maxTextLength: -1 })).toThrow(RangeError);
  });

  it('should verify deep nesting in linear time (200000 nested slices)', () => {
    const n = 200_000;
    const events = [];
    for (let i = 0; i < n; i++) events.push({ ph: 'B', name: 'f', pid: 1, tid: 1, ts: i });
    for (let i = 0; i < n; i++) events.push({ ph: 'E', name: 'f', pid: 1, tid: 1, ts: n + i });
    expect(verifyChrome(JSON.stringify(events)).violations).toEqual([]);
  });
});
