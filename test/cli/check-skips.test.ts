import { describe, expect, it } from 'vitest';
import { formatSkipped, type PartVerdict, printSummary, type Skipped, skipsOf } from '../../src/cli/check-skips.ts';
import type { GoldenResult } from '../../harness/goldens/golden.ts';

const golden = (skipReason?: string): GoldenResult => ({ file: 'traces/x.trace', kind: 'positive', ok: true, ...(skipReason !== undefined ? { skipped: true, skipReason } : {}) });

function summary(ran: readonly PartVerdict[], skipped: Skipped, requireAll: boolean): { code: number; out: string } {
  let out = '';
  const code = printSummary(ran, skipped, requireAll, { out: (t) => (out += `${t}\n`), err: () => {}, env: {} });
  // eslint-disable-next-line no-control-regex
  return { code, out: out.replace(/\x1b\[[0-9;]*m/g, '') };
}

describe('skipsOf and formatSkipped', () => {
  it('should group skips by reason, most first, each part once, singular for one', () => {
    const goldens = skipsOf('goldens', [golden('need enterAsync'), golden("need this package's tracer options"), golden('need enterAsync'), golden()]);
    expect(goldens).toEqual([
      { part: 'goldens', reason: 'need enterAsync', count: 2 },
      { part: 'goldens', reason: "need this package's tracer options", count: 1, packageOnly: true },
    ]);
    const skipped = [{ part: 'coroutines suite', reason: 'no enterAsync' }, ...goldens, ...skipsOf('regressions', [golden('need event')])];
    expect(formatSkipped(skipped)).toBe("coroutines suite (no enterAsync), 3 goldens (need enterAsync: 2; need this package's tracer options: 1), 1 regression (need event)");
  });
});

describe('printSummary', () => {
  it('should say what ran, the exit code and what was skipped', () => {
    expect(summary([{ name: 'regressions', ok: true }, { name: 'goldens', ok: false }], [{ part: 'coroutines suite', reason: 'no enterAsync' }], false)).toEqual({
      code: 1,
      out: 'summary   regressions ok, goldens FAIL; exit 1\n          skipped: coroutines suite (no enterAsync)\n',
    });
  });

  it('should exit 1 under requireAll for a skip, but not for one only this package\'s tracer can run', () => {
    const ran = [{ name: 'goldens', ok: true }];
    expect(summary(ran, [{ part: 'goldens', reason: 'need event', count: 1 }], true).code).toBe(1);
    expect(summary(ran, [{ part: 'goldens', reason: 'need event', count: 1 }], false).code).toBe(0);
    expect(summary(ran, [{ part: 'goldens', reason: "need this package's tracer options", count: 4, packageOnly: true }], true).code).toBe(0);
  });
});
