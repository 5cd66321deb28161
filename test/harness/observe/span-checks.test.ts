import { describe, expect, test } from 'vitest';
import { checkSpanProgram } from '../../../harness/observe/check-span-program.ts';
import { checkSpanRecords } from '../../../harness/observe/span-records.ts';
import { DEFAULT_POLICIES, type SpanTracer } from '../../../harness/observe/span-tracer.ts';
import { modelSpans } from '../../../harness/model/model.ts';
import type { Program } from '../../../harness/program/ast.ts';
import { FifoScheduler } from '../../../harness/targets/js/scheduler.ts';
// @ts-expect-error -- a plain ES module: the reference tracer users copy
import { AlsTracer, createTracer } from '../../conformance/tracers/als-tracer.mjs';

const reference = createTracer as () => SpanTracer;
const rules = (c: { violations: readonly { rule: string }[] }): string[] => c.violations.map((v) => v.rule);

/** main creates g2 and hands it to f1, which drains it; g2's body calls f3. */
const HANDOFF: Program = {
  functions: [
    { name: 'main', kind: 'sync', body: [{ op: 'handoff', fn: 'g2', to: 'f1' }] },
    { name: 'f1', kind: 'sync', body: [] },
    { name: 'g2', kind: 'generator', body: [{ op: 'yield' }, { op: 'call', fn: 'f3' }] },
    { name: 'f3', kind: 'sync', body: [] },
  ],
};

/** An async main that calls a1 and awaits it. */
const ASYNC_CALL: Program = {
  functions: [
    { name: 'main', kind: 'async', body: [{ op: 'await', what: { kind: 'call', fn: 'a1' } }] },
    { name: 'a1', kind: 'async', body: [{ op: 'await', what: { kind: 'value' } }] },
  ],
};

const SYNC_THROW: Program = {
  functions: [
    { name: 'main', kind: 'sync', body: [{ op: 'try', body: [{ op: 'call', fn: 'f1' }], catch: [] }] },
    { name: 'f1', kind: 'sync', body: [{ op: 'throw', tag: 'E1' }] },
  ],
};

/** A reference tracer whose `trace` is replaced for one test. */
function tracerWith(trace: (fn: (...a: unknown[]) => unknown, name: string, base: SpanTracer) => unknown): () => SpanTracer {
  return () => {
    const base = reference();
    return {
      trace: ((fn: (...a: unknown[]) => unknown, name: string) => trace(fn, name, base)) as SpanTracer['trace'],
      spans: () => base.spans(),
      activeSpan: () => base.activeSpan!(),
    };
  };
}

describe('the span-tree model', () => {
  test('a handed-off generator: created by main, first resumed by f1 (keys and resumers derived by hand)', () => {
    const { spans } = modelSpans(HANDOFF);
    const got = [...spans.activations.values()].map((a) => [a.key, a.name, a.invoker, a.firstResumer, a.status]);
    // g2 is created first (the argument is evaluated before the call), so it is 1.1 and f1 is 1.2.
    expect(got).toEqual([
      ['1', 'main', '', undefined, 'finished'],
      ['1.1', 'g2', '1', '1.2', 'finished'],
      ['1.2', 'f1', '1', undefined, 'finished'],
      ['1.1.1', 'f3', '1.1', undefined, 'finished'],
    ]);
  });

  test('callbacks and thenables are contexts of their own, owned by the activation that scheduled them', () => {
    const p: Program = {
      functions: [
        { name: 'main', kind: 'async', body: [{ op: 'defer', via: 'microtask', fn: 'f1' }, { op: 'await', what: { kind: 'thenable', fn: 'f1' } }] },
        { name: 'f1', kind: 'sync', body: [] },
      ],
    };
    const got = [...modelSpans(p).spans.activations.values()].map((a) => [a.key, a.invoker]);
    expect(got).toEqual([
      ['1', ''],
      ['1~1.1', '1'],
      ['1~2.1', '1'],
    ]);
  });

  test('a generator never resumed is unstarted; one closed before it ran is closed', () => {
    const p: Program = {
      functions: [
        { name: 'main', kind: 'sync', body: [{ op: 'drive', fn: 'g1', steps: [] }, { op: 'drive', fn: 'g1', steps: [{ method: 'return' }] }] },
        { name: 'g1', kind: 'generator', body: [{ op: 'yield' }] },
      ],
    };
    expect([...modelSpans(p).spans.activations.values()].map((a) => a.status)).toEqual(['finished', 'unstarted', 'closed']);
  });
});

describe('policies', () => {
  test('the reference tracer (creation) passes the handoff program under creation and fails it under resume, which names the fitting policy', async () => {
    const ok = await checkSpanProgram(HANDOFF, reference, DEFAULT_POLICIES, new FifoScheduler());
    expect(ok.violations).toEqual([]);
    const resume = { 'generator-context': 'resume', 'async-generator-context': 'creation' } as const;
    const bad = await checkSpanProgram(HANDOFF, reference, resume, new FifoScheduler());
    expect(rules(bad)).toEqual(['span/parent']);
    expect(bad.violations[0]!.message).toBe('the span of g2 (1.1): parent want the span of f1 (1.2), got the span of main (1)');
    expect(bad.fits).toContainEqual(DEFAULT_POLICIES);
  });
});

