// Combines the JSON reports of the shards of one run (`check --shard i/n`) into the report of the whole run.
import type { CheckReport, ReportCoverage, ReportPart, ReportSkip } from './check-report.ts';
import { CHECK_REPORT_SCHEMA, CHECK_REPORT_VERSION } from './check-report.ts';
import { UsageError } from '../usage-error.ts';

/**
 * Checks that a parsed JSON value is a check report of this version.
 * @param value - parsed JSON
 * @param file - its file name, for the message
 * @throws {@link UsageError} when it is not (exit 2)
 */
export function asCheckReport(value: unknown, file: string): CheckReport {
  const r = value as Partial<CheckReport> | null;
  if (typeof r !== 'object' || r === null || r.schema !== CHECK_REPORT_SCHEMA) throw new UsageError(`${file}: not a check report (want "schema": "${CHECK_REPORT_SCHEMA}"; write one with check --reporter json)`);
  if (r.schemaVersion !== CHECK_REPORT_VERSION) throw new UsageError(`${file}: want schemaVersion ${CHECK_REPORT_VERSION}, got ${String(r.schemaVersion)}`);
  if (!Array.isArray(r.parts) || !Array.isArray(r.skipped)) throw new UsageError(`${file}: malformed check report: parts and skipped must be arrays`);
  return r as CheckReport;
}

/**
 * The report of a whole run from the reports of its shards: parts of the same name joined (runs and time
 * added, cases concatenated in file order, failed if any shard's part failed, its message, violations,
 * counterexample and replay from the first shard that failed), skips added, coverage counts added, the exit code
 * the highest. The shards must come from
 * one run: the same tracer, each shard once, all of them.
 * @param reports - one report per shard, any order
 * @returns the merged report, without `shard`
 * @throws {@link UsageError} for reports of different tracers or counts, a shard twice, or a shard missing
 */
export function mergeReports(reports: readonly CheckReport[]): CheckReport {
  if (reports.length === 0) throw new UsageError('merge-reports: want at least one report');
  const first = reports[0]!;
  if (reports.some((r) => r.tracer !== first.tracer)) throw new UsageError(`merge-reports: the reports check different tracers (${[...new Set(reports.map((r) => r.tracer))].join(', ')})`);
  const count = first.shard?.count;
  if (count !== undefined || reports.length > 1) {
    const shards = reports.map((r) => r.shard);
    if (shards.some((s) => s === undefined || s.count !== count)) throw new UsageError('merge-reports: want the reports of the shards of one run (check --shard i/n), each with the same n');
    const indexes = new Set(shards.map((s) => s!.index));
    if (indexes.size !== reports.length) throw new UsageError('merge-reports: a shard is given twice');
    const missing = Array.from({ length: count! }, (_, i) => i + 1).filter((i) => !indexes.has(i));
    if (missing.length > 0) throw new UsageError(`merge-reports: shard ${missing.map((i) => `${i}/${count}`).join(', ')} missing: the union would not be the whole run`);
  }
  const ordered = [...reports].sort((a, b) => (a.shard?.index ?? 0) - (b.shard?.index ?? 0));
  const parts: ReportPart[] = [];
  for (const report of ordered) {
    for (const part of report.parts) {
      const i = parts.findIndex((p) => p.name === part.name);
      if (i < 0) parts.push(part);
      else parts[i] = joinParts(parts[i]!, part);
    }
  }
  const exitCode = Math.max(...reports.map((r) => r.exitCode));
  const { shard: _shard, coverage: _coverage, ...rest } = first;
  const coverage = joinCoverage(ordered.flatMap((r) => (r.coverage !== undefined ? [r.coverage] : [])));
  return {
    ...rest,
    argv: first.argv.filter((a, i, all) => a !== '--shard' && all[i - 1] !== '--shard'),
    exitCode,
    ok: exitCode === 0,
    parts,
    skipped: joinSkips(ordered.flatMap((r) => r.skipped)),
    ...(coverage !== undefined ? { coverage } : {}),
  };
}

function joinParts(a: ReportPart, b: ReportPart): ReportPart {
  const failed = !a.ok ? a : !b.ok ? b : undefined;
  return {
    name: a.name,
    kind: a.kind,
    ok: a.ok && b.ok,
    ...(a.seed !== undefined ? { seed: a.seed } : {}),
    ...(a.runs !== undefined || b.runs !== undefined ? { runs: (a.runs ?? 0) + (b.runs ?? 0) } : {}),
    ...(a.elapsedMs !== undefined || b.elapsedMs !== undefined ? { elapsedMs: (a.elapsedMs ?? 0) + (b.elapsedMs ?? 0) } : {}),
    ...(failed?.replay !== undefined ? { replay: failed.replay } : {}),
    ...(failed?.message !== undefined ? { message: failed.message } : {}),
    ...(failed?.violations !== undefined ? { violations: failed.violations } : {}),
    ...(failed?.counterexample !== undefined ? { counterexample: failed.counterexample } : {}),
    cases: [...a.cases, ...b.cases].sort((x, y) => (x.file < y.file ? -1 : x.file > y.file ? 1 : 0)),
    output: [a.output, b.output].filter((o) => o !== '').join('\n\n'),
  };
}

/** The shards' coverage added up (each shard judged its own programs and negative inputs); undefined for none. */
function joinCoverage(all: readonly ReportCoverage[]): ReportCoverage | undefined {
  if (all.length === 0) return undefined;
  const add = (maps: readonly Readonly<Record<string, number>>[]): Record<string, number> => {
    const out: Record<string, number> = {};
    for (const m of maps) for (const [k, n] of Object.entries(m)) out[k] = (out[k] ?? 0) + n;
    return out;
  };
  return {
    programs: all.reduce((n, c) => n + c.programs, 0),
    rows: add(all.map((c) => c.rows)),
    statements: add(all.map((c) => c.statements)),
    rules: add(all.map((c) => c.rules)),
  };
}

function joinSkips(skips: readonly ReportSkip[]): ReportSkip[] {
  const out: ReportSkip[] = [];
  for (const s of skips) {
    const i = out.findIndex((o) => o.part === s.part && o.reason === s.reason);
    if (i < 0) out.push(s);
    else if (out[i]!.count !== undefined || s.count !== undefined) out[i] = { ...out[i]!, count: (out[i]!.count ?? 0) + (s.count ?? 0) };
  }
  return out;
}
