// The trace-harness command (Node adapter: process, fs). Each command lives in its own file.
import { availableParallelism } from 'node:os';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
// The commands that run the harness or the benchmarks are imported when they run: `verify`, `print`,
// `convert`, `recover` and `merge` start without loading them (a fraction of the memory and time).
import type { ADAPTER_LANGUAGES } from './check-adapter.ts';
import type { DEFAULT_MIN_ROW_HITS } from './check-coverage.ts';
import { benchSuitesPresent } from './bench-present.ts';
import { CONVERT_TARGETS, type ConvertTarget, MERGE_TARGETS } from './format-targets.ts';
import { UsageError } from './usage-error.ts';
import { packageVersion } from './version.ts';
import type { TraceHarnessConfig } from '../config/define-config.ts';
import type { ChromeThread } from '../formats/chrome-read.ts';
import { normalizeOutputFileFlags, REPORTERS, selectReporters } from './reporters/select.ts';
import { parseShard, type Shard } from '../../harness/properties/shard.ts';

/** The `--lang` choices: the keys of `ADAPTER_LANGUAGES` (checked by the type), without loading the harness. */
const LANGUAGES = ['python'] as const satisfies readonly (keyof typeof ADAPTER_LANGUAGES)[];

/** `--min-row-hits`'s default as its help shows it: `DEFAULT_MIN_ROW_HITS` (checked by the type), without loading the coverage printer. */
const MIN_ROW_HITS: typeof DEFAULT_MIN_ROW_HITS = 1;

/** Flags of the parts that check this package's own code, refused with --tracer and --tracer-cmd. */
const PACKAGE_ONLY_FLAGS = ['wireRuns', 'wirePath', 'retentionRuns', 'recoveryRuns', 'recordingRuns', 'streamsRuns', 'payloadRuns', 'negativeRuns'];

/** `--negative-runs checks this package's validators`: what the part of an option (camelCase) checks. */
function packageOnly(option: string): string {
  const flag = `--${option.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
  return `${flag} checks this package's ${option === 'negativeRuns' ? 'validators' : 'recorder'}`;
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError(`want a positive integer, got "${value}"`);
  return n;
}

/**
 * `--thread pid:tid` of a Chrome JSON file: each part a number when it is an integer, else the string as
 * written (Chrome files use both; decodeChrome compares them as written).
 */
function chromeThread(value: string): ChromeThread {
  const m = /^([^:]+):([^:]+)$/.exec(value);
  if (m === null) throw new InvalidArgumentError(`want pid:tid (as the file writes them, e.g. 1:2), got "${value}"`);
  const part = (p: string): number | string => (/^-?\d+$/.test(p) && Number.isSafeInteger(Number(p)) ? Number(p) : p);
  return { pid: part(m[1]!), tid: part(m[2]!) };
}

function nonNegativeInt(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n)) throw new InvalidArgumentError(`want a non-negative integer, got "${value}"`);
  return n;
}

function seed(value: string): number {
  const n = Number(value);
  if (!/^-?\d+$/.test(value) || n < -0x80000000 || n > 0x7fffffff) throw new InvalidArgumentError(`want a 32-bit integer, got "${value}"`);
  return n;
}

function fraction(value: string): number {
  const n = Number(value);
  if (!/^\d*\.?\d+$/.test(value) || !(n >= 0 && n <= 10)) throw new InvalidArgumentError(`want a fraction such as 0.1, got "${value}"`);
  return n;
}

function replayPath(value: string): string {
  if (!/^\d+(:\d+)*$/.test(value)) throw new InvalidArgumentError(`want a fast-check path such as 12:0:3, got "${value}"`);
  return value;
}

