import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PACKAGE_VALIDATORS, runNegativeProperty, type ValidatorsUnderTest } from '../../../harness/properties/negative-property.ts';
import type { Judgment } from '../../../harness/reach/negative-case.ts';
import { CASE_VARIANTS, generatedRules } from '../../../harness/reach/negative-traces.ts';
import { NEGATIVE_INPUT_RULES } from '../../../harness/reach/validator-rules.ts';
import { provablyValid } from '../../../src/check/fast-validate.ts';
import { LifecycleValidator } from '../../../src/check/lifecycle.ts';
import { runValidators } from '../../../src/check/run.ts';
import { SeqValidator } from '../../../src/check/seq.ts';
import { StackBalanceValidator } from '../../../src/check/stack-balance.ts';
import { validateTrace } from '../../../src/check/validate-trace.ts';
import type { CheckedEvent, Validator, Violation } from '../../../src/check/violation.ts';
import { WakeCausalityValidator } from '../../../src/check/wake-causality.ts';
import { ExactnessValidator } from '../../../src/check/exactness.ts';
import { ModelEqualityValidator } from '../../../src/check/model-equality.ts';
import { NotFinishedValidator } from '../../../src/check/not-finished.ts';
import { RecoveryValidator } from '../../../src/check/recovery.ts';
import { Trace } from '../../../src/model/trace.ts';

const failed = (validators: ValidatorsUnderTest, runs = 3 * CASE_VARIANTS.length): string[] => runNegativeProperty({ runs, seed: 1, validators }).failures.map((f) => f.variant);

/** A validator whose violations pass through `edit` (drop one rule, shift an index, change a message ...). */
class Edited implements Validator {
  constructor(
    private readonly inner: Validator,
    private readonly edit: (v: Violation[]) => Violation[],
  ) {}
  get name(): string {
    return this.inner.name;
  }
  push(e: CheckedEvent, index: number): void {
    this.inner.push(e, index);
  }
  end(): Violation[] {
    return this.edit(this.inner.end());
  }
}

const without = (rule: string) => (v: Violation[]) => v.filter((x) => x.rule !== rule);

describe('the negative-input property', () => {
  for (const seed of [1, 2, 3]) {
    it(`should pass on this package's validators for seed ${seed}, rejecting with every rule of src/check`, () => {
      const report = runNegativeProperty({ runs: 3 * CASE_VARIANTS.length, seed });
      expect(report.failures.map((f) => `${f.variant}: ${f.case?.edit ?? ''}: ${f.problems.join(' | ')}`)).toEqual([]);
      expect(report.runs).toBe(3 * CASE_VARIANTS.length);
      expect([...report.rules.keys()].sort()).toEqual([...NEGATIVE_INPUT_RULES].sort());
      for (const [rule, n] of report.rules) expect(n, rule).toBeGreaterThanOrEqual(3);
    });
  }

  it('should deal cases round robin: one per family reaches every rule, fewer reach the first families only', () => {
    const one = runNegativeProperty({ runs: CASE_VARIANTS.length, seed: 4 });
    expect(one.families).toBe(CASE_VARIANTS.length);
    expect([...one.rules.keys()].sort()).toEqual(generatedRules());
    const few = runNegativeProperty({ runs: 2, seed: 4 });
    expect([few.runs, few.families]).toEqual([2, 2]);
    expect([...few.rules.keys()]).toEqual(['stack-balance/exit-not-top']);
  });

  it('should judge each case in exactly one shard', () => {
    const runs = 2 * CASE_VARIANTS.length + 5;
    const shards = [1, 2, 3].map((index) => runNegativeProperty({ runs, seed: 6, shard: { index, count: 3 } }));
    expect(shards.reduce((n, s) => n + s.runs, 0)).toBe(runs);
    const whole = runNegativeProperty({ runs, seed: 6 });
    const sum = new Map<string, number>();
    for (const s of shards) for (const [r, n] of s.rules) sum.set(r, (sum.get(r) ?? 0) + n);
    expect(sum).toEqual(new Map(whole.rules));
  });

  it('should refuse runs that are not a positive integer', () => {
    expect(() => runNegativeProperty({ runs: 0, seed: 1 })).toThrow(RangeError);
  });
});

