// What `verify` says of one file: ok or not, and its lines (the first printed after the path).
import type { Violation } from '../check/violation.ts';

/** One file's verdict: `ok`, and the lines `verify` prints (the first after the path, the rest indented). */
export interface Verdict {
  readonly ok: boolean;
  readonly lines: string[];
}

/** The violations a file's verdict shows; the rest are counted. */
const SHOWN = 10;

/**
 * The lines of a file's violations: the first {@link SHOWN}, each with its rule and where, then how many more.
 * @param violations - the file's violations
 * @returns one line per violation shown, and `... and N more` past them
 */
export function violationLines(violations: readonly Violation[]): string[] {
  const lines = violations.slice(0, SHOWN).map((v) => `${v.rule} ${v.eventIndex >= 0 ? `at event ${v.eventIndex} (seq ${v.seq}, activation #${v.activation})` : 'at end of trace'}: ${v.message}`);
  if (violations.length > SHOWN) lines.push(`... and ${violations.length - SHOWN} more`);
  return lines;
}
