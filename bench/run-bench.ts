/**
 * `trace-harness bench`: measures the selected cases interleaved, estimates each traced/untraced ratio with
 * its bootstrap interval, compares with the committed baseline (confirming any slowdown by one re-run),
 * and reports a markdown table; optionally writes JSON and updates the baseline.
 * @module
 */
import { cpus } from 'node:os';
import type { Baseline, BaselineCase } from './gate/baseline.ts';
import type { CaseResult } from './gate/case-result.ts';
import { estimateRatio, type RatioEstimate } from './gate/ratio.ts';
import { median } from './gate/bootstrap.ts';
import { formatReport, formatTargets } from './gate/report.ts';
import { checkTargets } from './gate/targets.ts';
import { compareWithBaseline } from './gate/change.ts';
import { type Counters, DEFAULT_MAX_REGRESSION, FAILING_VERDICTS, type Verdict, confirmVerdict, countersDiff, gateExitCode, ratioVerdict } from './gate/verdict.ts';
import { interleave } from './measure/interleave.ts';
import { type ClockKind, DEFAULT_CLOCK, clockFor, cpuClockName } from './measure/clock.ts';
import { MIN_SAMPLE_GRAINS, refusalReason, timerGrainMs } from './measure/timer.ts';
import type { BenchCase, SuiteContext, Twins } from './suites/case.ts';

/** The full gate's minimum rounds (the issue: at least 20). */
export const MIN_ROUNDS = 20;
/** Rounds and samples of a smoke run: enough to run every case, not to judge it. */
export const SMOKE_ROUNDS = 2;

/** Options of {@link runBench}. */
export interface BenchOptions {
  readonly cases: readonly BenchCase[];
  readonly context: SuiteContext;
  /** The committed baseline, if there is one. */
  readonly baseline?: Baseline;
  /** Rounds per case, >= 20 unless `smoke`. @defaultValue 20 */
  readonly rounds?: number;
  /** The fail tier: the largest ratio change over the baseline that passes (0.2 = 20%), >= 0. @defaultValue 0.2 */
  readonly maxRegression?: number;
  /** The clock of cases that do not ask for one (see `measure/clock.ts`). @defaultValue {@link DEFAULT_CLOCK} */
  readonly clock?: ClockKind;
  /** Exit 1 on a failing verdict, after one confirmation re-run of the cases that look slower. */
  readonly gate?: boolean;
  /** A smoke run: every case briefly; counters compared, ratios not judged; exit 1 on changed counters. */
  readonly smoke?: boolean;
  /** Injected slowdown of every traced twin (honesty checks), >= 0. @defaultValue 0 */
  readonly slowdown?: number;
  /**
   * Measures the given cases again for the confirmation re-run, in a fresh process (the CLI spawns one):
   * a process is the unit of V8's compilation decisions, which shift a ratio by several percent from
   * one process to the next and stay for its life. Without it, the re-run measures the same twins again
   * in this process.
   */
  readonly rerun?: (ids: readonly string[]) => Promise<ReadonlyMap<string, Measured>>;
}

/** One measurement of a case: its estimate, or why it has none. */
export interface Measured {
  readonly estimate?: RatioEstimate;
  readonly problem?: string;
  /** Times the samples came out too short and were measured again (see `interleave`). */
  readonly recalibrations?: number;
}

/** Where the run writes. */
export interface BenchIo {
  /** The report (stdout). */
  readonly out: (text: string) => void;
  /** Progress lines (stderr). */
  readonly progress: (text: string) => void;
}

/** What {@link runBench} returns. */
export interface BenchRun {
  readonly results: CaseResult[];
  readonly exitCode: 0 | 1;
  /** The machine-readable results (`--json`). */
  readonly json: unknown;
  /** This run's cases as baseline entries, by id. */
  readonly baselineCases: Record<string, BaselineCase>;
}

/** Where this run happens. */
export function machine(): Baseline['machine'] {
  const c = cpus();
  return { node: process.version, cpu: c[0]?.model.trim() ?? 'unknown', cpus: c.length, platform: `${process.platform}-${process.arch}` };
}

/**
 * The clock a case is timed with: its own (work in another process), else the one asked for, else its
 * baseline's (a ratio is compared only with one of the same clock; entries older than issue 15 are `wall`),
 * else {@link DEFAULT_CLOCK}.
 */
