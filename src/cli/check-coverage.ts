// Semantic coverage in `check` (issue 13): the compact table every run prints, the full one of
// `--coverage`, the JSON of `--coverage-json`, the `--min-row-hits` verdict and the rule minimum.
import { writeFileSync } from 'node:fs';
import kleur from 'kleur';
import type { SemanticCoverage } from '../../harness/reach/semantic-coverage.ts';
import { SEMANTIC_ROWS } from '../../harness/model/semantic-rows.ts';
import type { CheckIo } from './check.ts';

/**
 * The row minimum `check` enforces when `--min-row-hits` is not given, and only after a full default run
 * (both suites, at least 500 programs each, none failed): every row of the event-semantics table in at
 * least one judged program. The rarest row (the `g.throw()` into a `yield*` one) is hit by about 0.6–1% of the programs, so a
 * default run of 1000 misses it with a probability near e^-6..e^-10; a test pins >= 5 for seeds 1..5.
 */
export const DEFAULT_MIN_ROW_HITS = 1;

/** The verdict rule of a row hit by fewer programs than the minimum. */
export const ROW_BELOW_MINIMUM = 'coverage/row-below-minimum';

/**
 * The rule minimum `check` enforces after a full default run whose `negative` part reached every family and
 * passed: every rule of `NEGATIVE_INPUT_RULES` (`harness/reach/validator-rules.ts`) rejected by at least one negative input (a negative golden
 * or a generated one).
 */
export const DEFAULT_MIN_RULE_HITS = 1;

/** The verdict rule of a validator rule rejected by fewer negative inputs than the minimum. */
export const RULE_BELOW_MINIMUM = 'coverage/rule-below-minimum';

/** A row below the minimum: its id and the programs that hit it. */
export interface RowShortfall {
  readonly row: string;
  readonly hits: number;
}

/**
 * The rows hit by fewer than `min` programs, rarest first.
 * @param coverage - the run's coverage
 * @param min - programs each row needs, >= 0
 * @returns the shortfalls, empty when every row meets `min`
 */
export function rowShortfalls(coverage: SemanticCoverage, min: number): RowShortfall[] {
  return [...coverage.rows].filter(([, n]) => n < min).map(([row, hits]) => ({ row, hits })).sort((a, b) => a.hits - b.hits);
}

/**
 * Prints the coverage: compact (one line each for rows, statement kinds and validator rules, naming the
 * rarest) or `full` (a table of every row, kind and rule with its count).
 * @param coverage - the run's coverage
 * @param full - print every entry (`--coverage`)
 */
export function printCoverage(coverage: SemanticCoverage, full: boolean, io: CheckIo): void {
  const rarest = (m: ReadonlyMap<string, number>, n: number): string =>
    [...m].sort((a, b) => a[1] - b[1]).slice(0, n).map(([k, v]) => `${k} ${v}`).join(', ');
  const hit = (m: ReadonlyMap<string, number>): number => [...m.values()].filter((v) => v > 0).length;
  const { rows, statements, rules } = coverage;
  io.out(`${kleur.bold('coverage')}  ${coverage.programs} judged programs: ${hit(rows)}/${rows.size} event-semantics rows hit (fewest programs: ${rarest(rows, 3)}); ${hit(statements)}/${statements.size} statement kinds (fewest: ${rarest(statements, 2)}); ${hit(rules)}/${rules.size} validator rules rejected by negative inputs`);
  if (!full) {
    io.out(`          the full table: --coverage`);
    return;
  }
  const situation = new Map<string, string>(SEMANTIC_ROWS.map((r) => [r.id, r.situation]));
  const width = Math.max(...[...rows.keys(), ...statements.keys(), ...rules.keys()].map((k) => k.length));
  io.out(`  ${'row'.padEnd(width)}  programs  situation (README "Event semantics")`);
  for (const [row, n] of rows) io.out(`  ${row.padEnd(width)}  ${String(n).padStart(8)}  ${situation.get(row) ?? ''}`);
  io.out(`  ${'statement kind'.padEnd(width)}  programs`);
  for (const [kind, n] of statements) io.out(`  ${kind.padEnd(width)}  ${String(n).padStart(8)}`);
  io.out(`  ${'validator rule'.padEnd(width)}  negative inputs rejected with it`);
  for (const [rule, n] of rules) io.out(`  ${rule.padEnd(width)}  ${String(n).padStart(8)}`);
}

/**
 * The `--min-row-hits` verdict: prints a named failure for every row below `min`.
 * @returns true when a row is below `min`
 */
export function printRowVerdict(coverage: SemanticCoverage, min: number, io: CheckIo): boolean {
  const short = rowShortfalls(coverage, min);
  for (const s of short) io.out(`  ${kleur.red('FAIL')}  ${ROW_BELOW_MINIMUM}: ${s.row} hit by ${s.hits} programs, want >= ${min} (--min-row-hits ${min})`);
  return short.length > 0;
}

/**
 * The rule minimum's verdict: prints a named failure for every validator rule rejected by fewer than `min`
 * negative inputs.
 * @returns true when a rule is below `min`
 */
export function printRuleVerdict(coverage: SemanticCoverage, min: number, io: CheckIo): boolean {
  const short = [...coverage.rules].filter(([, n]) => n < min).sort((a, b) => a[1] - b[1]);
  for (const [rule, n] of short) io.out(`  ${kleur.red('FAIL')}  ${RULE_BELOW_MINIMUM}: ${rule} rejected by ${n} negative inputs, want >= ${min}`);
  return short.length > 0;
}

/**
 * The coverage as JSON: `{ programs, minRowHits, rows: {id: programs}, statements: {kind: programs}, rules: {rule: inputs} }`.
 * @param file - where to write it
 */
export function writeCoverageJson(file: string, coverage: SemanticCoverage, minRowHits: number | undefined): void {
  const json = {
    programs: coverage.programs,
    minRowHits: minRowHits ?? null,
    rows: Object.fromEntries(coverage.rows),
    statements: Object.fromEntries(coverage.statements),
    rules: Object.fromEntries(coverage.rules),
  };
  writeFileSync(file, `${JSON.stringify(json, null, 2)}\n`);
}
