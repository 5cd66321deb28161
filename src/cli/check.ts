import kleur from 'kleur';
import { GoldenInputError, type GoldenResult, type TaskDumpOptions, runGoldens, runRegressions } from '../../harness/goldens/golden.ts';
import type { TracerFactory } from '../../harness/targets/js/check-program.ts';
import { runProperty } from '../../harness/properties/property.ts';
import { runRecoveryProperty } from '../../harness/properties/recovery-property.ts';
import { runRecordingProperty } from '../../harness/properties/recording-property.ts';
import { runStreamsProperty } from '../../harness/properties/streams-property.ts';
import { runRetentionProperty } from '../../harness/properties/retention-property.ts';
import { renderProgram } from '../../harness/targets/js/compile.ts';
import { probeTracer } from '../../harness/targets/js/probe-tracer.ts';
import { OPTIONAL_METHODS, type OptionalMethod } from '../../harness/targets/js/tracer-methods.ts';
import { MAX_REPORTED } from '../assert/report.ts';
import { Tracer } from '../recorder/tracer.ts';
import { readGoldenDir, writeNewGolden } from './golden-files.ts';
import { formatProgramFailure, formatVerdictProgram, textDiff } from './report.ts';
import { formatReasons, NOT_RUN_UNDER_TRACER, type PartVerdict, printSummary, printTracerVerdict, type Skipped, skipsOf } from './check-skips.ts';
import { UsageError } from './usage-error.ts';
import { join } from 'node:path';
import { runWireVectors } from '../../harness/goldens/wire-vectors.ts';
import { CoverageCounter } from '../../harness/reach/semantic-coverage.ts';
import { NEGATIVE_INPUT_RULES } from '../../harness/reach/validator-rules.ts';
import { DEFAULT_MIN_ROW_HITS, DEFAULT_MIN_RULE_HITS, printCoverage, printRowVerdict, printRuleVerdict, writeCoverageJson } from './check-coverage.ts';
import type { ProgressSink } from './progress.ts';
import { DEFAULT_NEGATIVE_RUNS, negativeProperty, reachesEveryFamily } from './check-negative.ts';
import { passed, recorderPart } from './check-parts.ts';
import { payloadProperty } from './check-payloads.ts';
import { inShard, type Shard } from '../../harness/properties/shard.ts';
import { shardGoldenFiles } from './golden-shard.ts';
import { casesOf, type PartInput, type ReportCollector, reportViolations } from './reporters/collector.ts';
import { counterexampleOf } from './reporters/counterexample.ts';
import type { WireThread } from './wire-thread.ts';
import { wireArgs, wireProperty } from './check-wire.ts';
import { deferredIo } from './deferred-io.ts';

