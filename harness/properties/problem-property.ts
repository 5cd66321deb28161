import { type Shard, ShardFilter } from './shard.ts';
import fc from 'fast-check';

/** What a property over cases found: the run, and the shrunk failing case with its problems. */
export interface ProblemReport<C> {
  readonly runs: number;
  readonly seed: number;
  readonly elapsedMs: number;
  readonly failure?: { readonly case: C; readonly problems: string[]; readonly path: string };
}

/**
 * Runs a property whose check lists problems (empty: the case holds), and reports the shrunk failing case
 * with its problems; a check that throws on the failing case reports that as its problem.
 * @param arbitrary - the cases
 * @param check - what went wrong with a case, one line each
 * @param runs - cases, >= 1
 * @param seed - fast-check seed
 * @param path - fast-check replay path of a counterexample
 * @param onProgress - called before each case is checked, with the count so far (shrinking included)
 * @param shard - check only this shard's cases (`--shard`); the others are drawn and pass unchecked
 */
export function runProblemProperty<C>(arbitrary: fc.Arbitrary<C>, check: (c: C) => string[], runs: number, seed: number, path?: string, onProgress?: (done: number) => void, shard?: Shard): ProblemReport<C> {
  const started = performance.now();
  let done = 0;
  const filter = new ShardFilter(shard);
  const property = (c: C): boolean => {
    if (!filter.take()) return true; // another shard's case
    onProgress?.(++done);
    const ok = check(c).length === 0;
    if (!ok) filter.failed();
    return ok;
  };
  const details = fc.check(fc.property(arbitrary, property), { numRuns: runs, seed, ...(path !== undefined ? { path } : {}) });
  const base = { runs: shard === undefined ? details.numRuns : filter.checked, seed: details.seed, elapsedMs: performance.now() - started };
  const failing = details.counterexample?.[0];
  if (!details.failed || failing === undefined) return base;
  let problems: string[];
  try {
    problems = check(failing);
  } catch (error) {
    problems = [`the check threw ${(error as Error).name}: ${(error as Error).message}`];
  }
  return { ...base, failure: { case: failing, problems, path: details.counterexamplePath ?? '' } };
}

/**
 * {@link runProblemProperty} for a check that awaits (an async reader under test): the same shards, progress,
 * shrinking and report, through `fc.asyncProperty`. Cases run one after another.
 * @param check - what went wrong with a case, one line each
 */
export async function runAsyncProblemProperty<C>(arbitrary: fc.Arbitrary<C>, check: (c: C) => Promise<string[]>, runs: number, seed: number, path?: string, onProgress?: (done: number) => void, shard?: Shard): Promise<ProblemReport<C>> {
  const started = performance.now();
  let done = 0;
  const filter = new ShardFilter(shard);
  const property = async (c: C): Promise<boolean> => {
    if (!filter.take()) return true; // another shard's case
    onProgress?.(++done);
    const ok = (await check(c)).length === 0;
    if (!ok) filter.failed();
    return ok;
  };
  const details = await fc.check(fc.asyncProperty(arbitrary, property), { numRuns: runs, seed, ...(path !== undefined ? { path } : {}) });
  const base = { runs: shard === undefined ? details.numRuns : filter.checked, seed: details.seed, elapsedMs: performance.now() - started };
  const failing = details.counterexample?.[0];
  if (!details.failed || failing === undefined) return base;
  let problems: string[];
  try {
    problems = await check(failing);
  } catch (error) {
    problems = [`the check threw ${(error as Error).name}: ${(error as Error).message}`];
  }
  return { ...base, failure: { case: failing, problems, path: details.counterexamplePath ?? '' } };
}
