import { describe, expect, it } from 'vitest';
import type { CheckReport } from '../../../src/cli/reporters/check-report.ts';
import { mergeReports } from '../../../src/cli/reporters/merge-reports.ts';
import { handBuiltReport } from './html-fixture.ts';

/** The hand-built report as shard `index` of `count`, with its own coverage counts. */
function shard(index: number, count: number, coverage: CheckReport['coverage']): CheckReport {
  const { coverage: _c, ...report } = handBuiltReport();
  return { ...report, shard: { index, count }, ...(coverage !== undefined ? { coverage } : {}) };
}

describe('mergeReports', () => {
  it('should add up the shards\' semantic coverage, key by key', () => {
    const merged = mergeReports([
      shard(2, 2, { programs: 5, rows: { 'sync/return': 5, 'gen/throw': 0 }, statements: { call: 4 }, rules: { 'stack/balance': 1 } }),
      shard(1, 2, { programs: 7, rows: { 'sync/return': 6, 'gen/throw': 1 }, statements: { call: 7, 'yield*': 2 }, rules: { 'stack/balance': 0 } }),
    ]);
    expect(merged.coverage).toEqual({ programs: 12, rows: { 'sync/return': 11, 'gen/throw': 1 }, statements: { call: 11, 'yield*': 2 }, rules: { 'stack/balance': 1 } });
  });

  it('should keep the failed part\'s counterexample, and write no coverage when no shard has one', () => {
    const merged = mergeReports([shard(1, 2, undefined), shard(2, 2, undefined)]);
    expect(merged.coverage).toBeUndefined();
    expect(merged.parts.find((p) => p.name === 'generators')!.counterexample!.firstViolation).toBe(5);
  });
});
