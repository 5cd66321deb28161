import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_REGRESSION, confirmVerdict, countersDiff, gateExitCode, ratioVerdict } from '../../bench/gate/verdict.ts';

describe('ratioVerdict', () => {
  it('should call a case slower only when its ratio exceeds baseline x (1 + max regression)', () => {
    expect(ratioVerdict({ ratio: 2.41 }, 2, 0.2)).toBe('slower');
    expect(ratioVerdict({ ratio: 2.39 }, 2, 0.2)).toBe('ok'); // +19.5%: reported, not failed
    expect(ratioVerdict({ ratio: 2.0 }, 2, 0.2)).toBe('ok');
  });

  it('should call a case faster when its ratio is more than the max regression below the baseline', () => {
    expect(ratioVerdict({ ratio: 1.59 }, 2, 0.2)).toBe('faster');
    expect(ratioVerdict({ ratio: 1.61 }, 2, 0.2)).toBe('ok');
  });

  it('should call a case without a baseline new, and refuse a negative max regression', () => {
    expect(ratioVerdict({ ratio: 9 }, undefined, 0.2)).toBe('new');
    expect(() => ratioVerdict({ ratio: 1 }, 1, -0.1)).toThrow(RangeError);
  });

  it('should default to failing over +20% (dd-trace-js\'s hard limit)', () => {
    expect(DEFAULT_MAX_REGRESSION).toBe(0.2);
  });
});

describe('confirmVerdict', () => {
  it('should fail only when the re-run is slower too', () => {
    expect(confirmVerdict('slower', 'slower')).toBe('slower');
    expect(confirmVerdict('slower', 'ok')).toBe('noise');
    expect(confirmVerdict('slower', 'faster')).toBe('noise');
    expect(confirmVerdict('ok', undefined)).toBe('ok');
    expect(confirmVerdict('counters', undefined)).toBe('counters');
  });
});

describe('countersDiff', () => {
  it('should report every changed, missing and new counter', () => {
    expect(countersDiff({ 'events/op': 2, 'wire bytes/op': 3.5 }, { 'events/op': 2, 'wire bytes/op': 3.5 })).toEqual([]);
    expect(countersDiff({ 'events/op': 3 }, { 'events/op': 2 })).toEqual(['events/op: want 2, got 3']);
    expect(countersDiff({}, { 'events/op': 2 })).toEqual(['events/op: want 2, got none']);
    expect(countersDiff({ 'spans/op': 1 }, {})).toEqual(['spans/op: want no such counter, got 1']);
    expect(countersDiff({ 'events/op': 2 }, undefined)).toEqual([]);
  });

  it('should ignore float noise below 9 significant digits but not a real change', () => {
    expect(countersDiff({ b: 3.0612345678901 }, { b: 3.0612345678902 })).toEqual([]);
    expect(countersDiff({ b: 3.0613 }, { b: 3.0612 })).toHaveLength(1);
  });
});

describe('gateExitCode', () => {
  it('should exit 1 on slower, changed counters, a refusal or an error, else 0', () => {
    expect(gateExitCode(['ok', 'noise', 'new', 'faster', 'smoke'])).toBe(0);
    for (const v of ['slower', 'counters', 'refused', 'error'] as const) expect(gateExitCode(['ok', v])).toBe(1);
  });
});