/** Options of {@link runCheck}, as the `check` command parses them. */
export interface CheckOptions {
  /** Random programs, >= 1. @defaultValue 500 */
  readonly runs: number;
  readonly seed?: number;
  readonly path?: string;
  /** The golden directory. */
  readonly goldenDir: string;
  /** Write `.new` files for goldens that differ or are missing. */
  readonly update: boolean;
  /** Skip the property suites (goldens only). */
  readonly skipProperty?: boolean;
  /** Run only this property suite (a replay); the wire property is skipped too. */
  readonly suite?: 'generators' | 'coroutines';
  /** Random programs of the coroutine suite, >= 1. @defaultValue `runs` */
  readonly asyncRuns?: number;
  /** Random programs for the retention property, >= 1. @defaultValue 300 */
  readonly retentionRuns?: number;
  /** Random cases for the recovery property, >= 1. @defaultValue 200 */
  readonly recoveryRuns?: number;
  /** Random cases for the recording property (issue 13 part 6), >= 1. @defaultValue 100 */
  readonly recordingRuns?: number;
  /** Random cases for the multi-stream property, >= 1. @defaultValue 200 */
  readonly streamsRuns?: number;
  /** Random cases for the payload property, >= 1. @defaultValue 200 */
  readonly payloadRuns?: number;
  /** Generated inputs for the negative-input property, >= 1. @defaultValue {@link DEFAULT_NEGATIVE_RUNS} */
  readonly negativeRuns?: number;
  /** Random traces for the wire property, >= 1. @defaultValue 1000 */
  readonly wireRuns?: number;
  /** fast-check replay path of a wire counterexample. */
  readonly wirePath?: string;
  /** The tracer under test; defaults to this package's {@link Tracer}. */
  readonly createTracer?: TracerFactory;
  /** Text naming the tracer in the replay command, e.g. `--tracer ./my-tracer.js`. */
  readonly tracerFlag?: string;
  /** Exit 1 when anything the tracer under test lacks a method for was skipped (`--require-all`). */
  readonly requireAll?: boolean;
  /** Print the full semantic-coverage table (`--coverage`), not the compact one. @defaultValue false */
  readonly coverage?: boolean;
  /** Write the semantic coverage as JSON to this file (`--coverage-json`). */
  readonly coverageJson?: string;
  /**
   * Exit 1 when a row of the event-semantics table was hit by fewer judged programs (`--min-row-hits`).
   * @defaultValue {@link DEFAULT_MIN_ROW_HITS}, enforced only after a full default run (both suites, >= 500
   *   programs each, both passed); a value given is always enforced
   */
  readonly minRowHits?: number;
  /** Run only this shard of every property and of the corpus (`--shard`; see `shardGoldenFiles`, `ShardFilter`). */
  readonly shard?: Shard;
  /**
   * Threads the property parts run on (`--jobs`): with 2 or more the wire property runs on a worker thread
   * (`wire-thread.ts`, the build's `wire-worker.js`; from the TypeScript sources it stays on the main thread)
   * beside the other parts, its output printed in its place; more are not used yet. The cases and verdicts
   * are the same either way.
   * @defaultValue 1
   */
  readonly jobs?: number;
}

/** Where the command writes, and its environment (for `CI`). */
export interface CheckIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Progress of each part (a live line on a terminal, a heartbeat in a log); see {@link Progress}. */
  readonly progress?: ProgressSink;
  /** Receives each part as it finishes, for the json, junit and github reporters. */
  readonly report?: CheckReportSink;
}

/** What `check` hands the report collector: each part, the skips, the semantic coverage. */
export type CheckReportSink = Pick<ReportCollector, 'part' | 'coverage' | 'skipped'>;

/**
 * `trace-harness check`: the committed regression programs (replayed first, DESIGN §6), the property
 * suite (random programs under the tracer vs the model), then the golden corpus, and a summary of what
 * ran and what was skipped and why. A tracer under test (`createTracer`) is probed first (a broken one
 * gets one named verdict; see `probeTracer`); what needs a method it lacks is skipped, not failed; the
 * parts that check this package's recorder and codecs (wire, retention, recovery, recording, streams, payloads, negative) do not run.
 * @returns the exit code (a promise): 0 all passed, 1 a property or golden failed (or, with `requireAll`,
 *   something was skipped), 2 the tracer under test cannot be used
 * @throws {@link UsageError} for a bad option, `--update` under CI or with a tracer under test, or an
 *   unreadable golden (exit 2)
 */
