import { describeEvent } from '../check/describe.ts';
import type { CheckedEvent, Violation } from '../check/violation.ts';

/** How many violations a report shows before summarising the rest. */
export const MAX_REPORTED = 10;
const CONTEXT = 2;

/**
 * Formats violations with the offending events in context: each violation's rule, position and
 * "want X, got Y", then the events around it with the offending one marked `>`.
 *
 * ```text
 * stack-balance/exit-not-top at event 3 (seq 3, activation #2): want exit of #3 (top of stack), got return f #2
 *       1  call f #2
 *       2  call g #3
 *   >   3  return f #2
 *       4  return g #3
 * ```
 * @param violations - what a validator found
 * @param events - the trace the violations index into
 * @returns multi-line text, no trailing newline
 */
export function formatViolations(violations: readonly Violation[], events: readonly CheckedEvent[]): string {
  const lines: string[] = [];
  for (const v of violations.slice(0, MAX_REPORTED)) {
    const where = v.eventIndex >= 0 ? `at event ${v.eventIndex} (seq ${v.seq}, activation #${v.activation})` : `at end of trace`;
    lines.push(`${v.rule} ${where}: ${v.message}`);
    const center = v.eventIndex >= 0 ? v.eventIndex : events.length - 1;
    const from = Math.max(0, center - CONTEXT);
    const to = Math.min(events.length - 1, center + CONTEXT);
    for (let i = from; i <= to; i++) {
      lines.push(`  ${i === v.eventIndex ? '>' : ' '} ${String(i).padStart(4)}  ${describeEvent(events[i]!)}`);
    }
  }
  if (violations.length > MAX_REPORTED) lines.push(`... and ${violations.length - MAX_REPORTED} more violations`);
  return lines.join('\n');
}