function shard(value: string): Shard {
  try {
    return parseShard(value);
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/**
 * Runs the CLI with the given arguments (without `node` and the script).
 * @returns the exit code: 0 pass, 1 a check failed, 2 usage or input error
 */
export async function main(argv: readonly string[]): Promise<number> {
  const program = new Command('trace-harness')
    .description('Check that execution tracers write the truth: property-based runs of random programs, goldens, validators.')
    .version(packageVersion(), '-V, --version')
    .exitOverride();
  let code = 0;

  program
    .command('check')
    .description('replay committed regressions, run the property suites (random programs under the tracer vs the model; wire round trips; flight-recorder retention; crash recovery; recordings end to end; multi-stream merges), then the golden corpus')
    .addOption(new Option('--runs <n>', 'random programs to run').argParser(positiveInt).default(500))
    .addOption(new Option('--seed <n>', 'fast-check seed (printed by every run)').argParser(seed))
    .addOption(new Option('--path <path>', 'fast-check replay path of a counterexample (printed on failure)').argParser(replayPath))
    .addOption(new Option('--async-runs <n>', 'random programs of the coroutine suite (default: --runs)').argParser(positiveInt))
    .addOption(new Option('--suite <name>', 'run only this property suite (as a replay line says)').choices(['generators', 'coroutines']))
    .addOption(new Option('--wire-runs <n>', 'random traces for the wire property').argParser(positiveInt).default(1000))
    .addOption(new Option('--wire-path <path>', 'fast-check replay path of a wire counterexample').argParser(replayPath))
    .addOption(new Option('--retention-runs <n>', 'random programs for the flight-recorder retention property').argParser(positiveInt).default(300))
    .addOption(new Option('--recovery-runs <n>', 'random recordings for the crash-recovery property').argParser(positiveInt).default(200))
    .addOption(new Option('--recording-runs <n>', 'random recordings for the recording property (every way a recording ends, checked end to end)').argParser(positiveInt).default(100))
    .addOption(new Option('--streams-runs <n>', 'random multi-stream runs for the streams property').argParser(positiveInt).default(200))
    .addOption(new Option('--payload-runs <n>', 'random cases for the payload property (values of every shape against the model of the payload pipeline)').argParser(positiveInt).default(200))
    .addOption(new Option('--negative-runs <n>', 'generated inputs for the negative-input property (validators must reject each broken rule exactly; default: 3 per family)').argParser(positiveInt))
    .addOption(new Option('--jobs <n>', 'threads the property parts run on: 2 or more runs the wire property on a worker thread beside the other parts (same cases, same output); 1 runs every part on the main thread').argParser(positiveInt).default(Math.min(2, availableParallelism()), 'min(2, cores)'))
    .option('--golden <dir>', 'golden directory (default: the package\'s golden/)')
    .option('--update', 'write .new files beside goldens that differ or are missing (refused when CI is set)', false)
    .option('--goldens-only', 'skip the property suites', false)
    .option('--tracer <module>', 'check your own tracer: a module exporting createTracer() (an event tracer with snapshot(), or a span tracer with spans(): README "The --tracer contract")')
    .option('--coverage', 'print the full semantic-coverage table (rows of the event-semantics table, statement kinds, validator rules)', false)
    .option('--coverage-json <file>', 'write the semantic coverage as JSON to this file')
    .addOption(new Option('--min-row-hits <n>', `exit 1 when a row of the event-semantics table is hit by fewer judged programs (default ${MIN_ROW_HITS}, after a full default run)`).argParser(nonNegativeInt))
    .option('--require-all', 'exit 1 when anything was skipped because the --tracer module lacks a method (enterAsync, event); goldens that need this package\'s tracer options do not count', false)
    .option('--tracer-cmd <command>', 'check a tracer in another process: the command that starts its protocol adapter (see PROTOCOL.md; needs --lang)')
    .addOption(new Option('--lang <language>', 'the language of the --tracer-cmd adapter').choices([...LANGUAGES]))
    .addOption(new Option('--timeout <ms>', 'per-request timeout of the --tracer-cmd adapter, in ms').argParser(positiveInt).default(5000))
    .addOption(new Option('--differential-runs <n>', 'random programs run under the JS recorder and the --tracer-cmd adapter').argParser(positiveInt).default(200))
    .addOption(new Option('--shard <index/count>', 'run only this shard of every property suite and of the corpus, e.g. 2/3 (needs --seed, the same in every shard)').argParser(shard))
    .option('--config <file>', 'the config file (default: trace-harness.config.ts, .mjs or .js in the working directory, if any); flags override it')
    .option('--reporter <name>', `a reporter: ${REPORTERS.join(', ')}; repeat to combine (default: pretty, plus github when GITHUB_ACTIONS=true)`, collect, [])
    .option('--output-file <[reporter=]file>', 'write the json, junit or html report to a file: FILE when one of them is chosen, else junit=FILE, json=FILE, html=FILE (repeatable; vitest\'s --output-file.junit=FILE works too; html defaults to trace-harness-report.html)', collect, [])
    .action(async (opts: { config?: string; shard?: Shard; reporter: string[]; outputFile: string[]; tracerCmd?: string; lang?: keyof typeof ADAPTER_LANGUAGES; timeout: number; differentialRuns: number; runs: number; asyncRuns?: number; suite?: 'generators' | 'coroutines'; wireRuns: number; wirePath?: string; retentionRuns: number; recoveryRuns: number; recordingRuns: number; streamsRuns: number; payloadRuns: number; negativeRuns?: number; jobs: number; seed?: number; path?: string; golden?: string; update: boolean; goldensOnly: boolean; tracer?: string; requireAll: boolean; coverage: boolean; coverageJson?: string; minRowHits?: number; policies?: TraceHarnessConfig['policies'] }, check: Command) => {
      const { applyConfig, findConfig, loadConfig } = await import('./config-file.ts');
      const { ReportCollector } = await import('./reporters/collector.ts');
      const { checkOutput } = await import('./check-output.ts');
      const configFile = opts.config ?? findConfig(process.cwd());
      if (configFile !== undefined) applyConfig(opts as unknown as Record<string, unknown>, (await loadConfig(configFile)).config, (key) => check.getOptionValueSource(key) === 'cli');
      if (opts.shard !== undefined) {
        if (opts.tracerCmd !== undefined) throw new UsageError('--shard is not supported with --tracer-cmd yet: run the adapter check unsharded');
        if (opts.path !== undefined || opts.wirePath !== undefined) throw new UsageError('--shard and --path exclude each other: a replay runs one counterexample, unsharded');
        if (opts.update) throw new UsageError('--shard and --update exclude each other: write goldens from a whole run');
        if (opts.seed === undefined && !opts.goldensOnly) throw new UsageError('--shard needs --seed, the same in every shard, so that the shards split one run (e.g. --seed $GITHUB_RUN_ID)');
      }
      const targets = selectReporters(opts.reporter, opts.outputFile, process.env);
      // The json, junit, html and github renderers (xmlbuilder2 among them) load only when one is chosen.
      const writeReports = targets.some((t) => t.name !== 'pretty') ? (await import('./reporters/write.ts')).writeReports : (): string[] => [];
      const pretty = targets.some((t) => t.name === 'pretty');
      const collector = new ReportCollector();
      const streams = { stdout: (t: string) => void process.stdout.write(t), stderr: (t: string) => void process.stderr.write(t), stderrIsTTY: process.stderr.isTTY === true };
      const { io, progress } = checkOutput(streams, { pretty, collector, env: process.env });
      /** Clears the progress line and writes the json, junit and github reports of the run. */
      const finish = (tracer: string): void => {
        progress.clear();
        const report = collector.finish({ version: packageVersion(), argv, tracer, exitCode: code, ...(opts.shard !== undefined ? { shard: opts.shard } : {}) });
        const written = writeReports(targets, report, (t) => process.stdout.write(t), process.cwd());
        // A page is for opening: say where it is (json and junit files are for CI, which knows).
        for (const t of targets) if (t.name === 'html' && t.file !== undefined && written.includes(t.file)) process.stderr.write(`trace-harness: html report: ${t.file}\n`);
      };
      const given = (name: string): boolean => check.getOptionValueSource(name) === 'cli';
      if (opts.tracerCmd === undefined && (given('timeout') || given('differentialRuns'))) throw new UsageError('--timeout and --differential-runs go with --tracer-cmd <command>');
      if (opts.tracerCmd !== undefined || opts.lang !== undefined) {
        if (opts.tracer !== undefined) throw new UsageError('--tracer and --tracer-cmd exclude each other: one tracer at a time');
        if (opts.tracerCmd === undefined) throw new UsageError('--lang goes with --tracer-cmd <command>');
        if (opts.lang === undefined) throw new UsageError(`--tracer-cmd needs --lang (one of: ${LANGUAGES.join(', ')})`);
        if (opts.update) throw new UsageError('--update writes goldens of this package\'s tracer; the Python goldens are written by hand (golden/python)');
        if (opts.requireAll) throw new UsageError('--require-all goes with --tracer <module>; a --tracer-cmd adapter\'s skips are listed in its summary');
        const jsOnly = PACKAGE_ONLY_FLAGS.filter(given);
        if (jsOnly.length > 0) throw new UsageError(`${packageOnly(jsOnly[0]!)}, not a --tracer-cmd adapter`);
        const { splitCommandLine } = await import('../../harness/targets/process/command-line.ts');
        try {
          splitCommandLine(opts.tracerCmd);
        } catch (error) {
          if (error instanceof TypeError) throw new UsageError(`--tracer-cmd: ${error.message.replace(/^splitCommandLine: /, '')}`);
          throw error;
        }
        const { runAdapterCheck } = await import('./check-adapter.ts');
        const { packageGoldenDir } = await import('./golden-files.ts');
        code = await runAdapterCheck(
          {
            command: opts.tracerCmd,
            language: opts.lang,
            timeoutMs: opts.timeout,
            runs: opts.runs,
            ...(opts.asyncRuns !== undefined ? { asyncRuns: opts.asyncRuns } : {}),
            differentialRuns: opts.differentialRuns,
            ...(opts.seed !== undefined ? { seed: opts.seed } : {}),
            ...(opts.path !== undefined ? { path: opts.path } : {}),
            ...(opts.suite !== undefined ? { suite: opts.suite } : {}),
            goldenDir: opts.golden ?? packageGoldenDir(),
            skipProperty: opts.goldensOnly,
            harnessVersion: packageVersion(),
          },
          io,
        );
        finish(`--tracer-cmd ${opts.tracerCmd} --lang ${opts.lang}`);
        return;
      }
      if (opts.tracer !== undefined) {
        const notTracer = PACKAGE_ONLY_FLAGS.filter(given);
        if (notTracer.length > 0) throw new UsageError(`${packageOnly(notTracer[0]!)}, not a --tracer module (those parts do not run under --tracer)`);
      }
      const { loadSpanTracer, runSpanCheck } = await import('./check-spans.ts');
      const loaded = opts.tracer !== undefined ? await loadSpanTracer(opts.tracer) : undefined;
      if (opts.policies !== undefined && loaded === undefined) throw new UsageError(`config policies apply to a span tracer (trace() and spans()); ${opts.tracer === undefined ? 'no tracer is given' : `--tracer ${opts.tracer} has no spans()`}`);
      const spans = loaded !== undefined && opts.policies !== undefined ? { ...loaded, policies: { ...loaded.policies, ...opts.policies } } : loaded;
      if (spans !== undefined) {
        const eventOnly = (['asyncRuns', 'suite', 'wirePath', 'goldensOnly'] as const).filter((k) => given(k));
        if (eventOnly.length > 0) throw new UsageError(`--${eventOnly[0]!.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} does not apply to a span tracer (it has spans(), so check runs the spans suite)`);
        if (opts.update) throw new UsageError('--update writes this package\'s own goldens; it cannot be combined with --tracer');
        code = await runSpanCheck(
          { tracer: spans, tracerPath: opts.tracer!, runs: opts.runs, ...(opts.seed !== undefined ? { seed: opts.seed } : {}), ...(opts.path !== undefined ? { path: opts.path } : {}), requireAll: opts.requireAll, ...(opts.shard !== undefined ? { shard: opts.shard } : {}) },
          io,
        );
        finish(`--tracer ${opts.tracer}`);
        return;
      }
      const { loadTracerModule } = await import('./tracer-module.ts');
      const { runCheck } = await import('./check.ts');
      const { packageGoldenDir } = await import('./golden-files.ts');
      const createTracer = opts.tracer !== undefined ? await loadTracerModule(opts.tracer) : undefined;
      code = await runCheck(
        {
          runs: opts.runs,
          ...(opts.asyncRuns !== undefined ? { asyncRuns: opts.asyncRuns } : {}),
          ...(opts.suite !== undefined ? { suite: opts.suite } : {}),
          wireRuns: opts.wireRuns,
          retentionRuns: opts.retentionRuns,
          recoveryRuns: opts.recoveryRuns,
          recordingRuns: opts.recordingRuns,
          streamsRuns: opts.streamsRuns,
          payloadRuns: opts.payloadRuns,
          ...(opts.negativeRuns !== undefined ? { negativeRuns: opts.negativeRuns } : {}),
          ...(opts.wirePath !== undefined ? { wirePath: opts.wirePath } : {}),
          ...(opts.seed !== undefined ? { seed: opts.seed } : {}),
          ...(opts.path !== undefined ? { path: opts.path } : {}),
          goldenDir: opts.golden ?? packageGoldenDir(),
          update: opts.update,
          skipProperty: opts.goldensOnly,
          requireAll: opts.requireAll,
          coverage: opts.coverage,
          ...(opts.coverageJson !== undefined ? { coverageJson: opts.coverageJson } : {}),
          ...(opts.minRowHits !== undefined ? { minRowHits: opts.minRowHits } : {}),
          ...(opts.shard !== undefined ? { shard: opts.shard } : {}),
          jobs: opts.jobs,
          ...(createTracer !== undefined ? { createTracer, tracerFlag: `--tracer ${opts.tracer}` } : {}),
        },
        io,
      );
      finish(opts.tracer !== undefined ? `--tracer ${opts.tracer}` : 'this package');
    });

  const out = { out: (t: string) => process.stdout.write(t + '\n') };

  program
    .command('verify')
    .description('check trace files (wire, JSONL, canonical text, Chrome JSON): framing, stack balance, lifecycle, seq, slices per thread')
    .argument('<file...>', 'trace files; - for standard input')
    .option('--strict', 'an activation not finished at the end (a generator or coroutine left suspended, a frame still running in an unclosed recording) or an async slice still open in Chrome JSON fails the file (lifecycle/not-finished), not a note; activations a snapshot or segment declares open at its start are exempt, abandoned ones are finished', false)
    .option('--reporter <name>', 'pretty (default), json, junit, github or html; repeat to combine (a json or junit report has one part, verify, with a case per file)', collect, [])
    .option('--output-file <[reporter=]file>', 'as check --output-file', collect, [])
    .action(async (files: string[], opts: { strict: boolean; reporter: string[]; outputFile: string[] }) => {
      const { runVerify } = await import('./verify.ts');
      const targets = selectReporters(opts.reporter, opts.outputFile, process.env);
      if (targets.every((t) => t.name === 'pretty')) {
        code = await runVerify(files, out, { strict: opts.strict });
        return;
      }
      const [{ ReportCollector }, { writeReports }, { verifyCase }] = await Promise.all([import('./reporters/collector.ts'), import('./reporters/write.ts'), import('./reporters/verify-report.ts')]);
      const pretty = targets.some((t) => t.name === 'pretty');
      const collector = new ReportCollector();
      const cases: ReturnType<typeof verifyCase>[] = [];
      const started = performance.now();
      code = await runVerify(files, { out: (t) => (pretty ? out.out(t) : collector.text(t)) }, { strict: opts.strict, onFile: (path, ok, lines) => cases.push(verifyCase(path, ok, lines)) });
      collector.part({ name: 'verify', kind: 'corpus', ok: code === 0, elapsedMs: performance.now() - started, cases });
      writeReports(targets, collector.finish({ version: packageVersion(), argv, tracer: 'verify', exitCode: code }), (t) => process.stdout.write(t), process.cwd());
    });

  program
    .command('convert')
    .description('convert a trace file (wire, JSONL, canonical text or Chrome JSON of one thread) to another format')
    .argument('<in>', 'input file; - for standard input')
    .requiredOption('-o, --output <file>', 'output file; - for standard output')
    .addOption(new Option('--to <format>', 'output format').choices([...CONVERT_TARGETS]).makeOptionMandatory())
    .addOption(new Option('--thread <pid:tid>', 'the thread to read of a Chrome JSON file with several').argParser(chromeThread))
    .action(async (input: string, opts: { output: string; to: ConvertTarget; thread?: ChromeThread }) => {
      const { runConvert } = await import('./convert.ts');
      code = runConvert(input, opts.output, opts.to, opts.thread !== undefined ? { chromeThread: opts.thread } : {});
    });

  program
    .command('print')
    .description('print a trace file as canonical text (one event a line)')
    .argument('<file>', 'trace file; - for standard input')
    .addOption(new Option('--thread <pid:tid>', 'the thread to read of a Chrome JSON file with several').argParser(chromeThread))
    .action(async (file: string, opts: { thread?: ChromeThread }) => {
      const [{ readTraceFile, renderTrace }, { writeOutput }] = await Promise.all([import('./convert.ts'), import('./files.ts')]);
      writeOutput('-', renderTrace(readTraceFile(file, opts.thread !== undefined ? { chromeThread: opts.thread } : {}), 'text'));
    });

  program
    .command('merge')
    .description('merge trace files of several streams (workers, processes) into one view keeping each stream\'s order, and check each stream')
    .argument('<file...>', 'trace files (wire, JSONL, canonical text), one stream each')
    .option('-o, --output <file>', 'output file; - for standard output', '-')
    .addOption(new Option('--to <format>', 'output format').choices([...MERGE_TARGETS]).default('text'))
    .addOption(new Option('--by <order>', 'interleave by timestamp, by seq, or auto (time when every stream has timestamps)').choices(['time', 'seq', 'auto']).default('auto'))
    .option('--names <list>', 'comma-separated stream names, one per file (default: file names)')
    .action(async (files: string[], opts: { output: string; to: (typeof MERGE_TARGETS)[number]; by: 'time' | 'seq' | 'auto'; names?: string }) => {
      const { runMerge } = await import('./merge.ts');
      code = runMerge(files, { output: opts.output, to: opts.to, by: opts.by, ...(opts.names !== undefined ? { names: opts.names.split(',') } : {}) }, { ...out, err: (t) => process.stderr.write(t + '\n') });
    });

  program
    .command('merge-reports')
    .description('combine the JSON reports of the shards of one run (check --shard i/n --reporter json) into the report of the whole run')
    .argument('<file...>', 'the shard reports')
    .option('--reporter <name>', 'json (default), junit, github or pretty; repeat to combine', collect, [])
    .option('--output-file <[reporter=]file>', 'as check --output-file', collect, [])
    .action(async (files: string[], opts: { reporter: string[]; outputFile: string[] }) => {
      const { runMergeReports } = await import('./merge-reports.ts');
      code = runMergeReports(files, opts.reporter, opts.outputFile, (t) => void process.stdout.write(t));
    });

  program
    .command('recover')
    .description('write the valid prefix of a torn or damaged wire file as a clean file, and report what was lost')
    .argument('<in>', 'wire file')
    .requiredOption('-o, --output <file>', 'output file')
    .action(async (input: string, opts: { output: string }) => {
      const { runRecover } = await import('./recover.ts');
      code = runRecover(input, opts.output, out);
    });

  program
    .command('bench', { hidden: !benchSuitesPresent() }) // not offered in the installed package (no bench/)
    .description('overhead benchmarks and the release gate: each traced workload against its untraced twin, interleaved; the traced/untraced ratio with a bootstrap 95% interval against the committed baseline')
    .option('--filter <regex>', 'only cases whose id or group matches (case-insensitive), e.g. hot or wire/encode')
    .option('--json <file>', 'write machine-readable results to this file')
    .option('--baseline <file>', 'the baseline to compare with (default: the package\'s bench/baseline.json)')
    .option('--gate', 'exit 1 when a case\'s ratio exceeds baseline x (1 + max regression) in this run and in a re-run in a fresh process, its counters changed, or it was refused', false)
    .option('--update-baseline', 'write the baseline: per case the median of this run and two in fresh processes (on purpose only; refused when CI is set)', false)
    .option('--smoke', 'run every case briefly: check that the suites run and the counters match the baseline (CI)', false)
    .addOption(new Option('--rounds <n>', 'interleaved rounds per case (>= 20)').argParser(positiveInt))
    .addOption(new Option('--max-regression <fraction>', 'fail tier: the largest change of a ratio over the baseline that passes (smaller changes are reported with a p-value)').argParser(fraction).default(0.2, '0.2 (20%)'))
    .addOption(new Option('--threshold <fraction>', 'replaced by --max-regression').hideHelp())
    .addOption(new Option('--clock <kind>', 'time cases with CPU time or the wall clock (cases that spawn processes always use the wall clock)').choices(['cpu', 'wall']).hideHelp())
    .addOption(new Option('--inject-slowdown <fraction>', 'make every traced twin this much slower (honesty checks of the gate)').argParser(fraction).hideHelp())
    .action(async (opts: { filter?: string; json?: string; baseline?: string; gate: boolean; updateBaseline: boolean; smoke: boolean; rounds?: number; maxRegression: number; threshold?: string; clock?: 'cpu' | 'wall'; injectSlowdown?: number }) => {
      const { runBenchCommand } = await import('./bench.ts');
      code = await runBenchCommand(opts, process.env);
    });

  try {
    await program.parseAsync(normalizeOutputFileFlags(argv), { from: 'user' });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has printed the one-line message (or the help / version) already.
      return error.exitCode === 0 || error.code === 'commander.helpDisplayed' || error.code === 'commander.version' ? 0 : 2;
    }
    if (error instanceof UsageError) {
      process.stderr.write(`trace-harness: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}