export async function runCheck(options: CheckOptions, io: CheckIo): Promise<number> {
  if (options.update && isCi(io.env)) throw new UsageError('--update refuses to write golden files when CI is set');
  if (options.update && options.createTracer !== undefined) {
    throw new UsageError(`--update writes goldens from this package's tracer, never from a tracer under test: run check --update without ${options.tracerFlag ?? '--tracer'}`);
  }
  const createTracer = options.createTracer ?? (() => new Tracer());
  const files = shardGoldenFiles(readGoldenDir(options.goldenDir), options.shard); // read first: an unreadable corpus is exit 2 before any work
  const suites = options.skipProperty === true ? [] : SUITES.filter((s) => options.suite === undefined || options.suite === s.name);
  let has: ReadonlySet<OptionalMethod> = new Set(OPTIONAL_METHODS);
  if (options.createTracer !== undefined) {
    const probe = probeTracer(createTracer);
    const planned = [...(files.regressions.size > 0 ? ['regressions'] : []), ...suites.map((s) => s.name), 'goldens'];
    if (!probe.ok) return printTracerVerdict(probe.verdict, options.tracerFlag ?? '--tracer', planned, io);
    has = probe.methods;
  }
  const runsWire = options.skipProperty !== true && options.suite === undefined && options.createTracer === undefined;
  const seed = options.seed ?? (Math.random() * 0x7fffffff) | 0;
  const threads = runsWire && (options.jobs ?? 1) >= 2 ? await import('./wire-thread.ts') : undefined;
  const thread = threads?.WIRE_THREADS === true ? threads.startWireThread(wireArgs(options, seed)) : undefined;
  try {
    return await runParts(options, io, createTracer, files, suites, has, seed, thread);
  } finally {
    thread?.terminate();
  }
}

