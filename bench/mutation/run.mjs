// `npm run mutation:<runner> -- [folder...] [stryker flags]`: runs StrykerJS once per folder (default: all four,
// recorder, wire, check, formats), each run with its own incremental file, so a long measurement lands folder by
// folder. Flags (`--force`, `--concurrency 1`, ...) go to every Stryker run. Exit status: the first failing run's.
import { spawnSync } from 'node:child_process';
import { FOLDERS } from './shared.mjs';

const RUNNERS = ['check', 'vitest', 'vitest-unit'];
const [runner, ...rest] = process.argv.slice(2);
if (!RUNNERS.includes(runner ?? '')) {
  process.stderr.write(`usage: node bench/mutation/run.mjs <${RUNNERS.join('|')}> [${FOLDERS.join('|')}...] [stryker flags]\n`);
  process.exit(2);
}
const folders = rest.filter((a) => FOLDERS.includes(a));
const flags = rest.filter((a) => !FOLDERS.includes(a));
for (const folder of folders.length > 0 ? folders : FOLDERS) {
  process.stdout.write(`\nmutation:${runner}: src/${folder}\n`);
  const r = spawnSync('npx', ['stryker', 'run', `bench/mutation/${runner}.config.mjs`, ...flags], { stdio: 'inherit', env: { ...process.env, MUTATION_FOLDER: folder } });
  if (r.status !== 0) {
    process.stderr.write(`mutation:${runner}: the run over src/${folder} failed (${r.error?.message ?? `exit ${r.status ?? r.signal}`})\n`);
    process.exit(r.status ?? 1);
  }
}