describe('bad tracers get named verdicts', () => {
  test('trace() throws: tracer/trace-threw, the run is unusable', async () => {
    const c = await checkSpanProgram(ASYNC_CALL, tracerWith(() => { throw new Error('boom'); }), DEFAULT_POLICIES, new FifoScheduler());
    expect(rules(c)).toEqual(['tracer/trace-threw']);
    expect(c.unusable).toBe(true);
  });

  test('trace() returns a non-function: tracer/trace-not-function', async () => {
    const c = await checkSpanProgram(ASYNC_CALL, tracerWith(() => 42), DEFAULT_POLICIES, new FifoScheduler());
    expect(rules(c)).toEqual(['tracer/trace-not-function']);
  });

  test('a wrapper that changes the return value: tracer/changed-result', async () => {
    const c = await checkSpanProgram(SYNC_THROW, tracerWith((fn, name, base) => { const w = base.trace(fn, name) as (...a: unknown[]) => unknown; return (...a: unknown[]) => (w(...a), 7); }), DEFAULT_POLICIES, new FifoScheduler());
    expect(rules(c)).toContain('tracer/changed-result');
  });

  test('a wrapper that replaces the thrown error: tracer/changed-error', async () => {
    const c = await checkSpanProgram(
      SYNC_THROW,
      tracerWith((fn, name, base) => {
        const w = base.trace(fn, name) as (...a: unknown[]) => unknown;
        return (...a: unknown[]) => {
          try {
            return w(...a);
          } catch {
            throw new Error('wrapped');
          }
        };
      }),
      DEFAULT_POLICIES,
      new FifoScheduler(),
    );
    expect(rules(c)).toEqual(['tracer/changed-error']);
  });

  test('a wrapper whose promise never settles is cut, not waited for: tracer/never-settled', async () => {
    const c = await checkSpanProgram(ASYNC_CALL, tracerWith((fn, name, base) => (name === 'a1' ? () => new Promise(() => {}) : base.trace(fn, name))), DEFAULT_POLICIES, new FifoScheduler());
    expect(rules(c)).toContain('tracer/never-settled');
    expect(rules(c)).toContain('tracer/not-called');
  });

  test('malformed span records: each named', () => {
    expect(rules({ violations: checkSpanRecords([{ id: 1, name: 'a', ended: 0 }, { id: 1, name: 'b', ended: 0 }]) })).toEqual(['span/duplicate-id']);
    expect(rules({ violations: checkSpanRecords([{ id: 1, parentId: 9, name: 'a', ended: 0 }]) })).toEqual(['span/unknown-parent']);
    expect(rules({ violations: checkSpanRecords([{ id: 1, parentId: 2, name: 'a', ended: 0 }, { id: 2, parentId: 1, name: 'b', ended: 0 }]) })).toEqual(['span/cycle', 'span/cycle']);
    expect(rules({ violations: checkSpanRecords([{ id: {}, name: 'a', ended: 0 }, { id: 2, name: 3, ended: -1 }, null]) })).toEqual(['span/bad-record', 'span/bad-record', 'span/bad-record', 'span/bad-record']);
  });

  test('an AlsTracer subclass whose spans() returns records of a cycle gets span/cycle from a whole run', async () => {
    class Cyclic extends AlsTracer {
      spans(): unknown[] {
        return (super.spans() as { id: number }[]).map((s, i, all) => ({ ...s, parentId: all[(i + 1) % all.length]!.id }));
      }
    }
    const c = await checkSpanProgram(ASYNC_CALL, () => new Cyclic() as unknown as SpanTracer, DEFAULT_POLICIES, new FifoScheduler());
    expect(rules(c)).toContain('span/cycle');
  });

  test('spans() that throws: tracer/spans, not an exception out of the check', async () => {
    const c = await checkSpanProgram(ASYNC_CALL, () => ({ trace: reference().trace, spans: () => { throw new Error('nope'); } }) as unknown as SpanTracer, DEFAULT_POLICIES, new FifoScheduler());
    expect(rules(c)).toContain('tracer/spans');
  });
});

describe('close()', () => {
  /** The reference tracer with a close() that logs when it runs relative to the harness's reads of spans(). */
  function closing(onClose: () => void): { createTracer: () => SpanTracer; log: string[] } {
    const log: string[] = [];
    const createTracer = (): SpanTracer => {
      const t = reference() as SpanTracer & { close?: () => void };
      const spans = t.spans.bind(t);
      return Object.assign(t, {
        spans: () => (log.push('spans'), spans()),
        close: () => (log.push('close'), onClose()),
      });
    };
    return { createTracer, log };
  }

  test('is called once per program, after the harness has read the spans', async () => {
    const { createTracer, log } = closing(() => {});
    const c = await checkSpanProgram(ASYNC_CALL, createTracer, DEFAULT_POLICIES, new FifoScheduler());
    expect(c.ok).toBe(true);
    expect(log.filter((l) => l === 'close')).toHaveLength(1);
    expect(log.at(-1)).toBe('close');
    expect(log).toContain('spans');
  });

  test('a close() that throws: tracer/close-threw, and the spans are still judged', async () => {
    const { createTracer } = closing(() => {
      throw new Error('already closed');
    });
    const c = await checkSpanProgram(ASYNC_CALL, createTracer, DEFAULT_POLICIES, new FifoScheduler());
    expect(rules(c)).toEqual(['tracer/close-threw']);
    expect(c.violations[0]!.message).toContain('already closed');
    // main awaits a1: two spans, a1's parent main's, each ended once, as if close() had not thrown.
    expect(c.tree.actual).toEqual(['1 main: span "main", parent -, ended once', '1.1 a1: span "a1", parent 1, ended once']);
  });
});
