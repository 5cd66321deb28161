import type { GoldenOutcome } from './golden-outcome.ts';
import { chromeReadGoldenOutcomes } from './outcome-goldens-chrome-read.ts';
import { chromeVerifyGoldenOutcomes } from './outcome-goldens-chrome-verify.ts';

/**
 * The golden outcomes of the Chrome format (issue 13): `decodeChrome` (outcome-goldens-chrome-read.ts) and
 * `verifyChrome`, its scanner and the encoders (outcome-goldens-chrome-verify.ts), each outcome written by hand
 * from the source's TSDoc and message templates, the whole message where there is one.
 */
export function chromeGoldenOutcomes(): GoldenOutcome[] {
  return [...chromeReadGoldenOutcomes(), ...chromeVerifyGoldenOutcomes()];
}

