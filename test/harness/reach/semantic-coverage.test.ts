import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CoverageCounter, statementKindsOf } from '../../../harness/reach/semantic-coverage.ts';
import { ModelAmbiguityError, ModelBudgetError, modelTrace } from '../../../harness/model/model.ts';
import { SEMANTIC_ROWS, type SemanticRowId } from '../../../harness/model/semantic-rows.ts';
import { programArbitrary } from '../../../harness/program/arbitrary.ts';
import { validateProgram } from '../../../harness/program/validate.ts';
import { type Judged, runProgramProperty } from '../../../harness/properties/program-property.ts';
import type { Program } from '../../../harness/program/ast.ts';

const golden = (name: string): Program => validateProgram(JSON.parse(readFileSync(`golden/programs/${name}.json`, 'utf8')));
const rowsOf = (name: string): string[] => [...modelTrace(golden(name)).rows.keys()];

describe('semantic rows counted by the model', () => {
  it('should count the yield* rows of a throw into a generator suspended in yield*', () => {
    expect(rowsOf('yield-star-throw-caught-by-inner')).toEqual(expect.arrayContaining(['yield*/suspend', 'yield*/throw', 'gen/throw']));
    expect(rowsOf('yield-star-throw-caught-by-inner')).not.toContain('sync/unwind');
  });

  it('should count a return() whose finally throws as return-then-unwind, not as a plain return', () => {
    const rows = rowsOf('gen-return-finally-throws');
    expect(rows).toContain('gen/return-then-unwind');
    expect(rows).not.toContain('gen/return-then-yield');
  });

  it('should count re-entry and calls on finished generators as the rows that record nothing', () => {
    expect(rowsOf('gen-reenter-next-caught')).toContain('gen/reenter');
    expect(rowsOf('gen-finished-throw-next')).toContain('gen/finished');
    expect(rowsOf('gen-unstarted-throw-return')).toContain('gen/not-started');
    expect(rowsOf('gen-left-suspended')).toContain('gen/left-suspended');
    expect(rowsOf('sync-call-return')).toEqual(['sync/return']);
  });

  it('should count wakes and awaits by who settles the promise', () => {
    expect(rowsOf('async-chain')).toEqual(expect.arrayContaining(['async/call', 'async/await-resume', 'wake/by-activation', 'await/on-activation']));
    expect(rowsOf('async-await-tick')).toEqual(expect.arrayContaining(['wake/by-unknown', 'await/on-unknown']));
    expect(rowsOf('async-await-tick')).not.toContain('wake/by-activation');
    expect(rowsOf('async-reject-caught')).toContain('async/await-throw');
  });

  it('should name only rows of the table', () => {
    const ids = new Set<string>(SEMANTIC_ROWS.map((r) => r.id));
    expect(ids.size).toBe(SEMANTIC_ROWS.length);
    for (const name of ['yield-star-two-levels', 'asyncgen-for-await-two', 'for-of-break-finally-yields', 'async-all-one-rejects']) {
      for (const row of rowsOf(name)) expect(ids).toContain(row);
    }
  });
});

describe('CoverageCounter', () => {
  it('should count programs per row and statement kind, not hits', () => {
    const c = new CoverageCounter();
    const p = golden('yield-star-two-levels');
    c.addProgram(p, new Map([['gen/yield', 7]]));
    c.addProgram(p, new Map([['gen/yield', 1], ['gen/throw', 0]]));
    const s = c.snapshot();
    expect(s.programs).toBe(2);
    expect(s.rows.get('gen/yield')).toBe(2);
    expect(s.rows.get('gen/throw')).toBe(0);
    expect(s.rows.size).toBe(SEMANTIC_ROWS.length);
    for (const kind of statementKindsOf(p)) expect(s.statements.get(kind)).toBe(2);
  });

  it('should count each rule once per rejected input and list declared rules never reported as 0', () => {
    const c = new CoverageCounter();
    c.declareRules(['wake/missing', 'exact/event-not-current']);
    c.addRejection(['wake/missing', 'wake/missing', 'lifecycle/not-finished']);
    expect(Object.fromEntries(c.snapshot().rules)).toEqual({ 'exact/event-not-current': 0, 'lifecycle/not-finished': 1, 'wake/missing': 1 });
  });

  it('should split statement kinds by what they await, drive and handle', () => {
    const kinds = statementKindsOf({
      functions: [
        { name: 'main', kind: 'async', body: [{ op: 'await', what: { kind: 'tick' } }, { op: 'drive', fn: 'g1', steps: [{ method: 'next' }, { method: 'throw', tag: 'E1' }] }, { op: 'try', body: [], finally: [] }] },
        { name: 'g1', kind: 'generator', body: [] },
      ],
    });
    expect(kinds).toEqual(['await tick', 'drive next', 'drive throw', 'try finally']);
  });
});

/** A program judged by the model alone: the rows it applied. */
interface Modelled extends Judged {
  readonly rows: ReadonlyMap<SemanticRowId, number>;
}

/**
 * The programs a default `check --seed s` judges: the same arbitraries (swarm testing on, as `runProperty`
 * sets it) under the same property shape (a program and a scheduler), run through the model alone.
 */
async function defaultRunCoverage(seed: number): Promise<Map<string, number>> {
  const counter = new CoverageCounter();
  for (const arbitrary of [{ async: false, swarm: true }, { entry: 'async' as const, swarm: true }]) {
    await runProgramProperty<Modelled>({
      runs: 500,
      seed,
      programs: programArbitrary(arbitrary),
      onJudged: (c) => counter.addProgram(c.program, c.rows),
      check: async (program) => {
        try {
          return { ok: true, program, rows: modelTrace(program).rows } satisfies Modelled;
        } catch (error) {
          if (error instanceof ModelBudgetError || error instanceof ModelAmbiguityError) return { skipped: 'model' };
          throw error;
        }
      },
    });
  }
  return new Map(counter.snapshot().rows);
}

describe('a default check run (500 + 500 programs)', () => {
  for (const seed of [1, 2, 3, 4, 5]) {
    it(`should hit every row of the event-semantics table in at least 5 programs for seed ${seed}`, async () => {
      const rows = await defaultRunCoverage(seed);
      const short = [...rows].filter(([, n]) => n < 5);
      expect(short).toEqual([]);
    });
  }
});
