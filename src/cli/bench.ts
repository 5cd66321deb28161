// Node adapter (fs, process): the `bench` command. The suites live in bench/ and need the dev
// dependencies (tinybench, @opentelemetry/*): they are loaded only when this command runs.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Baseline, BaselineCase } from '../../bench/gate/baseline.ts';
import type { CaseResult } from '../../bench/gate/case-result.ts';
import type { RatioEstimate } from '../../bench/gate/ratio.ts';
import type { Measured } from '../../bench/run-bench.ts';
import { benchSuitesPresent } from './bench-present.ts';
import { packageGoldenDir } from './golden-files.ts';
import { UsageError } from './usage-error.ts';

/** Options of the `bench` command, as commander parses them. */
export interface BenchCommandOptions {
  /** Only cases whose id or group matches this regular expression (case-insensitive). */
  readonly filter?: string;
  /** Write machine-readable results to this file. */
  readonly json?: string;
  /** The baseline file. @defaultValue the package's `bench/baseline.json` */
  readonly baseline?: string;
  /** Exit 1 when a case is confirmed slower, its counters changed, or it was refused. */
  readonly gate: boolean;
  /** Write this run's ratios and counters into the baseline (refused under CI and in a smoke run). */
  readonly updateBaseline: boolean;
  /** Run every case briefly and compare its counters only (CI). */
  readonly smoke: boolean;
  /** Interleaved rounds per case, >= 20. */
  readonly rounds?: number;
  /** The fail tier: the largest ratio change over the baseline that passes, a fraction (0.2 = 20%). */
  readonly maxRegression?: number;
  /** The old gate threshold: a usage error that names {@link BenchCommandOptions.maxRegression}. */
  readonly threshold?: string;
  /** The clock of cases that do not need the wall clock. @defaultValue CPU time */
  readonly clock?: 'cpu' | 'wall';
  /** Injected slowdown of every traced twin, a fraction (honesty checks). */
  readonly injectSlowdown?: number;
}

/** The committed baseline: `bench/baseline.json` beside the package's golden directory. */
export function packageBaselinePath(): string {
  return join(dirname(packageGoldenDir()), 'bench', 'baseline.json');
}

/** What `bench` says where it cannot run: an installed package. */
export const BENCH_NOT_INSTALLED = 'bench runs from a checkout of trace-harness, not from the installed package (the benchmarks and their dev dependencies are not shipped): git clone the repository, then npm ci && npm run bench';

/**
 * `trace-harness bench`: runs the overhead benchmarks and, with `--gate`, the release gate.
 * @returns the exit code: 0 pass (or a report without `--gate`), 1 a case failed the gate or the smoke run
 * @throws {@link UsageError} for an unreadable or invalid baseline, a bad filter, a refused update, or
 *   missing dev dependencies (exit 2)
 */
