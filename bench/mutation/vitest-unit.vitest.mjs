// The vitest configuration of vitest-unit.config.mjs: the in-process unit tests of the mutated folders.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'test/check/**/*.test.ts', 'test/wire/**/*.test.ts', 'test/formats/**/*.test.ts', 'test/recorder/**/*.test.ts',
      'test/assert/**/*.test.ts', 'test/harness/reach/**/*.test.ts', 'test/harness/properties/negative-property.test.ts',
    ],
    // It reads src/check's source text for the rules' names, which Stryker's instrumented sandbox rewrites:
    // an inventory of the source, not a test a mutant can fail.
    exclude: ['test/harness/reach/validator-rules.test.ts'],
    setupFiles: ['./src/assert/vitest.ts'],
    testTimeout: 600_000,
    hookTimeout: 600_000,
  },
});