/** {@link runCheck}'s parts in order, the wire property's outcome taken from `thread` when it runs on one. */
async function runParts(options: CheckOptions, io: CheckIo, createTracer: TracerFactory, files: ReturnType<typeof shardGoldenFiles>, suites: readonly (typeof SUITES)[number][], has: ReadonlySet<OptionalMethod>, wireSeed: number, thread: WireThread | undefined): Promise<number> {
  const ran: PartVerdict[] = [];
  const skipped: Skipped = [];
  const coverage = new CoverageCounter();
  coverage.declareRules(NEGATIVE_INPUT_RULES);

  if (files.regressions.size > 0) io.progress?.start('regressions', files.regressions.size, 'programs');
  let started = performance.now();
  const regressions = corpus(() => runRegressions(files, createTracer));
  const regressionsMs = performance.now() - started;
  if (regressions.length > 0) {
    const passed = regressions.filter((r) => r.ok && r.skipped !== true).length;
    const skips = skipsOf('regressions', regressions);
    skipped.push(...skips);
    io.out(`${kleur.bold('regressions')} ${passed}/${regressions.length} committed counterexamples passed (replayed first)${skips.length > 0 ? `; ${skips.reduce((a, s) => a + s.count!, 0)} skipped (${formatReasons(skips)})` : ''}`);
    for (const r of regressions.filter((x) => !x.ok)) {
      io.out(`  ${kleur.red('FAIL')}  ${r.file}: ${r.problem}`);
      io.out(r.check!.verdict !== undefined ? formatVerdictProgram(r.check!) : formatProgramFailure(r.check!));
    }
    ran.push({ name: 'regressions', ok: regressions.every((r) => r.ok) });
    io.report?.part({ name: 'regressions', kind: 'corpus', ok: regressions.every((r) => r.ok), elapsedMs: regressionsMs, cases: casesOf(regressions, options.goldenDir, (r) => (r.check!.verdict !== undefined ? formatVerdictProgram(r.check!) : formatProgramFailure(r.check!))) });
    io.out('');
  }

  for (const suite of suites) {
    const failed = await propertySuite(suite, options, createTracer, has, skipped, io, coverage);
    if (failed !== undefined) ran.push({ name: suite.name, ok: !failed });
  }

  if (options.skipProperty !== true && options.suite === undefined) {
    if (options.createTracer !== undefined) io.out(`${NOT_RUN_UNDER_TRACER}\n`);
    else {
      // With the wire property on a worker thread, the parts after it run meanwhile, their output held back
      // and written after the wire part's: the same text and report as on one thread.
      const later = thread !== undefined ? deferredIo(io) : undefined;
      const wire = thread === undefined ? await wireProperty(wireArgs(options, wireSeed), io, undefined) : undefined;
      const laterIo = later?.io ?? io;
      let verdicts: PartVerdict[];
      try {
        verdicts = [
          { name: 'retention', ok: !retentionProperty(options, laterIo) },
          { name: 'recovery', ok: !recoveryProperty(options, laterIo) },
          { name: 'recording', ok: !recordingProperty(options, laterIo) },
          { name: 'streams', ok: !streamsProperty(options, laterIo) },
          { name: 'payloads', ok: !payloadProperty(options, laterIo) },
          { name: 'negative', ok: !negativeProperty(options, laterIo, coverage) },
        ];
      } catch (error) {
        later?.flush(); // a bug in a later part: what was written before it is not lost
        throw error;
      }
      ran.push({ name: 'wire', ok: !(wire ?? (await wireProperty(wireArgs(options, wireSeed), io, thread))) });
      later?.flush();
      ran.push(...verdicts);
    }
  }

  // This package's tracer can take the options a golden asks for (task dumps); a tracer under test cannot.
  const withOptions = options.createTracer === undefined ? (o: TaskDumpOptions) => () => new Tracer(o) : undefined;
  io.progress?.start('goldens', files.programs.size + files.negatives.size, 'files');
  started = performance.now();
  const goldens = await corpusAsync(() => runGoldens(files, createTracer, withOptions));
  const goldensMs = performance.now() - started;
  skipped.push(...skipsOf('goldens', goldens));
  const goldensOk = !reportGoldens(goldens, options, io);
  ran.push({ name: 'goldens', ok: goldensOk });
  io.report?.part({ name: 'goldens', kind: 'corpus', ok: goldensOk, elapsedMs: goldensMs, cases: casesOf(goldens, options.goldenDir, goldenDetails, files.programs) });
  if (options.createTracer === undefined) {
    // Known-answer vectors are corpus files too: a shard runs its share of them (by sorted name).
    started = performance.now();
    const vectors = runWireVectors(join(options.goldenDir, 'wire')).filter((_, i) => options.shard === undefined || inShard(i, options.shard));
    if (vectors.length > 0) {
      io.out(`${kleur.bold('wire vectors')} ${vectors.filter((v) => v.ok).length}/${vectors.length} known-answer files decoded as written by hand (${join(options.goldenDir, 'wire')})`);
      for (const v of vectors.filter((x) => !x.ok)) io.out(`  ${kleur.red('FAIL')}  ${v.file}: ${v.problem!.split('\n').join('\n        ')}`);
      const vectorsOk = vectors.every((v) => v.ok);
      ran.push({ name: 'wire vectors', ok: vectorsOk });
      const cases = vectors.map((v) => ({ file: v.file, path: join(options.goldenDir, v.file), kind: 'positive' as const, ok: v.ok, skipped: false, ...(v.problem !== undefined ? { message: v.problem } : {}) }));
      io.report?.part({ name: 'wire vectors', kind: 'corpus', ok: vectorsOk, elapsedMs: performance.now() - started, cases });
    }
  }
  for (const g of goldens) if (g.kind === 'negative' && g.ok) coverage.addRejection((g.violations ?? []).map((v) => v.rule));
  io.out('');
  const rowsOk = reportCoverage(coverage, options, suites, ran, io);
  if (rowsOk !== undefined) ran.push({ name: 'coverage', ok: rowsOk });
  return printSummary(ran, skipped, options.requireAll === true, io);
}

/**
 * Prints the semantic coverage and, when a minimum applies (given, or the default after a full default
 * run), its verdict; undefined when no minimum applies.
 */
