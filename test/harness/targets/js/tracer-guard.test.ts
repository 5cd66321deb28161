import { describe, expect, it } from 'vitest';
import type { Violation } from '../../../../src/check/violation.ts';
import { Tracer, type TracerUnderTest } from '../../../../src/recorder/tracer.ts';
import { createChecked, guardTrace, snapshotChecked, TracerFault } from '../../../../harness/targets/js/tracer-guard.ts';

/** Runs `body` as a traced sync function `f` under a tracer whose wrapper is `wrap` around the real one. */
function guarded(wrap: (real: (...args: never[]) => unknown) => (...args: never[]) => unknown): { faults: Violation[]; trace: TracerUnderTest['trace'] } {
  const real = new Tracer();
  const tracer: TracerUnderTest = { trace: ((fn: (...args: never[]) => unknown, name?: string) => wrap(real.trace(fn, name))) as TracerUnderTest['trace'], snapshot: () => real.snapshot() };
  const faults: Violation[] = [];
  return { faults, trace: guardTrace(tracer, faults) };
}

const rules = (faults: readonly Violation[]): string[] => faults.map((f) => f.rule);

describe('guardTrace', () => {
  it('should pass what a faithful wrapper hands back, nested calls and throws included', () => {
    const { faults, trace } = guarded((w) => w);
    const inner = trace(function inner(): string {
      throw new Error('inner');
    }, 'inner');
    const outer = trace(function outer(): number {
      try {
        inner();
      } catch {
        // caught
      }
      return 7;
    }, 'outer');
    expect(outer()).toBe(7);
    expect(() => inner()).toThrow('inner');
    expect(faults).toEqual([]);
  });

  it('should name a wrapper that returns something else (tracer/changed-result), once', () => {
    const { faults, trace } = guarded((w) => (...args) => (w(...args), 42));
    const f = trace(() => 'mine', 'f');
    expect(f()).toBe(42); // what the tracer returned: the guard watches, it does not repair
    f();
    expect(faults).toEqual([expect.objectContaining({ rule: 'tracer/changed-result', message: 'want the wrapper of f to return what it returned ("mine"), got 42' })]);
  });

  it('should name a wrapper that replaces or swallows an error (tracer/changed-error)', () => {
    const boom = (): never => {
      throw new RangeError('mine');
    };
    const replacing = guarded((w) => (...args) => {
      try {
        return w(...args);
      } catch {
        throw new Error('theirs');
      }
    });
    expect(() => replacing.trace(boom, 'boom')()).toThrow('theirs');
    expect(replacing.faults[0]?.message).toBe('want the wrapper of boom to rethrow what it threw (RangeError: mine), got a throw of Error: theirs');
    const swallowing = guarded((w) => (...args) => {
      try {
        return w(...args);
      } catch {
        return undefined;
      }
    });
    swallowing.trace(boom, 'boom')();
    expect(swallowing.faults[0]?.message).toBe('want the wrapper of boom to rethrow what it threw (RangeError: mine), got a return of undefined');
  });

  it('should name a wrapper that never calls the function', () => {
    const { faults, trace } = guarded(() => () => undefined);
    trace(() => 1, 'f')();
    expect(rules(faults)).toEqual(['tracer/changed-result']);
    expect(faults[0]!.message).toBe('want the wrapper of f to call it, got a return of undefined without calling it');
  });

  it('should throw TracerFault when trace() throws or returns no function', () => {
    const throwing: TracerUnderTest = { trace: () => { throw new TypeError('no'); }, snapshot: () => new Tracer().snapshot() };
    expect(() => guardTrace(throwing, [])(() => 1, 'f')).toThrow(new TracerFault('tracer/trace-threw', 'trace(f, "f") to return a wrapper', 'a throw of TypeError: no'));
    const empty = { trace: () => undefined, snapshot: () => new Tracer().snapshot() } as unknown as TracerUnderTest;
    expect(() => guardTrace(empty, [])(function* g() {}, 'g')).toThrow('want trace(g, "g") to return a function, got undefined');
  });
});

describe('createChecked and snapshotChecked', () => {
  it('should name a factory that throws, returns no object, or an object without trace or snapshot', () => {
    const fault = (f: () => unknown): string | undefined => {
      try {
        createChecked(f as () => TracerUnderTest);
      } catch (e) {
        return e instanceof TracerFault ? `${e.rule}: ${e.message}` : undefined;
      }
      return 'none';
    };
    expect(fault(() => { throw new Error('x'); })).toBe('tracer/create-threw: want createTracer() to return a tracer, got a throw of Error: x');
    expect(fault(() => 3)).toBe('tracer/create-not-object: want createTracer() to return an object with trace(fn, name) and snapshot(), got 3');
    expect(fault(() => ({}))).toBe('tracer/missing-method: want createTracer() to return an object with trace(fn, name) and snapshot(), got an object without trace and snapshot');
    expect(fault(() => new Tracer())).toBe('none');
  });

  it('should name a snapshot() that throws or is no trace', () => {
    const t = (snapshot: () => unknown) => ({ trace: (fn: unknown) => fn, snapshot }) as unknown as TracerUnderTest;
    expect(() => snapshotChecked(t(() => { throw new Error('x'); }))).toThrow('want snapshot() to return the trace, got a throw of Error: x');
    expect(() => snapshotChecked(t(() => []))).toThrow('want snapshot() to return a Trace, got an object');
    expect(snapshotChecked(new Tracer()).length).toBe(0);
  });
});
