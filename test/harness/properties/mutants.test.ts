import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkAnyProgram, checkProgram } from '../../../harness/targets/js/check-program.ts';
import { FifoScheduler } from '../../../harness/targets/js/scheduler.ts';
import type { Stmt } from '../../../harness/program/ast.ts';
import { runProperty } from '../../../harness/properties/property.ts';
import { validateProgram } from '../../../harness/program/validate.ts';
import { Tracer } from '../../../src/recorder/tracer.ts';
import { MUTANTS } from '../../fixtures/mutant-tracers.ts';

function countStatements(block: readonly Stmt[]): number {
  return block.reduce((n, s) => {
    const inner = s.op === 'try' ? [...s.body, ...(s.catch ?? []), ...(s.finally ?? [])] : s.op === 'for-of' ? s.body : [];
    return n + 1 + countStatements(inner);
  }, 0);
}

describe('the property suite against recorders with injected bugs', () => {
  it('should pass the real recorder on the same seed', async () => {
    const report = await runProperty({ runs: 300, seed: 20261121, createTracer: () => new Tracer() });
    expect(report.failure).toBeUndefined();
    expect(report.error).toBeUndefined();
    expect(report.runs).toBe(300);
  });

  for (const [name, createTracer] of Object.entries(MUTANTS)) {
    it(`should catch ${name} with a small shrunk counterexample`, async () => {
      const report = await runProperty({ runs: 2000, seed: 20261121, createTracer });
      expect(report.failure).toBeDefined();
      const { check, path } = report.failure!;
      expect(check.ok).toBe(false);
      expect(check.violations.length).toBeGreaterThan(0);
      // Shrinking leaves a program a person can read: a handful of statements.
      const size = check.program.functions.reduce((n, f) => n + countStatements(f.body), 0);
      expect(size).toBeLessThanOrEqual(5);
      expect(check.program.functions.length).toBeLessThanOrEqual(3);
      // The printed replay reproduces the same counterexample.
      const replay = await runProperty({ runs: 2000, seed: report.seed, path, createTracer });
      expect(replay.failure?.check.program).toEqual(check.program);
      // And the real recorder passes that very program.
      expect((await checkAnyProgram(check.program, () => new Tracer(), new FifoScheduler())).ok).toBe(true);
    });
  }
});

describe('committed regressions (golden/regressions/)', () => {
  for (const [name, createTracer] of Object.entries(MUTANTS)) {
    it(`should keep ${name}.json failing under its bug and passing under the real recorder`, () => {
      const program = validateProgram(JSON.parse(readFileSync(`golden/regressions/${name}.json`, 'utf8')));
      expect(checkProgram(program, createTracer).ok).toBe(false);
      expect(checkProgram(program, () => new Tracer()).ok).toBe(true);
    });
  }
});
