// The github reporter: workflow commands (`::error file=...::message`) that GitHub Actions shows as annotations
// on the golden or regression file that failed, and on the run for a failed property suite.
import { relative } from 'node:path';
import type { CheckReport } from './check-report.ts';

/** Escapes the message of a workflow command (as @actions/core `escapeData`). */
function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a property of a workflow command (as @actions/core `escapeProperty`). */
function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * The `::error` lines of a check report: one per failed golden or regression (`file=` its path, relative to
 * `cwd`), one per failed property part or tracer verdict (no file: the message carries the replay command).
 * @example
 * ```text
 * ::error file=golden/traces/gen-basic.trace,title=trace-harness goldens::trace differs from the golden%0A...
 * ::error title=trace-harness generators::1 violation(s) after 37 programs%0Areplay: npx trace-harness check --suite generators --seed 5 --path 3:0 --runs 500
 * ```
 * @param report - the finished report
 * @param cwd - the directory file paths are made relative to (the repository root in a workflow)
 * @returns one line per failure; empty when everything passed
 */
export function renderGithub(report: CheckReport, cwd: string): string[] {
  const lines: string[] = [];
  for (const part of report.parts) {
    const title = escapeProperty(`trace-harness ${part.name}`);
    if (part.kind === 'corpus') {
      for (const c of part.cases.filter((x) => !x.ok)) {
        const message = [c.message ?? 'failed', ...(c.details !== undefined ? [c.details] : [])].join('\n');
        lines.push(`::error file=${escapeProperty(relative(cwd, c.path))},title=${title}::${escapeData(message)}`);
      }
    } else if (!part.ok) {
      const message = [part.message ?? 'failed', ...(part.replay !== undefined ? [`replay: ${part.replay}`] : [])].join('\n');
      lines.push(`::error title=${title}::${escapeData(message)}`);
    }
  }
  return lines;
}