/** A trace's events pushed as they are (numeric codes). */
function events(trace: Trace, v: Validator): Violation[] {
  trace.events().forEach((e, i) => v.push(e, i));
  return v.end();
}

/** The validator that owns a rule, with the options the judgment gives, run on the case's trace. */
function ownerReports(j: Judgment, trace: Trace): readonly Violation[] {
  const judge = j.judge;
  if (judge.by === 'streams') return PACKAGE_VALIDATORS.checkStreams(judge.merged, { strict: judge.strict === true }).flatMap((s) => s.violations);
  // Stack balance, lifecycle and seq with default options: through validateTrace, as verify runs them.
  if (trace.complete && ((judge.by === 'stack-balance' && judge.raw !== true) || (judge.by === 'lifecycle' && judge.options === undefined && judge.raw !== true) || (judge.by === 'seq' && judge.from === undefined))) return validateTrace(trace);
  if (judge.by === 'validate-trace') return validateTrace(trace, judge.options);
  if (judge.by === 'lifecycle' && judge.raw === true) return events(trace, new LifecycleValidator(judge.options));
  if (judge.by === 'lifecycle') return runValidators(trace, [new LifecycleValidator(judge.options)]);
  if (judge.by === 'seq') return runValidators(trace, [new SeqValidator({ from: judge.from })]);
  if (judge.by === 'wake') return runValidators(trace, [new WakeCausalityValidator({ open: judge.open ?? [] })]);
  if (judge.by === 'recovery') return runValidators(trace, [new RecoveryValidator()]);
  if (judge.by === 'not-finished') return runValidators(trace, [new NotFinishedValidator(judge.options)]);
  if (judge.by === 'exact') return runValidators(trace, [new ExactnessValidator()]);
  if (judge.by === 'stack-balance') return events(trace, new StackBalanceValidator());
  if (judge.raw === true) return events(trace, new ModelEqualityValidator(judge.expected));
  return runValidators(judge.canonical === true ? trace.canonical() : trace, [new ModelEqualityValidator(judge.expected)]);
}

describe('each family of negative inputs', () => {
  for (const variant of CASE_VARIANTS.filter((v) => v.rules.length > 0)) {
    it(`should break ${variant.rules.join(' and ')}: ${variant.name.slice(variant.name.indexOf(':') + 2)}`, () => {
      for (const seed of [1, 2, 3, 4]) {
        const [c] = fc.sample(variant.arbitrary, { numRuns: 1, seed });
        for (const rule of variant.rules) {
          // The rule is among what the case expects, and its validator reports it at that index.
          const j = c!.checks.find((x) => x.expected.some((e) => ('violations' in e ? e.violations.some((y) => y.rule === rule) : e.rule === rule)))!;
          expect(j, `seed ${seed}: a judgment expecting ${rule}`).toBeDefined();
          const flat = j.expected.flatMap((e) => ('violations' in e ? e.violations : [e]));
          const first = flat.find((v) => v.rule === rule)!;
          const reported = ownerReports(j, c!.trace).filter((v) => v.rule === rule);
          expect(reported.map((v) => v.eventIndex), `seed ${seed}, ${c!.edit}`).toContain(first.eventIndex);
        }
      }
    });
  }
});

