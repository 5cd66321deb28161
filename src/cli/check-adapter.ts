import { join } from 'node:path';
import kleur from 'kleur';
import { runPythonGoldens } from '../../harness/goldens/python-golden.ts';
import type { GoldenResult } from '../../harness/goldens/golden.ts';
import { DOCUMENTED_DIFFERENCES, runDifferentialProperty } from '../../harness/properties/differential-property.ts';
import { runPythonProperty } from '../../harness/properties/python-property.ts';
import { formatVerdict, type Verdict } from '../../harness/targets/process/verdict.ts';
import { AdapterWorker } from '../../harness/targets/process/worker.ts';
import { MAX_REPORTED } from '../assert/report.ts';
import type { CheckIo } from './check.ts';
import type { ProgramCheck } from '../../harness/targets/js/check-program.ts';
import { corpusAsync } from './check.ts';
import { readGoldenDir } from './golden-files.ts';
import { randomSeed } from '../../harness/properties/program-property.ts';
import { formatProgramFailure, textDiff } from './report.ts';
import { casesOf, reportViolations } from './reporters/collector.ts';

import { ADAPTER_LANGUAGES } from './adapter-languages.ts';

export { ADAPTER_LANGUAGES };

/** The least time an adapter gets for its hello, in ms (its start-up), whatever `--timeout` says. */
export const HELLO_TIMEOUT_MS = 30_000;

/** Options of {@link runAdapterCheck}, as the `check` command parses them. */
export interface AdapterCheckOptions {
  /** The adapter's command line (`--tracer-cmd`), split into words without a shell. */
  readonly command: string;
  readonly language: keyof typeof ADAPTER_LANGUAGES;
  /** Per-request timeout (`--timeout`), ms. @defaultValue 5000 */
  readonly timeoutMs: number;
  readonly runs: number;
  /** Random programs of the coroutines suite (`--async-runs`). @defaultValue `runs` */
  readonly asyncRuns?: number;
  /** Programs of the differential property (JS recorder vs adapter; generators suite). @defaultValue 200 */
  readonly differentialRuns: number;
  readonly seed?: number;
  readonly path?: string;
  readonly suite?: 'generators' | 'coroutines';
  /** The golden directory; its `python/` folder is the Python corpus. */
  readonly goldenDir: string;
  readonly skipProperty?: boolean;
  readonly harnessVersion: string;
}

/**
 * `trace-harness check --tracer-cmd CMD --lang python`: a tracer in another process, through the protocol
 * (PROTOCOL.md). Starts the adapter once; runs the Python goldens (model and adapter must reproduce each
 * hand-derived trace), the generators suite (random programs rendered as Python, judged by the
 * `cpython-3.12` profile), the coroutines suite when the adapter supports it, and the differential property
 * (the same programs under this package's JS recorder). An adapter verdict is one named line; `check` goes on
 * to its summary.
 * @returns 0 all passed, 1 the tracer is wrong (or an adapter verdict on a program), 2 the adapter is unusable
 *   (it could not start, or became unusable on the way: PROTOCOL.md §4)
 * @throws {@link UsageError} for an unreadable or malformed Python golden (exit 2), before any process starts
 */
