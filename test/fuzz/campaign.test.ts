import { describe, expect, it } from 'vitest';
import { runCampaign } from '../../bench/fuzz/campaign.ts';
import { buildCorpus } from '../../bench/fuzz/corpus.ts';
import { TARGETS } from '../../bench/fuzz/targets.ts';

/** A fixed seed: the same 1 500 cases per decoder every run. */
const SEED = 14;
const CASES = 1500;
const corpus = buildCorpus(SEED);

describe('fuzz driver, in process: every reader refuses bad input with a typed error', () => {
  // `hung` is not asserted: it is a wall-clock bound, and no test may depend on how fast the machine is
  // (npm run fuzz reports it). untyped and masked are facts about the reader, whatever the machine.
  for (const [targetIndex, target] of TARGETS.entries()) {
    it(`should find 0 untyped and 0 masked errors in ${CASES} cases of ${target.name}`, async () => {
      const failing: string[] = [];
      const tally = await runCampaign(target, {
        seed: SEED,
        cases: CASES,
        corpus,
        targetIndex,
        onCounterexample: (c) => {
          if (c.outcome.kind !== 'hung') failing.push(`case ${c.index}: ${c.outcome.kind} ${c.outcome.reason ?? ''}`);
        },
      });

      expect(failing).toEqual([]);
      expect(tally.cases).toBe(CASES);
      expect(tally.untyped).toBe(0);
      expect(tally.masked).toBe(0);
      // Not vacuous: the decoder both succeeded and refused.
      expect(tally.ok).toBeGreaterThan(0);
      expect(Object.keys(tally.typed).length).toBeGreaterThan(1);
    });
  }
});