function reportCoverage(counter: CoverageCounter, options: CheckOptions, suites: readonly (typeof SUITES)[number][], ran: readonly PartVerdict[], io: CheckIo): boolean | undefined {
  const coverage = counter.snapshot();
  io.report?.coverage(coverage);
  if (coverage.programs === 0 && options.minRowHits === undefined) return undefined;
  printCoverage(coverage, options.coverage === true, io);
  if (options.coverageJson !== undefined) writeCoverageJson(options.coverageJson, coverage, options.minRowHits);
  const full = suites.length === SUITES.length && options.runs >= 500 && (options.asyncRuns ?? options.runs) >= 500 && options.path === undefined && options.shard === undefined;
  const suitesPassed = SUITES.every((s) => ran.some((p) => p.name === s.name && p.ok));
  const min = options.minRowHits ?? (full && suitesPassed ? DEFAULT_MIN_ROW_HITS : undefined);
  const failed = min !== undefined && printRowVerdict(coverage, min, io);
  // Every validator rule rejected at least once, after a full run whose negative part reached every family and passed.
  const rules = full && reachesEveryFamily(options) && ran.some((p) => p.name === 'negative' && p.ok);
  const rulesFailed = rules && printRuleVerdict(coverage, DEFAULT_MIN_RULE_HITS, io);
  io.out('');
  return min === undefined && !rules ? undefined : !(failed || rulesFailed);
}

/** The property suites: programs of sync and generator functions, and programs whose entry is async. */
const SUITES = [
  { name: 'generators', title: 'generators', arbitrary: { async: false } },
  { name: 'coroutines', title: 'coroutines', arbitrary: { entry: 'async' } },
] as const;

/**
 * Runs one property suite and reports it, adding to `skipped` what the tracer's missing methods
 * (`has`) leave out; true when it failed, undefined when it did not run.
 */
async function propertySuite(
  suite: (typeof SUITES)[number],
  options: CheckOptions,
  createTracer: TracerFactory,
  has: ReadonlySet<OptionalMethod>,
  skipped: Skipped,
  io: CheckIo,
  coverage: CoverageCounter,
): Promise<boolean | undefined> {
  const runs = suite.name === 'coroutines' ? (options.asyncRuns ?? options.runs) : options.runs;
  const label = kleur.bold(suite.title.padEnd(12));
  const canEvent = has.has('event');
  if (suite.name === 'coroutines' && !has.has('enterAsync')) {
    io.out(`${label}skipped: the tracer under test has no enterAsync(name), so it cannot record async functions\n`);
    skipped.push({ part: 'coroutines suite', reason: 'no enterAsync' });
    return undefined;
  }
  if (!canEvent && !skipped.some((s) => s.part === USER_EVENTS)) skipped.push({ part: USER_EVENTS, reason: 'no event' });
  io.out(`${label}${runs} random programs, seed ${options.seed ?? '(random)'}${options.path ? `, path ${options.path}` : ''}${shardText(options.shard)}${canEvent ? '' : ' (no user events: the tracer under test has no event(type, payload))'}`);
  io.progress?.start(suite.name, runs, 'programs');
  {
    const report = await runProperty({
      runs,
      ...(options.seed !== undefined ? { seed: options.seed } : {}),
      ...(options.path !== undefined ? { path: options.path } : {}),
      createTracer,
      coverage,
      arbitrary: { ...suite.arbitrary, events: canEvent },
      onProgress: (n) => io.progress?.tick(n),
      ...(options.shard !== undefined ? { shard: options.shard } : {}),
    });
    let failed = false;
    let replay: string[] = [];
    const rate = `${Math.round(report.programsPerSecond)} programs/s`;
    const raced = report.skipped > 0 ? `, ${report.skipped} skipped (over the model's event budget, or a race the schedule decides)` : '';
    if (report.failure === undefined && report.error === undefined) {
      io.out(`  ${kleur.green('ok')}    ${report.runs} programs passed in ${(report.elapsedMs / 1000).toFixed(2)} s (${rate}), seed ${report.seed}${raced}`);
    } else {
      failed = true;
      replay = [
        'npx trace-harness check',
        `--suite ${suite.name}`,
        `--seed ${report.seed}`,
        report.failure ? `--path ${report.failure.path}` : '',
        suite.name === 'coroutines' ? `--async-runs ${runs}` : `--runs ${runs}`,
        options.tracerFlag ?? '',
      ].filter((s) => s !== '');
      if (report.failure?.check.verdict !== undefined) {
        io.out(`  ${kleur.red('FAIL')}  ${report.failure.check.verdict.line}`);
        io.out(formatVerdictProgram(report.failure.check));
      } else if (report.failure) {
        io.out(`  ${kleur.red('FAIL')}  after ${report.runs} programs (seed ${report.seed}, ${report.failure.shrinks} shrinks, ${rate})`);
        io.out('');
        io.out(formatProgramFailure(report.failure.check));
      } else {
        const e = report.error as Error;
        io.out(`  ${kleur.red('FAIL')}  the property run raised ${e?.name ?? 'an error'}: ${e?.message ?? String(e)}`);
      }
      io.out('');
      io.out(`${kleur.bold('replay:')} ${replay.join(' ')}`);
    }
    io.out('');
    const failure = report.failure?.check;
    const violations = reportViolations(failure?.violations);
    io.report?.part({
      name: suite.name,
      kind: 'property',
      ok: !failed,
      seed: report.seed,
      runs: report.runs,
      elapsedMs: report.elapsedMs,
      ...(failed ? { replay: replay.join(' '), message: failure?.verdict?.line ?? (failure !== undefined ? `${failure.violations.length} violation(s) after ${report.runs} programs` : `the property run raised ${String(report.error)}`) } : {}),
      ...(violations !== undefined && violations.length > 0 ? { violations } : {}),
      ...(failure !== undefined && failure.verdict === undefined ? { counterexample: counterexampleOf(failure) } : {}),
    });
    return failed;
  }
}

