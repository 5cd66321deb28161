import { describe, expect, it } from 'vitest';
import { compareWithBaseline, normalCdf } from '../../bench/gate/change.ts';

describe('normalCdf', () => {
  it('should match the standard normal table', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(1.959964)).toBeCloseTo(0.975, 6);
    expect(normalCdf(-1)).toBeCloseTo(0.158655, 6);
  });
});

describe('compareWithBaseline', () => {
  it('should give p = 0.05 for a change whose z on log ratios is 1.96', () => {
    // Equal log-widths w each: se = w / 3.92 per side, se of the difference = w / 3.92 x sqrt(2).
    const w = 0.1;
    const base = { ratio: 2, low: 2 * Math.exp(-w / 2), high: 2 * Math.exp(w / 2) };
    const shift = 1.959964 * (w / 3.919928) * Math.SQRT2;
    const run = { ratio: 2 * Math.exp(shift), low: 2 * Math.exp(shift - w / 2), high: 2 * Math.exp(shift + w / 2) };
    const c = compareWithBaseline(run, base);
    expect(c.pValue).toBeCloseTo(0.05, 5);
    expect(c.change).toBeCloseTo(Math.exp(shift) - 1, 12);
  });

  it('should flag a clear change and not a small one inside wide intervals', () => {
    expect(compareWithBaseline({ ratio: 2.2, low: 2.15, high: 2.25 }, { ratio: 2, low: 1.95, high: 2.05 })).toMatchObject({ flagged: true });
    const small = compareWithBaseline({ ratio: 2.04, low: 1.8, high: 2.3 }, { ratio: 2, low: 1.8, high: 2.2 });
    expect(small.flagged).toBe(false);
    expect(small.pValue).toBeGreaterThan(0.5);
    expect(small.change).toBeCloseTo(0.02, 12);
  });

  it('should give p = 1 for no change and p = 0 for a change between two zero-width intervals', () => {
    expect(compareWithBaseline({ ratio: 2, low: 2, high: 2 }, { ratio: 2, low: 2, high: 2 }).pValue).toBe(1);
    expect(compareWithBaseline({ ratio: 2.1, low: 2.1, high: 2.1 }, { ratio: 2, low: 2, high: 2 }).pValue).toBe(0);
  });
});
