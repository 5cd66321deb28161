import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkForeignChrome, foreignChromeArbitrary, writeForeign } from '../../../harness/properties/chrome-foreign-check.ts';
import { type ForeignEvent, modelForeignChrome } from '../../../harness/model/model-chrome-foreign.ts';

/** The model's verdict on events written as the property writes them (a bare array). */
function model(events: ForeignEvent[]): ReturnType<typeof modelForeignChrome> & { offsets: number[] } {
  const { offsets } = writeForeign({ events, object: false });
  return { ...modelForeignChrome(events, offsets), offsets };
}

describe('the model of the foreign Chrome mapping (decodeChrome TSDoc)', () => {
  it('should map B/E, X and async b/e to calls, returns, yields and resumes in ts order, tsNs = ts x 1000', () => {
    // main [0, 10] holds f, an X [1, 3]; a, async from 2 to 8; an X at the end returns at its end.
    const v = model([
      { ph: 'B', name: 'main', ts: 0 },
      { ph: 'X', name: 'f', ts: 1, dur: 2 },
      { ph: 'b', name: 'a', cat: 'c', id: 1, ts: 2 },
      { ph: 'e', name: 'a', cat: 'c', id: 1, ts: 8 },
      { ph: 'E', ts: 10 },
      { ph: 'X', name: 'g', ts: 12, dur: 3 },
    ]);
    // f is still running at the b (ts 2 < its end 3): it returns before the next event after its end, the e.
    expect('events' in v && v.events).toEqual(['1 #1 main 0', '1 #2 f 1000', '1 #3 a 2000', '3 #3 a 2000', '2 #2 f 3000', '4 #3 a 8000', '2 #3 a 8000', '2 #1 main 10000', '1 #4 g 12000', '2 #4 g 15000']);
  });

  it('should take events in ts order, file order among equal ts, and pair an e with the latest open b of its key', () => {
    const v = model([
      { ph: 'b', name: 'a', cat: 'c', id: 1, ts: 5 },
      { ph: 'b', name: 'a', cat: 'c', id: 1, ts: 1 },
      { ph: 'e', name: 'a', cat: 'c', id: 1, ts: 6 },
    ]);
    // Sorted: the b at ts 1 is #1, the b at ts 5 is #2; the e ends #2, the latest.
    expect('events' in v && v.events).toEqual(['1 #1 a 1000', '3 #1 a 1000', '1 #2 a 5000', '3 #2 a 5000', '4 #2 a 6000', '2 #2 a 6000']);
  });

  it.each([
    ['an E with nothing open', [{ ph: 'E', ts: 1 }], 0],
    ['an E naming another slice', [{ ph: 'B', name: 'f', ts: 0 }, { ph: 'E', name: 'g', ts: 1 }], 1],
    ['an E while an X that has not ended is on top: the X', [{ ph: 'B', name: 'f', ts: 0 }, { ph: 'X', name: 'x', ts: 1, dur: 9 }, { ph: 'E', ts: 5 }], 1],
    ['an X ending after its parent X: the inner X', [{ ph: 'X', name: 'p', ts: 0, dur: 5 }, { ph: 'X', name: 'c', ts: 1, dur: 9 }], 1],
    ['a B opened inside an X and closed after it ended: the X', [{ ph: 'X', name: 'x', ts: 0, dur: 5 }, { ph: 'B', name: 'in', ts: 1 }, { ph: 'E', ts: 7 }], 0],
    ['an e without its b', [{ ph: 'b', name: 'a', cat: 'c', id: 1, ts: 0 }, { ph: 'e', name: 'a', cat: 'c', id: 2, ts: 1 }], 1],
  ] as [string, ForeignEvent[], number][])('should refuse %s at that event', (_, events, offending) => {
    const v = model(events);
    expect('refusedAt' in v && v.refusedAt).toBe(v.offsets[offending]);
  });

  it('should agree with decodeChrome on 500 random foreign files, about a third of them refused', () => {
    const cases = fc.sample(foreignChromeArbitrary(), { numRuns: 500, seed: 11 });
    expect(cases.flatMap(checkForeignChrome)).toEqual([]);
    const refused = cases.filter((c) => 'refusedAt' in modelForeignChrome(c.events, writeForeign(c).offsets)).length;
    expect(refused).toBeGreaterThan(100);
    expect(refused).toBeLessThan(300);
  });

  it('should read a file of two threads one thread at a time, and refuse it whole at the second thread\'s first event', () => {
    const c = { events: [{ ph: 'X', name: 'f', ts: 0, dur: 1 }, { ph: 'X', name: 'g', ts: 0, dur: 2 }, { ph: 'B', name: 'h', ts: 1 }] as ForeignEvent[], tids: [1, 2, 1], object: false };
    // tid 1: f [0, 1], then h opened at 1 (f ended by then) and left open; tid 2: g [0, 2]. The model per
    // thread, decodeChrome with and without a thread, verifyChrome's open-at-end at h: all agree.
    expect(checkForeignChrome(c)).toEqual([]);
    const { offsets } = writeForeign(c);
    const tid1 = modelForeignChrome([c.events[0]!, c.events[2]!], [offsets[0]!, offsets[2]!]);
    expect('events' in tid1 && tid1.events).toEqual(['1 #1 f 0', '2 #1 f 1000', '1 #2 h 1000']);
  });
});
