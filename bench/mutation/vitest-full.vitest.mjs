// The vitest configuration of vitest.config.mjs: the project's own (vitest.config.ts) less the one test that
// reads src/check's source text for the rules' names, which Stryker's instrumented sandbox rewrites (an
// inventory of the source, not a test a mutant can fail).
import { mergeConfig } from 'vitest/config';
import base from '../../vitest.config.ts';

export default mergeConfig(base, {
  // mergeConfig appends arrays: the base's exclusions stay.
  test: { exclude: ['test/harness/reach/validator-rules.test.ts'] },
});
