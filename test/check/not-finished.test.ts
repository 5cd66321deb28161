import { describe, expect, it } from 'vitest';
import { NotFinishedValidator } from '../../src/check/not-finished.ts';
import { runValidators } from '../../src/check/run.ts';
import { validateTrace } from '../../src/check/validate-trace.ts';
import { traceFromCanonical } from '../../src/formats/text.ts';
import { events } from '../fixtures/trace-builders.ts';

const rules = (text: string, options = {}): string[] => runValidators(events(text), [new NotFinishedValidator(options)]).map((v) => `${v.rule} #${v.activation}: ${v.message}`);

describe('NotFinishedValidator', () => {
  it('should report a generator left suspended and a frame left running, naming each', () => {
    expect(rules('call main #1\ncall g #2\nyield g #2')).toEqual([
      'lifecycle/not-finished #1: want #1 (main) returned or unwound by the end, got running',
      'lifecycle/not-finished #2: want #2 (g) returned or unwound by the end, got suspended',
    ]);
    expect(rules('call main #1\ncall g #2\nyield g #2', { running: false })).toEqual(['lifecycle/not-finished #2: want #2 (g) returned or unwound by the end, got suspended']);
  });

  it('should count return, unwind and abandoned as finished', () => {
    expect(rules('call f #1\nyield f #1\nresume f #1\nreturn f #1\ncall g #2\nyield g #2\nthrow g #2\nunwind g #2\ncall h #3\nyield h #3\nabandoned h #3')).toEqual([]);
  });

  it('should exempt activations declared open at the start, and with openPartial those first seen without a call', () => {
    expect(rules('resume old #7\nyield old #7\ncall g #8\nyield g #8', { open: [{ activation: 7 }] })).toEqual(['lifecycle/not-finished #8: want #8 (g) returned or unwound by the end, got suspended']);
    expect(rules('resume old #7\nyield old #7', { openPartial: true })).toEqual([]);
    expect(rules('resume old #7\nyield old #7')).toEqual(['lifecycle/not-finished #7: want #7 (old) returned or unwound by the end, got suspended']);
  });
});

describe('validateTrace openPartial', () => {
  it('should accept an omitted suspended activation whose first events are its wake, await or pending record, then its resume', () => {
    // open omits older suspended activations: their first event may be a wake (or a task dump) before the resume
    const t = traceFromCanonical(events('wake old #4 by ?\nresume old #4\nreturn old #4\npending older #5 on ?\nresume older #5\nreturn older #5'), [], true);
    expect(validateTrace(t)).toEqual([]);
    expect(validateTrace(t, { strict: true })).toEqual([]);
    // still judged as suspended: a second resume is not
    const twice = traceFromCanonical(events('wake old #4 by ?\nresume old #4\nresume old #4'), [], true);
    expect(validateTrace(twice, { complete: false }).map((v) => `${v.rule} ${v.eventIndex}`)).toEqual(['lifecycle/resume-not-suspended 2']);
  });
});

describe('validateTrace strict', () => {
  it('should add not-finished only when strict, also for traces the fast path proves valid', () => {
    const t = traceFromCanonical(events('call main #1\ncall g #2\nyield g #2\nreturn main #1'));
    expect(validateTrace(t)).toEqual([]);
    expect(validateTrace(t, { strict: true }).map((v) => v.message)).toEqual(['want #2 (g) returned or unwound by the end, got suspended']);
    const closed = traceFromCanonical(events('call main #1\ncall g #2\nyield g #2\nthrow g #2\nunwind g #2\nreturn main #1'));
    expect(validateTrace(closed, { strict: true })).toEqual([]);
  });

  it('should report a frame running at the end once: stack balance when complete, not-finished when not', () => {
    const t = traceFromCanonical(events('call main #1'));
    expect(validateTrace(t, { strict: true }).map((v) => v.rule)).toEqual(['stack-balance/open-at-end']);
    expect(validateTrace(t, { strict: true, complete: false }).map((v) => v.rule)).toEqual(['lifecycle/not-finished']);
  });
});
