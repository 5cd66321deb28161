import { describe, expect, it } from 'vitest';
import { LifecycleValidator } from '../../src/check/lifecycle.ts';
import { ModelEqualityValidator } from '../../src/check/model-equality.ts';
import { runValidators } from '../../src/check/run.ts';
import { SeqValidator } from '../../src/check/seq.ts';
import { StackBalanceValidator } from '../../src/check/stack-balance.ts';
import { EventKind } from '../../src/model/kinds.ts';
import { Trace } from '../../src/model/trace.ts';
import { events } from '../fixtures/trace-builders.ts';

const rules = (v: { rule: string }[]): string[] => v.map((x) => x.rule);

describe('StackBalanceValidator', () => {
  it('should accept nested calls and suspended generators', () => {
    const t = events('call main #1\ncall g #2\nyield g #2\ncall f #3\nreturn f #3\nresume g #2\nyield g #2\nreturn main #1');
    expect(runValidators(t, [new StackBalanceValidator()])).toEqual([]);
  });

  it('should report an exit that is not the top, with index, activation, expected and found', () => {
    const t = events('call main #1\ncall inner #2\nyield main #1\nreturn inner #2');
    const v = runValidators(t, [new StackBalanceValidator()]);
    expect(v[0]).toEqual({
      rule: 'stack-balance/exit-not-top',
      eventIndex: 2,
      seq: 2,
      activation: 1,
      expected: 'exit of #2 (top of stack)',
      found: 'yield main #1',
      message: 'want exit of #2 (top of stack), got yield main #1',
    });
    // it resynchronises to main's frame, so the later return of #2 is one more (exit-on-empty), not a cascade
    expect(rules(v)).toEqual(['stack-balance/exit-not-top', 'stack-balance/exit-on-empty']);
  });

  it('should report an exit on an empty stack and frames left open at the end', () => {
    expect(rules(runValidators(events('return f #1'), [new StackBalanceValidator()]))).toEqual(['stack-balance/exit-on-empty']);
    const open = runValidators(events('call main #1\ncall f #2'), [new StackBalanceValidator()]);
    expect(open.map((v) => [v.rule, v.activation, v.eventIndex])).toEqual([
      ['stack-balance/open-at-end', 2, -1],
      ['stack-balance/open-at-end', 1, -1],
    ]);
  });
});

describe('LifecycleValidator', () => {
  const lifecycle = (text: string, requireClosed = false): string[] => rules(runValidators(events(text), [new LifecycleValidator({ requireClosed })]));

  it('should accept a generator that yields, is thrown into, resumed for return, and returns', () => {
    expect(lifecycle('call g #1\nyield g #1\nthrow g #1\nyield g #1\nresume g #1 return\nreturn g #1', true)).toEqual([]);
  });

  it('should accept throw as the first event only with throwMayStart (CPython 3.12 g.throw() into a never-started generator)', () => {
    const t = events('call main #1\nthrow g #2\nunwind g #2\nunwind main #1');
    expect(rules(runValidators(t, [new LifecycleValidator()]))).toEqual(['lifecycle/first-not-call']);
    expect(rules(runValidators(t, [new LifecycleValidator({ throwMayStart: true })]))).toEqual([]);
    // resume is never a first event, not even for CPython
    expect(rules(runValidators(events('resume g #1'), [new LifecycleValidator({ throwMayStart: true })]))).toEqual(['lifecycle/first-not-call']);
  });

  it('should report every broken lifecycle rule, not only the first', () => {
    expect(lifecycle('resume g #1')).toEqual(['lifecycle/first-not-call']);
    expect(lifecycle('call g #1\ncall g #1')).toEqual(['lifecycle/duplicate-call']);
    expect(lifecycle('call f #1\nreturn f #1\nresume f #1\nunwind f #1')).toEqual(['lifecycle/after-terminal', 'lifecycle/after-terminal']);
    expect(lifecycle('call g #1\nresume g #1')).toEqual(['lifecycle/resume-not-suspended']);
    expect(lifecycle('call g #1\nyield g #1\nreturn g #1')).toEqual(['lifecycle/exit-not-running']);
    expect(lifecycle('call g #1\nyield h #1\nresume g #1\nreturn g #1')).toEqual(['lifecycle/code-changed']);
  });

  it('should report a suspended generator only when the lifecycle must be closed', () => {
    expect(lifecycle('call g #1\nyield g #1')).toEqual([]);
    const v = runValidators(events('call g #1\nyield g #1'), [new LifecycleValidator({ requireClosed: true })]);
    expect(v).toHaveLength(1);
    expect(v[0]!.message).toBe('want #1 (g) returned or unwound by the end, got suspended');
  });
});

