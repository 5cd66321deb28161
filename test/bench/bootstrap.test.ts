import { describe, expect, it } from 'vitest';
import { bootstrapInterval, median, quantileSorted, seededRandom } from '../../bench/gate/bootstrap.ts';

describe('median', () => {
  it('should take the middle value, or the mean of the two middle ones', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('should refuse no values', () => {
    expect(() => median([])).toThrow(RangeError);
  });
});

describe('quantileSorted', () => {
  it('should interpolate between order statistics', () => {
    expect(quantileSorted([0, 10], 0.25)).toBe(2.5);
    expect(quantileSorted([1, 2, 3], 1)).toBe(3);
  });
});

describe('seededRandom', () => {
  it('should repeat its sequence for a seed and stay in [0, 1)', () => {
    const a = seededRandom(7);
    const b = seededRandom(7);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(xs).toEqual(Array.from({ length: 1000 }, () => b()));
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    expect(seededRandom(8)()).not.toBe(xs[0]);
  });
});

describe('bootstrapInterval', () => {
  it('should be deterministic for a seed and contain the statistic of the data', () => {
    const values = [1.9, 2.1, 2.0, 2.05, 1.95, 2.2, 1.8, 2.02, 1.98, 2.0];
    const a = bootstrapInterval(values, median, { seed: 3 });
    expect(bootstrapInterval(values, median, { seed: 3 })).toEqual(a);
    expect(a.low).toBeLessThanOrEqual(median(values));
    expect(a.high).toBeGreaterThanOrEqual(median(values));
    expect(a.low).toBeGreaterThanOrEqual(1.8);
    expect(a.high).toBeLessThanOrEqual(2.2);
  });

  it('should narrow with less spread and collapse for constant data', () => {
    const wide = bootstrapInterval([1, 3, 1, 3, 1, 3, 2, 2], median);
    const narrow = bootstrapInterval([1.9, 2.1, 1.9, 2.1, 1.9, 2.1, 2, 2], median);
    expect(narrow.high - narrow.low).toBeLessThan(wide.high - wide.low);
    expect(bootstrapInterval([5, 5, 5], median)).toEqual({ low: 5, high: 5 });
  });

  it('should cover the true median about 95% of the time for normal noise', () => {
    // Coverage over 200 simulated data sets of 25 rounds each (deterministic seeds).
    const rnd = seededRandom(99);
    const gauss = (): number => Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
    let covered = 0;
    for (let k = 0; k < 200; k++) {
      const data = Array.from({ length: 25 }, () => 2 + 0.1 * gauss());
      const ci = bootstrapInterval(data, median, { seed: k, resamples: 500 });
      if (ci.low <= 2 && 2 <= ci.high) covered++;
    }
    expect(covered).toBeGreaterThanOrEqual(180);
    expect(covered).toBeLessThanOrEqual(200);
  });

  it('should refuse fewer than 2 values and bad options', () => {
    expect(() => bootstrapInterval([1], median)).toThrow(/at least 2 values/);
    expect(() => bootstrapInterval([1, 2], median, { resamples: 10 })).toThrow(/resamples/);
    expect(() => bootstrapInterval([1, 2], median, { level: 1 })).toThrow(/level/);
  });
});
