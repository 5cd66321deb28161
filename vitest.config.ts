import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // test/portable/ is node:test code for Node, Deno and Bun (npm run test:portable), not vitest.
    exclude: [...configDefaults.exclude, 'test/portable/**'],
    setupFiles: ['./src/assert/vitest.ts'],
    // No test may depend on how fast the machine is (issue 14): the slowest test takes about a minute on an
    // idle 2-core machine, so tests and hooks get ten times that before they count as hung. Tests wait on
    // events (acks, exits, messages), never on the clock; `npm run test:stress` runs the suite with two CPU
    // hogs to prove it.
    testTimeout: 600_000,
    hookTimeout: 600_000,
    coverage: {
      provider: 'v8',
      include: ['src/**/*.ts', 'harness/**/*.ts'],
      reporter: ['text-summary', 'text'],
    },
  },
});
