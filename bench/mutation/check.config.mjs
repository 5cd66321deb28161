// StrykerJS with `check` itself as the test command (issue 13 part 7): a mutant is killed only when the
// main job, `trace-harness check` on the build, fails on it, so the score measures what users run in CI.
// Run: npm run mutation:check -- [folder...] (bench/mutation/run.mjs)
//
// Sized for a 2-core machine: the command runner runs the whole command once per mutant, so it runs fewer
// cases per part than a default check (CHECK_ARGS) with a fixed seed, one mutant per core, and Stryker's
// incremental mode so a later run tests only mutants in changed code.
import { CHECK_ARGS, LIGHT_CHECK_ARGS } from './check-args.mjs';
import { shared } from './shared.mjs';


export default {
  ...shared('check'),
  // The mutants are compiled into dist/ once (mutant switching: the active one is chosen by an
  // environment variable per run), then `check` runs on the build.
  buildCommand: 'npm run build',
  testRunner: 'command',
  // bench/mutation/no-shrink.mjs: a failing property stops at its first counterexample (same verdict, faster).
  // MUTATION_CHECK_ARGS=light: the lighter sizing of check-args.mjs (a lower bound, for formats and wire re-tests).
  commandRunner: { command: `node --import ./bench/mutation/no-shrink.mjs dist/src/cli/bin.js check ${(process.env.MUTATION_CHECK_ARGS === 'light' ? LIGHT_CHECK_ARGS : CHECK_ARGS).join(' ')}` },
  coverageAnalysis: 'off',
  // A mutant that makes check loop is caught by a timeout; on a busy machine a check that is only slow must
  // not be taken for one (Stryker's default of 5 s over the dry run's time counted hundreds of them with a CI
  // job beside it), so the margin is 30 s: only a real hang (one of a few) waits it out.
  timeoutMS: 30_000,
};