export async function runAdapterCheck(options: AdapterCheckOptions, io: CheckIo): Promise<number> {
  const files = readGoldenDir(join(options.goldenDir, 'python')); // unreadable: exit 2 before anything starts
  await corpusAsync(() => runPythonGoldens(files)); // a malformed golden is a usage error, found before any process starts
  // The hello may take longer than a run: an interpreter (or a loaded CI machine) can be slow to start.
  const helloTimeoutMs = Math.max(options.timeoutMs, HELLO_TIMEOUT_MS);
  const started = await AdapterWorker.start(options.command, { language: options.language, timeoutMs: options.timeoutMs, helloTimeoutMs, harnessVersion: options.harnessVersion });
  if (!started.ok) return unusable(started.verdict, io);
  const worker = started.worker;
  const hello = worker.hello;
  const flag = `--tracer-cmd ${JSON.stringify(options.command)} --lang ${options.language}`;
  const summary: string[] = [];
  let failed = false;
  /** Set once the adapter gave a verdict instead of a trace: what is left is not run (and said so). */
  let broken: 'verdict' | 'unusable' | undefined;
  const notRun = (): string => (broken === 'unusable' ? 'not run (the adapter is unusable)' : 'not run (an adapter verdict above)');
  try {
    io.out(`${kleur.bold('adapter')}     ${hello.tracer.name} ${hello.tracer.version} (${hello.language}, semantics ${hello.semantics}, protocol ${hello.protocol}, ${hello.trace} traces)`);
    io.out(`            suites: ${hello.supports.suites.join(', ') || 'none'}; statements: ${hello.supports.statements.join(', ') || 'none'}`);
    if (hello.semantics !== ADAPTER_LANGUAGES[options.language]) {
      return unusable({ rule: 'adapter/handshake', message: `want semantics ${ADAPTER_LANGUAGES[options.language]} (the profile this harness has for ${options.language}), got ${hello.semantics}`, unusable: true }, io);
    }
    io.out('');
    const supports = new Set(hello.supports.statements);

    io.progress?.start('python goldens', files.programs.size + files.negatives.size, 'files');
    const goldens = await runPythonGoldens(files, worker, supports);
    const goldensFailed = reportGoldens(goldens, join(options.goldenDir, 'python'), io);
    failed = goldensFailed || failed;
    io.report?.part({ name: 'python goldens', kind: 'corpus', ok: !goldensFailed, cases: casesOf(goldens, join(options.goldenDir, 'python'), goldenDetails) });
    broken = goldens.some((r) => r.unusable === true) ? 'unusable' : goldens.some((r) => r.problem?.startsWith('adapter/') === true) ? 'verdict' : undefined;
    summary.push(`python goldens ${goldens.every((r) => r.ok) ? 'ok' : 'FAIL'}`);

    if (options.skipProperty !== true) {
      for (const suite of ['generators', 'coroutines'] as const) {
        if (options.suite !== undefined && options.suite !== suite) continue;
        if (broken !== undefined) {
          summary.push(`${suite} ${notRun()}`);
          continue;
        }
        const r = await propertySuite(suite, options, worker, supports, hello.supports.suites, flag, io);
        failed = r.failed || failed;
        broken = r.broken;
        summary.push(`${suite} ${r.word}`);
      }
      if (options.suite === undefined) {
        if (broken !== undefined) summary.push(`differential ${notRun()}`);
        else {
          const r = await differential(options, worker, supports, hello.supports.suites, flag, io);
          failed = r.failed || failed;
          broken = r.broken;
          summary.push(`differential ${r.word}`);
        }
      }
    }
  } finally {
    await worker.close();
  }
  // An adapter that became unusable on the way is exit 2, as one that could not start (PROTOCOL.md §4).
  const code = broken === 'unusable' ? 2 : failed ? 1 : 0;
  io.out(`${kleur.bold('summary')}     ${hello.tracer.name}: ${summary.join(', ')}; exit ${code}`);
  return code;
}

function unusable(v: Verdict, io: CheckIo): number {
  io.out(`${kleur.red('FAIL')}  ${formatVerdict(v)}`);
  io.report?.part({ name: 'tracer', kind: 'tracer', ok: false, message: formatVerdict(v) });
  io.out(`${kleur.bold('summary')}     the adapter is unusable; nothing was checked; exit 2`);
  return 2;
}

/** An adapter verdict on a program: its one line, then the program it was running. */
function printVerdict(c: ProgramCheck, language: string, io: CheckIo): void {
  io.out(`  ${kleur.red('FAIL')}  ${c.verdict!.line}`);
  io.out(`  the program it was running (${language}):`);
  io.out((c.rendered?.text ?? '').trimEnd().split('\n').map((l) => `    ${l}`).join('\n'));
}

