// The structured result of one `check` run: what every reporter (json, junit, github, html, pretty) renders.
// Its JSON form is versioned: src/cli/reporters/check-report.v1.schema.json (README "Reporters").

/** The `schema` field of a JSON report: names the format; {@link CHECK_REPORT_VERSION} versions it. */
export const CHECK_REPORT_SCHEMA = 'trace-harness/check-report';

/**
 * The version of the JSON report format. A change that removes or retypes a field raises it; adding an optional
 * field does not. @defaultValue 1
 */
export const CHECK_REPORT_VERSION = 1;

/** One violation of a trace rule, as validators return it (see `Violation`), without the event objects. */
export interface ReportViolation {
  /** The rule, e.g. `model/mismatch`, `span/parent`. */
  readonly rule: string;
  /** Index of the event in the trace; -1 for the end of the trace; absent for a span-tree problem. */
  readonly eventIndex?: number;
  /** Lowercase "want X, got Y". */
  readonly message: string;
}

/**
 * One event of a counterexample's trace, in canonical form (activations renumbered from 1 in order of first
 * appearance, as goldens store them): what the html reporter draws as swimlanes.
 */
export interface ReportEvent {
  /** The kind's name: `call`, `return`, `yield`, `resume`, `throw`, `unwind`, `wake`, `await`, `event`, ... (src/model/kinds.ts). */
  readonly kind: string;
  /** The function name (a user event's type for `event`). */
  readonly code: string;
  /** The activation, from 1; 0 for a record of no activation (`dropped`, a user event outside any function). */
  readonly activation: number;
  /**
   * The second number of `wake` (the waker activation), `await` and `pending` (the awaited activation), 0 when
   * unknown; the count or id of `dropped`, `checkpoint`, `recovery`. Absent for the other kinds.
   */
  readonly waker?: number;
  /** The value summary or user-event payload, JSON text, when the trace has one. */
  readonly payload?: string;
}

/** A trace of a counterexample: its events and how the program ended. */
export interface ReportTrace {
  readonly events: readonly ReportEvent[];
  /** `return` or `throw <tag>` (harness/program/ast.ts `formatOutcome`). */
  readonly outcome: string;
}

/**
 * The shrunk program of a failed program check, structured: the source that ran and the expected (model) vs
 * actual (tracer) traces, so a reporter can draw them (the html reporter's swimlanes). The same failure as
 * text is the part's `output` or the case's `details`.
 */
export interface ReportCounterexample {
  /** The language the source is in: `JavaScript`, or `Python` for a `--tracer-cmd` adapter. */
  readonly language: string;
  /** The program as it ran under the tracer. */
  readonly source: string;
  /** For a program with async functions: the order the scheduler released its timer ticks. */
  readonly schedule?: string;
  /**
   * For a failed golden: the golden file (e.g. `traces/gen-basic.trace`) whose stored trace is `expected`;
   * `actual` is the trace the run produced. Absent for a program check.
   */
  readonly golden?: string;
  /** What the model predicts (a golden's stored trace). With a `schedule`, in the model's own order (it is compared per activation). */
  readonly expected: ReportTrace;
  /** What the tracer recorded (what the run produced, for a golden). */
  readonly actual: ReportTrace;
  /**
   * Index into `actual.events` of the first violation: the lowest `eventIndex` of the violations, -1 when the
   * only violations are at the end of the trace; absent when none names an event.
   */
  readonly firstViolation?: number;
}

/**
 * Semantic coverage of a run (README "Semantic coverage"), as `--coverage-json` writes it: each map in table
 * order, its values counts.
 */
export interface ReportCoverage {
  /** Programs judged (skipped ones and shrink steps excluded). */
  readonly programs: number;
  /** Judged programs whose model applied each row of the event-semantics table, by row id (`sync/return`, ...). */
  readonly rows: Readonly<Record<string, number>>;
  /** Judged programs that hold each statement kind (`yield*`, `await race`, ...). */
  readonly statements: Readonly<Record<string, number>>;
  /** Negative inputs a validator rejected with each rule. */
  readonly rules: Readonly<Record<string, number>>;
}

/** One item of a corpus part: a golden or a committed regression program. */
export interface ReportCase {
  /** Relative path inside the golden directory, e.g. `traces/gen-basic.trace`. */
  readonly file: string;
  /** Absolute (or as given) path of the file, for annotations. */
  readonly path: string;
  readonly kind: 'positive' | 'negative' | 'regression';
  readonly ok: boolean;
  readonly skipped: boolean;
  /** Why it was skipped, e.g. `need event`. */
  readonly skipReason?: string;
  /** One line: why it failed. */
  readonly message?: string;
  /** Plain text (no colour): the diff of stored vs produced trace, the counterexample. */
  readonly details?: string;
  readonly violations?: readonly ReportViolation[];
  /** A failed regression program or positive golden, structured (the same failure as `details` text). */
  readonly counterexample?: ReportCounterexample;
}

/** One part of `check`: a property suite (`generators`, `spans`, `wire`, ...), a corpus (`goldens`), or the tracer probe. */
export interface ReportPart {
  /** `regressions`, `generators`, `coroutines`, `spans`, `wire`, `retention`, `recovery`, `recording`, `streams`, `negative`, `goldens`, `python goldens`, `differential`, `tracer`. */
  readonly name: string;
  readonly kind: 'property' | 'corpus' | 'tracer';
  readonly ok: boolean;
  /** fast-check seed of a property part. */
  readonly seed?: number;
  /** Cases a property part ran (programs, traces, recordings). */
  readonly runs?: number;
  /** Wall time of the part, ms (a corpus part: reading and checking its files). */
  readonly elapsedMs?: number;
  /** The command that replays a failure, e.g. `npx trace-harness check --suite generators --seed 5 --path 3:0`. */
  readonly replay?: string;
  /** One line: why it failed. */
  readonly message?: string;
  /** Violations of the shrunk counterexample of a failed property part. */
  readonly violations?: readonly ReportViolation[];
  /** The shrunk counterexample of a failed program suite, structured (the same failure as `output` text). */
  readonly counterexample?: ReportCounterexample;
  /** Goldens or regressions of a corpus part; empty for a property part. */
  readonly cases: readonly ReportCase[];
  /** Everything the part printed, plain text: the counterexample of a failure. */
  readonly output: string;
}

/** One thing `check` left out, and why (as the summary's `skipped:` line). */
export interface ReportSkip {
  readonly part: string;
  readonly reason: string;
  readonly count?: number;
}

/** A whole `check` run (or a merge of shard runs). Its JSON form is `src/cli/reporters/check-report.v1.schema.json`. */
export interface CheckReport {
  readonly schema: typeof CHECK_REPORT_SCHEMA;
  readonly schemaVersion: typeof CHECK_REPORT_VERSION;
  readonly tool: { readonly name: 'trace-harness'; readonly version: string };
  /** The arguments after `trace-harness`, e.g. `["check", "--runs", "100"]`. */
  readonly argv: readonly string[];
  /** The tracer checked: `this package`, `--tracer ./t.mjs`, `--tracer-cmd ...`. */
  readonly tracer: string;
  /** The shard this run was (`--shard i/n`), absent for a whole run. */
  readonly shard?: { readonly index: number; readonly count: number };
  /** 0 passed, 1 a check failed, 2 the tracer or adapter is unusable. */
  readonly exitCode: number;
  readonly ok: boolean;
  readonly parts: readonly ReportPart[];
  readonly skipped: readonly ReportSkip[];
  /** What the random programs reached and the negative goldens were rejected with; absent on paths that do not count it. */
  readonly coverage?: ReportCoverage;
}
