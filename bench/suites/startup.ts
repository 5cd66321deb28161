/**
 * CLI startup cases: `trace-harness --version`, `--help` and `verify` of a small golden, each a fresh
 * `node dist/src/cli/bin.js` process (issue 15: <= 150 ms wall, nothing loads fast-check unless a property
 * runs), against starting `node -e 0`. Timed with the wall clock: the work is in the child.
 * @module
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { BenchCase, SuiteContext, Twins } from './case.ts';

/** A small golden trace for `verify` (6 events). */
const SMALL_GOLDEN = join('traces', 'sync-call-return.trace');

function run(args: readonly string[]): number {
  const r = spawnSync(process.execPath, args, { stdio: 'ignore' });
  if (r.error !== undefined) throw r.error;
  return r.status ?? -1;
}

function startupCase(name: string, what: string, args: (context: SuiteContext) => string[]): BenchCase {
  return {
    id: `startup/${name}`,
    group: 'startup',
    title: `${what} (a fresh process)`,
    unit: 'start',
    ops: { plain: 1, traced: 1 },
    samplesPerRound: 1,
    clock: 'wall',
    twin: 'node -e 0 (a bare Node start)',
    setup(context): Twins {
      const bin = join(dirname(context.goldenDir), 'dist', 'src', 'cli', 'bin.js');
      if (!existsSync(bin)) throw new Error(`startup: no ${bin}: run npm run build first`);
      const argv = [bin, ...args(context)];
      return {
        plain: () => run(['-e', '0']),
        traced: () => run(argv),
        counters: () => ({ 'exit code': run(argv) }),
      };
    },
  };
}

/** The startup cases. */
export const STARTUP_CASES: readonly BenchCase[] = [
  startupCase('version', 'trace-harness --version', () => ['--version']),
  startupCase('help', 'trace-harness --help', () => ['--help']),
  startupCase('verify', 'trace-harness verify <small golden>', (c) => ['verify', join(c.goldenDir, SMALL_GOLDEN)]),
];
