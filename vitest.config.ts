import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // test/portable/ is node:test code for Node, Deno and Bun (npm run test:portable), not vitest.
    exclude: [...configDefaults.exclude, 'test/portable/**'],
    setupFiles: ['./src/assert/vitest.ts'],
    testTimeout: 60_000,
    coverage: {
      provider: 'v8',
      include: ['src/**/*.ts', 'harness/**/*.ts'],
      reporter: ['text-summary', 'text'],
    },
  },
});
