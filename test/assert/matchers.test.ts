import { describe, expect, it } from 'vitest';
import { TraceAssertionError } from '../../src/assert/assertion-error.ts';
import { expectBalanced } from '../../src/assert/expect-balanced.ts';
import { expectLifecycleClosed } from '../../src/assert/expect-lifecycle-closed.ts';
import { expectStreamsValid } from '../../src/assert/expect-streams.ts';
import { traceFromCanonical } from '../../src/formats/text.ts';
import { mergeStreams } from '../../src/model/merged-trace.ts';
import { expectTraceEqual } from '../../src/assert/expect-trace-equal.ts';
import { Tracer } from '../../src/recorder/tracer.ts';
import { events } from '../fixtures/trace-builders.ts';

function thrown(fn: () => void): TraceAssertionError {
  try {
    fn();
  } catch (e) {
    if (e instanceof TraceAssertionError) return e;
    throw e;
  }
  throw new Error('expected an assertion error');
}

describe('expectBalanced', () => {
  it('should pass for a balanced trace from the tracer', () => {
    const t = new Tracer();
    const f = t.trace(function f() {});
    t.trace(function main() {
      f();
    })();
    expect(() => expectBalanced(t.snapshot())).not.toThrow();
  });

  it('should throw an AssertionError that shows the offending event in context', () => {
    const e = thrown(() => expectBalanced(events('call main #1\ncall f #2\nreturn main #1\nreturn f #2')));
    expect(e.name).toBe('AssertionError');
    expect(e.message).toBe(
      [
        'expectBalanced: 2 violations in 4 events',
        'stack-balance/exit-not-top at event 2 (seq 2, activation #1): want exit of #2 (top of stack), got return main #1',
        '       0  call main #1',
        '       1  call f #2',
        '  >    2  return main #1',
        '       3  return f #2',
        'stack-balance/exit-on-empty at event 3 (seq 3, activation #2): want an entry before this exit (stack is empty), got return f #2',
        '       1  call f #2',
        '       2  return main #1',
        '  >    3  return f #2',
      ].join('\n'),
    );
  });
});

/** call main, call g, yield g, return main: balanced, but g is left suspended. */
const SUSPENDED = 'call main #1\ncall g #2\nyield g #2\nreturn main #1';
/** Its twin: g is thrown into and unwinds, so every activation finishes. */
const CLOSED = 'call main #1\ncall g #2\nyield g #2\nthrow g #2\nunwind g #2\nreturn main #1';

describe('expectBalanced strict', () => {
  it('should pass a generator left suspended without strict, and its closed twin with strict', () => {
    expect(() => expectBalanced(events(SUSPENDED))).not.toThrow();
    expect(() => expectBalanced(events(SUSPENDED), { strict: false })).not.toThrow();
    expect(() => expectBalanced(events(CLOSED), { strict: true })).not.toThrow();
  });

  it('should fail a generator left suspended with strict, naming it with the events at the end', () => {
    const e = thrown(() => expectBalanced(events(SUSPENDED), { strict: true }));
    expect(e.message).toBe(
      [
        'expectBalanced: 1 violation in 4 events',
        'lifecycle/not-finished at end of trace: want #2 (g) returned or unwound by the end, got suspended',
        '       1  call g #2',
        '       2  yield g #2',
        '       3  return main #1',
      ].join('\n'),
    );
  });

  it('should report a frame still running once, as stack balance does', () => {
    const e = thrown(() => expectBalanced(events('call main #1'), { strict: true }));
    expect(e.message).toMatch(/^expectBalanced: 1 violation in 1 events\nstack-balance\/open-at-end at end of trace/);
  });

  it('should not blame a snapshot for an activation it declares suspended at its start', () => {
    const t = new Tracer({ retain: { events: 2 } });
    const old = t.trace(function* old() {
      yield;
    });
    old().next(); // evicted: old is suspended where the window starts
    t.trace(function f() {})();
    const snap = t.snapshot();
    expect(snap.open).toEqual([{ activation: 1, code: 0, state: 'suspended' }]);
    expect(() => expectBalanced(snap, { strict: true })).not.toThrow();
  });

  it('should reject a strict option that is not a boolean with a TypeError', () => {
    expect(() => expectBalanced(events(CLOSED), { strict: 'yes' as never })).toThrow('expectBalanced: options.strict must be a boolean, got string');
  });
});

