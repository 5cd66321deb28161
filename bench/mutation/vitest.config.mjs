// StrykerJS with its vitest runner: the usual unit-test mutation score, for comparison with the score
// `check` earns as the test command (check.config.mjs). Run: npm run mutation:vitest -- [folder...]
// (issue 13 part 7). perTest coverage: each mutant runs only the tests that reach it.
import { shared } from './shared.mjs';

export default {
  ...shared('vitest'),
  // The CLI tests spawn dist/src/cli/bin.js: built in the sandbox (from instrumented code, no mutant active).
  buildCommand: 'npm run build',
  testRunner: 'vitest',
  vitest: { configFile: 'bench/mutation/vitest-full.vitest.mjs' },
  coverageAnalysis: 'perTest',
};
