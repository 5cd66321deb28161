import { describe, expect, it } from 'vitest';
import { TraceAssertionError } from '../../src/assert/assertion-error.ts';
import { expectExact, expectWakeCausal } from '../../src/assert/expect-exact.ts';
import { ExactnessValidator } from '../../src/check/exactness.ts';
import { runValidators } from '../../src/check/run.ts';
import { WakeCausalityValidator } from '../../src/check/wake-causality.ts';
import { events } from '../fixtures/trace-builders.ts';

const rules = (text: string, v: () => ExactnessValidator | WakeCausalityValidator): [string, number][] =>
  runValidators(events(text), [v()]).map((x) => [x.rule, x.eventIndex]);

const good = 'call main #1\ncall a #2\nyield a #2\nyield main #1\nwake a #2 by ?\nresume a #2\nwake main #1 by #2\nreturn a #2\nresume main #1\nreturn main #1';

describe('WakeCausalityValidator', () => {
  it('should accept wakes by the running waker and unknown wakers', () => {
    expect(rules(good, () => new WakeCausalityValidator())).toEqual([]);
    expect(() => expectWakeCausal(events(good))).not.toThrow();
  });

  it('should report a waker never called, a waker not running, and a second wake in one suspension', () => {
    expect(rules('call f #1\nyield f #1\nwake f #1 by #9\nresume f #1', () => new WakeCausalityValidator())).toEqual([['wake/unknown-waker', 2]]);
    expect(rules('call a #1\nyield a #1\ncall f #2\nyield f #2\nwake f #2 by #1\nresume f #2', () => new WakeCausalityValidator())).toEqual([['wake/waker-not-running', 4]]);
    expect(rules('call f #1\nyield f #1\ncall a #2\nwake f #1 by #2\nreturn a #2\nwake f #1 by ?\nresume f #1', () => new WakeCausalityValidator())).toEqual([['wake/duplicate', 5]]);
  });

  it('should require the waker to complete right after its wake', () => {
    expect(rules('call f #1\nyield f #1\ncall a #2\nwake f #1 by #2\nunwind a #2\nresume f #1', () => new WakeCausalityValidator())).toEqual([]);
    expect(rules('call f #1\nyield f #1\ncall a #2\nwake f #1 by #2\ncall b #3\nreturn b #3\nreturn a #2\nresume f #1', () => new WakeCausalityValidator())).toEqual([]);
    expect(rules('call f #1\nyield f #1\ncall a #2\nwake f #1 by #2\nyield a #2\nresume f #1', () => new WakeCausalityValidator())).toEqual([['wake/waker-not-completing', 4]]);
  });

  it('should require a wake by ? to come right before its resumption', () => {
    expect(rules('call f #1\nyield f #1\nwake f #1 by ?\npending f #1 on ?\nthrow f #1\nreturn f #1', () => new WakeCausalityValidator())).toEqual([]);
    expect(rules('call f #1\nyield f #1\nwake f #1 by ?\ncall g #2\nreturn g #2\nresume f #1', () => new WakeCausalityValidator())).toEqual([['wake/unknown-not-at-resume', 2]]);
    expect(rules('call f #1\nyield f #1\nwake f #1 by ?', () => new WakeCausalityValidator())).toEqual([]);
  });

  it('should let a crash end what was in flight: the wake before a recovery owes no resumption', () => {
    expect(rules('call f #1\nyield f #1\nawait f #1 on ?\nwake f #1 by ?\nrecovery from ?\nabandoned f #1', () => new WakeCausalityValidator())).toEqual([]);
    expect(rules('call f #1\nyield f #1\nwake f #1 by ?\ncall g #2\nreturn g #2\nrecovery from ?', () => new WakeCausalityValidator())).toEqual([['wake/unknown-not-at-resume', 2]]);
  });

  it('should take a snapshot\'s open activations as called and running', () => {
    const text = 'call a #2\nyield a #2\nwake a #2 by #1\nreturn w #1';
    const open = [{ activation: 1, state: 'running' as const }];
    expect(runValidators(events(text), [new WakeCausalityValidator({ open })])).toEqual([]);
    expect(runValidators(events(text), [new WakeCausalityValidator()]).map((v) => v.rule)).toEqual(['wake/unknown-waker']);
    expect(runValidators(events(text), [new WakeCausalityValidator({ open: [{ activation: 1, state: 'suspended' }] })]).map((v) => v.rule)).toEqual(['wake/waker-not-running']);
  });

  it('should hold a suspension to what its await record names', () => {
    const waits = 'call main #1\ncall work #2\nyield work #2\nyield main #1\nawait main #1 on #2\n';
    expect(rules(`${waits}resume work #2\nwake main #1 by #2\nreturn work #2\nresume main #1\nreturn main #1`, () => new WakeCausalityValidator())).toEqual([]);
    expect(rules(`${waits}resume work #2\nreturn work #2\nresume main #1\nreturn main #1`, () => new WakeCausalityValidator())).toEqual([['wake/missing', 7]]);
    expect(rules(`${waits}wake main #1 by ?\nresume main #1\nreturn main #1`, () => new WakeCausalityValidator())).toEqual([['wake/wrong-waker', 5]]);
    const unknown = 'call main #1\nyield main #1\nawait main #1 on ?\ncall x #2\n';
    expect(rules(`${unknown}wake main #1 by #2\nreturn x #2\nresume main #1`, () => new WakeCausalityValidator())).toEqual([['wake/wrong-waker', 4]]);
    // Without an await record a suspension may resume unwoken (it awaited a settled value).
    expect(rules('call main #1\nyield main #1\nresume main #1\nreturn main #1', () => new WakeCausalityValidator())).toEqual([]);
  });

  it('should report an await cycle', () => {
    const v = runValidators(events('call a #1\nyield a #1\ncall b #2\nwake a #1 by #2\nyield b #2\nresume a #1\nwake b #2 by #1\nyield a #1'), [new WakeCausalityValidator()]);
    expect(v.map((x) => x.rule)).toEqual(['wake/waker-not-completing', 'wake/waker-not-completing', 'wake/await-cycle']);
    expect(v[2]!.found).toBe('#1 -> #2 -> #1');
  });

  it('should name only the activations of the cycle when the search reaches it from another one', () => {
    // #2 is woken by #1, and #1 by itself: the cycle is #1 -> #1; #2 only leads to it.
    const self = runValidators(events('call a #1\nwake q #2 by #1\nwake a #1 by #1\nreturn a #1'), [new WakeCausalityValidator()]);
    expect(self.map((x) => [x.rule, x.activation, x.found])).toEqual([['wake/await-cycle', 1, '#1 -> #1']]);
    const ring = runValidators(events('call a #1\nwake q #3 by #1\nreturn a #1\ncall b #2\nwake a #1 by #2\nreturn b #2\ncall a #1\nwake b #2 by #1\nreturn a #1'), [new WakeCausalityValidator()]);
    expect(ring.map((x) => [x.rule, x.activation, x.found])).toEqual([['wake/await-cycle', 2, '#1 -> #2 -> #1']]);
  });
});