describe('expectStreamsValid strict', () => {
  it('should fail a stream whose generator is left suspended only with strict', () => {
    const merged = mergeStreams([
      { id: 'a', trace: traceFromCanonical(events(CLOSED)) },
      { id: 'b', trace: traceFromCanonical(events(SUSPENDED)) },
    ]);
    expect(() => expectStreamsValid(merged)).not.toThrow();
    const e = thrown(() => expectStreamsValid(merged, { strict: true }));
    expect(e.message.split('\n').slice(0, 3)).toEqual([
      'expectStreamsValid: 1 violation in 1 of 2 streams',
      'stream b:',
      'lifecycle/not-finished at end of trace: want #2 (g) returned or unwound by the end, got suspended',
    ]);
  });
});

describe('expectLifecycleClosed', () => {
  it('should report a generator left suspended', () => {
    const t = new Tracer();
    const gen = t.trace(function* gen() {
      yield;
    });
    gen().next();
    const e = thrown(() => expectLifecycleClosed(t.snapshot()));
    expect(e.message).toContain('lifecycle/not-finished at end of trace: want #1 (gen) returned or unwound by the end, got suspended');
  });
});

describe('expectTraceEqual', () => {
  it('should accept canonical text with any activation numbering', () => {
    expect(() => expectTraceEqual(events('call f #5\nreturn f #5'), 'call f #1\nreturn f #1\n')).not.toThrow();
    expect(() => expectTraceEqual('call f #3\nreturn f #3', events('call f #8\nreturn f #8'))).not.toThrow();
  });

  it('should throw with actual and expected as canonical text for a diff', () => {
    const e = thrown(() => expectTraceEqual('call f #1\nunwind f #1', 'call f #1\nreturn f #1'));
    expect(e.message).toContain('model/mismatch at event 1 (seq 1, activation #1): want return f #1, got unwind f #1');
    expect(e.showDiff).toBe(true);
    expect(e.actual).toBe('call f #1\nunwind f #1\n');
    expect(e.expected).toBe('call f #1\nreturn f #1\n');
  });

  it('should reject a value that is not a trace with a TypeError', () => {
    expect(() => expectTraceEqual(42 as never, 'call f #1')).toThrow(TypeError);
  });
});

describe('vitest plugin', () => {
  it('should register toBeBalanced, toHaveClosedLifecycle and toEqualTrace', () => {
    const balanced = events('call main #1\nreturn main #1');
    expect(balanced).toBeBalanced();
    expect(balanced).toHaveClosedLifecycle();
    expect(balanced).toEqualTrace('call main #1\nreturn main #1');
    expect(events('call main #1')).not.toBeBalanced();
    expect(events('call g #1\nyield g #1')).not.toHaveClosedLifecycle();
    expect(balanced).not.toEqualTrace('call main #1\nunwind main #1');
  });

  it('should fail with the violation in the message', () => {
    expect(() => expect(events('call main #1\nyield other #2')).toBeBalanced()).toThrow(/stack-balance\/exit-not-top at event 1/);
    expect(() => expect(events('call main #1\nreturn main #1')).not.toBeBalanced()).toThrow(/Expected the trace not to be balanced/);
    expect(() => expect(events('call f #1\nunwind f #1')).toEqualTrace('call f #1\nreturn f #1')).toThrow(/want return f #1, got unwind f #1/);
  });

  it('should take { strict: true } on toBeBalanced and fail a generator left suspended', () => {
    expect(events(SUSPENDED)).toBeBalanced();
    expect(events(SUSPENDED)).not.toBeBalanced({ strict: true });
    expect(events(CLOSED)).toBeBalanced({ strict: true });
    expect(() => expect(events(SUSPENDED)).toBeBalanced({ strict: true })).toThrow(/lifecycle\/not-finished at end of trace: want #2 \(g\) returned or unwound by the end, got suspended/);
  });

  it('should throw a TypeError for a received value that is not a trace', () => {
    expect(() => expect('call f #1').toBeBalanced()).toThrow(/toBeBalanced: received value must be a Trace or canonical events, got string/);
  });
});