async function propertySuite(
  suite: 'generators' | 'coroutines',
  options: AdapterCheckOptions,
  worker: AdapterWorker,
  supports: ReadonlySet<string>,
  suites: readonly string[],
  flag: string,
  io: CheckIo,
): Promise<{ failed: boolean; broken: 'verdict' | 'unusable' | undefined; word: string }> {
  const label = kleur.bold(suite.padEnd(12));
  if (!suites.includes(suite)) {
    io.out(`${label}skipped: the adapter does not list the suite (supports.suites: ${suites.join(', ') || 'none'})\n`);
    return { failed: false, broken: undefined, word: 'skipped' };
  }
  const shown = suite === 'coroutines' ? (options.asyncRuns ?? options.runs) : options.runs;
  io.out(`${label}${shown} random programs rendered as ${options.language}, seed ${options.seed ?? '(random)'}${options.path ? `, path ${options.path}` : ''}`);
  const runs = suite === 'coroutines' ? (options.asyncRuns ?? options.runs) : options.runs;
  io.progress?.start(suite, runs, 'programs');
  const report = await runPythonProperty({
    runs,
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
    ...(options.path !== undefined ? { path: options.path } : {}),
    runner: worker,
    supports,
    suite,
    onProgress: (n) => io.progress?.tick(n),
  });
  const rate = `${Math.round(report.programsPerSecond)} programs/s`;
  const skipped = report.skipped > 0 ? `, ${report.skipped} skipped (${[...report.skippedBy].map(([why, n]) => `${n} ${why}`).join('; ')})` : '';
  if (report.failure === undefined && report.error === undefined) {
    io.out(`  ${kleur.green('ok')}    ${report.runs} programs passed in ${(report.elapsedMs / 1000).toFixed(2)} s (${rate}), seed ${report.seed}${skipped}\n`);
    io.report?.part({ name: suite, kind: 'property', ok: true, seed: report.seed, runs: report.runs, elapsedMs: report.elapsedMs });
    return { failed: false, broken: undefined, word: 'ok' };
  }
  const replay = ['npx trace-harness check', flag, `--suite ${suite}`, `--seed ${report.seed}`, report.failure?.path ? `--path ${report.failure.path}` : '', suite === 'coroutines' ? `--async-runs ${runs}` : `--runs ${runs}`].filter((s) => s !== '');
  if (report.failure?.check.verdict !== undefined) {
    const c = report.failure.check;
    printVerdict(c, options.language, io);
  } else if (report.failure !== undefined) {
    io.out(`  ${kleur.red('FAIL')}  after ${report.runs} programs (seed ${report.seed}, ${report.failure.shrinks} shrinks, ${rate})\n`);
    io.out(formatProgramFailure(report.failure.check));
  } else {
    const e = report.error as Error;
    io.out(`  ${kleur.red('FAIL')}  the property run raised ${e?.name ?? 'an error'}: ${e?.message ?? String(e)}`);
  }
  io.out(`\n${kleur.bold('replay:')} ${replay.join(' ')}\n`);
  const verdict = report.failure?.check.verdict;
  const violations = reportViolations(report.failure?.check.violations);
  io.report?.part({
    name: suite,
    kind: 'property',
    ok: false,
    seed: report.seed,
    runs: report.runs,
    elapsedMs: report.elapsedMs,
    replay: replay.join(' '),
    message: verdict?.line ?? (report.failure !== undefined ? `${report.failure.check.violations.length} violation(s) after ${report.runs} programs` : `the property run raised ${String(report.error)}`),
    ...(violations !== undefined && violations.length > 0 ? { violations } : {}),
  });
  return { failed: true, broken: verdict === undefined ? undefined : verdict.unusable ? 'unusable' : 'verdict', word: 'FAIL' };
}

