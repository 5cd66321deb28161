import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { provablyValid } from '../../src/check/fast-validate.ts';
import { LifecycleValidator } from '../../src/check/lifecycle.ts';
import { runValidators } from '../../src/check/run.ts';
import { SeqValidator } from '../../src/check/seq.ts';
import { StackBalanceValidator } from '../../src/check/stack-balance.ts';
import { validateTrace } from '../../src/check/validate-trace.ts';
import { traceFromCanonical } from '../../src/formats/text.ts';
import { EventKind } from '../../src/model/kinds.ts';
import { Trace } from '../../src/model/trace.ts';
import { Tracer } from '../../src/recorder/tracer.ts';
import { programArbitrary } from '../../harness/program/arbitrary.ts';
import { compileProgram } from '../../harness/targets/js/compile.ts';
import { traceArbitrary } from '../../harness/properties/trace-arbitrary.ts';
import { randomTrace } from '../../bench/suites/random-trace.ts';
import { events } from '../fixtures/trace-builders.ts';

/** What the per-event validators say (validateTrace's slow path, no open activations). */
const eventwise = (t: Trace, complete = true): string[] =>
  runValidators(t, [new StackBalanceValidator(), new LifecycleValidator(), new SeqValidator()])
    .filter((v) => complete || v.rule !== 'stack-balance/open-at-end')
    .map((v) => v.rule);

/** A trace with one event changed: its kind, activation, seq or position. */
function mutate(t: Trace, at: number, how: number, value: number): Trace {
  const evs = t.events().map((e) => ({ ...e }));
  const e = evs[at % evs.length]!;
  if (how === 0) e.kind = ((value % 14) + 1) as EventKind;
  else if (how === 1) e.activation = value % 5;
  else if (how === 2) e.seq = e.seq + (value % 3) - 1;
  else if (how === 3) evs.splice(at % evs.length, 1);
  else if (how === 4 && evs.length > 1) [evs[0], evs[evs.length - 1]] = [evs[evs.length - 1]!, evs[0]!];
  else e.flags = value % 2;
  return Trace.fromEvents(evs, t.codes);
}

function recorded(p: Parameters<typeof compileProgram>[0]): Trace {
  return compileProgram(p)(new Tracer()).trace;
}

describe('provablyValid (the fast path of validateTrace)', () => {
  it('should prove the traces the recorder writes for random programs valid', () => {
    fc.assert(
      fc.property(programArbitrary({ async: false }), (p) => {
        const t = recorded(p);
        expect(eventwise(t)).toEqual([]);
        expect(provablyValid(t, true)).toBe(true);
      }),
      { seed: 11, numRuns: 200 },
    );
  });

  it('should never call a trace valid that the per-event validators reject (mutated recordings)', () => {
    fc.assert(
      fc.property(programArbitrary({ async: false }), fc.nat(), fc.nat(5), fc.nat(), fc.boolean(), (p, at, how, value, complete) => {
        const t = recorded(p);
        fc.pre(t.length > 0);
        const m = mutate(t, at, how, value);
        const slow = eventwise(m, complete);
        if (provablyValid(m, complete)) expect(slow).toEqual([]);
        expect(validateTrace(m, { complete }).map((v) => v.rule)).toEqual(slow);
      }),
      { seed: 12, numRuns: 500 },
    );
  });

  it('should never call a random wire-property trace valid that the validators reject', () => {
    fc.assert(
      fc.property(traceArbitrary(60), (t) => {
        const slow = eventwise(t);
        if (provablyValid(t, true)) expect(slow).toEqual([]);
        expect(validateTrace(t).map((v) => v.rule)).toEqual(slow);
      }),
      { seed: 13, numRuns: 500 },
    );
  });

  it('should reject each broken rule and leave the report to the validators', () => {
    const cases = [
      'call main #1\nreturn main #1\nreturn main #1', // after terminal / exit on empty
      'call main #1\ncall f #2\nreturn main #1\nreturn f #2', // exit not top
      'call g #1\nyield g #1\nyield g #1', // exit while suspended
      'call g #1\nresume g #1\nreturn g #1', // resume while running
      'resume g #1\nreturn g #1', // first event not a call
      'call main #1', // running at the end
      'call main #1\nwake main #1 by ?\nreturn main #1', // wake while running
    ];
    for (const text of cases) {
      const t = traceFromCanonical(events(text));
      expect(provablyValid(t, true), text).toBe(false);
      expect(validateTrace(t).length, text).toBeGreaterThan(0);
    }
  });

  it('should reject a seq gap, a repeated seq and a flag on a non-resume', () => {
    const base = [
      { seq: 0, kind: EventKind.Call, activation: 1, code: 0, flags: 0 },
      { seq: 1, kind: EventKind.Return, activation: 1, code: 0, flags: 0 },
    ];
    const gap = Trace.fromEvents([base[0]!, { ...base[1]!, seq: 2 }], ['main']);
    const repeat = Trace.fromEvents([base[0]!, { ...base[1]!, seq: 0 }], ['main']);
    const flag = Trace.fromEvents([base[0]!, { ...base[1]!, flags: 1 }], ['main']);
    for (const t of [gap, repeat, flag]) {
      expect(provablyValid(t, true)).toBe(false);
      expect(validateTrace(t).length).toBeGreaterThan(0);
    }
    expect(provablyValid(Trace.fromEvents(base, ['main']), true)).toBe(true);
  });

  it('should accept a trace running at its end when it is not complete', () => {
    const t = traceFromCanonical(events('call main #1\ncall f #2'));
    expect(provablyValid(t, true)).toBe(false);
    expect(provablyValid(t, false)).toBe(true);
    expect(validateTrace(t, { complete: false })).toEqual([]);
  });

  it('should decline a code id its 16-bit entry cannot hold, never alias it (a columnar trace naming codes outside its table)', () => {
    // One code in the table, so each entry is 16 bits: code << 2 | state. Code 16,384 would wrap to 0 there
    // ((16384 << 2 | 1) & 0xffff is 1): read as "called under code 0", its return under code 0 would look right,
    // while the per-event validators see two codes of one activation. Only the columnar constructor takes such
    // ids (Trace.fromEvents and the readers refuse a code outside the table).
    const t = new Trace(
      { kind: Uint8Array.of(EventKind.Call, EventKind.Return), flags: Uint8Array.of(0, 0), activation: Uint32Array.of(1, 1), code: Uint32Array.of(16_384, 0), seq: Float64Array.of(0, 1) },
      ['f'],
    );
    expect(provablyValid(t, true)).toBe(false);
    expect(eventwise(t)).toEqual(['lifecycle/code-changed']);
  });

  it('should agree with the validators on the bench random trace', () => {
    const t = randomTrace(200_000, 1);
    expect(validateTrace(t)).toEqual(runValidators(t, [new StackBalanceValidator(), new LifecycleValidator(), new SeqValidator()]));
  });
});

describe('provablyValid seq', () => {
  it('should not prove a trace whose seqs start below 0 valid', () => {
    const t = Trace.fromEvents(
      [
        { seq: -1, kind: EventKind.Call, activation: 1, code: 0, flags: 0 },
        { seq: 0, kind: EventKind.Return, activation: 1, code: 0, flags: 0 },
      ],
      ['f'],
    );
    expect(provablyValid(t, true)).toBe(false);
    expect(validateTrace(t).map((v) => [v.rule, v.eventIndex, v.seq])).toEqual([['seq/not-integer', 0, -1]]);
  });
});
