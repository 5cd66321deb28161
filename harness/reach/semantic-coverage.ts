import type { Program, Stmt } from '../program/ast.ts';
import { SEMANTIC_ROWS, type SemanticRowId } from '../model/semantic-rows.ts';

/**
 * The statement kinds the property suites generate: every `op` of the AST, `await` by what it awaits and
 * `drive` by its methods (observe-only kinds appear when a run generates them).
 */
export const STATEMENT_KINDS = [
  'call', 'yield', 'yield*', 'for-of', 'for-of break', 'drive next', 'drive throw', 'drive return', 'try catch', 'try finally',
  'throw', 'return', 'reenter next', 'reenter throw', 'reenter return', 'await call', 'await value', 'await reject', 'await tick',
  'await all', 'await race', 'await slot', 'start', 'for-await', 'event',
] as const;

/**
 * Semantic coverage of one `check` run (issue 13): for each row of the event-semantics table, the number
 * of judged programs whose model applied it; for each statement kind, the programs that hold it; for each
 * validator rule, the negative inputs that made a validator report it.
 */
export interface SemanticCoverage {
  /** Programs judged (skipped ones and shrink steps excluded). */
  readonly programs: number;
  /** Programs that hit each row, by row id, in table order (rows never hit are 0). */
  readonly rows: ReadonlyMap<SemanticRowId, number>;
  /** Programs that hold each statement kind ({@link STATEMENT_KINDS} first, then any other kind seen). */
  readonly statements: ReadonlyMap<string, number>;
  /** Negative inputs that a validator rejected with each rule. */
  readonly rules: ReadonlyMap<string, number>;
}

/** Accumulates {@link SemanticCoverage} over the parts of a run. */
export class CoverageCounter {
  private programs = 0;
  private readonly rows = new Map<SemanticRowId, number>(SEMANTIC_ROWS.map((r) => [r.id, 0]));
  private readonly statements = new Map<string, number>(STATEMENT_KINDS.map((k) => [k, 0]));
  private readonly rules = new Map<string, number>();

  /**
   * One judged program.
   * @param program - the program
   * @param rows - how often the model applied each row while predicting its trace (`ModelResult.rows`)
   */
  addProgram(program: Program, rows: ReadonlyMap<SemanticRowId, number>): void {
    this.programs++;
    for (const [row, n] of rows) if (n > 0) this.rows.set(row, (this.rows.get(row) ?? 0) + 1);
    for (const kind of statementKindsOf(program)) this.statements.set(kind, (this.statements.get(kind) ?? 0) + 1);
  }

  /** A negative input that a validator rejected with these rules (each counted once). */
  addRejection(rules: Iterable<string>): void {
    for (const rule of new Set(rules)) this.rules.set(rule, (this.rules.get(rule) ?? 0) + 1);
  }

  /** Declares rules a run checks, so one never reported shows as 0. */
  declareRules(rules: Iterable<string>): void {
    for (const rule of rules) if (!this.rules.has(rule)) this.rules.set(rule, 0);
  }

  /** The coverage so far. */
  snapshot(): SemanticCoverage {
    return { programs: this.programs, rows: new Map(this.rows), statements: new Map(this.statements), rules: new Map([...this.rules].sort(([a], [b]) => a.localeCompare(b))) };
  }
}

/**
 * The statement kinds of a program, nested blocks included, each once (`await` by what it awaits,
 * `drive` by method, `try` by its handlers, `for-of` with `break`).
 * @param program - a program
 * @returns the kinds, in first-seen order
 */
export function statementKindsOf(program: Program): string[] {
  const kinds = new Set<string>();
  const walk = (body: readonly Stmt[]): void => {
    for (const s of body) {
      switch (s.op) {
        case 'await':
          kinds.add(`await ${s.what.kind}`);
          break;
        case 'drive':
          for (const step of s.steps) kinds.add(`drive ${step.method}`);
          break;
        case 'reenter':
          kinds.add(`reenter ${s.method}`);
          break;
        case 'try':
          if (s.catch !== undefined) kinds.add('try catch');
          if (s.finally !== undefined) kinds.add('try finally');
          walk(s.body);
          if (s.catch) walk(s.catch);
          if (s.finally) walk(s.finally);
          break;
        case 'for-of':
          kinds.add(s.breakAfter === undefined ? 'for-of' : 'for-of break');
          walk(s.body);
          break;
        case 'for-await':
          kinds.add('for-await');
          walk(s.body);
          break;
        default:
          kinds.add(s.op);
      }
    }
  };
  for (const f of program.functions) walk(f.body);
  return [...kinds];
}
