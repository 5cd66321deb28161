// `npm run mutation:<runner> -- [folder...] [stryker flags]`: runs StrykerJS once per folder (default: all four,
// recorder, wire, check, formats), each run with its own incremental file, so a long measurement lands folder by
// folder. Flags (`--force`, `--concurrency 1`, ...) go to every Stryker run, except `--retest-survivors` (below).
// Exit status: the first failing run's.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { FOLDERS } from './shared.mjs';

/** Statuses `--retest-survivors` tests again: the mutants the last run did not kill. */
const NOT_KILLED = new Set(['Survived', 'NoCoverage', 'Timeout']);

const RUNNERS = ['check', 'vitest', 'vitest-unit'];
const [runner, ...rest] = process.argv.slice(2);
if (!RUNNERS.includes(runner ?? '')) {
  process.stderr.write(`usage: node bench/mutation/run.mjs <${RUNNERS.join('|')}> [${FOLDERS.join('|')}...] [stryker flags]\n`);
  process.exit(2);
}
const folders = rest.filter((a) => FOLDERS.includes(a));
// --retest-survivors (ours, not Stryker's): drop the mutants the last run did not kill from the incremental
// file, so Stryker tests them again and reuses the killed ones in unchanged code. For after `check` gained
// checks: a killed mutant stays killed by a check that only grew, a survivor is what the new checks may kill.
const retest = rest.includes('--retest-survivors');
const flags = rest.filter((a) => !FOLDERS.includes(a) && a !== '--retest-survivors');
if (retest && flags.includes('--force')) {
  process.stderr.write('mutation: --retest-survivors and --force contradict each other (--force tests every mutant)\n');
  process.exit(2);
}
// Ctrl-C reaches Stryker too (one process group): this process waits for it to stop, then restores the file.
process.on('SIGINT', () => {});
for (const folder of folders.length > 0 ? folders : FOLDERS) {
  process.stdout.write(`\nmutation:${runner}: src/${folder}\n`);
  const file = `bench/mutation/incremental/${runner}-${folder}.json`;
  const original = retest && existsSync(file) ? readFileSync(file, 'utf8') : undefined;
  if (retest) {
    if (!existsSync(file)) {
      process.stderr.write(`mutation:${runner}: --retest-survivors needs a previous run's ${file}\n`);
      process.exit(2);
    }
    const report = JSON.parse(readFileSync(file, 'utf8'));
    let dropped = 0;
    for (const f of Object.values(report.files)) {
      const kept = f.mutants.filter((m) => !NOT_KILLED.has(m.status));
      dropped += f.mutants.length - kept.length;
      f.mutants = kept;
    }
    writeFileSync(file, JSON.stringify(report));
    process.stdout.write(`mutation:${runner}: testing again the ${dropped} mutants of src/${folder} the last run did not kill\n`);
  }
  const r = spawnSync('npx', ['stryker', 'run', `bench/mutation/${runner}.config.mjs`, ...flags], { stdio: 'inherit', env: { ...process.env, MUTATION_FOLDER: folder } });
  if (r.status !== 0) {
    // A run that did not finish leaves the last run's results as they were, survivors included.
    if (original !== undefined) writeFileSync(file, original);
    process.stderr.write(`mutation:${runner}: the run over src/${folder} failed (${r.error?.message ?? `exit ${r.status ?? r.signal}`})\n`);
    process.exit(r.status ?? 1);
  }
}
