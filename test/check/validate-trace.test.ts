import { describe, expect, it } from 'vitest';
import { validateTrace } from '../../src/check/validate-trace.ts';
import { traceFromCanonical } from '../../src/formats/text.ts';
import { EventKind } from '../../src/model/kinds.ts';
import { Trace } from '../../src/model/trace.ts';
import { events } from '../fixtures/trace-builders.ts';

const body = 'call main #1\nreturn main #1';

describe('validateTrace open set', () => {
  it('should replay the open set even when the events alone are provably valid: an activation declared twice is a duplicate call, at event -1, seq -1', () => {
    // Arrange: #7 declared suspended twice; the events never touch it.
    const t = traceFromCanonical(events(body)).withOpen([
      { activation: 7, code: 0, state: 'suspended' },
      { activation: 7, code: 0, state: 'suspended' },
    ]);
    // Act
    const v = validateTrace(t);
    // Assert: the second call of the replay, then its yield while suspended.
    expect(v).toEqual([
      { rule: 'lifecycle/duplicate-call', eventIndex: -1, seq: -1, activation: 7, expected: 'one call per activation, #7 is suspended', found: 'call main #7', message: 'want one call per activation, #7 is suspended, got call main #7' },
      { rule: 'lifecycle/exit-not-running', eventIndex: -1, seq: -1, activation: 7, expected: '#7 running before it exits, it is suspended', found: 'yield main #7', message: 'want #7 running before it exits, it is suspended, got yield main #7' },
    ]);
  });

  it('should report an activation declared suspended and running once as a duplicate call of the running replay, and still running at the end', () => {
    const t = traceFromCanonical(events(body)).withOpen([
      { activation: 7, code: 0, state: 'running' },
      { activation: 7, code: 0, state: 'suspended' },
    ]);
    expect(validateTrace(t).map((v) => [v.rule, v.eventIndex, v.seq, v.activation])).toEqual([
      ['stack-balance/open-at-end', -1, -1, 7],
      ['lifecycle/duplicate-call', -1, -1, 7],
    ]);
  });
});

describe('validateTrace strict on traces the fast path proves valid', () => {
  it('should report frames that were only called, at the end of an incomplete trace', () => {
    const t = traceFromCanonical(events('call main #1\nreturn main #1\ncall f #2\ncall g #3'), [], false, false);
    expect(validateTrace(t, { strict: true }).map((v) => [v.rule, v.activation, v.found])).toEqual([
      ['lifecycle/not-finished', 2, 'running'],
      ['lifecycle/not-finished', 3, 'running'],
    ]);
  });

  it('should read no column entry beyond the trace length (columns may hold more)', () => {
    // Arrange: #1 left suspended; the spare column entry after the last event is a return of #1.
    const rows = [
      { kind: EventKind.Call, activation: 1 },
      { kind: EventKind.Yield, activation: 1 },
      { kind: EventKind.Return, activation: 1 },
    ];
    const columns = {
      kind: Uint8Array.from(rows.map((r) => r.kind)),
      flags: new Uint8Array(3),
      activation: Uint32Array.from(rows.map((r) => r.activation)),
      code: new Uint32Array(3),
      seq: Float64Array.from([0, 1, 2]),
    };
    const t = new Trace(columns, ['g'], 2);
    // Act, Assert
    expect(validateTrace(t, { strict: true }).map((v) => v.message)).toEqual(['want #1 (g) returned or unwound by the end, got suspended']);
  });
});
