import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fraction } from '../../../harness/properties/fraction.ts';

describe('fraction', () => {
  it('should spread positions over [0, 1), not pile them at the ends as fc.double does', () => {
    const tenths = new Array<number>(10).fill(0);
    for (const x of fc.sample(fraction(), { numRuns: 4000, seed: 1 })) {
      expect(x >= 0 && x < 1).toBe(true);
      tenths[Math.floor(x * 10)]!++;
    }
    // Every tenth of the range gets at least 5% of the values (a uniform draw: 10%; the edges get more).
    expect(Math.min(...tenths)).toBeGreaterThan(200);
    // fc.double({ min: 0, max: 1 }) for comparison: the middle tenths get almost nothing.
    const doubles = fc.sample(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), { numRuns: 4000, seed: 1 });
    expect(doubles.filter((x) => x >= 0.1 && x < 0.9).length).toBeLessThan(200);
  });
});
