// `verify --reporter ...`: each file verified is a case of one corpus part named `verify`.
import type { ReportCase } from './check-report.ts';

/**
 * The report case of one file `verify` judged.
 * @param path - the file as given on the command line (`-` for standard input)
 * @param ok - whether it verified
 * @param lines - what verify printed of it: the verdict line, then the violations or notes
 * @returns a positive case: `message` the verdict line, `details` the violations under it, when it failed
 */
export function verifyCase(path: string, ok: boolean, lines: readonly string[]): ReportCase {
  const plain = lines.map((l) => l.replace(/\x1b\[[0-9;]*m/g, ''));
  return {
    file: path,
    path,
    kind: 'positive',
    ok,
    skipped: false,
    ...(ok ? {} : { message: plain[0] ?? 'failed', details: plain.slice(1).join('\n') }),
  };
}
