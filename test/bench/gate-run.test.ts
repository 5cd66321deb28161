/**
 * The gate end to end on real (tiny) workloads: no time is asserted, only verdicts whose margin is far
 * beyond the noise: the same build against its own baseline passes; extra work per event in the traced
 * twin (every event recorded twice) fails, confirmed by the re-run; a counter change fails outright.
 */
import { describe, expect, it } from 'vitest';
import { mergeBaseline } from '../../bench/gate/baseline.ts';
import { machine, runBench } from '../../bench/run-bench.ts';
import type { BenchCase, Twins } from '../../bench/suites/case.ts';
import { recordedCounters } from '../../bench/suites/counters.ts';
import { EventKind } from '../../src/model/kinds.ts';
import { Recorder } from '../../src/recorder/recorder.ts';
import { Tracer } from '../../src/recorder/tracer.ts';

const EVENTS = 50_000;
const RING = 1 << 16;
/** Ring writes per plain sample: cheap, so more of them, to outlast the timer's grain. */
const PLAIN_WRITES = 500_000;

/** Records EVENTS events per sample against a hand-written ring; `extra` records each event twice. */
function recordCase(extra: 'none' | 'per-event work' | 'more events'): BenchCase {
  return {
    id: 'test/record',
    group: 'hot path',
    title: 'record one event',
    unit: 'event',
    ops: { plain: PLAIN_WRITES, traced: EVENTS },
    samplesPerRound: 3,
    twin: 'typed-array ring write',
    setup(): Twins {
      const ring = new Uint32Array(RING);
      let n = 0;
      const shadow = new Recorder({ capacity: 1 << 17 });
      const make = (): { tracer: Tracer; run: () => void } => {
        const tracer = new Tracer({ capacity: 1 << 17 });
        const rec = tracer.recorder;
        return {
          tracer,
          run: () => {
            if (extra === 'per-event work') {
              for (let e = 0; e < EVENTS; e += 2) {
                rec.emit(EventKind.Call, 1, 0, 0);
                rec.emit(EventKind.Return, 1, 0, 0);
                // The injected slowdown: the same two events written again, to a shadow recorder.
                shadow.emit(EventKind.Call, 1, 0, 0);
                shadow.emit(EventKind.Return, 1, 0, 0);
              }
            } else {
              for (let e = 0; e < EVENTS; e += 2) {
                rec.emit(EventKind.Call, 1, 0, 0);
                rec.emit(EventKind.Return, 1, 0, 0);
              }
            }
            if (extra === 'more events') rec.emit(EventKind.Wake, 1, 0, 0);
            shadow.clear();
          },
        };
      };
      const t = make();
      return {
        plain: () => {
          // Locals only in the loop: a captured counter makes the JIT's code vary from closure to closure.
          let k = n;
          for (let e = 0; e < PLAIN_WRITES; e++) ring[k++ & (RING - 1)] = e;
          n = k;
        },
        traced: () => {
          t.run();
          t.tracer.recorder.clear();
        },
        counters: () => {
          const f = make();
          f.tracer.probe.code('f');
          return recordedCounters(f.tracer, EVENTS, f.run);
        },
      };
    },
  };
}

const quiet = { out: (): void => {}, progress: (): void => {} };
const context = { goldenDir: 'golden' };

describe('the gate on real workloads', () => {
  it('should pass the same build against its own baseline, and flag extra work per event after a confirming re-run', async () => {
    // Arrange: a baseline from this build. A throwaway run first: V8 specialises the code of the first
    // closures a setup makes to their context and not later ones, and every run here makes new ones
    // (a real gate makes them once per process, as the baseline's process did).
    await runBench({ cases: [recordCase('none')], context, smoke: true }, quiet);
    const first = await runBench({ cases: [recordCase('none')], context, rounds: 20, gate: true }, quiet);
    expect(first.results[0]!.verdict).toBe('new');
    const baseline = mergeBaseline(undefined, first.baselineCases, machine(), 'now');
    expect(baseline.cases['test/record']!.counters).toEqual({ 'events/op': 1, 'wire bytes/op': expect.any(Number) });

    // Act: the same build again, then a build that does extra work per event.
    const same = await runBench({ cases: [recordCase('none')], context, baseline, rounds: 20, gate: true }, quiet);
    const slowed = await runBench({ cases: [recordCase('per-event work')], context, baseline, rounds: 20, gate: true }, quiet);

    // Assert
    expect(same.exitCode).toBe(0);
    expect(['ok', 'noise', 'faster']).toContain(same.results[0]!.verdict);
    expect(slowed.results[0]!.firstVerdict).toBe('slower');
    expect(slowed.results[0]!.rerunVerdict).toBe('slower');
    expect(slowed.results[0]!.verdict).toBe('slower');
    expect(slowed.exitCode).toBe(1);
  });

  it('should fail outright, without a re-run, when the counters change', async () => {
    const first = await runBench({ cases: [recordCase('none')], context, rounds: 20 }, quiet);
    const baseline = mergeBaseline(undefined, first.baselineCases, machine(), 'now');
    let report = '';
    const run = await runBench({ cases: [recordCase('more events')], context, baseline, smoke: true }, { out: (t) => (report += t + '\n'), progress: () => {} });
    expect(run.exitCode).toBe(1);
    expect(run.results[0]!.verdict).toBe('counters');
    expect(run.results[0]!.rerunVerdict).toBeUndefined();
    expect(report).toMatch(/- test\/record: counter events\/op: want 1, got 1\.00002/);
    expect(report).toContain('bench: 1 case(s) failed: test/record (counters)');
  });

  it('should refuse fewer than 20 rounds outside a smoke run', async () => {
    await expect(runBench({ cases: [recordCase('none')], context, rounds: 5 }, quiet)).rejects.toThrow(/rounds must be an integer >= 20/);
  });
});
