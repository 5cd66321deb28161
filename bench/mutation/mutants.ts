/**
 * Reading a StrykerJS JSON report (the mutation-testing-report-schema, version 1 or 2) into the few fields
 * the mutation report needs (issue 13 part 7), with a key per mutant that survives line moves elsewhere.
 * @module
 */

/** A mutant's status as Stryker reports it. */
export type MutantStatus = 'Killed' | 'Survived' | 'NoCoverage' | 'Timeout' | 'CompileError' | 'RuntimeError' | 'Ignored' | 'Pending';

/** One mutant of the report. */
export interface Mutant {
  /** Source file, relative to the project root (`src/check/seq.ts`). */
  readonly file: string;
  /** 1-based line and column of the mutated code. */
  readonly line: number;
  readonly column: number;
  /** Stryker's mutator name (`ConditionalExpression`, `EqualityOperator`, ...). */
  readonly mutator: string;
  /** The code the mutant puts in place, on one line. */
  readonly replacement: string;
  readonly status: MutantStatus;
  /**
   * The key a reason is filed under in `reasons.json`: file, mutator, replacement and the mutated source
   * line's text (not its number, so an edit above does not orphan the reason).
   */
  readonly key: string;
}

/** The shape of the JSON report that is read (the rest is ignored). */
interface StrykerReport {
  readonly files: Record<string, {
    readonly source: string;
    readonly mutants: readonly {
      readonly mutatorName: string;
      readonly replacement?: string;
      readonly status: MutantStatus;
      readonly location: { readonly start: { readonly line: number; readonly column: number } };
    }[];
  }>;
}

/**
 * The mutants of a StrykerJS JSON report.
 * @param json - the report's text (`reports/mutation/mutation.json` or the `jsonReporter.fileName`)
 * @throws Error when the text is not a report: no `files` object, or a file without `mutants`
 */
export function readMutants(json: string): Mutant[] {
  const report = JSON.parse(json) as StrykerReport;
  if (report === null || typeof report !== 'object' || typeof report.files !== 'object') throw new Error('not a StrykerJS JSON report: no "files" object');
  const out: Mutant[] = [];
  for (const [file, entry] of Object.entries(report.files)) {
    if (!Array.isArray(entry.mutants)) throw new Error(`not a StrykerJS JSON report: ${file} has no "mutants" array`);
    const lines = entry.source.split('\n');
    for (const m of entry.mutants) {
      const { line, column } = m.location.start;
      const replacement = (m.replacement ?? '').replace(/\s+/g, ' ').trim();
      const text = (lines[line - 1] ?? '').trim();
      out.push({ file, line, column, mutator: m.mutatorName, replacement, status: m.status, key: `${file} | ${m.mutatorName} | ${replacement} | ${text}` });
    }
  }
  return out.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column));
}

/** Detected, undetected and invalid mutants, and the score Stryker prints. */
export interface Score {
  readonly killed: number;
  readonly timeout: number;
  readonly survived: number;
  readonly noCoverage: number;
  /** Compile and runtime errors: not counted in the score (Stryker's rule). */
  readonly invalid: number;
  /** (killed + timeout) / (killed + timeout + survived + no coverage), percent; NaN with no valid mutant. */
  readonly score: number;
}

/**
 * Stryker's mutation score of some mutants: detected over valid, ignored and errors left out.
 * @param mutants - any subset of a report
 */
export function scoreOf(mutants: readonly Mutant[]): Score {
  const count = (s: MutantStatus): number => mutants.filter((m) => m.status === s).length;
  const killed = count('Killed');
  const timeout = count('Timeout');
  const survived = count('Survived');
  const noCoverage = count('NoCoverage');
  const valid = killed + timeout + survived + noCoverage;
  return { killed, timeout, survived, noCoverage, invalid: count('CompileError') + count('RuntimeError'), score: valid === 0 ? Number.NaN : (100 * (killed + timeout)) / valid };
}
