import { describe, expect, it } from 'vitest';
import { type BaselineCase, BaselineError, formatBaseline, medianOfRuns, mergeBaseline, parseBaseline } from '../../bench/gate/baseline.ts';

const machine = { node: 'v20.0.0', cpu: 'test cpu', cpus: 2, platform: 'linux-x64' };
const one = { ratio: 2.123456, low: 2.01, high: 2.2, tracedNsPerOp: 26.31, plainNsPerOp: 0.95, counters: { 'events/op': 2, 'wire bytes/op': 3.25 } };

describe('baseline files', () => {
  it('should round-trip through its committed text, ratios to 4 significant digits, counters exact', () => {
    const b = mergeBaseline(undefined, { 'hot/sync-call': one }, machine, '2026-01-01T00:00:00.000Z');
    const back = parseBaseline(formatBaseline(b), 'baseline.json');
    expect(back.cases['hot/sync-call']).toEqual({ ...one, ratio: 2.123, tracedNsPerOp: 26.31 });
    expect(back.machine).toEqual(machine);
  });

  it('should replace only the cases of a filtered run, keeping the others, ids sorted', () => {
    const old = mergeBaseline(undefined, { 'b/x': one, 'a/y': one }, machine, 't0');
    const next = mergeBaseline(old, { 'b/x': { ...one, ratio: 3 } }, machine, 't1');
    expect(Object.keys(next.cases)).toEqual(['a/y', 'b/x']);
    expect(next.cases['b/x']!.ratio).toBe(3);
    expect(next.cases['a/y']!.ratio).toBe(one.ratio);
    expect(next.updated).toBe('t1');
  });

  it('should name the file and the field of a bad baseline', () => {
    expect(() => parseBaseline('{', 'b.json')).toThrow(BaselineError);
    expect(() => parseBaseline('{', 'b.json')).toThrow(/^b\.json: not JSON/);
    expect(() => parseBaseline(JSON.stringify({ version: 2 }), 'b.json')).toThrow(/b\.json: not a version-1 bench baseline: version/);
    const bad = { version: 1, machine, updated: 't', cases: { x: { ...one, ratio: -1 } } };
    expect(() => parseBaseline(JSON.stringify(bad), 'b.json')).toThrow(/cases\.x\.ratio/);
  });

  it('should take per case the run with the median ratio of several processes, counters from the first', () => {
    const runs: Record<string, BaselineCase>[] = [
      { a: { ...one, ratio: 3 }, b: { ...one, ratio: 1 } },
      { a: { ...one, ratio: 1, counters: { 'events/op': 9 } }, b: { ...one, ratio: 5 } },
      { a: { ...one, ratio: 2, low: 1.9 } },
    ];
    const m = medianOfRuns(runs);
    expect(m['a']).toEqual({ ...one, ratio: 2, low: 1.9 });
    expect(m['b']!.ratio).toBe(1); // two runs: the lower middle
  });
});
