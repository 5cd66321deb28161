// Writes a finished CheckReport with each chosen reporter (pretty has printed as the run went).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { CheckReport } from './check-report.ts';
import { renderGithub } from './github.ts';
import { renderHtml } from './html.ts';
import { renderJson } from './json.ts';
import { renderJunit } from './junit.ts';
import type { ReporterTarget } from './select.ts';

/**
 * Renders the report with each reporter but pretty, to its file or to `stdout`.
 * @param targets - from `selectReporters`
 * @param report - the finished report
 * @param stdout - where reporters without a file write
 * @param cwd - the directory github annotations' paths are relative to
 * @returns the files written
 */
export function writeReports(targets: readonly ReporterTarget[], report: CheckReport, stdout: (text: string) => void, cwd: string): string[] {
  const written: string[] = [];
  for (const t of targets) {
    if (t.name === 'pretty') continue;
    const text = t.name === 'json' ? renderJson(report) : t.name === 'junit' ? renderJunit(report) : t.name === 'html' ? renderHtml(report) : renderGithub(report, cwd).map((l) => l + '\n').join('');
    if (t.file === undefined) {
      if (text !== '') stdout(text);
      continue;
    }
    mkdirSync(dirname(t.file), { recursive: true });
    writeFileSync(t.file, text);
    written.push(t.file);
  }
  return written;
}
