import fc from 'fast-check';
import { ExactnessValidator } from '../../src/check/exactness.ts';
import { provablyValid } from '../../src/check/fast-validate.ts';
import { type LifecycleOptions, LifecycleValidator } from '../../src/check/lifecycle.ts';
import { ModelEqualityValidator } from '../../src/check/model-equality.ts';
import { NotFinishedValidator, type NotFinishedOptions } from '../../src/check/not-finished.ts';
import { RecoveryValidator } from '../../src/check/recovery.ts';
import { runValidators } from '../../src/check/run.ts';
import { SeqValidator } from '../../src/check/seq.ts';
import { StackBalanceValidator } from '../../src/check/stack-balance.ts';
import { checkStreams, type StreamViolations } from '../../src/check/streams.ts';
import { validateTrace, type ValidateTraceOptions } from '../../src/check/validate-trace.ts';
import type { Validator, Violation } from '../../src/check/violation.ts';
import { WakeCausalityValidator } from '../../src/check/wake-causality.ts';
import type { CanonicalEvent } from '../../src/model/event.ts';
import { EventFlag, EventKind } from '../../src/model/kinds.ts';
import type { MergedTrace } from '../../src/model/merged-trace.ts';
import type { OpenAtStart, Trace } from '../../src/model/trace.ts';
import type { CaseVariant, Judgment, NegativeCase } from '../reach/negative-case.ts';
import { CASE_VARIANTS } from '../reach/negative-traces.ts';
import { inShard, type Shard } from './shard.ts';

/**
 * The validators the negative property judges with: `src/check`'s by default ({@link PACKAGE_VALIDATORS}); a
 * test swaps one for a copy with a bug to see the property fail.
 */
export interface ValidatorsUnderTest {
  readonly stackBalance: () => Validator;
  readonly lifecycle: (options?: LifecycleOptions) => Validator;
  readonly seq: (options?: { readonly from?: number }) => Validator;
  readonly wake: (options?: { readonly open?: readonly OpenAtStart[] }) => Validator;
  readonly exact: () => Validator;
  readonly recovery: () => Validator;
  readonly model: (expected: readonly CanonicalEvent[]) => Validator;
  readonly notFinished: (options: NotFinishedOptions) => Validator;
  readonly validateTrace: (trace: Trace, options?: ValidateTraceOptions) => Violation[];
  readonly provablyValid: (trace: Trace, complete: boolean) => boolean;
  readonly checkStreams: (merged: MergedTrace, options?: { readonly strict?: boolean }) => StreamViolations[];
}

/** The validators of this package. */
export const PACKAGE_VALIDATORS: ValidatorsUnderTest = {
  stackBalance: () => new StackBalanceValidator(),
  lifecycle: (options) => new LifecycleValidator(options),
  seq: (options) => new SeqValidator(options),
  wake: (options) => new WakeCausalityValidator(options),
  exact: () => new ExactnessValidator(),
  recovery: () => new RecoveryValidator(),
  model: (expected) => new ModelEqualityValidator(expected),
  notFinished: (options) => new NotFinishedValidator(options),
  validateTrace,
  provablyValid,
  checkStreams,
};

/**
 * Whether the fast path (`src/check/fast-validate.ts`) declines a trace, leaving it to the per-event validators
 * whatever it holds: a stream record or `abandoned` (it judges none), a flag bit other than the return
 * completion (the validators ignore those), or activation ids above `max(65536, 4 × events)` (it gives up on
 * dense tables).
 */
export function fastPathDeclines(trace: Trace): boolean {
  const { kind, activation, flags } = trace.columns;
  let max = 0;
  for (let i = 0; i < trace.length; i++) {
    const k = kind[i]!;
    if (k === EventKind.Dropped || k === EventKind.Abandoned || k === EventKind.Checkpoint || k === EventKind.Recovery) return true;
    if ((flags[i]! & ~EventFlag.ReturnCompletion) !== 0) return true;
    max = Math.max(max, activation[i]!);
  }
  return max > Math.max(65536, trace.length * 4);
}

/**
 * The validator a judge runs, and the name it must carry (`Validator.name`, the prefix of its rules); undefined
 * for `validateTrace` and `checkStreams`.
 */
