// Node adapter (fs): whether this copy of trace-harness has its benchmark suites (a checkout, not the npm package).
import { existsSync } from 'node:fs';

/**
 * Whether the benchmark suites are beside this module: in a checkout (`bench/`, built to `dist/bench/`), not in
 * the npm package, which ships no benchmarks (they measure this repository's recorder against its committed
 * baseline and need its dev dependencies). In its own module so that the command table (`bench` is hidden
 * where it cannot run) does not load the bench command's (issue 15).
 * @param moduleUrl - the URL of this module, or of another in `dist/src/cli/` or `src/cli/` (tests pass another)
 */
export function benchSuitesPresent(moduleUrl: string = import.meta.url): boolean {
  return ['../../bench/suites/index.js', '../../bench/suites/index.ts'].some((f) => existsSync(new URL(f, moduleUrl)));
}