export function clockOf(c: Pick<BenchCase, 'clock' | 'id'>, options: Pick<BenchOptions, 'clock' | 'baseline'>): ClockKind {
  const base = options.baseline?.cases[c.id];
  return c.clock ?? options.clock ?? (base !== undefined ? (base.clock ?? 'wall') : DEFAULT_CLOCK);
}

/**
 * Measures a case. The twins are built once per run and reused by the confirmation re-run: closures made
 * again by a second setup get different machine code from V8 (a first closure's code is specialised to
 * its context, later ones are not), which would measure a different program.
 */
async function measure(c: BenchCase, twins: Twins, options: BenchOptions, rounds: number): Promise<Measured> {
  const smoke = options.smoke === true;
  const now = clockFor(clockOf(c, options));
  // Equal-length samples, each at least the timer's minimum, with a margin of 2: the calibration calls are
  // themselves noisy on a busy machine (a GC pause in one makes the repeats too few).
  const grainMs = timerGrainMs(now);
  const minSampleMs = smoke ? undefined : 2 * MIN_SAMPLE_GRAINS * grainMs;
  const m = await interleave(twins, { rounds, samplesPerRound: smoke ? 1 : c.samplesPerRound, warmup: !smoke, slowdown: options.slowdown ?? 0, now, ...(minSampleMs !== undefined ? { minSampleMs } : {}) });
  const all = (k: 'plain' | 'traced'): number[] => m.rounds.flatMap((r) => r[k]);
  // The grain the samples were sized by (measured again, a busy machine's grain would differ by chance).
  const problem = refusalReason(median(all('plain')), grainMs, m.saturation) ?? refusalReason(median(all('traced')), grainMs);
  const recalibrations = m.recalibrations > 0 ? { recalibrations: m.recalibrations } : {};
  if (problem !== undefined && !smoke) return { problem, ...recalibrations };
  return { estimate: estimateRatio(m.rounds, { plain: c.ops.plain * m.repeats.plain, traced: c.ops.traced * m.repeats.traced }), ...recalibrations };
}

/**
 * Runs the bench.
 * @returns the results, the exit code (1 only with `gate` or `smoke` and a failing verdict) and the JSON
 * @throws RangeError for rounds below 20 outside a smoke run, or a negative maxRegression or slowdown
 */