describe('SeqValidator', () => {
  const trace = (seqs: number[]): Trace =>
    Trace.fromEvents(
      seqs.map((seq, i) => ({ seq, kind: i % 2 === 0 ? EventKind.Call : EventKind.Return, activation: 1 + (i >> 1), code: 0, flags: 0 })),
      ['f'],
    );

  it('should accept a gap-free run from any start', () => {
    expect(runValidators(trace([5, 6, 7, 8]), [new SeqValidator()])).toEqual([]);
  });

  it('should report a repeat, a step back, a gap and a non-integer', () => {
    const v = runValidators(trace([0, 1, 1, 0, 4, 5.5]), [new SeqValidator()]);
    expect(v.map((x) => [x.rule, x.eventIndex])).toEqual([
      ['seq/not-increasing', 2],
      ['seq/not-increasing', 3],
      ['seq/gap', 4],
      ['seq/not-integer', 5],
    ]);
    expect(v[2]!.message).toBe('want seq 2, got seq 4 (2 missing)');
  });
});

describe('ModelEqualityValidator', () => {
  it('should compare after renumbering activations first-seen', () => {
    const actual = events('call main #7\ncall g #9\nyield g #9\nreturn main #7');
    const expected = events('call main #1\ncall g #2\nyield g #2\nreturn main #1');
    expect(runValidators(actual, [new ModelEqualityValidator(expected)])).toEqual([]);
  });

  it('should report each mismatch and a missing or extra tail', () => {
    const expected = events('call main #1\ncall g #2\nyield g #2\nreturn main #1');
    const wrong = runValidators(events('call main #1\ncall g #2\nreturn g #2\nreturn main #1\ncall f #3'), [new ModelEqualityValidator(expected)]);
    expect(wrong.map((v) => [v.rule, v.eventIndex, v.message])).toEqual([
      ['model/mismatch', 2, 'want yield g #2, got return g #2'],
      ['model/extra', 4, 'want end of trace after 4 events, got call f #3'],
    ]);
    const short = runValidators(events('call main #1'), [new ModelEqualityValidator(expected)]);
    expect(short.map((v) => v.message)).toEqual(['want 3 more events from call g #2, got end of trace after 1 events']);
  });

  it('should accept a trace equal to its own canonical form when it holds stream records (no activation; their value is a count or an id)', () => {
    // dropped, checkpoint and recovery have activation 0 and carry a count or a checkpoint id, not an activation:
    // canonical form keeps both as they are, so the comparison must not renumber them.
    const t = Trace.fromEvents(
      [
        { seq: 2, kind: EventKind.Dropped, activation: 0, code: 0, flags: 0, waker: 3 },
        { seq: 3, kind: EventKind.Call, activation: 7, code: 0, flags: 0 },
        { seq: 4, kind: EventKind.Return, activation: 7, code: 0, flags: 0 },
        { seq: 5, kind: EventKind.Checkpoint, activation: 0, code: 0, flags: 0, waker: 9 },
        { seq: 7, kind: EventKind.Recovery, activation: 0, code: 0, flags: 0, waker: 9 },
      ],
      ['main'],
    );
    expect(runValidators(t, [new ModelEqualityValidator(t.canonical())])).toEqual([]);
    expect(runValidators(t.canonical(), [new ModelEqualityValidator(t.canonical())])).toEqual([]);
    const other = runValidators(t, [new ModelEqualityValidator(t.canonical().map((e, i) => (i === 3 ? { ...e, waker: 8 } : e)))]);
    expect(other.map((v) => [v.rule, v.eventIndex, v.message])).toEqual([['model/mismatch', 3, 'want checkpoint 8, got checkpoint 9']]);
  });

  it('should tell a return-completion resume from a plain one', () => {
    const v = runValidators(events('call g #1\nyield g #1\nresume g #1'), [new ModelEqualityValidator(events('call g #1\nyield g #1\nresume g #1 return'))]);
    expect(rules(v)).toEqual(['model/mismatch']);
  });
});

describe('LifecycleValidator flags', () => {
  it('should accept the return-completion flag on a resume only', () => {
    const v = runValidators(events('call g #1 return\nyield g #1\nresume g #1 return\nreturn g #1'), [new LifecycleValidator()]);
    expect(v.map((x) => [x.rule, x.eventIndex])).toEqual([['lifecycle/flag-not-resume', 0]]);
  });
});

describe('activation #0 of frame events', () => {
  it('should judge the frames of #0 like any activation\'s: only a user event\'s #0 is outside every activation', () => {
    // The text format refuses frames of #0; a Trace built from events holds them.
    const t = Trace.fromEvents([EventKind.Call, EventKind.Return, EventKind.Return].map((kind, seq) => ({ seq, kind, activation: 0, code: 0, flags: 0 })), ['f']);
    const v = runValidators(t, [new LifecycleValidator()]);
    expect(v.map((x) => [x.rule, x.eventIndex, x.activation, x.message])).toEqual([['lifecycle/after-terminal', 2, 0, 'want no event after #0 returned or unwound, got return f #0']]);
  });

  it('should renumber the frames of #0 first-seen, as the canonical form does', () => {
    const t = Trace.fromEvents(
      [
        { seq: 0, kind: EventKind.Call, activation: 0, code: 0, flags: 0 },
        { seq: 1, kind: EventKind.Return, activation: 0, code: 0, flags: 0 },
      ],
      ['f'],
    );
    expect(t.canonical().map((e) => e.activation)).toEqual([1, 1]);
    expect(runValidators(t, [new ModelEqualityValidator(t.canonical(), (c) => t.codeName(c))])).toEqual([]);
  });
});
