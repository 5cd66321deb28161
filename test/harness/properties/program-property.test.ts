import { describe, expect, it } from 'vitest';
import { programArbitrary } from '../../../harness/program/arbitrary.ts';
import { runProgramProperty } from '../../../harness/properties/program-property.ts';

const programs = programArbitrary({ async: false, events: false });

describe('runProgramProperty', () => {
  it('should rethrow a bug of the harness at once with throwsAreBugs, without shrinking through it', async () => {
    let calls = 0;
    const bug = new TypeError('renderer bug');
    const run = runProgramProperty({
      runs: 50,
      seed: 1,
      programs,
      throwsAreBugs: true,
      check: async () => {
        if (++calls === 3) throw bug;
        return { skipped: 'not judged' };
      },
    });
    await expect(run).rejects.toBe(bug);
    expect(calls).toBe(3);
  });

  it('should report an exception out of check as the run\'s error without throwsAreBugs (an in-process tracer may throw)', async () => {
    const r = await runProgramProperty({ runs: 5, seed: 1, programs, check: async () => Promise.reject(new Error('tracer threw')) });
    expect((r.error as Error).message).toContain('tracer threw');
  });

  it('should count skips by reason', async () => {
    let n = 0;
    const r = await runProgramProperty({ runs: 6, seed: 1, programs, check: async () => ({ skipped: n++ % 2 === 0 ? 'even' : 'odd' }) });
    expect(Object.fromEntries(r.skippedBy)).toEqual({ even: 3, odd: 3 });
    expect(r.skipped).toBe(6);
    expect(r.runs).toBe(6);
  });
});
