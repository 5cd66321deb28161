// StrykerJS with the vitest runner over the unit tests of the four folders only (test/check, test/wire,
// test/formats, test/recorder, test/assert, test/harness/reach and the negative-input property): the
// full suite's perTest run takes hours here (its property tests reach every validator, and each mutant
// that loops waits out their long timeouts), this one minutes. Its score is a lower bound of the full
// suite's: every test it runs, the full suite runs too. Run: npm run mutation:vitest-unit -- [folder...]
import { shared } from './shared.mjs';

export default {
  ...shared('vitest-unit'),
  // A few of these tests run dist/ in a child process: built in the sandbox (no mutant active there).
  buildCommand: 'npm run build',
  testRunner: 'vitest',
  vitest: { configFile: 'bench/mutation/vitest-unit.vitest.mjs' },
  coverageAnalysis: 'perTest',
};
