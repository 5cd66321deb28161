import { describe, expect, it } from 'vitest';
import { sameEventAt, samePrefix } from '../../../harness/properties/same-event.ts';
import { EventKind } from '../../../src/model/kinds.ts';
import type { TraceEvent } from '../../../src/model/event.ts';
import { Trace } from '../../../src/model/trace.ts';

const wake: TraceEvent = { seq: 3, kind: EventKind.Wake, activation: 2, code: 1, flags: 0, waker: 1, tsNs: 10 };
const one = (e: Partial<TraceEvent>, codes = ['a', 'b']): Trace => Trace.fromEvents([{ ...wake, ...e } as TraceEvent], codes);

describe('sameEventAt', () => {
  it('should tell apart events that differ in any one field', () => {
    const base = one({});
    expect(sameEventAt(base, 0, one({}), 0)).toBe(true);
    for (const change of [{ kind: EventKind.Pending }, { activation: 3 }, { flags: 1 }, { seq: 4 }, { tsNs: 11 }, { waker: 2 }, { payload: 'x' }, { code: 0 }]) {
      expect(sameEventAt(base, 0, one(change), 0), JSON.stringify(change)).toBe(false);
    }
    expect(sameEventAt(base, 0, Trace.fromEvents([{ seq: 3, kind: EventKind.Wake, activation: 2, code: 1, flags: 0, waker: 1 }], ['a', 'b']), 0)).toBe(false);
  });

  it('should compare codes by name and ignore the code of a stream record', () => {
    expect(sameEventAt(one({ code: 1 }), 0, one({ code: 0 }, ['b', 'a']), 0)).toBe(true);
    const dropped = (code: number): Trace => Trace.fromEvents([{ seq: 0, kind: EventKind.Dropped, activation: 0, code, flags: 0 }], ['a', 'b']);
    expect(sameEventAt(dropped(0), 0, dropped(1), 0)).toBe(true);
  });

  it('should compare numbers as JSON writes them: -0 is 0, every non-finite number is null', () => {
    expect(sameEventAt(one({ tsNs: 0 }), 0, one({ tsNs: -0 }), 0)).toBe(true);
    expect(sameEventAt(one({ tsNs: Number.NaN }), 0, one({ tsNs: Number.POSITIVE_INFINITY }), 0)).toBe(true);
    expect(sameEventAt(one({ tsNs: Number.NaN }), 0, one({ tsNs: 0 }), 0)).toBe(false);
  });
});

describe('samePrefix', () => {
  const t = Trace.fromEvents([0, 1, 2].map((seq) => ({ ...wake, seq })), ['a', 'b']);
  it('should match a run of events at an offset and refuse a short trace', () => {
    const tail = Trace.fromEvents([1, 2].map((seq) => ({ ...wake, seq })), ['a', 'b']);
    expect(samePrefix(tail, t, 2, 1)).toBe(true);
    expect(samePrefix(tail, t, 2, 0)).toBe(false);
    expect(samePrefix(tail, t, 3, 0)).toBe(false);
    expect(samePrefix(t, tail, 3, 0)).toBe(false);
    expect(samePrefix(tail, t, 0, 3)).toBe(true);
  });
});
