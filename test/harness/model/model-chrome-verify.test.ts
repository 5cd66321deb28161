import { describe, expect, it } from 'vitest';
import { modelVerifyChrome, type VerifyVerdict } from '../../../harness/model/model-chrome-verify.ts';

// Verdicts derived by hand from verifyChrome's TSDoc (src/formats/chrome-verify.ts), not from the verifier.
const ev = (ph: string, name: string | undefined, tid: unknown, ts: number, more: Record<string, unknown> = {}) => ({ ph, ...(name === undefined ? {} : { name }), pid: 1, tid, ts, ...more });
const rules = (v: VerifyVerdict) => ('badEvent' in v ? v : v.violations.map((x) => [x.rule, x.index, x.activation]));

describe('the model of verifyChrome', () => {
  it('should name the top slice and the E of a name mismatch, on the thread as written', () => {
    const v = modelVerifyChrome([ev('B', 'f', 2, 0), ev('E', 'g', 2, 1)]);
    expect(v).toEqual({ events: 2, threads: 1, violations: [{ rule: 'chrome/end-name-mismatch', index: 1, activation: 2, says: ['pid 1 tid 2', 'e "f"', 'e "g" at ts 1'] }] });
  });

  it('should sort each thread by ts, stably, before the stack rules', () => {
    // The E (file index 1) comes first in ts order: it ends nothing; the B stays open.
    expect(rules(modelVerifyChrome([ev('B', 'f', 1, 5), ev('E', 'f', 1, 1)]))).toEqual([
      ['chrome/unmatched-end', 1, 1],
      ['chrome/open-at-end', 0, 1],
    ]);
    // Equal ts keep file order: B then E.
    expect(rules(modelVerifyChrome([ev('B', 'f', 1, 3), ev('E', 'f', 1, 3)]))).toEqual([]);
  });

  it('should tell pid 1 from pid "1", name absent threads "-", give a tid that is no number activation -1', () => {
    const v = modelVerifyChrome([ev('B', 'f', 1, 0), { ...ev('E', 'f', 1, 1), pid: '1' }, { ph: 'B', name: 'h', ts: 0 }, ev('B', 'm', 'main', 0)]);
    expect('badEvent' in v ? undefined : v.threads).toBe(4);
    expect('badEvent' in v ? [] : v.violations.map((x) => [x.rule, x.index, x.activation, x.says[0]])).toEqual([
      ['chrome/open-at-end', 0, 1, 'pid 1 tid 1'],
      ['chrome/unmatched-end', 1, 1, 'pid 1 tid 1'],
      ['chrome/open-at-end', 2, -1, 'pid - tid -'],
      ['chrome/open-at-end', 3, -1, 'pid 1 tid main'],
    ]);
  });

  it('should report each X ended before the E of a B opened inside it, and an X outliving its parent X', () => {
    expect(rules(modelVerifyChrome([ev('X', 'p', 2, 0, { dur: 10 }), ev('X', 'c', 2, 1, { dur: 4 }), ev('B', 'f', 2, 2), ev('E', 'f', 2, 12)]))).toEqual([
      ['chrome/overlapping-complete', 1, 2],
      ['chrome/overlapping-complete', 0, 2],
    ]);
    expect(rules(modelVerifyChrome([ev('X', 'p', 2, 0, { dur: 5 }), ev('X', 'c', 2, 2, { dur: 4 })]))).toEqual([['chrome/overlapping-complete', 1, 2]]);
    // An X still running at the E outlives the B below it.
    expect(rules(modelVerifyChrome([ev('B', 'f', 2, 0), ev('X', 'x', 2, 1, { dur: 10 }), ev('E', 'f', 2, 5)]))).toEqual([['chrome/overlapping-complete', 1, 2]]);
  });

  it('should pair async b/e by cat, id and name across threads, id 1 apart from id "1"', () => {
    const a = (ph: string, id: unknown, tid: number, ts: number) => ({ ph, cat: 'io', id, name: 'r', pid: 1, tid, ts });
    expect(rules(modelVerifyChrome([a('b', 1, 3, 0), a('e', 1, 4, 1), a('e', '1', 3, 2), a('b', 2, 3, 3)]))).toEqual([
      ['chrome/async-unmatched', 2, 3],
      ['chrome/async-open-at-end', 3, 3],
    ]);
    const v = modelVerifyChrome([a('e', '1', 3, 2)]);
    expect('badEvent' in v ? [] : v.violations[0]!.says).toEqual(['"r" (cat "io", id "1")', 'e at ts 2 on pid 1 tid 3']);
  });

  it('should refuse the first entry of the wrong shape, naming its first wrong field in readEvent order', () => {
    expect(modelVerifyChrome([ev('B', 'f', 1, 0), 5, { ph: 5 }])).toEqual({ badEvent: 1, says: ['traceEvents[1]', 'event'] });
    expect(modelVerifyChrome([{ ph: 'X', ts: 1, dur: '3', name: 5 }])).toEqual({ badEvent: 0, says: ['traceEvents[0]', 'dur'] });
    expect(modelVerifyChrome([{ ph: 'M', ts: '1' }])).toEqual({ badEvent: 0, says: ['traceEvents[0]', 'ts'] });
    expect(modelVerifyChrome([{ ph: 'M' }, { ph: 'e', ts: 1 }])).toEqual({ badEvent: 1, says: ['traceEvents[1]', 'without id'] });
    expect(modelVerifyChrome([JSON.parse('{"__proto__":{"ph":"B"},"ts":1}')])).toEqual({ badEvent: 0, says: ['traceEvents[0]', 'ph'] });
  });
});
