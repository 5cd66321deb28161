// What both StrykerJS configurations share (issue 13 part 7): the folders mutated, the incremental file,
// the reports and the sandbox.

/** The code under mutation: the recorder, the wire codec, the validators and the trace formats. */
export const mutate = ['src/recorder/**/*.ts', 'src/wire/**/*.ts', 'src/check/**/*.ts', 'src/formats/**/*.ts'];

/**
 * The options of one runner's configuration.
 * @param {'check' | 'vitest'} runner - names the incremental file and the JSON report
 */
export function shared(runner) {
  return {
    packageManager: 'npm',
    // Two cores here: one mutant per core.
    concurrency: 2,
    // Stryker's incremental mode: a later run tests only mutants in changed code (the file is committed).
    incremental: true,
    incrementalFile: `bench/mutation/incremental/${runner}.json`,
    reporters: ['clear-text', 'progress', 'json'],
    jsonReporter: { fileName: `bench/mutation/reports/${runner}.json` },
    clearTextReporter: { allowColor: false, logTests: false, maxTestsToLog: 0 },
    tempDirName: '.stryker-tmp',
    cleanTempDir: 'always',
    thresholds: { high: 90, low: 85, break: null },
    ignorePatterns: ['dist-portable', '.runtimes', 'fuzz-out', 'coverage', 'bench/mutation/reports', 'bench/mutation/incremental'],
  };
}
