/**
 * Every bench case, in report order: hot path, peers, wire, checkers, harness (generators, coroutines), observe
 * mode, the Python target, CLI startup.
 * @module
 */
import type { BenchCase } from './case.ts';
import { CHECKER_CASES } from './checkers.ts';
import { COROUTINE_CASES } from './coroutines.ts';
import { HARNESS_CASES } from './harness.ts';
import { HOT_PATH_CASES } from './hot-path.ts';
import { OBSERVE_CASES } from './observe.ts';
import { PEER_CASES } from './peers.ts';
import { PYTHON_CASES } from './python.ts';
import { STARTUP_CASES } from './startup.ts';
import { WIRE_CASES } from './wire.ts';

/** All cases; ids are unique. */
export const ALL_CASES: readonly BenchCase[] = [...HOT_PATH_CASES, ...PEER_CASES, ...WIRE_CASES, ...CHECKER_CASES, ...HARNESS_CASES, ...COROUTINE_CASES, ...OBSERVE_CASES, ...PYTHON_CASES, ...STARTUP_CASES];

/**
 * The cases whose id or group matches `filter` (a case-insensitive regular expression), all without one.
 * @throws SyntaxError for an invalid expression
 */
export function selectCases(filter: string | undefined, cases: readonly BenchCase[] = ALL_CASES): BenchCase[] {
  if (filter === undefined) return [...cases];
  const re = new RegExp(filter, 'i');
  return cases.filter((c) => re.test(c.id) || re.test(c.group));
}
