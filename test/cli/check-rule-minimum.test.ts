import { describe, expect, it, vi } from 'vitest';
import { runCheck } from '../../src/cli/check.ts';
import { printRuleVerdict, RULE_BELOW_MINIMUM } from '../../src/cli/check-coverage.ts';
import { CoverageCounter } from '../../harness/reach/semantic-coverage.ts';

// A build whose negative part lost the family of one rule: wake/await-cycle (no negative golden has it either).
vi.mock('../../harness/reach/negative-traces.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../harness/reach/negative-traces.ts')>();
  return { ...real, CASE_VARIANTS: real.CASE_VARIANTS.filter((v) => !v.rules.includes('wake/await-cycle')) };
});

// eslint-disable-next-line no-control-regex
const plain = (s: string): string => s.replace(/\x1b\[[0-9;]*m/g, '');

describe('the rule minimum of check', () => {
  it('should name each rule rejected by too few negative inputs', () => {
    const c = new CoverageCounter();
    c.declareRules(['wake/await-cycle', 'seq/gap', 'exact/exit-not-current']);
    c.addRejection(['seq/gap']);
    let out = '';
    expect(printRuleVerdict(c.snapshot(), 1, { out: (t) => void (out += `${t}\n`), err: () => {}, env: {} })).toBe(true);
    expect(plain(out)).toBe(`  FAIL  ${RULE_BELOW_MINIMUM}: exact/exit-not-current rejected by 0 negative inputs, want >= 1\n  FAIL  ${RULE_BELOW_MINIMUM}: wake/await-cycle rejected by 0 negative inputs, want >= 1\n`);
    expect(printRuleVerdict(c.snapshot(), 0, { out: () => {}, err: () => {}, env: {} })).toBe(false);
  });

  it('should fail a full default run in which a rule was never rejected, naming it', async () => {
    let out = '';
    const code = await runCheck({ runs: 500, seed: 1, goldenDir: 'golden', update: false, wireRuns: 1, retentionRuns: 1, recoveryRuns: 1, streamsRuns: 1 }, { out: (t) => void (out += `${t}\n`), err: () => {}, env: {} });
    const text = plain(out);
    expect(text).toContain(`  FAIL  ${RULE_BELOW_MINIMUM}: wake/await-cycle rejected by 0 negative inputs, want >= 1\n`);
    expect(text).toMatch(/41\/42 validator rules rejected by negative inputs/);
    expect(text).toMatch(/summary .*negative ok, goldens ok, wire vectors ok, coverage FAIL; exit 1/);
    expect(code).toBe(1);
  });
});
