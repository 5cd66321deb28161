import { describe, expect, it } from 'vitest';
import { interleave, MAX_RECALIBRATIONS } from '../../bench/measure/interleave.ts';
import { slowedTwin } from '../../bench/measure/slowdown.ts';
import { MIN_SAMPLE_GRAINS, refusalReason, timerGrainMs } from '../../bench/measure/timer.ts';

describe('timerGrainMs', () => {
  it('should take the larger of the smallest step and the median call cost', () => {
    // A fake timer that ticks 0.001 ms every 3 reads: smallest step 0.001 ms, median delta 0.
    let reads = 0;
    expect(timerGrainMs(() => Math.floor(reads++ / 3) * 0.001, 300)).toBeCloseTo(0.001, 12);
    // One that advances 0.0005 ms on every read: both are 0.0005 ms.
    let t = 0;
    expect(timerGrainMs(() => (t += 0.0005), 300)).toBeCloseTo(0.0005, 12);
  });
});

describe('refusalReason', () => {
  it('should refuse samples under MIN_SAMPLE_GRAINS timer grains and accept longer ones', () => {
    const grain = 0.0001; // 100 ns
    expect(refusalReason(MIN_SAMPLE_GRAINS * grain * 0.9, grain)).toMatch(/under 1000x the timer grain \(100 ns\): batch more/);
    expect(refusalReason(MIN_SAMPLE_GRAINS * grain * 1.1, grain)).toBeUndefined();
  });

  it("should refuse samples tinybench found saturated, whatever their length", () => {
    expect(refusalReason(10, 0.0001, 'traced: zero-dominated')).toMatch(/timer saturation \(traced: zero-dominated\)/);
  });
});

describe('slowedTwin', () => {
  it('should make each call last 1 + fraction times its own duration', () => {
    // A fake clock advancing 1 ms per read: the twin's own work is 4 reads.
    let now = 0;
    const clock = (): number => now++;
    const twin = (): number => {
      now += 3;
      return 7;
    };
    const start = now;
    expect(slowedTwin(twin, 0.5, clock)()).toBe(7);
    // t0 read at 0, twin to 3, elapsed read at 4 (4 ms), spin until 0 + 4 * 1.5 = 6.
    expect(now - start).toBeGreaterThanOrEqual(6);
    expect(now - start).toBeLessThanOrEqual(7);
  });

  it('should slow async twins after they settle, and leave a zero fraction alone', async () => {
    let now = 0;
    const clock = (): number => now++;
    const twin = async (): Promise<string> => {
      now += 9;
      return 'done';
    };
    await expect(slowedTwin(twin, 1, clock)()).resolves.toBeUndefined();
    expect(now).toBeGreaterThanOrEqual(20);
    expect(slowedTwin(twin, 0, clock)).toBe(twin);
    expect(() => slowedTwin(twin, -1, clock)).toThrow(RangeError);
  });
});

describe('interleave', () => {
  it('should alternate the twins round by round (A B A B) with the samples asked for', async () => {
    const calls: string[] = [];
    const m = await interleave({ plain: () => calls.push('A'), traced: () => calls.push('B') }, { rounds: 4, samplesPerRound: 3, warmup: false });
    expect(m.rounds).toHaveLength(4);
    for (const r of m.rounds) {
      expect(r.plain).toHaveLength(3);
      expect(r.traced).toHaveLength(3);
    }
    // One probe call of each twin first (is it async?), then blocks of 3 per twin, alternating.
    expect(calls.join('')).toBe('AB' + 'AAABBB'.repeat(4));
    expect(m.grainMs).toBeGreaterThan(0);
  });

  it('should measure async twins and refuse bad options', async () => {
    let n = 0;
    const m = await interleave({ plain: async () => n++, traced: async () => n++ }, { rounds: 2, samplesPerRound: 2, warmup: true });
    expect(m.rounds.flatMap((r) => [...r.plain, ...r.traced]).every((s) => s >= 0)).toBe(true);
    expect(n).toBeGreaterThanOrEqual(2 + 8);
    await expect(interleave({ plain: () => 0, traced: () => 0 }, { rounds: 1, samplesPerRound: 1, warmup: false })).rejects.toThrow(/rounds/);
    await expect(interleave({ plain: () => 0, traced: () => 0 }, { rounds: 2, samplesPerRound: 0, warmup: false })).rejects.toThrow(/samplesPerRound/);
  });

  it('should repeat the shorter twin so both samples last about as long (equal-length samples)', async () => {
    // A fake clock: a plain call takes 1 ms, a traced call 3 ms.
    let t = 0;
    const m = await interleave({ plain: () => (t += 1), traced: () => (t += 3) }, { rounds: 2, samplesPerRound: 2, warmup: false, now: () => t, minSampleMs: 0.5 });
    expect(m.repeats).toEqual({ plain: 3, traced: 1 });
    for (const r of m.rounds) {
      expect(r.plain.every((s) => s === 3)).toBe(true);
      expect(r.traced.every((s) => s === 3)).toBe(true);
    }
  });

  it('should measure again with repeats sized from the samples when they came out under half the minimum', async () => {
    // A fake clock: the plain twin takes 3 ms per call during the calibration (a GC pause in every window) and
    // 0.125 ms afterwards (exact in binary); the traced twin 1 ms throughout. minSampleMs 2: the calibration
    // makes 24 plain calls (1 probe, 17 warm-up calls to pass 25 x 2 ms, 3 windows of 2 calls), so repeats
    // { plain: 1, traced: 3 } from target max(2, 3, 1) = 3 ms; the plain samples then last 0.125 ms, under
    // 2 / 2. Sized from the medians (0.125 ms, and 3 ms / 3 per call), target max(2, 0.125, 1) = 2 ms:
    // { plain: 16, traced: 2 }, 2 ms samples each.
    let t = 0;
    let plainCalls = 0;
    const m = await interleave({ plain: () => (t += ++plainCalls <= 24 ? 3 : 0.125), traced: () => (t += 1) }, { rounds: 2, samplesPerRound: 2, warmup: false, now: () => t, minSampleMs: 2 });
    expect(m.recalibrations).toBe(1);
    expect(m.repeats).toEqual({ plain: 16, traced: 2 });
    for (const r of m.rounds) {
      for (const s of [...r.plain, ...r.traced]) expect(s).toBeCloseTo(2, 9);
    }
  });

  it('should give up measuring again after MAX_RECALIBRATIONS, leaving the refusal to the bench', async () => {
    // As above, but the plain twin takes no time at all after the calibration: no repeats make its sample long.
    let t = 0;
    let plainCalls = 0;
    const m = await interleave({ plain: () => (t += ++plainCalls <= 24 ? 3 : 0), traced: () => (t += 1) }, { rounds: 2, samplesPerRound: 1, warmup: false, now: () => t, minSampleMs: 2 });
    expect(m.recalibrations).toBe(MAX_RECALIBRATIONS);
    expect(m.rounds.flatMap((r) => r.plain).every((s) => s === 0)).toBe(true);
  });

  it('should pass on what a twin throws', async () => {
    await expect(
      interleave(
        {
          plain: () => 0,
          traced: () => {
            throw new Error('boom');
          },
        },
        { rounds: 2, samplesPerRound: 1, warmup: false },
      ),
    ).rejects.toThrow('boom');
  });
});
