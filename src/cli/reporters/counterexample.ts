// A failed program check as the report's structured counterexample: the source and both traces as data.
import { type GoldenResult, readProgram } from '../../../harness/goldens/golden.ts';
import { formatOutcome } from '../../../harness/program/ast.ts';
import { renderProgram } from '../../../harness/targets/js/compile.ts';
import { parseCanonical } from '../../formats/text.ts';
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

/** The first index where two traces differ (by their canonical text); undefined when they are equal. */
function firstDifference(a: readonly CanonicalEvent[], b: readonly CanonicalEvent[]): number | undefined {
  const key = (e: CanonicalEvent | undefined): string => (e === undefined ? '' : JSON.stringify([e.kind, e.code, e.activation, e.waker ?? 0, e.flags]));
  for (let i = 0; i < Math.max(a.length, b.length); i++) if (key(a[i]) !== key(b[i])) return i;
  return undefined;
}

/**
 * The structured counterexample of a failed positive golden: its program (from `programs/<name>.json`), the
 * stored trace as `expected` and the produced one as `actual` (`golden` names the file), the first violation
 * at the lowest violation index, else where the two traces first differ.
 * @param r - a golden result
 * @param programs - the golden directory's programs, by name (`GoldenFiles.programs`)
 * @returns the counterexample; undefined for a result that passed, is not a positive golden with both
 *   traces, or whose program or traces cannot be read
 */
export function goldenCounterexample(r: GoldenResult, programs: ReadonlyMap<string, string>): ReportCounterexample | undefined {
  if (r.ok || r.kind !== 'positive' || r.stored === undefined || r.produced === undefined) return undefined;
  const name = r.file.replace(/^traces\//, '').replace(/\.trace$/, '');
  const text = programs.get(name);
  if (text === undefined) return undefined;
  try {
    const stored = parseCanonical(r.stored);
    const produced = parseCanonical(r.produced);
    const named = (r.violations ?? []).map((v) => v.eventIndex).filter((i) => i >= 0);
    const first = named.length > 0 ? Math.min(...named) : firstDifference(stored.events, produced.events);
    return {
      language: 'JavaScript',
      source: renderProgram(readProgram(`programs/${name}.json`, text)).trimEnd(),
      golden: r.file,
      expected: { events: stored.events.map(reportEvent), outcome: stored.header.get('outcome') ?? '' },
      actual: { events: produced.events.map(reportEvent), outcome: produced.header.get('outcome') ?? '' },
      ...(first !== undefined ? { firstViolation: first } : {}),
    };
  } catch {
    return undefined; // an unreadable golden is reported as its text diff
  }
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
