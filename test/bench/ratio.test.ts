import { describe, expect, it } from 'vitest';
import { estimateRatio } from '../../bench/gate/ratio.ts';

describe('estimateRatio', () => {
  it('should give the per-round median ratio and ns per operation', () => {
    const rounds = [
      { plain: [1, 1, 1], traced: [2, 2, 2] },
      { plain: [2, 2, 2], traced: [4, 4, 4] }, // a slow round: both twins slow, the ratio holds
      { plain: [1, 1, 50], traced: [2, 2, 2] }, // a GC pause in one plain sample
    ];
    const e = estimateRatio(rounds, { plain: 1000, traced: 1000 });
    expect(e.ratio).toBe(2);
    expect(e.roundRatios).toEqual([2, 2, 2]);
    expect(e.low).toBe(2);
    expect(e.high).toBe(2);
    expect(e.plainNsPerOp).toBe(1000); // median plain sample 1 ms over 1000 ops
    expect(e.tracedNsPerOp).toBe(2000);
    expect(e.overheadNsPerOp).toBe(1000);
  });

  it('should compare per operation when the twins batch differently', () => {
    const rounds = [
      { plain: [10], traced: [2] },
      { plain: [10], traced: [2] },
    ];
    // plain: 10 ms for 100 000 ops = 100 ns/op; traced: 2 ms for 1000 ops = 2000 ns/op.
    const e = estimateRatio(rounds, { plain: 100_000, traced: 1000 });
    expect(e.ratio).toBeCloseTo(20, 10);
    expect(e.plainNsPerOp).toBeCloseTo(100, 10);
    expect(e.tracedNsPerOp).toBeCloseTo(2000, 10);
  });

  it('should widen the interval when rounds disagree', () => {
    const steady = estimateRatio(Array.from({ length: 20 }, () => ({ plain: [1], traced: [1.5] })), { plain: 1, traced: 1 });
    const noisy = estimateRatio(Array.from({ length: 20 }, (_, i) => ({ plain: [1], traced: [i % 2 === 0 ? 1.2 : 1.8] })), { plain: 1, traced: 1 });
    expect(steady.high - steady.low).toBe(0);
    expect(noisy.high - noisy.low).toBeGreaterThan(0.2);
  });

  it('should refuse fewer than 2 rounds, an empty round and non-positive samples', () => {
    expect(() => estimateRatio([{ plain: [1], traced: [1] }], { plain: 1, traced: 1 })).toThrow(/2 rounds/);
    expect(() => estimateRatio([{ plain: [1], traced: [1] }, { plain: [], traced: [1] }], { plain: 1, traced: 1 })).toThrow(/no samples/);
    expect(() => estimateRatio([{ plain: [1], traced: [0] }, { plain: [1], traced: [1] }], { plain: 1, traced: 1 })).toThrow(/> 0 ms/);
    expect(() => estimateRatio([{ plain: [1], traced: [1] }, { plain: [1], traced: [1] }], { plain: 0, traced: 1 })).toThrow(/>= 1/);
  });
});
