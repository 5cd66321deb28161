import { describe, expect, it } from 'vitest';
import { probeTracer } from '../../../../harness/targets/js/probe-tracer.ts';
import { missingMethods, needText } from '../../../../harness/targets/js/tracer-methods.ts';
import type { Program } from '../../../../harness/program/ast.ts';
import { Tracer, type TracerUnderTest } from '../../../../src/recorder/tracer.ts';

describe('probeTracer', () => {
  it('should find the optional methods a tracer has', () => {
    expect(probeTracer(() => new Tracer())).toEqual({ ok: true, methods: new Set(['enterAsync', 'event']) });
    const t = new Tracer();
    expect(probeTracer(() => ({ trace: (fn, name) => t.trace(fn, name), snapshot: () => t.snapshot() }))).toEqual({ ok: true, methods: new Set() });
  });

  it('should give the first verdict, unusable only when the module cannot be a tracer', () => {
    expect(probeTracer(() => null as unknown as TracerUnderTest)).toEqual({
      ok: false,
      verdict: { rule: 'tracer/create-not-object', message: 'want createTracer() to return an object with trace(fn, name) and snapshot(), got null', unusable: true },
    });
    const dropsResults: TracerUnderTest = { trace: (fn) => ((() => undefined) as unknown as typeof fn), snapshot: () => new Tracer().snapshot() };
    expect(probeTracer(() => dropsResults)).toEqual({
      ok: false,
      verdict: { rule: 'tracer/changed-result', message: 'want the wrapper of probe to call it, got a return of undefined without calling it', unusable: false },
    });
  });
});

describe('missingMethods', () => {
  const program = (body: unknown[], kind = 'sync'): Program => ({ functions: [{ name: 'main', kind, body }] }) as unknown as Program;

  it('should name what a program needs that the tracer lacks, nested statements included', () => {
    const nested = program([{ op: 'try', body: [], finally: [{ op: 'event', type: 'a' }] }]);
    expect(missingMethods(nested, new Set())).toEqual(['event']);
    expect(missingMethods(nested, new Set(['event']))).toEqual([]);
    expect(missingMethods(program([{ op: 'event', type: 'a' }], 'async'), new Set())).toEqual(['enterAsync', 'event']);
    expect(needText(['enterAsync', 'event'])).toBe('need enterAsync and event');
  });
});
