// Node adapter: `check --tracer <module>` for a span tracer (observe mode, issue 12).
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import kleur from 'kleur';
import type { SpanCheck } from '../../harness/observe/check-span-program.ts';
import { renderPlainProgram } from '../../harness/observe/render-plain.ts';
import { runSpanProperty } from '../../harness/observe/span-property.ts';
import { type ContextPolicies, formatPolicies, isSpanTracer, resolvePolicies, type SpanTracer } from '../../harness/observe/span-tracer.ts';
import { UsageError } from './usage-error.ts';
import type { ProgressSink } from './progress.ts';
import type { Shard } from '../../harness/properties/shard.ts';
import { reportViolations } from './reporters/collector.ts';
import type { CheckReportSink } from './check.ts';

/** A span tracer module as loaded: its factory and declared policies. */
export interface LoadedSpanTracer {
  readonly createTracer: () => SpanTracer;
  readonly policies: ContextPolicies;
}

/**
 * Loads a `--tracer` module and tells whether it is a span tracer: `createTracer()` returns an object with
 * `trace` and `spans` (README "Span tracers"). The module's `policies` export is checked here.
 * @returns the span tracer, or undefined for an event tracer (`snapshot()`) and for a factory that throws or
 *   returns a non-object: `runCheck` handles those and names the latter (`tracer/create-threw`,
 *   `tracer/create-not-object`, exit 2)
 * @throws {@link UsageError} (exit 2) when the module cannot be imported, has no `createTracer`, or its
 *   `policies` export is malformed
 */
export async function loadSpanTracer(path: string): Promise<LoadedSpanTracer | undefined> {
  let mod: { createTracer?: unknown; policies?: unknown };
  try {
    mod = (await import(pathToFileURL(resolve(path)).href)) as typeof mod;
  } catch (error) {
    throw new UsageError(`--tracer ${path}: cannot import: ${(error as Error).message.split('\n')[0]}`);
  }
  if (typeof mod.createTracer !== 'function') throw new UsageError(`--tracer ${path}: the module must export a function createTracer()`);
  const createTracer = mod.createTracer as () => unknown;
  let probe: unknown;
  try {
    probe = createTracer();
  } catch {
    return undefined; // not detectable: the event path names it (tracer/create-threw, exit 2)
  }
  if (typeof probe !== 'object' || probe === null) return undefined; // likewise tracer/create-not-object
  if (!isSpanTracer(probe)) {
    if (mod.policies !== undefined) throw new UsageError(`--tracer ${path}: policies are declared by span tracers (trace() and spans()); this tracer has no spans()`);
    return undefined;
  }
  try {
    probe.close?.(); // the probe only told the kind; a close() that throws is reported with the first program
  } catch {
    /* reported per program as tracer/close-threw */
  }
  let policies: ContextPolicies;
  try {
    policies = resolvePolicies(mod.policies);
  } catch (error) {
    throw new UsageError(`--tracer ${path}: ${(error as Error).message}`);
  }
  return { createTracer: createTracer as () => SpanTracer, policies };
}

/** Options of {@link runSpanCheck}. */
export interface SpanCheckOptions {
  readonly tracer: LoadedSpanTracer;
  /** The `--tracer` path, for the replay command. */
  readonly tracerPath: string;
  readonly runs: number;
  readonly seed?: number;
  readonly path?: string;
  /**
   * `--require-all`: for a span tracer nothing can be skipped for a missing method (its contract is the spans
   * suite), so this only adds a line saying so; it never changes the exit code.
   */
  readonly requireAll?: boolean;
  /** Run only this shard of the spans suite (`--shard`). */
  readonly shard?: Shard;
}

/**
 * `check --tracer <span tracer>`: the observe-mode suite (random plain programs under the tracer vs the
 * span-tree model), then a summary of what did not run and why.
 * @returns the exit code: 0 passed, 1 a program failed
 */