function validatorOf(judge: Judgment['judge'], v: ValidatorsUnderTest): [Validator, string] | undefined {
  switch (judge.by) {
    case 'stack-balance':
      return [v.stackBalance(), 'stack-balance'];
    case 'lifecycle':
      return [v.lifecycle(judge.options), 'lifecycle'];
    case 'seq':
      return [v.seq(judge.from === undefined ? {} : { from: judge.from }), 'seq'];
    case 'wake':
      return [v.wake(judge.open === undefined ? {} : { open: judge.open }), 'wake'];
    case 'exact':
      return [v.exact(), 'exact'];
    case 'recovery':
      return [v.recovery(), 'recovery'];
    case 'model':
      return [v.model(judge.expected), 'model'];
    case 'not-finished':
      return [v.notFinished(judge.options), 'lifecycle'];
    default:
      return undefined;
  }
}

/** What one judge reports; a validator whose name is not its rules' prefix is reported too. */
function judged(j: Judgment, trace: Trace, v: ValidatorsUnderTest, problems: string[]): readonly Violation[] | readonly StreamViolations[] {
  const judge = j.judge;
  if (judge.by === 'validate-trace') return v.validateTrace(trace, judge.options);
  if (judge.by === 'streams') return v.checkStreams(judge.merged, judge.strict === true ? { strict: true } : {});
  const [validator, name] = validatorOf(judge, v)!;
  if (validator.name !== name) problems.push(`${judgeName(j)}: want a validator named ${name}, got ${JSON.stringify(validator.name)}`);
  if ('raw' in judge && judge.raw === true) return pushed(trace, validator);
  return runValidators(judge.by === 'model' && judge.canonical === true ? trace.canonical() : trace, [validator]);
}

/** The trace's events pushed as they are (numeric codes), as a caller holding `TraceEvent`s may. */
function pushed(trace: Trace, validator: Validator): Violation[] {
  for (let i = 0; i < trace.length; i++) validator.push(trace.at(i), i);
  return validator.end();
}

/** A judge as a failure names it, e.g. `lifecycle {"requireClosed":true}`. */
function judgeName(j: Judgment): string {
  const { by, ...options } = j.judge as { by: string } & Record<string, unknown>;
  const shown = Object.fromEntries(Object.entries(options).filter(([k]) => k !== 'expected' && k !== 'merged' && k !== 'open'));
  return Object.keys(shown).length === 0 ? by : `${by} ${JSON.stringify(shown)}`;
}

const FIELDS = ['rule', 'eventIndex', 'seq', 'activation', 'expected', 'found', 'message'] as const;

/** The first difference between two lists of violations (`Object.is` per field: NaN seqs compare), or undefined. */
function firstDifference(want: readonly Violation[], got: readonly Violation[]): string | undefined {
  for (let i = 0; i < Math.max(want.length, got.length); i++) {
    const w = want[i];
    const g = got[i];
    if (w === undefined) return `unexpected violation ${i}: ${show(g!)}`;
    if (g === undefined) return `missing violation ${i}: ${show(w)}`;
    const field = FIELDS.find((f) => !Object.is(w[f], g[f]));
    if (field !== undefined) return `violation ${i}: want ${show(w)}, got ${show(g)} (${field} differs)`;
  }
  return undefined;
}

function show(v: Violation): string {
  return `${v.rule} at ${v.eventIndex} (seq ${v.seq}, #${v.activation}): ${v.message}`;
}

/** The per-event validators of `validateTrace` on a trace that declares nothing open: the path it takes without its fast path. */
function perEvent(trace: Trace, v: ValidatorsUnderTest): Violation[] {
  const all = runValidators(trace, [v.stackBalance(), v.lifecycle(), v.seq()]);
  return trace.complete ? all : all.filter((x) => x.rule !== 'stack-balance/open-at-end');
}

/**
 * Judges one case: every judge says exactly what the case expects; a judge that `validateTrace` also runs
 * (stack balance, lifecycle, seq, default options) says the same inside it; and on a trace that declares
 * nothing open, the fast path agrees with the per-event validators: `validateTrace` reports exactly what they
 * do, and `provablyValid` is true exactly when they report nothing, false whenever it declines (stream records,
 * `abandoned`, unknown flag bits, sparse ids: {@link fastPathDeclines}).
 * @param c - the case
 * @param v - the validators under test
 * @returns what went wrong, one line each; empty when the case holds
 */