/** `, shard 2/3 (programs 2, 5, 8, ... of the seed)` in a suite's header; empty for a whole run. */
function shardText(shard: Shard | undefined): string {
  return shard === undefined ? '' : `, shard ${shard.index}/${shard.count} (runs ${shard.index}, ${shard.index + shard.count}, ${shard.index + 2 * shard.count}, ... of the seed)`;
}

/** What the random programs leave out for a tracer without `event`. */
const USER_EVENTS = 'user events in random programs';

/** Plain text for a failed golden: the diff of stored vs produced trace, then the violations. */
function goldenDetails(r: GoldenResult): string | undefined {
  const lines: string[] = [];
  if (r.stored !== undefined && r.produced !== undefined) lines.push(textDiff(`${r.file} (golden)`, `${r.file} (produced)`, r.stored, r.produced));
  for (const v of (r.violations ?? []).slice(0, MAX_REPORTED)) lines.push(`${v.rule} ${v.eventIndex < 0 ? 'at end of trace' : `at event ${v.eventIndex}`}: ${v.message}`);
  if (r.check !== undefined) lines.push(r.check.verdict !== undefined ? formatVerdictProgram(r.check) : formatProgramFailure(r.check));
  return lines.length > 0 ? lines.join('\n') : undefined;
}

/** The retention property (flight-recorder snapshots of random programs); true when it failed. */
function retentionProperty(options: CheckOptions, io: CheckIo): boolean {
  const runs = options.retentionRuns ?? 300;
  const seed = options.seed ?? (Math.random() * 0x7fffffff) | 0;
  io.out(`${kleur.bold('retention')} ${runs} random programs under flight recorders of 1..64 events: last events kept, drops declared and counted, snapshots validate, and verify alike after conversion between any two formats`);
  io.progress?.start('retention', runs, 'programs');
  const r = runRetentionProperty(runs, seed, undefined, undefined, (n) => io.progress?.tick(n), options.shard);
  if (r.failure === undefined) return passed(io, 'retention', 'programs', r);
  io.out(`  ${kleur.red('FAIL')}  seed ${r.seed}, retain ${r.failure.retain}: ${r.failure.problems.join('; ')}`);
  io.out(renderProgram(r.failure.program).trimEnd().split('\n').map((l) => `    ${l}`).join('\n'));
  io.out(`${kleur.bold('replay:')} npx trace-harness check --seed ${r.seed} (retention path ${r.failure.path})\n`);
  io.report?.part(recorderPart('retention', r, `npx trace-harness check --seed ${r.seed} (retention path ${r.failure.path})`));
  return true;
}

