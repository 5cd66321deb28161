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
  // --negative-runs: the default (every family of negative inputs, 3 cases each): the validators' own part.
];
