import { describe, expect, it } from 'vitest';
import { type Baseline, formatBaseline, medianOfRuns, parseBaseline } from '../../bench/gate/baseline.ts';
import { clockOf } from '../../bench/run-bench.ts';

const entry = { ratio: 2, low: 1.9, high: 2.1, tracedNsPerOp: 2, plainNsPerOp: 1, counters: {} };
const baseline = (cases: Baseline['cases']): Baseline => ({ version: 1, machine: { node: 'v20', cpu: 'c', cpus: 2, platform: 'p' }, updated: 't', cases });

describe('clockOf', () => {
  it("should time a case with its own clock first, then the one asked for, then its baseline entry's", () => {
    const b = baseline({ 'a/cpu': { ...entry, clock: 'cpu' }, 'a/old': entry });
    expect(clockOf({ id: 'startup/version', clock: 'wall' }, { clock: 'cpu', baseline: b })).toBe('wall');
    expect(clockOf({ id: 'a/old' }, { clock: 'cpu', baseline: b })).toBe('cpu');
    expect(clockOf({ id: 'a/cpu' }, { baseline: b })).toBe('cpu');
  });

  it('should read an entry written before clocks were recorded as wall-clock, and a new case as CPU time', () => {
    const b = baseline({ 'a/old': entry });
    expect(clockOf({ id: 'a/old' }, { baseline: b })).toBe('wall');
    expect(clockOf({ id: 'a/new' }, { baseline: b })).toBe('cpu');
  });

  it('should keep the clock through the committed text and the median of processes', () => {
    const back = parseBaseline(formatBaseline(baseline({ x: { ...entry, clock: 'cpu' } })), 'b.json');
    expect(back.cases.x!.clock).toBe('cpu');
    expect(medianOfRuns([{ x: { ...entry, clock: 'cpu' } }, { x: { ...entry, ratio: 3 } }]).x!.clock).toBe('cpu');
  });
});
