// `trace-harness merge-reports`: the reports of the shards of one run combined, written by any reporter.
import { readFileSync } from 'node:fs';
import { asCheckReport, mergeReports } from './reporters/merge-reports.ts';
import { selectReporters } from './reporters/select.ts';
import { writeReports } from './reporters/write.ts';
import { UsageError } from './usage-error.ts';

/**
 * Reads the JSON reports of `check --shard i/n --reporter json`, merges them and writes the whole run's report
 * with the chosen reporters (default: json to standard output; `pretty` prints one line per part).
 * @param files - the shard reports
 * @param reporters - `--reporter` values
 * @param outputFiles - `--output-file` values
 * @returns the merged exit code: 0 every shard passed, 1 a check failed, 2 a tracer was unusable
 * @throws {@link UsageError} for an unreadable or foreign file, or reports that are not the shards of one run
 */
export function runMergeReports(files: readonly string[], reporters: readonly string[], outputFiles: readonly string[], out: (text: string) => void): number {
  const targets = selectReporters(reporters.length > 0 ? reporters : ['json'], outputFiles, {});
  const reports = files.map((file) => {
    let value: unknown;
    try {
      value = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      throw new UsageError(`${file}: cannot read a JSON report: ${(error as Error).message.split('\n')[0]}`);
    }
    return asCheckReport(value, file);
  });
  const merged = mergeReports(reports);
  if (targets.some((t) => t.name === 'pretty')) {
    for (const p of merged.parts) out(`${p.name.padEnd(14)} ${p.ok ? 'ok' : 'FAIL'}${p.runs !== undefined ? ` (${p.runs} runs)` : ''}${p.kind === 'corpus' ? ` (${p.cases.filter((c) => c.ok && !c.skipped).length}/${p.cases.length} files passed)` : ''}\n`);
    out(`merged ${reports.length} report(s); exit ${merged.exitCode}\n`);
  }
  writeReports(targets, merged, out, process.cwd());
  return merged.exitCode;
}
