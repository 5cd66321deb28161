import { describe, expect, it } from 'vitest';
import type { CaseResult } from '../../bench/gate/case-result.ts';
import { formatNs, formatRate, formatReport, formatTargets } from '../../bench/gate/report.ts';
import { checkTargets } from '../../bench/gate/targets.ts';
import type { RatioEstimate } from '../../bench/gate/ratio.ts';

const estimate = (ratio: number, traced: number, plain: number): RatioEstimate => ({
  ratio,
  low: ratio * 0.95,
  high: ratio * 1.05,
  rounds: 20,
  tracedNsPerOp: traced,
  plainNsPerOp: plain,
  overheadNsPerOp: traced - plain,
  roundRatios: [],
});

const result = (over: Partial<CaseResult>): CaseResult => ({ id: 'hot/sync-call', group: 'hot path', title: 't', unit: 'call', twin: 'w', counters: {}, counterDiffs: [], firstVerdict: 'ok', verdict: 'ok', ...over });

describe('formatReport', () => {
  it('should print one row per case with units in the header, and the problems under the table', () => {
    const text = formatReport(
      [
        result({ estimate: estimate(28.5, 27.2, 0.95), counters: { 'events/op': 2, 'wire bytes/op': 3.06251 }, baseline: { ratio: 28, low: 27, high: 29, tracedNsPerOp: 27, plainNsPerOp: 1, counters: {} } }),
        result({ id: 'hot/async-await', verdict: 'refused', firstVerdict: 'refused', problem: 'median sample 2 ns is under 1000x the timer grain' }),
        result({ id: 'wire/encode-random', verdict: 'counters', firstVerdict: 'counters', counterDiffs: ['wire bytes/event: want 3.66, got 3.7'], estimate: estimate(11, 50, 5) }),
      ],
      0.1,
    );
    const lines = text.split('\n');
    expect(lines[0]).toBe('| case | ratio (traced/untraced) | 95% CI | baseline ratio | verdict (threshold 10%) | traced ns/op | untraced ns/op | overhead ns/op | traced rate (op/s) | op | counters (deterministic) |');
    expect(lines[2]).toBe('| hot/sync-call | 28.5 | 27.1 – 29.9 | 28.0 | ok | 27.2 | 0.95 | 26.3 | 36.8 M/s | call | events/op 2, wire bytes/op 3.063 |');
    expect(lines[3]).toBe('| hot/async-await | - | - | - | **REFUSED** | - | - | - | - | call |  |');
    expect(lines[4]).toContain('**COUNTERS CHANGED**');
    expect(text).toContain('- hot/async-await: median sample 2 ns is under 1000x the timer grain');
    expect(text).toContain('- wire/encode-random: counter wire bytes/event: want 3.66, got 3.7');
  });

  it('should show a confirmation re-run and its outcome', () => {
    const text = formatReport([result({ estimate: estimate(2.5, 5, 2), rerunEstimate: estimate(2.0, 4, 2), firstVerdict: 'slower', rerunVerdict: 'ok', verdict: 'noise' })], 0.1);
    expect(text).toContain('ok (flagged, re-run passed)');
    expect(text).toContain('- hot/sync-call: first run 2.50 (CI 2.38 – 2.63) over the threshold; re-run 2.00 (CI 1.90 – 2.10): noise');
  });
});

describe('the verdict label', () => {
  it('should say "confirmed by re-run" only when a re-run confirmed it', () => {
    const firstOnly = formatReport([result({ estimate: estimate(2.5, 5, 2), firstVerdict: 'slower', verdict: 'slower' })], 0.1);
    expect(firstOnly).not.toContain('confirmed by re-run');
    expect(firstOnly).toContain('**SLOWER** (first run only: --gate re-runs to confirm)');
    const confirmed = formatReport([result({ estimate: estimate(2.5, 5, 2), rerunEstimate: estimate(2.5, 5, 2), firstVerdict: 'slower', rerunVerdict: 'slower', verdict: 'slower' })], 0.1);
    expect(confirmed).toContain('**SLOWER** (confirmed by re-run)');
  });
});

describe('number formats', () => {
  it('should keep about three significant digits', () => {
    expect([formatNs(4.873), formatNs(48.73), formatNs(487.3)]).toEqual(['4.87', '48.7', '487']);
    expect([formatRate(50), formatRate(2000), formatRate(2e6)]).toEqual(['20.0 M/s', '500.0 k/s', '500 /s']);
  });
});

describe('checkTargets', () => {
  it('should judge the targets whose cases ran and compare the sync call with its peers', () => {
    const es: Record<string, RatioEstimate> = {
      'hot/record': estimate(3, 9.8, 2.2),
      'hot/sync-call': estimate(28, 27.2, 0.95),
      'peer/tracing-channel-sync': estimate(67, 73.9, 1.1),
      'peer/otel-span': estimate(2000, 2305, 1.1),
      'check/validators': estimate(10, 18, 5),
    };
    const checks = checkTargets((id) => es[id]);
    const by = Object.fromEntries(checks.map((c) => [c.target, c]));
    expect(by['record one event, no clock: <= 15 ns']).toEqual({ target: 'record one event, no clock: <= 15 ns', measured: '9.80 ns', met: true });
    expect(by['wrapped sync call: >= 10x cheaper than TracingChannel.traceSync with a subscriber']!.met).toBe(false);
    expect(by['wrapped sync call: >= 100x cheaper than an OpenTelemetry span']!.measured).toBe('88x (2304 vs 26.3 ns overhead)');
    expect(by['checkers: >= 50 M events/s']).toMatchObject({ measured: '55.6 M events/s', met: true });
    expect(checks.some((c) => c.target.startsWith('generator step'))).toBe(false); // not run
    expect(formatTargets(checks)).toContain('| wrapped sync call: >= 10x cheaper than TracingChannel.traceSync with a subscriber | 2.8x (72.8 vs 26.3 ns overhead) | **missed** |');
  });
});