/** The recovery property (random recordings crashed at every chunk boundary and random bytes); true when it failed. */
function recoveryProperty(options: CheckOptions, io: CheckIo): boolean {
  const runs = options.recoveryRuns ?? 200;
  const seed = options.seed ?? (Math.random() * 0x7fffffff) | 0;
  io.out(`${kleur.bold('recovery')}  ${runs} random recordings with checkpoints, crashed at every chunk boundary and random bytes, resumed: nothing durable lost, seq never reused, recovery from the last committed checkpoint, open activations abandoned`);
  io.progress?.start('recovery', runs, 'recordings');
  const r = runRecoveryProperty(runs, seed, undefined, undefined, (n) => io.progress?.tick(n), options.shard);
  if (r.failure === undefined) return passed(io, 'recovery', 'recordings', r);
  const c = r.failure.case;
  io.out(`  ${kleur.red('FAIL')}  seed ${r.seed}, chunkBytes ${c.chunkBytes}: ${r.failure.problems.slice(0, 5).join('; ')}`);
  for (const [i, step] of c.steps.entries()) {
    io.out(`  step ${i + 1}, then ${step.after}:`);
    io.out(renderProgram(step.program).trimEnd().split('\n').map((l) => `    ${l}`).join('\n'));
  }
  io.out(`${kleur.bold('replay:')} npx trace-harness check --seed ${r.seed} (recovery path ${r.failure.path})\n`);
  io.report?.part(recorderPart('recovery', r, `npx trace-harness check --seed ${r.seed} (recovery path ${r.failure.path})`));
  return true;
}

/** The recording property (random recordings through the wire path, every ending, vs a twin and the model); true when it failed. */
function recordingProperty(options: CheckOptions, io: CheckIo): boolean {
  const runs = options.recordingRuns ?? 100;
  const seed = options.seed ?? (Math.random() * 0x7fffffff) | 0;
  io.out(`${kleur.bold('recording')} ${runs} random recordings through the wire path, closed, flushed, crashed at a random byte or kept by a flight recorder: events, seq and timestamps as an in-memory twin recorded them, each program as the model says, every chunk's checkpoint counters and open set (FORMAT.md §4.1) as computed from the twin`);
  io.progress?.start('recording', runs, 'recordings');
  const r = runRecordingProperty(runs, seed, undefined, undefined, (n) => io.progress?.tick(n), options.shard);
  if (r.failure === undefined) return passed(io, 'recording', 'recordings', r);
  const replay = `npx trace-harness check --seed ${r.seed} (recording path ${r.failure.path})`;
  const c = r.failure.case;
  const clock = c.clockStepNs > 0 ? `a clock of ${c.clockStepNs} ns a read` : 'no clock';
  const ending = c.ending === 'crash' ? `crash (cut ${c.cut})` : c.ending === 'retain' ? `retain (${c.retain} events)` : c.ending;
  io.out(`  ${kleur.red('FAIL')}  seed ${r.seed}, chunkBytes ${c.chunkBytes}, flushEveryEvents ${c.flushEveryEvents}, ${clock}, ending ${ending}: ${r.failure.problems.slice(0, 5).join('; ')}`);
  for (const [i, step] of c.steps.entries()) {
    io.out(`  step ${i + 1}, then ${step.after}:`);
    io.out(renderProgram(step.program).trimEnd().split('\n').map((l) => `    ${l}`).join('\n'));
  }
  io.out(`${kleur.bold('replay:')} ${replay}\n`);
  io.report?.part(recorderPart('recording', r, replay));
  return true;
}