async function differential(
  options: AdapterCheckOptions,
  worker: AdapterWorker,
  supports: ReadonlySet<string>,
  suites: readonly string[],
  flag: string,
  io: CheckIo,
): Promise<{ failed: boolean; broken: 'verdict' | 'unusable' | undefined; word: string }> {
  const label = kleur.bold('differential');
  if (!suites.includes('generators')) {
    io.out(`${label} skipped: it runs generators-suite programs, and the adapter does not list that suite (supports.suites: ${suites.join(', ') || 'none'})\n`);
    return { failed: false, broken: undefined, word: 'skipped' };
  }
  const seed = options.seed ?? randomSeed();
  io.out(`${label} ${options.differentialRuns} random programs under this package's JS recorder and under the adapter: each matches its own profile's model; where they differ, only as README "Semantics" documents`);
  io.progress?.start('differential', options.differentialRuns, 'programs');
  const r = await runDifferentialProperty(options.differentialRuns, seed, worker, supports);
  const replay = `${kleur.bold('replay:')} npx trace-harness check ${flag} --seed ${seed} --differential-runs ${options.differentialRuns}\n`;
  const differ = [...r.differences.values()].reduce((a, d) => a + d.count, 0);
  const undocumented = [...r.differences.keys()].filter((k) => DOCUMENTED_DIFFERENCES[k] === undefined);
  if (r.failure !== undefined) {
    const c = r.failure.check;
    if (c.verdict !== undefined) {
      printVerdict(c, options.language, io);
    } else {
      io.out(`  ${kleur.red('FAIL')}  seed ${seed}: the ${r.failure.side === 'js' ? "JS recorder's trace differs from the js profile's model" : "adapter's trace differs from the cpython-3.12 profile's model"}`);
      io.out(formatProgramFailure(c));
    }
    io.out(`\n${replay}`);
    io.report?.part({ name: 'differential', kind: 'property', ok: false, seed, runs: r.runs, elapsedMs: r.elapsedMs, replay: `npx trace-harness check ${flag} --seed ${seed} --differential-runs ${options.differentialRuns}`, message: c.verdict?.line ?? `the ${r.failure.side === 'js' ? 'JS recorder' : 'adapter'} trace differs from its profile's model` });
    return { failed: true, broken: c.verdict === undefined ? undefined : c.verdict.unusable ? 'unusable' : 'verdict', word: 'FAIL' };
  }
  io.out(`  ${undocumented.length === 0 ? kleur.green('ok') : kleur.red('FAIL')}    ${r.runs} programs in ${(r.elapsedMs / 1000).toFixed(2)} s, seed ${seed}: ${r.agreed} same trace, ${differ} differ, ${r.skipped} skipped`);
  for (const [key, d] of [...r.differences].sort((a, b) => b[1].count - a[1].count)) {
    io.out(`    ${String(d.count).padStart(4)}  ${DOCUMENTED_DIFFERENCES[key] ?? kleur.red(`UNDOCUMENTED: ${key}`)}`);
  }
  io.out(undocumented.length > 0 ? `\n${replay}` : '');
  io.report?.part({
    name: 'differential',
    kind: 'property',
    ok: undocumented.length === 0,
    seed,
    runs: r.runs,
    elapsedMs: r.elapsedMs,
    ...(undocumented.length > 0 ? { replay: `npx trace-harness check ${flag} --seed ${seed} --differential-runs ${options.differentialRuns}`, message: `undocumented differences: ${undocumented.join(', ')}` } : {}),
  });
  return { failed: undocumented.length > 0, broken: undefined, word: undocumented.length > 0 ? 'FAIL' : 'ok' };
}

/** Plain text for a failed Python golden: the diff of stored vs produced trace, then the violations. */
function goldenDetails(r: GoldenResult): string | undefined {
  const lines: string[] = [];
  if (r.stored !== undefined && r.produced !== undefined) lines.push(textDiff(`${r.file} (golden)`, `${r.file} (produced)`, r.stored, r.produced));
  for (const v of (r.violations ?? []).slice(0, MAX_REPORTED)) lines.push(`${v.rule} at event ${v.eventIndex}: ${v.message}`);
  return lines.length > 0 ? lines.join('\n') : undefined;
}

function reportGoldens(results: readonly GoldenResult[], dir: string, io: CheckIo): boolean {
  const count = (kind: GoldenResult['kind']): string => `${results.filter((r) => r.kind === kind && r.ok && r.skipped !== true).length}/${results.filter((r) => r.kind === kind).length}`;
  const skipped = results.filter((r) => r.skipped === true).length;
  io.out(`${kleur.bold('python goldens')} ${count('positive')} traces, ${count('negative')} negative goldens passed (${dir}): the model and the adapter reproduce each hand-derived trace${skipped > 0 ? `; ${skipped} skipped (statements the adapter does not run)` : ''}`);
  const bad = results.filter((r) => !r.ok);
  // After the adapter became unusable nothing more was sent: one line for all of those, not one each.
  const first = bad.findIndex((r) => r.unusable === true);
  const notSent = first < 0 ? [] : bad.slice(first + 1).filter((r) => r.unusable === true);
  for (const r of bad.filter((x) => !notSent.includes(x))) {
    io.out(`  ${kleur.red('FAIL')}  ${r.file}: ${r.problem}`);
    if (r.stored !== undefined && r.produced !== undefined) io.out(textDiff(`${r.file} (golden)`, `${r.file} (produced)`, r.stored, r.produced));
    for (const v of (r.violations ?? []).slice(0, MAX_REPORTED)) io.out(`        ${v.rule} at event ${v.eventIndex}: ${v.message}`);
  }
  if (notSent.length > 0) io.out(`  ${kleur.red('FAIL')}  ${notSent.length} more golden(s) not run: the adapter is unusable`);
  io.out('');
  return bad.length > 0;
}
