import { describe, expect, it } from 'vitest';
import { checkGoldenOutcome, checkGoldenOutcomes } from '../../../harness/properties/golden-outcome.ts';
import { apiGoldenOutcomes } from '../../../harness/properties/outcome-goldens-api.ts';

describe('the recorder\'s and the wire codec\'s API outcomes at their edges', () => {
  it('should hold on every row', async () => {
    expect(await checkGoldenOutcomes(apiGoldenOutcomes())).toEqual([]);
  });

  it('should report a task dump that keeps one link more, and a rejection where a value was wanted', async () => {
    const dump = apiGoldenOutcomes().find((r) => r.what.startsWith('the task dump'))!;
    const longer = { ...dump, gives: Array.from({ length: 65 }, (_, k) => 66 - k) };
    expect((await checkGoldenOutcome(longer))[0]).toMatch(/^the task dump of an await chain 65 links long: gave \[65,64,.*,2\], want \[66,65,/);
    expect(await checkGoldenOutcome({ what: 'r', run: () => Promise.reject(new RangeError('no')), gives: 1 })).toEqual(['r: threw RangeError "no", want 1']);
  });
});
