// Collects what one `check` run did into a CheckReport while the text goes to the terminal as before.
import { join } from 'node:path';
import type { GoldenResult } from '../../../harness/goldens/golden.ts';
import type { Violation } from '../../check/violation.ts';
import type { SemanticCoverage } from '../../../harness/reach/semantic-coverage.ts';
import { CHECK_REPORT_SCHEMA, CHECK_REPORT_VERSION, type CheckReport, type ReportCase, type ReportCoverage, type ReportPart, type ReportSkip, type ReportViolation } from './check-report.ts';
import { counterexampleOf, goldenCounterexample, reportCoverage } from './counterexample.ts';

// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;]*[A-Za-z]/g;

/** Text without terminal colour codes. */
export function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}

/** A part as `check` hands it over: everything but the captured output. */
export type PartInput = Omit<ReportPart, 'output' | 'cases'> & { readonly cases?: readonly ReportCase[] };

/**
 * Receives the parts of a `check` run as they finish. Text written through {@link ReportCollector.text}
 * since the previous part becomes the next part's `output` (each part prints its header, then its verdict).
 */
export class ReportCollector {
  readonly #parts: ReportPart[] = [];
  #skipped: ReportSkip[] = [];
  #buffer: string[] = [];
  #coverage: ReportCoverage | undefined;

  /** Text the run printed (any colour is removed). */
  text(line: string): void {
    this.#buffer.push(stripAnsi(line));
  }

  /** A part finished; the text since the previous part is its output. */
  part(part: PartInput): void {
    const output = this.#buffer.join('\n').replace(/^\n+/, '').trimEnd();
    this.#buffer = [];
    this.#parts.push({ ...part, cases: part.cases ?? [], output });
  }

  /** What the run left out (the summary's `skipped:` line). */
  skipped(skips: readonly ReportSkip[]): void {
    this.#skipped = skips.map((s) => ({ part: s.part, reason: s.reason, ...(s.count !== undefined ? { count: s.count } : {}) }));
  }

  /** The run's semantic coverage (`CoverageCounter.snapshot()`), kept as the report's `coverage`. */
  coverage(coverage: SemanticCoverage): void {
    this.#coverage = reportCoverage(coverage);
  }

  /** The parts so far. */
  get parts(): readonly ReportPart[] {
    return this.#parts;
  }

  /**
   * The finished report.
   * @param run - what the run was: its version, argv, tracer, shard and exit code
   */
  finish(run: { version: string; argv: readonly string[]; tracer: string; exitCode: number; shard?: { index: number; count: number } }): CheckReport {
    return {
      schema: CHECK_REPORT_SCHEMA,
      schemaVersion: CHECK_REPORT_VERSION,
      tool: { name: 'trace-harness', version: run.version },
      argv: [...run.argv],
      tracer: run.tracer,
      ...(run.shard !== undefined ? { shard: run.shard } : {}),
      exitCode: run.exitCode,
      ok: run.exitCode === 0,
      parts: this.#parts,
      skipped: this.#skipped,
      ...(this.#coverage !== undefined ? { coverage: this.#coverage } : {}),
    };
  }
}

/** Violations as the report keeps them. */
export function reportViolations(violations: readonly (Pick<Violation, 'rule' | 'message'> & { readonly eventIndex?: number })[] | undefined): ReportViolation[] | undefined {
  return violations?.map((v) => ({ rule: v.rule, ...(v.eventIndex !== undefined ? { eventIndex: v.eventIndex } : {}), message: v.message }));
}

/**
 * The cases of a golden or regression run.
 * @param results - what `runGoldens`, `runRegressions` or `runPythonGoldens` returned
 * @param dir - the directory the files are in (their `path` is `dir/file`)
 * @param details - plain text for a failed case (the diff, the counterexample)
 * @param programs - the golden directory's programs by name: a failed positive golden gets a structured
 *   counterexample (`goldenCounterexample`); a failed regression always gets one from its check
 */
export function casesOf(results: readonly GoldenResult[], dir: string, details: (r: GoldenResult) => string | undefined, programs?: ReadonlyMap<string, string>): ReportCase[] {
  return results.map((r) => {
    const text = r.ok ? undefined : details(r);
    const violations = reportViolations(r.violations);
    const counterexample = r.ok ? undefined : r.check !== undefined ? (r.check.verdict === undefined ? counterexampleOf(r.check) : undefined) : programs !== undefined ? goldenCounterexample(r, programs) : undefined;
    return {
      file: r.file,
      path: join(dir, r.file),
      kind: r.kind,
      ok: r.ok,
      skipped: r.skipped === true,
      ...(r.skipReason !== undefined ? { skipReason: r.skipReason } : {}),
      ...(r.problem !== undefined ? { message: r.problem } : {}),
      ...(text !== undefined ? { details: stripAnsi(text) } : {}),
      ...(violations !== undefined && violations.length > 0 ? { violations } : {}),
      ...(counterexample !== undefined ? { counterexample } : {}),
    };
  });
}
