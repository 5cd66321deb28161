// A failed program check as the report's structured counterexample: the source and both traces as data.
import { formatOutcome } from '../../../harness/program/ast.ts';
import type { ProgramCheck } from '../../../harness/targets/js/check-program.ts';
import type { SemanticCoverage } from '../../../harness/reach/semantic-coverage.ts';
import type { CanonicalEvent } from '../../model/event.ts';
import { hasPeer, kindName } from '../../model/kinds.ts';
import { programSource } from '../report.ts';
import type { ReportCounterexample, ReportCoverage, ReportEvent } from './check-report.ts';

/** One canonical event as the report keeps it: the kind by name, the second number only where the kind has one. */
function reportEvent(e: CanonicalEvent): ReportEvent {
  return {
    kind: kindName(e.kind),
    code: e.code,
    activation: e.activation,
    ...(hasPeer(e.kind) ? { waker: e.waker ?? 0 } : {}),
    ...(e.payload !== undefined ? { payload: e.payload } : {}),
  };
}

/**
 * The structured counterexample of a failed program check (a property suite's shrunk program, a failed
 * regression): the source as it ran, the expected (model) and actual (tracer) events and outcomes, and the
 * index of the first violation in the actual trace.
 * @param check - a failed {@link ProgramCheck} that has a trace (no `verdict`)
 * @returns the counterexample; `firstViolation` is the lowest `eventIndex` >= 0 of the violations, else -1
 *   when one is at the end of the trace, else absent
 */
export function counterexampleOf(check: ProgramCheck): ReportCounterexample {
  const program = programSource(check);
  const indexes = check.violations.map((v) => v.eventIndex);
  const named = indexes.filter((i) => i >= 0);
  const first = named.length > 0 ? Math.min(...named) : indexes.includes(-1) ? -1 : undefined;
  return {
    language: program.language,
    source: program.text.trimEnd(),
    ...(check.schedule !== undefined ? { schedule: check.schedule } : {}),
    expected: { events: check.expected.events.map(reportEvent), outcome: formatOutcome(check.expected.outcome) },
    actual: { events: check.actual.events.map(reportEvent), outcome: formatOutcome(check.actual.outcome) },
    ...(first !== undefined ? { firstViolation: first } : {}),
  };
}

/**
 * Semantic coverage as the report keeps it (plain objects, in table order, as `--coverage-json` writes it).
 * @param coverage - `CoverageCounter.snapshot()`
 */
export function reportCoverage(coverage: SemanticCoverage): ReportCoverage {
  return {
    programs: coverage.programs,
    rows: Object.fromEntries(coverage.rows),
    statements: Object.fromEntries(coverage.statements),
    rules: Object.fromEntries(coverage.rules),
  };
}