export async function runBenchCommand(opts: BenchCommandOptions, env: Readonly<Record<string, string | undefined>>): Promise<number> {
  if (!benchSuitesPresent()) throw new UsageError(BENCH_NOT_INSTALLED);
  if (opts.updateBaseline && opts.smoke) throw new UsageError('--update-baseline needs a full run, not --smoke');
  if (opts.updateBaseline && env.CI !== undefined && env.CI !== '' && env.CI !== 'false' && env.CI !== '0') throw new UsageError('--update-baseline refuses to write the baseline when CI is set');
  // A baseline is written with CPU time unless --clock says otherwise (without it, a case is timed with its
  // old baseline entry's clock, and an update would keep an old wall-clock entry on the wall clock).
  if (opts.updateBaseline && opts.clock === undefined) opts = { ...opts, clock: 'cpu' };
  if (opts.threshold !== undefined) throw new UsageError('--threshold was replaced by --max-regression <fraction> (default 0.2): a case fails when its ratio exceeds the baseline\'s by more than that in a run and in its re-run; smaller changes are reported with a p-value');
  if (opts.rounds !== undefined && opts.rounds < 20) throw new UsageError(`--rounds must be >= 20 (the gate interleaves at least 20 rounds), got ${opts.rounds}`);
  let suites: typeof import('../../bench/suites/index.ts');
  let runner: typeof import('../../bench/run-bench.ts');
  let baselines: typeof import('../../bench/gate/baseline.ts');
  try {
    [suites, runner, baselines] = await Promise.all([import('../../bench/suites/index.ts'), import('../../bench/run-bench.ts'), import('../../bench/gate/baseline.ts')]);
  } catch (error) {
    throw new UsageError(`bench needs the dev dependencies (tinybench, @opentelemetry/sdk-trace-base): run it from a checkout after npm ci (${(error as Error).message.split('\n')[0]})`);
  }
  let cases;
  try {
    cases = suites.selectCases(opts.filter);
  } catch (error) {
    throw new UsageError(`--filter: ${(error as Error).message}`);
  }
  if (cases.length === 0) throw new UsageError(`--filter ${opts.filter} matches no case; cases: ${suites.ALL_CASES.map((c) => c.id).join(', ')}`);
  const baselinePath = opts.baseline ?? packageBaselinePath();
  let baseline: Baseline | undefined;
  if (existsSync(baselinePath)) {
    try {
      baseline = baselines.parseBaseline(readFileSync(baselinePath, 'utf8'), baselinePath);
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
  } else if (opts.baseline !== undefined && !opts.updateBaseline) {
    throw new UsageError(`cannot read ${opts.baseline}: ENOENT`);
  }
  const run = await runner.runBench(
    {
      cases,
      context: { goldenDir: packageGoldenDir() },
      ...(baseline !== undefined ? { baseline } : {}),
      ...(opts.rounds !== undefined ? { rounds: opts.rounds } : {}),
      ...(opts.maxRegression !== undefined ? { maxRegression: opts.maxRegression } : {}),
      ...(opts.clock !== undefined ? { clock: opts.clock } : {}),
      ...(opts.injectSlowdown !== undefined ? { slowdown: opts.injectSlowdown } : {}),
      gate: opts.gate,
      smoke: opts.smoke,
      rerun: (ids) => measureInFreshProcess(ids, opts),
    },
    { out: (t) => process.stdout.write(t + '\n'), progress: (t) => process.stderr.write(t + '\n') },
  );
  if (opts.json !== undefined) write(opts.json, JSON.stringify(run.json, null, 2) + '\n');
  if (opts.updateBaseline) {
    // The baseline is the median of three processes (this one and two fresh ones) per case.
    process.stderr.write('bench: --update-baseline: two more runs in fresh processes; the baseline takes the median ratio of three\n');
    const more: Record<string, BaselineCase>[] = [];
    for (let k = 0; k < 2; k++) {
      const m = await measureInFreshProcess(cases.map((c) => c.id), opts);
      more.push(Object.fromEntries([...m].filter(([, r]) => r.estimate !== undefined).map(([id, r]) => [id, { ...baselineEntry(r.estimate!), counters: run.baselineCases[id]?.counters ?? {} }])));
    }
    const merged = baselines.medianOfRuns([run.baselineCases, ...more].map((r) => Object.fromEntries(Object.entries(r).filter(([id]) => id in run.baselineCases))));
    write(baselinePath, baselines.formatBaseline(baselines.mergeBaseline(baseline, merged, runner.machine(), new Date().toISOString())));
    process.stdout.write(`bench: baseline written to ${baselinePath} (median of 3 processes per case)\n`);
  }
  return run.exitCode;
}

function baselineEntry(e: RatioEstimate): Omit<BaselineCase, 'counters'> {
  return { ratio: e.ratio, low: e.low, high: e.high, tracedNsPerOp: e.tracedNsPerOp, plainNsPerOp: e.plainNsPerOp };
}

/**
 * The given cases measured by a fresh `trace-harness bench` process (its own V8 compilation decisions),
 * read back from its `--json` output: the gate's confirmation re-run, and the extra runs of
 * `--update-baseline`.
 * @throws Error when the child fails or writes no results
 */
async function measureInFreshProcess(ids: readonly string[], opts: BenchCommandOptions): Promise<Map<string, Measured>> {
  const dir = mkdtempSync(join(tmpdir(), 'trace-harness-bench-'));
  const out = join(dir, 'rerun.json');
  const bin = join(dirname(packageGoldenDir()), 'dist', 'src', 'cli', 'bin.js');
  const filter = `^(${ids.map((id) => id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})$`;
  const args = [bin, 'bench', '--filter', filter, '--json', out];
  if (opts.rounds !== undefined) args.push('--rounds', String(opts.rounds));
  if (opts.clock !== undefined) args.push('--clock', opts.clock);
  if (opts.injectSlowdown !== undefined) args.push('--inject-slowdown', String(opts.injectSlowdown));
  try {
    const code = await new Promise<number | null>((resolve, reject) => {
      const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'inherit'] });
      child.on('error', reject);
      child.on('exit', resolve);
    });
    if (code !== 0) throw new Error(`bench: the confirmation re-run (${args.slice(1).join(' ')}) exited ${code}`);
    const json = JSON.parse(readFileSync(out, 'utf8')) as { cases: CaseResult[] };
    return new Map(json.cases.map((c) => [c.id, { ...(c.estimate ? { estimate: c.estimate } : {}), ...(c.problem ? { problem: c.problem } : {}) }]));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function write(path: string, text: string): void {
  try {
    writeFileSync(path, text);
  } catch (error) {
    throw new UsageError(`cannot write ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}
