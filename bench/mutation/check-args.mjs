// The arguments of `check` in the mutation score's command runner (check.config.mjs) and in the coverage
// of check (bench/coverage/check-coverage.mjs), so both measure the same run.

/** The check every mutant meets: a fixed seed and about a tenth of a default run's cases per part (the negative part in full). */
export const CHECK_ARGS = [
  '--seed', '1',
  '--runs', '60',
  '--wire-runs', '100',
  '--retention-runs', '30',
  '--recovery-runs', '20',
  '--recording-runs', '20',
  '--streams-runs', '20',
  '--payload-runs', '100',
  // One thread per check: Stryker already runs one mutant per core (shared.mjs), and a check that shares its core
  // with a worker thread is only slower (its timeout is wall time: a slow check must not pass for a hang).
  '--jobs', '1',
  // --negative-runs: the default (every family of negative inputs, 3 cases each): the validators' own part.
];

/**
 * A lighter check for re-testing mutants of code only the wire part and the negative inputs read
 * (`src/formats`, `src/wire`): the wire part as in {@link CHECK_ARGS} (same seed, so the same cases), every
 * other property part at one case. Its kills are a subset of the full sizing's, so a score measured with it
 * is a lower bound. Chosen with `MUTATION_CHECK_ARGS=light` (check.config.mjs).
 */
export const LIGHT_CHECK_ARGS = ['--seed', '1', '--runs', '1', '--wire-runs', '100', '--retention-runs', '1', '--recovery-runs', '1', '--recording-runs', '1', '--streams-runs', '1', '--payload-runs', '1', '--jobs', '1'];
