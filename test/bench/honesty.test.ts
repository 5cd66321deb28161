/**
 * Honesty of the gate, without timing anything: simulated samples with the noise a 2-core CI machine
 * shows (a drifting machine speed shared by the twins of a round, jitter per sample, GC pauses, a
 * neighbour disturbing one twin's block, and a systematic shift of the ratio per process: V8's
 * compilation decisions, measured here at up to 12% between two processes), run through the gate's real
 * statistics and verdicts. The CLI's confirmation re-run runs in a fresh process, so it draws a new shift.
 */
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../bench/gate/bootstrap.ts';
import { estimateRatio, type RoundSamples } from '../../bench/gate/ratio.ts';
import { DEFAULT_MAX_REGRESSION, confirmVerdict, ratioVerdict, type Verdict } from '../../bench/gate/verdict.ts';

const MAX = DEFAULT_MAX_REGRESSION;

const ROUNDS = 20;
const SAMPLES = 5;
const OPS = { plain: 1000, traced: 1000 };
/** Fewer bootstrap resamples than the gate's 2000 keep 2000 simulated runs fast; the verdicts barely move. */
const EST = { resamples: 500 };

function noise(seed: number): { uniform: () => number; gauss: () => number } {
  const uniform = seededRandom(seed);
  return { uniform, gauss: () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform()) };
}

/** One process: its systematic shift of the ratio (JIT, memory layout), for the whole life of the process. */
function processShift(rng: ReturnType<typeof noise>): number {
  return Math.exp(0.04 * rng.gauss());
}

/** One measurement of a case whose true ratio is `ratio`, in a process shifted by `shift`. */
function simulatedRun(rng: ReturnType<typeof noise>, ratio: number, shift: number): RoundSamples[] {
  const rounds: RoundSamples[] = [];
  let speed = 1;
  for (let r = 0; r < ROUNDS; r++) {
    speed *= Math.exp(0.1 * rng.gauss()); // the machine drifts; both twins of a round see it
    const twin = (base: number): number[] => {
      const block = rng.uniform() < 0.05 ? 1.3 : 1; // a neighbour hits this twin's whole block
      return Array.from({ length: SAMPLES }, () => {
        const gc = rng.uniform() < 0.03 ? 2 + 3 * rng.uniform() : 1;
        return base * speed * block * gc * Math.exp(0.05 * rng.gauss());
      });
    };
    rounds.push({ plain: twin(1), traced: twin(ratio * shift) });
  }
  return rounds;
}

/** The gate on one case: a first run, and a confirmation re-run in a fresh process when it looks slower. */
function gate(rng: ReturnType<typeof noise>, ratio: number, baseline: number): Verdict {
  const first = ratioVerdict(estimateRatio(simulatedRun(rng, ratio, processShift(rng)), OPS, EST), baseline, MAX);
  const rerun = first === 'slower' ? ratioVerdict(estimateRatio(simulatedRun(rng, ratio, processShift(rng)), OPS, EST), baseline, MAX) : undefined;
  return confirmVerdict(first, rerun);
}

/** Fraction of `runs` gate runs that fail, for a build whose true ratio is `trueRatio` x the baseline build's. */
function failureRate(slowdown: number, runs: number, seed: number): number {
  const rng = noise(seed);
  const TRUE = 3;
  let failures = 0;
  for (let k = 0; k < runs; k++) {
    // Each gate run compares with a baseline measured in another process, as the committed one was.
    const baseline = estimateRatio(simulatedRun(rng, TRUE, processShift(rng)), OPS, EST).ratio;
    if (gate(rng, TRUE * (1 + slowdown), baseline) === 'slower') failures++;
  }
  return failures / runs;
}

describe('the gate under simulated noise (deterministic)', () => {
  it('should not cry wolf: the same build fails in at most 1% of 300 runs', () => {
    expect(failureRate(0, 300, 1)).toBeLessThanOrEqual(0.01);
  });

  it('should fail a 40% slowdown in at least 95% of 300 runs', () => {
    expect(failureRate(0.4, 300, 2)).toBeGreaterThanOrEqual(0.95);
  });

  it('should fail a 30% slowdown in most runs and a 10% one rarely (the limit is +20% on the ratio, in both runs)', () => {
    // Over 1000 simulated runs per row: 0% -> 0, +10% -> 1.8%, +15% -> 11%, +20% -> 34%, +25% -> 65%,
    // +30% -> 85%, +40% -> 99% of one case's gate runs fail. A gate run of n cases slowed alike fails when any does.
    const at30 = failureRate(0.3, 300, 3);
    const at10 = failureRate(0.1, 300, 4);
    expect(at30).toBeGreaterThanOrEqual(0.75);
    expect(at10).toBeLessThanOrEqual(0.05);
  });

  it('should let the confirmation re-run absorb a disturbed first run', () => {
    // A first run whose traced twin was hit by a neighbour in every round, then a clean re-run.
    const rng = noise(9);
    const baseline = estimateRatio(simulatedRun(rng, 3, 1), OPS).ratio;
    const disturbed = simulatedRun(rng, 3 * 1.4, 1);
    const first = ratioVerdict(estimateRatio(disturbed, OPS), baseline, MAX);
    const rerun = ratioVerdict(estimateRatio(simulatedRun(rng, 3, 1), OPS), baseline, MAX);
    expect(first).toBe('slower');
    expect(confirmVerdict(first, rerun)).toBe('noise');
  });
});