export function checkNegativeCase(c: NegativeCase, v: ValidatorsUnderTest = PACKAGE_VALIDATORS): string[] {
  const problems: string[] = [];
  const { trace } = c;
  const plain = trace.open.length === 0 && !trace.openPartial;
  for (const j of c.checks) {
    const got = judged(j, trace, v, problems);
    if (j.judge.by === 'streams') {
      const want = j.expected as readonly StreamViolations[];
      const have = got as readonly StreamViolations[];
      const streams = (xs: readonly StreamViolations[]): string => xs.map((s) => s.stream).join(', ') || 'none';
      if (streams(want) !== streams(have)) problems.push(`streams: want violations in ${streams(want)}, got in ${streams(have)}`);
      else want.forEach((s, k) => {
        const d = firstDifference(s.violations, have[k]!.violations);
        if (d !== undefined) problems.push(`streams, ${s.stream}: ${d}`);
      });
      continue;
    }
    const want = j.expected as readonly Violation[];
    const d = firstDifference(want, got as readonly Violation[]);
    if (d !== undefined) problems.push(`${judgeName(j)}: ${d}`);
    // The same validator inside validateTrace.
    const inside = ((j.judge.by === 'stack-balance' && j.judge.raw !== true) || (j.judge.by === 'lifecycle' && j.judge.options === undefined && j.judge.raw !== true) || (j.judge.by === 'seq' && j.judge.from === undefined)) && plain && trace.complete;
    if (inside) {
      const prefix = `${j.judge.by}/`;
      const dv = firstDifference(want, v.validateTrace(trace).filter((x) => x.rule.startsWith(prefix)));
      if (dv !== undefined) problems.push(`validateTrace, its ${j.judge.by} part: ${dv}`);
    }
  }
  if (plain) {
    const slow = perEvent(trace, v);
    const d = firstDifference(slow, v.validateTrace(trace));
    if (d !== undefined) problems.push(`validateTrace against its per-event validators: ${d}`);
    const fast = v.provablyValid(trace, trace.complete);
    const declines = fastPathDeclines(trace);
    if (declines ? fast : fast !== (slow.length === 0)) {
      problems.push(`provablyValid: want ${declines ? 'false (it declines such traces)' : String(slow.length === 0)}, got ${fast}; the per-event validators report ${slow.length === 0 ? 'nothing' : show(slow[0]!)}`);
    }
  }
  return problems;
}

/** A failed case, shrunk by fast-check, with the family it came from and its replay path. */
export interface NegativeFailure {
  readonly variant: string;
  /** The shrunk case; absent when making one raised. */
  readonly case?: NegativeCase;
  readonly problems: readonly string[];
  readonly path: string;
}

/** What {@link runNegativeProperty} found. */
export interface NegativeReport {
  /** Cases judged (this shard's; shrink steps excluded). */
  readonly runs: number;
  readonly seed: number;
  readonly elapsedMs: number;
  /** Families run, of {@link CASE_VARIANTS} (or the given ones). */
  readonly families: number;
  /** Negative cases rejected as expected, per rule. */
  readonly rules: ReadonlyMap<string, number>;
  /** The first failing case of each family that failed, in family order. */
  readonly failures: readonly NegativeFailure[];
}

/** Options of {@link runNegativeProperty}. */
export interface NegativePropertyOptions {
  /** Cases, >= 1, dealt round robin over the families: family k gets cases k, k + F, k + 2F, ... */
  readonly runs: number;
  /** fast-check seed; each family runs with its own seed derived from it. */
  readonly seed: number;
  /** Called before each case is judged, with the count so far. */
  readonly onProgress?: (done: number) => void;
  /** Called for each negative case rejected as expected, with the rules of its violations. */
  readonly onRejected?: (rules: readonly string[]) => void;
  /** Judge only this shard's cases (case i of the round robin is in shard (i mod count) + 1). */
  readonly shard?: Shard;
  /** The validators under test. @defaultValue {@link PACKAGE_VALIDATORS} */
  readonly validators?: ValidatorsUnderTest;
  /** The families. @defaultValue {@link CASE_VARIANTS} */
  readonly variants?: readonly CaseVariant[];
}

