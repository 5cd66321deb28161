import { runSpanProperty } from '../../harness/observe/span-property.ts';
import { ALL_POLICIES, formatPolicies, resolvePolicies, type SpanTracerModule } from '../../harness/observe/span-tracer.ts';
import { programText } from './program-text.ts';

/** The fixed property run of every conformance test: same seed, same number of programs, every policy combination. */
export const CONFORMANCE_RUN = { seed: 1205, runs: 300 } as const;

/** What one policy combination gave: a pass, or the violation rules and the shrunk program of the failure. */
export interface PolicyOutcome {
  /** As `formatPolicies` writes them. */
  readonly policies: string;
  readonly pass: boolean;
  /** Failures: the distinct violation rules of the shrunk counterexample, sorted. */
  readonly rules?: readonly string[];
  /** Failures: the shrunk program (see {@link programText}). */
  readonly program?: readonly string[];
  /** Failures, in the expected file only: what the finding is and which public issue it matches. */
  readonly notes?: string;
}

/**
 * The outcome of an adapter's conformance run. The expected file (test/conformance/expected/<adapter>.json)
 * has the same shape plus what a reader needs and the comparison ignores: `summary`, `recordedWith` (the
 * versions of Node and the library it was recorded with) and `notes` on each failure.
 */
export interface ConformanceOutcome {
  readonly adapter: string;
  readonly summary?: string;
  readonly recordedWith?: Readonly<Record<string, string>>;
  readonly seed: number;
  readonly runs: number;
  /** The policies the adapter declares. */
  readonly declared: string;
  readonly outcomes: readonly PolicyOutcome[];
}

/**
 * Runs the observe-mode property on a tracer module under every policy combination (ALL_POLICIES order),
 * from {@link CONFORMANCE_RUN}'s seed. Deterministic: the programs and schedules come from the seed, and
 * nothing compared depends on span ids or timing.
 * @param adapter - the module's name (test/conformance/tracers/<adapter>.mjs)
 * @param mod - the loaded module
 * @throws Error when the property itself could not run (a harness error, not a finding)
 */
export async function conformanceOutcome(adapter: string, mod: SpanTracerModule): Promise<ConformanceOutcome> {
  const outcomes: PolicyOutcome[] = [];
  for (const policies of ALL_POLICIES) {
    const report = await runSpanProperty({ ...CONFORMANCE_RUN, createTracer: mod.createTracer, policies });
    if (report.error !== undefined) throw new Error(`${adapter} under ${formatPolicies(policies)}: the property did not run: ${String(report.error)}`);
    const check = report.failure?.check;
    outcomes.push(
      check === undefined
        ? { policies: formatPolicies(policies), pass: true }
        : { policies: formatPolicies(policies), pass: false, rules: [...new Set(check.violations.map((v) => v.rule))].sort(), program: programText(check.program) },
    );
  }
  return { adapter, ...CONFORMANCE_RUN, declared: formatPolicies(resolvePolicies(mod.policies)), outcomes };
}

/** An expected outcome without what the comparison ignores (summary, versions, notes): what {@link conformanceOutcome} must equal. */
export function comparable(expected: ConformanceOutcome): ConformanceOutcome {
  const { summary: _summary, recordedWith: _recordedWith, ...rest } = expected;
  return { ...rest, outcomes: expected.outcomes.map(({ notes: _notes, ...row }) => row) };
}
