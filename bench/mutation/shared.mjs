// What the StrykerJS configurations share (issue 13 part 7): the folder mutated, the incremental file, the
// reports and the sandbox. One Stryker run mutates one folder (MUTATION_FOLDER, set by run.mjs), so a run of
// the four folders (hours here) lands folder by folder, each with its own committed incremental file.

/** The folders under mutation: the recorder, the wire codec, the validators and the trace formats. */
export const FOLDERS = ['recorder', 'wire', 'check', 'formats'];

/**
 * The options of one runner's configuration, for the folder `MUTATION_FOLDER` names.
 * @param {'check' | 'vitest' | 'vitest-unit'} runner - names the incremental file and the JSON report
 * @throws Error when MUTATION_FOLDER is not one of {@link FOLDERS} (run through `npm run mutation:<runner>`)
 */
export function shared(runner) {
  const folder = process.env.MUTATION_FOLDER;
  if (!FOLDERS.includes(folder ?? '')) {
    throw new Error(`bench/mutation: MUTATION_FOLDER must be one of ${FOLDERS.join(', ')}, got ${JSON.stringify(folder)}: run \`npm run mutation:${runner} -- [folder...]\` (bench/mutation/run.mjs)`);
  }
  const name = `${runner}-${folder}`;
  return {
    mutate: [`src/${folder}/**/*.ts`],
    packageManager: 'npm',
    // Two cores here: one mutant per core.
    concurrency: 2,
    // Stryker's incremental mode: a later run tests only mutants in changed code (the file is committed, and
    // it is what bench/mutation/report.ts reads).
    incremental: true,
    incrementalFile: `bench/mutation/incremental/${name}.json`,
    reporters: ['clear-text', 'progress', 'json'],
    jsonReporter: { fileName: `bench/mutation/reports/${name}.json` },
    clearTextReporter: { allowColor: false, logTests: false, maxTestsToLog: 0 },
    tempDirName: '.stryker-tmp',
    cleanTempDir: 'always',
    thresholds: { high: 90, low: 85, break: null },
    ignorePatterns: ['dist-portable', '.runtimes', 'fuzz-out', 'coverage', 'bench/mutation/reports', 'bench/mutation/incremental'],
  };
}