describe('the negative-input property against validators with injected bugs', () => {
  it('should fail a seq validator that accepts a gap', () => {
    expect(failed({ ...PACKAGE_VALIDATORS, seq: (o) => new Edited(new SeqValidator(o), without('seq/gap')) })).toContain('seq/gap: seqs skipped');
  });

  it('should fail a seq validator that starts counting from the wrong place', () => {
    const bug = (o?: { readonly from?: number }): Validator => new SeqValidator(o?.from === undefined ? {} : { from: o.from + 1 });
    expect(failed({ ...PACKAGE_VALIDATORS, seq: bug })).toEqual(expect.arrayContaining(['seq/start: a stream that does not start at its first seq']));
  });

  it('should fail a lifecycle validator that misses resume-not-suspended', () => {
    expect(failed({ ...PACKAGE_VALIDATORS, lifecycle: (o) => new Edited(new LifecycleValidator(o), without('lifecycle/resume-not-suspended')) })).toContain(
      'lifecycle/resume-not-suspended: resume or throw while running',
    );
  });

  it('should fail a stack-balance validator whose message says something else', () => {
    const reworded = (v: Violation[]): Violation[] => v.map((x) => (x.rule === 'stack-balance/exit-on-empty' ? { ...x, expected: 'an entry first', message: `want an entry first, got ${x.found}` } : x));
    expect(failed({ ...PACKAGE_VALIDATORS, stackBalance: () => new Edited(new StackBalanceValidator(), reworded) })).toContain('stack-balance/exit-on-empty: an exit with nothing running');
  });

  it('should fail a wake validator that reports a duplicate wake one event late', () => {
    const late = (v: Violation[]): Violation[] => v.map((x) => (x.rule === 'wake/duplicate' ? { ...x, eventIndex: x.eventIndex + 1 } : x));
    expect(failed({ ...PACKAGE_VALIDATORS, wake: (o) => new Edited(new WakeCausalityValidator(o), late) })).toContain('wake/duplicate: two wakes in one suspension');
  });

  it('should fail a recovery validator that names no activation for what it left open', () => {
    const anonymous = (v: Violation[]): Violation[] => v.map((x) => (x.rule === 'recovery/not-abandoned' ? { ...x, activation: 0 } : x));
    expect(failed({ ...PACKAGE_VALIDATORS, recovery: () => new Edited(new RecoveryValidator(), anonymous) })).toContain('recovery/not-abandoned: an activation open at the crash left open');
  });

  it('should fail a fast path that reads one event too few (the last event unjudged)', () => {
    const short = (t: Trace, complete: boolean): boolean => provablyValid(t.length === 0 ? t : new Trace(t.columns, t.codes, t.length - 1), complete);
    const families = failed({ ...PACKAGE_VALIDATORS, provablyValid: short });
    expect(families.length).toBeGreaterThan(0);
    expect(families).toContain('stack-balance/exit-on-empty: an exit with nothing running');
  });

  it('should fail a fast path that accepts what it should decline (sparse ids, stream records)', () => {
    const eager = (t: Trace, complete: boolean): boolean => provablyValid(t, complete) || validateTrace(t, { complete }).length === 0;
    expect(failed({ ...PACKAGE_VALIDATORS, provablyValid: eager })).toEqual(expect.arrayContaining(['valid: a crash-recovered recording']));
  });

  it('should fail a validateTrace that reports every index one off', () => {
    const offByOne = (t: Trace, o?: Parameters<typeof validateTrace>[1]): Violation[] => validateTrace(t, o).map((v) => (v.eventIndex >= 0 ? { ...v, eventIndex: v.eventIndex + 1 } : v));
    const families = failed({ ...PACKAGE_VALIDATORS, validateTrace: offByOne });
    expect(families).toEqual(expect.arrayContaining(['stack-balance/exit-not-top: an exit below the top (a lost return)', 'seq/gap: seqs skipped', 'lifecycle/wake-not-suspended: in a segment, a wake of an activation declared running']));
  });

  it('should fail a validateTrace that ignores the open set a segment declares', () => {
    const blind = (t: Trace, o?: Parameters<typeof validateTrace>[1]): Violation[] => validateTrace(t.withOpen([], t.openPartial), o);
    expect(failed({ ...PACKAGE_VALIDATORS, validateTrace: blind })).toEqual(expect.arrayContaining(['valid: a segment cut from a valid trace, its open set declared']));
  });
});
