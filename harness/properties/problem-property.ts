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
 */
export function runProblemProperty<C>(arbitrary: fc.Arbitrary<C>, check: (c: C) => string[], runs: number, seed: number, path?: string): ProblemReport<C> {
  const started = performance.now();
  const details = fc.check(fc.property(arbitrary, (c) => check(c).length === 0), { numRuns: runs, seed, ...(path !== undefined ? { path } : {}) });
  const base = { runs: details.numRuns, seed: details.seed, elapsedMs: performance.now() - started };
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