/** The multi-stream property (workers with restarts, merged by time and by seq); true when it failed. */
function streamsProperty(options: CheckOptions, io: CheckIo): boolean {
  const runs = options.streamsRuns ?? 200;
  const seed = options.seed ?? (Math.random() * 0x7fffffff) | 0;
  io.out(`${kleur.bold('streams')}   ${runs} random runs over 1..4 streams with restarts: seq per stream from 0 and never reused, merged views keep each stream's order, merged by time in the order things happened`);
  io.progress?.start('streams', runs, 'cases');
  const r = runStreamsProperty(runs, seed, undefined, (n) => io.progress?.tick(n), options.shard);
  if (r.failure === undefined) return passed(io, 'streams', 'cases', r);
  io.out(`  ${kleur.red('FAIL')}  seed ${r.seed}, ${r.failure.case.streams} streams: ${r.failure.problems.slice(0, 5).join('; ')}`);
  for (const [i, run] of r.failure.case.runs.entries()) {
    io.out(`  run ${i + 1} on worker-${run.stream + 1}${run.restart ? ' (restarted)' : ''}:`);
    io.out(renderProgram(run.program).trimEnd().split('\n').map((l) => `    ${l}`).join('\n'));
  }
  io.out(`${kleur.bold('replay:')} npx trace-harness check --seed ${r.seed} (streams path ${r.failure.path})\n`);
  io.report?.part(recorderPart('streams', r, `npx trace-harness check --seed ${r.seed} (streams path ${r.failure.path})`));
  return true;
}

/** {@link corpus} for the async part of the corpus (and the Python corpus of `check --tracer-cmd`). @internal */
export async function corpusAsync(run: () => Promise<GoldenResult[]>): Promise<GoldenResult[]> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof GoldenInputError) throw new UsageError(`unreadable golden ${error.message}`);
    throw error;
  }
}

/** Runs part of the corpus, turning an unreadable golden into a usage error (exit 2). */
function corpus(run: () => GoldenResult[]): GoldenResult[] {
  try {
    return run();
  } catch (error) {
    if (error instanceof GoldenInputError) throw new UsageError(`unreadable golden ${error.message}`);
    throw error;
  }
}

function reportGoldens(results: readonly GoldenResult[], options: CheckOptions, io: CheckIo): boolean {
  const count = (kind: GoldenResult['kind']): string => {
    const of = results.filter((r) => r.kind === kind);
    return `${of.filter((r) => r.ok && r.skipped !== true).length}/${of.length}`;
  };
  const skipped = results.filter((r) => r.skipped === true).length;
  const bad = results.filter((r) => !r.ok);
  io.out(`${kleur.bold('goldens')}   ${count('positive')} traces, ${count('negative')} negative goldens passed (${options.goldenDir})${skipped > 0 ? `; ${skipped} skipped (${formatReasons(skipsOf('goldens', results))})` : ''}`);
  const written: string[] = [];
  for (const r of bad) {
    io.out(`  ${kleur.red('FAIL')}  ${r.file}: ${r.problem}`);
    if (r.stored !== undefined && r.produced !== undefined) io.out(textDiff(`${r.file} (golden)`, `${r.file} (produced)`, r.stored, r.produced));
    if (r.violations !== undefined) {
      for (const v of r.violations.slice(0, MAX_REPORTED)) io.out(`        ${v.rule} ${v.eventIndex < 0 ? 'at end of trace' : `at event ${v.eventIndex}`}: ${v.message}`);
    }
    if (options.update && r.produced !== undefined) written.push(writeNewGolden(options.goldenDir, r.file, r.produced));
  }
  if (written.length > 0) io.out(`  wrote ${written.length} .new file(s); review each and rename it over its golden:\n${written.map((w) => `    ${w}`).join('\n')}`);
  // Only this package's tracer writes goldens (a tracer under test is refused --update).
  else if (options.createTracer === undefined && bad.some((r) => r.produced !== undefined)) io.out(`  to write the produced traces as .new files: npx trace-harness check --update`);
  // Under --update a differing trace has been written out for review; anything else still fails.
  return bad.some((r) => !(options.update && r.produced !== undefined));
}

function isCi(env: Readonly<Record<string, string | undefined>>): boolean {
  const ci = env.CI;
  return ci !== undefined && ci !== '' && ci !== '0' && ci.toLowerCase() !== 'false';
}