describe('ExactnessValidator', () => {
  it('should accept exits and wakes recorded while their activation is current', () => {
    expect(rules(good, () => new ExactnessValidator())).toEqual([]);
  });

  it('should report an exit or a wake recorded while another activation runs', () => {
    expect(rules('call a #1\ncall b #2\nreturn a #1\nreturn b #2', () => new ExactnessValidator())).toEqual([
      ['exact/exit-not-current', 2],
      ['exact/exit-not-current', 3],
    ]);
    let error: unknown;
    try {
      expectExact(events('call a #1\nyield a #1\ncall b #2\nreturn b #2\ncall c #3\nwake a #1 by #2\nreturn c #3'));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TraceAssertionError);
    expect((error as Error).message).toContain('exact/wake-not-by-current at event 5 (seq 5, activation #1): want the waker #2 current, got wake a #1 by #2 while #3 runs');
  });

  it('should be available as vitest matchers', () => {
    expect(events(good)).toBeExact();
    expect(events(good)).toBeWakeCausal();
    expect(events('call a #1\ncall b #2\nreturn a #1\nreturn b #2')).not.toBeExact();
  });
});

describe('WakeCausalityValidator, the woken activation and the waker', () => {
  it('should require the resumption itself right after a wake by ?, not another record of the woken activation', () => {
    expect(rules('call f #1\nyield f #1\nwake f #1 by ?\nawait f #1 on ?\nresume f #1\nreturn f #1', () => new WakeCausalityValidator())).toEqual([['wake/unknown-not-at-resume', 2]]);
    expect(rules('call f #1\nyield f #1\nwake f #1 by ?\nevent t #1 = 1\nresume f #1\nreturn f #1', () => new WakeCausalityValidator())).toEqual([['wake/unknown-not-at-resume', 2]]);
  });

  it('should take abandoned as the completion of a waker', () => {
    expect(rules('call f #1\nyield f #1\ncall a #2\nwake f #1 by #2\nabandoned a #2\nresume f #1\nreturn f #1', () => new WakeCausalityValidator())).toEqual([]);
  });
});

describe('ExactnessValidator, records that move no frame', () => {
  it('should keep the running activation current across its own await or pending record', () => {
    expect(rules('call f #1\nawait f #1 on ?\nreturn f #1', () => new ExactnessValidator())).toEqual([]);
    expect(rules('call f #1\npending f #1 on ?\nreturn f #1', () => new ExactnessValidator())).toEqual([]);
  });
});

