import { describe, expect, test } from 'vitest';
import { runSpanProperty } from '../../../harness/observe/span-property.ts';
import type { SpanTracer } from '../../../harness/observe/span-tracer.ts';
import type { Stmt } from '../../../harness/program/ast.ts';
// @ts-expect-error -- a plain ES module: the reference tracer users copy
import { createTracer } from '../../conformance/tracers/als-tracer.mjs';
// @ts-expect-error -- plain ES module fixtures
import { createDoubleEndTracer, createStackTracer } from '../../fixtures/span-mutants.mjs';

const reference = createTracer as () => SpanTracer;

/** Statements in a program, nested ones included. */
function size(functions: readonly { body: readonly Stmt[] }[]): number {
  const count = (b: readonly Stmt[]): number =>
    b.reduce((n, s) => n + 1 + (s.op === 'try' ? count(s.body) + count(s.catch ?? []) + count(s.finally ?? []) : s.op === 'for-of' || s.op === 'for-await' ? count(s.body) : 0), 0);
  return functions.reduce((n, f) => n + count(f.body), 0);
}

describe('observe mode: the span-tree property', () => {
  test('the reference AsyncLocalStorage tracer passes under its declared policies', async () => {
    const r = await runSpanProperty({ runs: 400, seed: 12, createTracer: reference });
    expect(r.error).toBeUndefined();
    expect(r.failure?.check.violations).toBeUndefined();
    expect(r.runs).toBe(400);
  });

  test('a tracer that keeps the span in a variable loses it after an await: caught, shrunk to a few statements', async () => {
    const r = await runSpanProperty({ runs: 400, seed: 12, createTracer: createStackTracer as () => SpanTracer });
    const check = r.failure!.check;
    expect(check.ok).toBe(false);
    const rules = new Set(check.violations.map((v) => v.rule));
    expect(rules.has('span/parent') || rules.has('context/active')).toBe(true);
    expect(size(check.program.functions)).toBeLessThanOrEqual(4);
    // The shrunk program awaits something that suspends before the call or call-out that sees the wrong span.
    expect(JSON.stringify(check.program)).toMatch(/"op":"(await|for-await|adrive|handoff)"/);
  });

  test('a tracer that ends an async generator span in return() and again when it resolves done: span/ended-twice', async () => {
    const r = await runSpanProperty({ runs: 400, seed: 12, createTracer: createDoubleEndTracer as () => SpanTracer });
    const check = r.failure!.check;
    expect(check.violations.map((v) => v.rule)).toContain('span/ended-twice');
    expect(size(check.program.functions)).toBeLessThanOrEqual(4);
    expect(JSON.stringify(check.program)).toMatch(/"op":"(for-await|adrive)"/);
  });
});
