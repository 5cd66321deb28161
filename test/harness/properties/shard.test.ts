import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { programArbitrary } from '../../../harness/program/arbitrary.ts';
import { runProblemProperty } from '../../../harness/properties/problem-property.ts';
import { runProgramProperty } from '../../../harness/properties/program-property.ts';
import { parseShard, type Shard } from '../../../harness/properties/shard.ts';

const SHARDS: Shard[] = [1, 2, 3].map((index) => ({ index, count: 3 }));
const sorted = (xs: readonly string[]): string[] => [...xs].sort();

describe('sharded property runs', () => {
  it('should check each case in exactly one of 3 shards, the union being the unsharded run (sync property)', () => {
    const seen = (shard?: Shard): string[] => {
      const cases: string[] = [];
      const r = runProblemProperty(fc.array(fc.integer(), { maxLength: 5 }), (c) => (cases.push(JSON.stringify(c)), []), 60, 17, undefined, undefined, shard);
      expect(r.runs).toBe(cases.length);
      return cases;
    };
    const whole = seen();
    const parts = SHARDS.map(seen);
    expect(whole).toHaveLength(60);
    expect(parts.map((p) => p.length)).toEqual([20, 20, 20]);
    expect(sorted(parts.flat())).toEqual(sorted(whole));
  });

  it('should split random programs the same way (async program property), the union being the unsharded run', async () => {
    const seen = async (shard?: Shard): Promise<string[]> => {
      const programs: string[] = [];
      const r = await runProgramProperty({ runs: 40, seed: 5, programs: programArbitrary(), ...(shard ? { shard } : {}), check: async (p) => (programs.push(JSON.stringify(p)), { skipped: 'recorded' }) });
      expect(r.runs).toBe(programs.length);
      return programs;
    };
    const whole = await seen();
    const parts = await Promise.all(SHARDS.map(seen));
    expect(new Set(whole).size).toBeGreaterThan(30); // the programs differ: the comparison means something
    expect(parts.map((p) => p.length)).toEqual([14, 13, 13]);
    expect(sorted(parts.flat())).toEqual(sorted(whole));
  });

  it('should shrink a failure found in a shard within that shard', () => {
    const r = runProblemProperty(fc.integer({ min: 0, max: 1000 }), (n) => (n >= 10 ? ['too big'] : []), 100, 3, undefined, undefined, { index: 2, count: 3 });
    expect(r.failure?.case).toBe(10);
  });
});

describe('parseShard', () => {
  it('should take index/count with 1 <= index <= count and refuse the rest', () => {
    expect(parseShard('2/3')).toEqual({ index: 2, count: 3 });
    for (const bad of ['0/3', '4/3', '1/0', '1', 'a/b', '1/3/4']) expect(() => parseShard(bad)).toThrow(RangeError);
  });
});