/** {@link checkNegativeCase}, with an exception turned into a problem (a validator that throws fails the case). */
function judgedSafely(c: NegativeCase, v: ValidatorsUnderTest): string[] {
  try {
    return checkNegativeCase(c, v);
  } catch (error) {
    return [`judging it threw ${(error as Error)?.name ?? 'an error'}: ${(error as Error)?.message ?? String(error)}`];
  }
}

/** The rules of the violations a case expects (each once). */
function rulesOf(c: NegativeCase): string[] {
  const rules = new Set<string>();
  for (const j of c.checks) {
    for (const x of j.expected) {
      if ('violations' in x) for (const y of x.violations) rules.add(y.rule);
      else rules.add(x.rule);
    }
  }
  return [...rules];
}

/**
 * The negative-input property (issue 13): generated inputs that break each rule of `src/check` in one targeted
 * way must be rejected with exactly the violations the rules derive from the edit (rule, event index, seq,
 * activation, expected, found, message), valid ones accepted by every validator, and the fast path must agree
 * with the per-event validators (see {@link checkNegativeCase}). Families take turns, so a run of at least
 * `families` cases reaches every rule. A failure is shrunk by fast-check.
 *
 * @example
 * ```ts
 * const r = runNegativeProperty({ runs: 3 * CASE_VARIANTS.length, seed: 1 });
 * r.failures; // [] for this package's validators; with a SeqValidator that let a gap pass:
 * // [{ variant: 'seq/gap: seqs skipped', problems: ['seq: missing violation 0: seq/gap at 1 (seq 2, #1):
 * //    want seq 1, got seq 2 (1 missing)', ...], path: '…' }]
 * ```
 * @param options - see {@link NegativePropertyOptions}
 * @returns the runs, per-rule rejections, and the failures (empty when all held)
 * @throws RangeError when `runs` is not a positive integer
 */
export function runNegativeProperty(options: NegativePropertyOptions): NegativeReport {
  const { runs, seed } = options;
  if (!(Number.isInteger(runs) && runs >= 1)) throw new RangeError(`runNegativeProperty: runs must be a positive integer, got ${runs}`);
  const variants = options.variants ?? CASE_VARIANTS;
  const v = options.validators ?? PACKAGE_VALIDATORS;
  const started = performance.now();
  const rules = new Map<string, number>();
  const failures: NegativeFailure[] = [];
  let done = 0;
  const F = variants.length;
  variants.forEach((variant, k) => {
    if (k >= runs) return;
    // 1. This family's cases of the round robin, and which of them are this shard's.
    const count = Math.floor((runs - 1 - k) / F) + 1;
    let drawn = 0;
    let failed = false;
    const property = fc.property(variant.arbitrary, (c) => {
      if (!failed && !inShard(k + F * drawn++, options.shard)) return true;
      const problems = judgedSafely(c, v);
      if (failed) return problems.length === 0; // a shrink step
      done++;
      options.onProgress?.(done);
      if (problems.length > 0) {
        failed = true;
        return false;
      }
      const found = rulesOf(c);
      if (found.length > 0) {
        for (const r of found) rules.set(r, (rules.get(r) ?? 0) + 1);
        options.onRejected?.(found);
      }
      return true;
    });
    // 2. Run it from a seed of its own; shrink a failure.
    const details = fc.check(property, { numRuns: count, seed: (seed + Math.imul(k + 1, 0x9e3779b1)) | 0 });
    const failing = details.counterexample?.[0];
    if (details.failed) {
      const path = details.counterexamplePath ?? '';
      failures.push(failing === undefined ? { variant: variant.name, problems: [`generating a case raised ${String(details.errorInstance)}`], path } : { variant: variant.name, case: failing, problems: judgedSafely(failing, v), path });
    }
  });
  return { runs: done, seed, elapsedMs: performance.now() - started, families: Math.min(F, runs), rules: new Map([...rules].sort(([a], [b]) => a.localeCompare(b))), failures };
}
