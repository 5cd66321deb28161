/**
 * `npm run mutation:report`: writes bench/mutation/REPORT.md from the committed incremental files of every
 * runner and folder (`incremental/<runner>-<folder>.json`, StrykerJS's full JSON report of that run; a
 * folder not yet run is shown as such) and the committed reasons (`reasons.json`: why each surviving mutant
 * survives, keyed by {@link Mutant.key}; a survivor of the vitest runners that `check` kills says so). Prints the scores and the number of survivors with no reason; exit 1
 * when there is one and `--strict` is given (issue 13 part 7: no surviving mutant is unexplained), 2 for a bad
 * flag or an unreadable file.
 * @module
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command, CommanderError } from 'commander';
import { type Mutant, readMutants, type Score, scoreOf } from './mutants.ts';

const DIR = 'bench/mutation';
const RUNNERS = ['check', 'vitest', 'vitest-unit'] as const;
/** As bench/mutation/shared.mjs's FOLDERS: one Stryker run, and one incremental file, per folder and runner. */
const FOLDERS = ['recorder', 'wire', 'check', 'formats'] as const;

const pct = (s: Score): string => (Number.isNaN(s.score) ? '–' : `${s.score.toFixed(1)}% (${s.killed + s.timeout}/${s.killed + s.timeout + s.survived + s.noCoverage})`);

/** Said of a survivor of another runner whose mutant `check` kills: every check-runner mutant with its key was killed or timed out. */
const KILLED_BY_CHECK = 'killed by `check` (the check runner); the unit tests alone do not kill it';

/**
 * The reason of each runner's survivor: the one in reasons.json, else, for a runner other than `check`,
 * {@link KILLED_BY_CHECK} when `check` kills every mutant with that key (a key names file, mutator,
 * replacement and source line, so two mutants of one line may share it: one survivor among them and none is
 * borrowed); undefined when there is neither.
 */
function reasonOf(runs: Partial<Record<(typeof RUNNERS)[number], Mutant[]>>, reasons: Readonly<Record<string, string>>): (r: (typeof RUNNERS)[number], m: Mutant) => string | undefined {
  const byCheck = new Map<string, boolean>(); // key -> every check-runner mutant with it detected
  for (const m of runs.check ?? []) {
    const detected = m.status === 'Killed' || m.status === 'Timeout';
    byCheck.set(m.key, (byCheck.get(m.key) ?? true) && detected);
  }
  return (r, m) => reasons[m.key] ?? (r !== 'check' && byCheck.get(m.key) === true ? KILLED_BY_CHECK : undefined);
}

/** The markdown of the report. */
export function renderReport(runs: Partial<Record<(typeof RUNNERS)[number], Mutant[]>>, reasons: Readonly<Record<string, string>>): string {
  const reason = reasonOf(runs, reasons);
  const out: string[] = ['# Mutation report (issue 13 part 7)', '',
    'Written by `npm run mutation:report` from the incremental files of `npm run mutation:check` (`check` on the build',
    'is the test command: bench/mutation/check.config.mjs) and `npm run mutation:vitest` (the vitest runner,',
    '`perTest`; and over the unit tests of the four folders only, `npm run mutation:vitest-unit`, a lower bound of the',
    'full suite\'s score). Score: (killed + timed out) / (killed + timed out + survived + no coverage), as Stryker counts it.', ''];
  out.push('| code | check runner | vitest runner | vitest runner, unit tests |', '|---|---|---|---|');
  const files = new Set<string>();
  for (const r of RUNNERS) for (const m of runs[r] ?? []) files.add(m.file);
  const row = (name: string, pick: (m: Mutant) => boolean): void => {
    const cell = (r: (typeof RUNNERS)[number]): string => {
      const some = (runs[r] ?? []).filter(pick);
      return some.length === 0 ? 'not run' : pct(scoreOf(some));
    };
    out.push(`| ${name} | ${RUNNERS.map(cell).join(' | ')} |`);
  };
  row('**all four folders**', () => true);
  for (const f of FOLDERS) row(`\`src/${f}\``, (m) => m.file.startsWith(`src/${f}/`));
  for (const f of [...files].filter((x) => x.startsWith('src/check/')).sort()) row(`\`${f}\``, (m) => m.file === f);
  for (const r of RUNNERS) {
    const survivors = (runs[r] ?? []).filter((m) => m.status === 'Survived' || m.status === 'NoCoverage');
    if (runs[r] === undefined) continue;
    out.push('', `## Surviving mutants, ${r} runner (${survivors.length})`, '');
    if (survivors.length === 0) continue;
    out.push('| where | mutator | replacement | status | reason |', '|---|---|---|---|---|');
    for (const m of survivors) {
      const cell = (s: string): string => s.replace(/\|/g, '\\|').slice(0, 80);
      out.push(`| \`${m.file}:${m.line}:${m.column}\` | ${m.mutator} | \`${cell(m.replacement)}\` | ${m.status} | ${reason(r, m) ?? '**unexplained**'} |`);
    }
  }
  return `${out.join('\n')}\n`;
}

function main(argv: readonly string[]): number {
  const program = new Command('mutation:report').option('--strict', 'exit 1 when a surviving mutant has no reason in reasons.json', false).exitOverride();
  try {
    program.parse(argv, { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    throw e;
  }
  const runs: Partial<Record<(typeof RUNNERS)[number], Mutant[]>> = {};
  for (const r of RUNNERS) {
    for (const f of FOLDERS) {
      const file = join(DIR, 'incremental', `${r}-${f}.json`);
      if (!existsSync(file)) continue;
      try {
        runs[r] = [...(runs[r] ?? []), ...readMutants(readFileSync(file, 'utf8'))];
      } catch (e) {
        process.stderr.write(`mutation:report: ${file}: ${(e as Error).message}\n`);
        return 2;
      }
    }
  }
  const reasonsFile = join(DIR, 'reasons.json');
  const reasons = existsSync(reasonsFile) ? (JSON.parse(readFileSync(reasonsFile, 'utf8')) as Record<string, string>) : {};
  writeFileSync(join(DIR, 'REPORT.md'), renderReport(runs, reasons));
  let unexplained = 0;
  const reason = reasonOf(runs, reasons);
  for (const r of RUNNERS) {
    if (runs[r] === undefined) continue;
    const s = scoreOf(runs[r]!);
    const open = runs[r]!.filter((m) => (m.status === 'Survived' || m.status === 'NoCoverage') && reason(r, m) === undefined).length;
    unexplained += open;
    process.stdout.write(`${r} runner: ${pct(s)}, ${s.survived} survived, ${s.noCoverage} no coverage, ${open} without a reason\n`);
  }
  process.stdout.write(`wrote ${join(DIR, 'REPORT.md')}\n`);
  return program.opts<{ strict: boolean }>().strict && unexplained > 0 ? 1 : 0;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = main(process.argv.slice(2));
