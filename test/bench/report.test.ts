import { describe, expect, it } from 'vitest';
import type { CaseResult } from '../../bench/gate/case-result.ts';
import { formatNs, formatRate, formatReport, formatTargets } from '../../bench/gate/report.ts';
import { type TargetInput, checkTargets } from '../../bench/gate/targets.ts';
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
    expect(lines[0]).toBe('| case | ratio (traced/untraced) | 95% CI | baseline ratio | change vs baseline (p) | verdict (fails over +10%) | traced ns/op | untraced ns/op | overhead ns/op | traced rate (op/s) | op | counters (deterministic) |');
    expect(lines[2]).toBe('| hot/sync-call | 28.5 | 27.1 – 29.9 | 28.0 | - | ok | 27.2 | 0.95 | 26.3 | 36.8 M/s | call | events/op 2, wire bytes/op 3.063 |');
    expect(lines[3]).toBe('| hot/async-await | - | - | - | - | **REFUSED** | - | - | - | - | call |  |');
    expect(lines[4]).toContain('**COUNTERS CHANGED**');
    expect(text).toContain('- hot/async-await: median sample 2 ns is under 1000x the timer grain');
    expect(text).toContain('- wire/encode-random: counter wire bytes/event: want 3.66, got 3.7');
  });

  it('should show a confirmation re-run and its outcome', () => {
    const text = formatReport([result({ estimate: estimate(2.5, 5, 2), rerunEstimate: estimate(2.0, 4, 2), firstVerdict: 'slower', rerunVerdict: 'ok', verdict: 'noise' })], 0.1);
    expect(text).toContain('ok (flagged, re-run passed)');
    expect(text).toContain('- hot/sync-call: first run 2.50 (CI 2.38 – 2.63) over --max-regression; re-run 2.00 (CI 1.90 – 2.10): noise');
  });
});

describe('the report tier', () => {
  it('should print the change with its p-value, mark flags, and warn about multiple comparisons', () => {
    const rows = [
      result({ estimate: estimate(2.2, 5, 2), change: { change: 0.1, pValue: 0.0004, flagged: true } }),
      result({ id: 'hot/record', estimate: estimate(1.9, 5, 2), change: { change: -0.05, pValue: 0.31, flagged: false } }),
    ];
    const text = formatReport(rows, 0.2);
    expect(text).toContain('| hot/sync-call | 2.20 | 2.09 – 2.31 | - | +10.0% (p < 0.001) flagged | ok |');
    expect(text).toContain('| hot/record | 1.90 | 1.80 – 1.99 | - | -5.0% (p 0.310) | ok |');
    expect(text).toContain('- flagged (p < 0.05): 1 of 2 case(s); by chance alone about 0.1 would be (multiple comparisons)');
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
  it("should judge issue 15's targets whose cases ran", () => {
    const xs: Record<string, TargetInput> = {
      'startup/version': { estimate: estimate(2, 120e6, 60e6), counters: {} },
      'harness/programs': { estimate: estimate(3, 500_000, 100_000), counters: {} },
      'hot/sync-call': { estimate: estimate(8, 23.3, 2.8), counters: {} },
      'hot/async-await': { estimate: estimate(2.8, 263, 94), counters: {} },
      'peer/tracing-channel-promise': { estimate: estimate(2.55, 235, 92), counters: {} },
      'wire/encode-golden': { estimate: estimate(9, 46.5, 5.2), counters: { 'wire bytes/event': 3.154 } },
      'check/validators': { estimate: estimate(3.2, 16.8, 5.2), counters: {} },
    };
    const by = Object.fromEntries(checkTargets((id) => xs[id]).map((c) => [c.target, c]));
    expect(by['trace-harness --version: <= 150 ms wall (quiet machine)']).toEqual({ target: 'trace-harness --version: <= 150 ms wall (quiet machine)', measured: '120 ms', met: true });
    expect(by['generators suite: >= 3000 programs/s']).toMatchObject({ measured: '2000 programs/s', met: false });
    expect(by['wrapped sync call (2 events): <= 15 ns overhead']).toMatchObject({ measured: '20.5 ns', met: false });
    expect(by['one await: <= 2.0x untraced and ahead of TracingChannel.tracePromise']).toMatchObject({ measured: '2.80x (tracePromise 2.55x)', met: false });
    expect(by['wire encode, golden: >= 50 M events/s and <= 5 B/event']).toMatchObject({ measured: '21.5 M events/s, 3.15 B/event', met: false });
    expect(by['all validators together: >= 60 M events/s']).toMatchObject({ measured: '59.5 M events/s', met: false });
    expect(Object.keys(by).some((t) => t.startsWith('generator step'))).toBe(false); // not run
    expect(formatTargets(Object.values(by))).toContain('| generators suite: >= 3000 programs/s | 2000 programs/s | **missed** |');
  });

  it('should list every row of issue 15 (and issue 12\'s observe mode) when every case ran', () => {
    const any: TargetInput = { estimate: estimate(1, 10, 5), counters: { 'wire bytes/event': 3 } };
    expect(checkTargets(() => any).map((c) => c.target)).toEqual([
      'trace-harness --version: <= 150 ms wall (quiet machine)',
      'trace-harness --help: <= 150 ms wall (quiet machine)',
      'trace-harness verify <small golden>: <= 150 ms wall (quiet machine)',
      'generators suite: >= 3000 programs/s',
      'coroutines suite: >= 1500 programs/s',
      'wrapped sync call (2 events): <= 15 ns overhead',
      'generator step: <= 1.8x untraced',
      'one await: <= 2.0x untraced and ahead of TracingChannel.tracePromise',
      'wire encode, golden: >= 50 M events/s and <= 5 B/event',
      'wire decode, golden: >= 50 M events/s and <= 5 B/event',
      'wire encode, random: >= 50 M events/s and <= 5 B/event',
      'wire decode, random: >= 50 M events/s and <= 5 B/event',
      'all validators together: >= 60 M events/s',
      'observe mode, reference AsyncLocalStorage tracer: >= 500 programs/s (issue 12)',
    ]);
  });
});
