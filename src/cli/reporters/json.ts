// The json reporter: the CheckReport as it is, the format src/cli/reporters/check-report.v1.schema.json describes.
import type { CheckReport } from './check-report.ts';

/**
 * A check report as JSON text (two-space indent, newline at the end).
 * @param report - the finished report
 * @returns text that validates against `src/cli/reporters/check-report.v1.schema.json`
 */
export function renderJson(report: CheckReport): string {
  return JSON.stringify(report, null, 2) + '\n';
}