export async function runBench(options: BenchOptions, io: BenchIo): Promise<BenchRun> {
  const smoke = options.smoke === true;
  const rounds = smoke ? SMOKE_ROUNDS : (options.rounds ?? MIN_ROUNDS);
  const maxRegression = options.maxRegression ?? DEFAULT_MAX_REGRESSION;
  if (!smoke && !(Number.isInteger(rounds) && rounds >= MIN_ROUNDS)) throw new RangeError(`bench: rounds must be an integer >= ${MIN_ROUNDS}, got ${rounds}`);
  if (!(maxRegression >= 0)) throw new RangeError(`bench: maxRegression must be >= 0, got ${maxRegression}`);
  const results: CaseResult[] = [];
  const built = new Map<string, Twins>();
  // 1. Measure every case once; judge counters and the ratio against the baseline.
  for (const c of options.cases) {
    const t0 = performance.now();
    const base = options.baseline?.cases[c.id];
    const info = { id: c.id, group: c.group, title: c.title, unit: c.unit, twin: c.twin, ...(base !== undefined ? { baseline: base } : {}) };
    let m: Measured & { counters: Counters };
    try {
      const twins = await c.setup(options.context);
      built.set(c.id, twins);
      const counters = await twins.counters();
      m = { ...(await measure(c, twins, options, rounds)), counters };
    } catch (error) {
      results.push({ ...info, problem: `threw: ${(error as Error)?.stack ?? String(error)}`, counters: {}, counterDiffs: [], firstVerdict: 'error', verdict: 'error' });
      io.progress(`bench ${c.id}: ERROR`);
      continue;
    }
    const counterDiffs = countersDiff(m.counters, base?.counters);
    const first: Verdict =
      counterDiffs.length > 0 ? 'counters'
      : m.estimate === undefined ? 'refused'
      : smoke ? 'smoke'
      : ratioVerdict(m.estimate, base?.ratio, maxRegression);
    const change = m.estimate !== undefined && base !== undefined && !smoke ? { change: compareWithBaseline(m.estimate, base) } : {};
    results.push({ ...info, ...(m.estimate ? { estimate: m.estimate } : {}), ...change, ...(m.problem ? { problem: m.problem } : {}), counters: m.counters, counterDiffs, firstVerdict: first, verdict: first });
    io.progress(`bench ${c.id}: ${m.estimate ? `${m.estimate.ratio.toFixed(3)}x [${m.estimate.low.toFixed(3)}, ${m.estimate.high.toFixed(3)}]` : 'refused'} ${first}${m.recalibrations ? ` (samples re-sized ${m.recalibrations}x)` : ''} (${((performance.now() - t0) / 1e3).toFixed(1)} s)`);
  }
  // 2. The gate confirms every case that looked slower by one re-run: slower only if both runs say so.
  if (options.gate === true && !smoke) {
    const flagged = results.filter((r) => r.firstVerdict === 'slower');
    if (flagged.length > 0) io.progress(`bench: ${flagged.map((r) => r.id).join(', ')} over --max-regression ${Math.round(maxRegression * 100)}%: confirmation re-run${options.rerun ? ' in a fresh process' : ''}`);
    const again =
      flagged.length === 0 ? new Map<string, Measured>()
      : options.rerun ? await options.rerun(flagged.map((r) => r.id))
      : new Map(await Promise.all(flagged.map(async (r) => [r.id, await measure(options.cases.find((x) => x.id === r.id)!, built.get(r.id)!, options, rounds)] as const)));
    for (let i = 0; i < results.length; i++) {
      const r = results[i]!;
      if (r.firstVerdict !== 'slower') continue;
      const m = again.get(r.id);
      const rerun: Verdict = m?.estimate === undefined ? 'refused' : ratioVerdict(m.estimate, r.baseline?.ratio, maxRegression);
      results[i] = { ...r, rerunVerdict: rerun, ...(m?.estimate ? { rerunEstimate: m.estimate } : {}), verdict: confirmVerdict('slower', rerun) };
    }
  }
  for (const twins of built.values()) await twins.close?.();
  // 3. Report.
  const targets = smoke ? [] : checkTargets((id) => { const r = results.find((x) => x.id === id); return r?.estimate !== undefined ? { estimate: r.estimate, counters: r.counters } : undefined; });
  const clock = options.clock ?? DEFAULT_CLOCK;
  io.out(`trace-harness bench: ${results.length} case(s), ${rounds} interleaved rounds each${smoke ? ' (smoke: counters checked, ratios not judged)' : ''}; clock ${clock === 'cpu' ? `CPU time (${cpuClockName()})` : 'wall'} unless a case needs the wall clock${options.clock === undefined ? ' or its baseline entry was measured with it' : ''}; node ${process.version}, ${cpus().length} CPUs`);
  io.out('');
  io.out(formatReport(results, maxRegression));
  if (targets.length > 0) io.out('\n' + formatTargets(targets));
  const failing = results.filter((r) => FAILING_VERDICTS.includes(r.verdict));
  const exitCode = options.gate === true || smoke ? gateExitCode(results.map((r) => r.verdict)) : 0;
  io.out('');
  io.out(failing.length === 0 ? 'bench: no case failed' : `bench: ${failing.length} case(s) failed: ${failing.map((r) => `${r.id} (${r.verdict})`).join(', ')}`);
  const cases: Record<string, BaselineCase> = {};
  for (const r of results) {
    if (r.estimate === undefined) continue;
    const e = r.estimate;
    const c = options.cases.find((x) => x.id === r.id)!;
    cases[r.id] = { ratio: e.ratio, low: e.low, high: e.high, tracedNsPerOp: e.tracedNsPerOp, plainNsPerOp: e.plainNsPerOp, clock: clockOf(c, options), counters: r.counters };
  }
  const json = { version: 1, machine: machine(), rounds, maxRegression, clock, smoke, slowdown: options.slowdown ?? 0, exitCode, cases: results, targets };
  return { results, exitCode, json, baselineCases: cases };
}