export async function runSpanCheck(options: SpanCheckOptions, io: { out: (t: string) => void; progress?: ProgressSink; report?: CheckReportSink }): Promise<number> {
  const { runs, tracer } = options;
  io.out(`${kleur.bold('spans'.padEnd(12))}${runs} random programs in observe mode (plain async code: the tracer's own context machinery), ${formatPolicies(tracer.policies)}, seed ${options.seed ?? '(random)'}${options.path ? `, path ${options.path}` : ''}`);
  io.progress?.start('spans', runs, 'programs');
  const report = await runSpanProperty({
    runs,
    createTracer: tracer.createTracer,
    policies: tracer.policies,
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
    ...(options.path !== undefined ? { path: options.path } : {}),
    onProgress: (n: number) => io.progress?.tick(n),
    ...(options.shard !== undefined ? { shard: options.shard } : {}),
  });
  let failed = false;
  let replay: string | undefined;
  const rate = `${Math.round(report.programsPerSecond)} programs/s`;
  const skips = report.skipped > 0 ? `, ${report.skipped} skipped (${[...report.skippedBy].map(([why, n]) => `${n} ${why}`).join(', ')})` : '';
  if (report.failure === undefined && report.error === undefined) {
    io.out(`  ${kleur.green('ok')}    ${report.runs} programs passed in ${(report.elapsedMs / 1000).toFixed(2)} s (${rate}), seed ${report.seed}${skips}`);
  } else {
    failed = true;
    if (report.failure !== undefined) {
      io.out(`  ${kleur.red('FAIL')}  after ${report.runs} programs (seed ${report.seed}, ${report.failure.shrinks} shrinks, ${rate})`);
      io.out('');
      io.out(formatSpanFailure(report.failure.check));
      io.out('');
      replay = `npx trace-harness check --tracer ${options.tracerPath} --seed ${report.seed} --path ${report.failure.path} --runs ${runs}`;
      io.out(`${kleur.bold('replay:')} ${replay}`);
    } else {
      const e = report.error as Error;
      io.out(`  ${kleur.red('FAIL')}  the property run raised ${e?.name ?? 'an error'}: ${e?.message ?? String(e)}`);
    }
  }
  io.out('');
  const violations = reportViolations(report.failure?.check.violations);
  io.report?.part({
    name: 'spans',
    kind: 'property',
    ok: !failed,
    seed: report.seed,
    runs: report.runs,
    elapsedMs: report.elapsedMs,
    ...(replay !== undefined ? { replay } : {}),
    ...(failed ? { message: report.failure !== undefined ? `${report.failure.check.violations.length} violation(s) after ${report.runs} programs` : `the property run raised ${String(report.error)}` } : {}),
    ...(violations !== undefined && violations.length > 0 ? { violations } : {}),
  });
  io.out(`${kleur.bold('not run')}   the generators and coroutines suites, regressions and goldens: they compare event traces (the event-tracer contract, snapshot() returning a Trace); a span tracer's contract is the spans suite above`);
  io.out(`${kleur.bold('not run')}   wire, retention, recovery, recording, streams, payloads: they check this package's recorder and codecs, not the tracer under test`);
  // --require-all counts parts skipped for a method the tracer lacks; a span tracer's whole contract ran above.
  // Programs skipped as "a race the schedule decides" are a limit of the model, like the goldens that need this
  // package's tracer options, and do not count either (README "check --tracer").
  if (options.requireAll === true) io.out(`${kleur.bold('require-all')} nothing of the span-tracer contract was skipped`);
  return failed ? 1 : 0;
}

/** The counterexample of a span check: the plain program, its schedule, the violations, and the two trees. */
export function formatSpanFailure(check: SpanCheck): string {
  const indent = (lines: readonly string[]): string => lines.map((l) => `  ${l}`).join('\n');
  const fits = check.fits.length === 0 ? [] : ['', kleur.bold(`your tracer behaves as ${check.fits.map(formatPolicies).join(' or as ')} (declared: ${formatPolicies(check.policies)})`)];
  return [
    kleur.bold('program (JavaScript, as run under the tracer; $ is the harness, which the tracer never sees):'),
    indent(renderPlainProgram(check.program).trimEnd().split('\n')),
    '',
    kleur.bold('schedule (the order timer ticks were released):'),
    `  ${check.schedule}`,
    '',
    kleur.bold('span tree: expected (model) vs actual (tracer), one line per activation (key = call path):'),
    indent(check.tree.expected.map((l) => `- ${l}`)),
    indent(check.tree.actual.map((l) => `+ ${l}`)),
    '',
    kleur.bold(`violations (${check.violations.length}):`),
    indent(check.violations.slice(0, 20).map((v) => `${v.rule}: ${v.message}`)),
    ...fits,
  ].join('\n');
}
