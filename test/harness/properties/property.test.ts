import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { programArbitrary } from '../../../harness/program/arbitrary.ts';
import { checkAnyProgram } from '../../../harness/targets/js/check-program.ts';
import { ModelAmbiguityError, ModelBudgetError, modelTrace } from '../../../harness/model/model.ts';
import { runProperty } from '../../../harness/properties/property.ts';
import { validateProgram } from '../../../harness/program/validate.ts';
import { LifecycleValidator } from '../../../src/check/lifecycle.ts';
import { runValidators } from '../../../src/check/run.ts';
import { StackBalanceValidator } from '../../../src/check/stack-balance.ts';
import { Tracer } from '../../../src/recorder/tracer.ts';

describe('the property suite', () => {
  it('should find the recorder equal to the model on 500 random programs, async ones under every schedule', async () => {
    await fc.assert(
      fc.asyncProperty(programArbitrary(), fc.scheduler(), async (program, scheduler) => {
        let check;
        try {
          check = await checkAnyProgram(program, () => new Tracer(), scheduler);
        } catch (e) {
          fc.pre(!(e instanceof ModelAmbiguityError));
          throw e;
        }
        expect(check.violations).toEqual([]);
        expect(check.actual.outcome.kind).toBe(check.expected.outcome.kind);
      }),
      { numRuns: 500, seed: 1 },
    );
  });

  it('should keep the model honest: its traces are balanced with valid lifecycles', () => {
    fc.assert(
      fc.property(programArbitrary({ maxFunctions: 4, maxDepth: 3 }), (program) => {
        let events;
        try {
          events = modelTrace(program).events;
        } catch (e) {
          fc.pre(!(e instanceof ModelAmbiguityError));
          throw e;
        }
        expect(events[0]).toEqual({ kind: 1, activation: 1, code: 'main', flags: 0 });
        expect(runValidators(events, [new StackBalanceValidator(), new LifecycleValidator()])).toEqual([]);
      }),
      { numRuns: 300, seed: 2 },
    );
  });

  it('should report runs, seed and a positive programs/s rate', async () => {
    const report = await runProperty({ runs: 50, seed: 99, createTracer: () => new Tracer() });
    expect(report).toMatchObject({ runs: 50, seed: 99, skipped: 0 });
    expect(report.programsPerSecond).toBeGreaterThan(0);
    await expect(runProperty({ runs: 0, createTracer: () => new Tracer() })).rejects.toThrow('runProperty: runs must be a positive integer, got 0');
  });

  it('should report a tracer that cannot be made as a named verdict rather than crash', async () => {
    const report = await runProperty({
      runs: 10,
      seed: 3,
      createTracer: () => {
        throw new Error('cannot start');
      },
    });
    expect(report.error).toBeUndefined();
    expect(report.failure?.check.verdict).toEqual({ rule: 'tracer/create-threw', line: 'tracer/create-threw: want createTracer() to return a tracer, got a throw of Error: cannot start', unusable: true });
  });
});

describe('programArbitrary', () => {
  it('should generate only valid programs, deterministically for a seed', () => {
    const a = fc.sample(programArbitrary(), { numRuns: 200, seed: 5 });
    const b = fc.sample(programArbitrary(), { numRuns: 200, seed: 5 });
    expect(a).toEqual(b);
    for (const p of a) expect(validateProgram(p)).toBe(p);
  });

  it('should stay within its bounds', () => {
    for (const p of fc.sample(programArbitrary({ maxFunctions: 2, maxStatements: 1, maxDepth: 0 }), { numRuns: 200, seed: 6 })) {
      expect(p.functions.length).toBeLessThanOrEqual(2);
      for (const f of p.functions) {
        expect(f.body.length).toBeLessThanOrEqual(1);
        for (const s of f.body) expect(['try', 'for-of']).not.toContain(s.op);
      }
    }
    expect(() => programArbitrary({ maxFunctions: 0 })).toThrow(RangeError);
    expect(() => programArbitrary({ maxDepth: 16 })).toThrow('programArbitrary: maxDepth must be in 0..15, got 16');
  });

  it('should keep large configurations within the validator limits', () => {
    // 8 functions of up to 6 statements nested 4 deep can exceed 2000 statements before truncation.
    for (const p of fc.sample(programArbitrary({ maxFunctions: 8, maxStatements: 6, maxDepth: 4 }), { numRuns: 300, seed: 1 })) {
      expect(validateProgram(p)).toBe(p);
    }
  });

  it('should cover every generator and coroutine path of DESIGN §3 in a default run of both suites', () => {
    const seen = new Set<string>();
    const programs = [...fc.sample(programArbitrary({ async: false }), { numRuns: 500, seed: 8 }), ...fc.sample(programArbitrary({ entry: 'async' }), { numRuns: 1500, seed: 8 })];
    for (const p of programs) {
      let result;
      try {
        result = modelTrace(p);
      } catch (e) {
        if (e instanceof ModelAmbiguityError || e instanceof ModelBudgetError) continue;
        throw e;
      }
      for (const e of result.events) seen.add(`${e.kind}:${e.flags}`);
      for (const f of p.functions) if (f.kind === 'asyncGenerator' && result.events.some((e) => e.code === f.name && e.flags === 1)) seen.add('async generator closed by return()');
      if (result.outcome.kind === 'throw') seen.add(`outcome:${result.outcome.tag === 'TypeError' ? 'TypeError' : 'tag'}`);
    }
    // call, return, yield, resume, resume-return, throw, unwind, wake and await (sure and maybe), user events,
    // an async generator closed by a for-await break, both uncaught outcomes. (An `await?` the schedule
    // decides comes in about 1 of 300 coroutine programs: 1500 are sampled.)
    expect([...seen].sort()).toEqual(
      ['1:0', '2:0', '3:0', '4:0', '4:1', '5:0', '6:0', '7:0', '7:128', '13:0', '13:128', '14:0', 'async generator closed by return()', 'outcome:TypeError', 'outcome:tag'].sort(),
    );
  });
});

describe('modelTrace', () => {
  it('should stop with ModelBudgetError past its event budget', () => {
    const p = { functions: [{ name: 'main', kind: 'sync' as const, body: [{ op: 'call' as const, fn: 'f' }, { op: 'call' as const, fn: 'f' }] }, { name: 'f', kind: 'sync' as const, body: [] }] };
    expect(modelTrace(p, 6).events).toHaveLength(6);
    expect(() => modelTrace(p, 5)).toThrow(ModelBudgetError);
  });
});
