/**
 * Runs a case's two twins interleaved in one process with tinybench: round after round, the untraced
 * twin's samples, then the traced twin's (A B A B ...), so slow drifts of the machine hit both alike.
 * @module
 */
import { Bench, type Task } from 'tinybench';
import { median } from '../gate/bootstrap.ts';
import type { RoundSamples } from '../gate/ratio.ts';
import { type Repeats, repeated, repeatsFor } from './sample-length.ts';
import { slowedTwin } from './slowdown.ts';
import { timerGrainMs } from './timer.ts';

/** The calibration's warm-up of each twin, in minimum samples. */
const WARMUP_SAMPLES = 25;

/** Measurements made again with repeats sized from the samples, when they came out too short. */
export const MAX_RECALIBRATIONS = 2;

/** Options of {@link interleave}. */
export interface InterleaveOptions {
  /** Rounds (A B pairs), >= 2; the full gate uses at least 20. */
  readonly rounds: number;
  /** Samples of each twin per round, >= 1. */
  readonly samplesPerRound: number;
  /** Warm both twins up (JIT) before the first round. */
  readonly warmup: boolean;
  /** Injected slowdown of the traced twin (honesty checks), >= 0. @defaultValue 0 */
  readonly slowdown?: number;
  /** The clock, in ms (see `clock.ts`). @defaultValue `performance.now()` */
  readonly now?: () => number;
  /**
   * Equal-length samples: after the warm-up, time each twin over a window this long and repeat each twin's call per
   * sample so that both samples last about as long, and at least this long, in ms. Without it a sample is
   * one call.
   */
  readonly minSampleMs?: number;
}

/** What {@link interleave} measured. */
export interface Interleaved {
  readonly rounds: RoundSamples[];
  /** The timer's grain, in ms. */
  readonly grainMs: number;
  /** tinybench's timer-saturation warning, if any twin raised one. */
  readonly saturation?: string;
  /** Calls of each twin per sample (1 each without `minSampleMs`): scale the case's operations by these. */
  readonly repeats: Repeats;
  /** How many times the rounds were measured again with repeats sized from their own samples (0 to {@link MAX_RECALIBRATIONS}). */
  readonly recalibrations: number;
}

/**
 * Measures `plain` and `traced` in interleaved rounds. Each call of a twin is one sample.
 * @param twins - the untraced and traced twin; each call runs the case's batch of operations
 * @param options - see {@link InterleaveOptions}
 * @returns every sample, by round (ms)
 * @throws RangeError for options out of range; whatever a twin throws
 */
export async function interleave(twins: { readonly plain: () => unknown; readonly traced: () => unknown }, options: InterleaveOptions): Promise<Interleaved> {
  if (!(Number.isInteger(options.rounds) && options.rounds >= 2)) throw new RangeError(`interleave: rounds must be an integer >= 2, got ${options.rounds}`);
  if (!(Number.isInteger(options.samplesPerRound) && options.samplesPerRound >= 1)) throw new RangeError(`interleave: samplesPerRound must be an integer >= 1, got ${options.samplesPerRound}`);
  // iterations = samples per round, time 0: exactly that many samples each time a task runs.
  const bench = new Bench({ iterations: options.samplesPerRound, time: 0, warmup: false, warmupIterations: 3, warmupTime: 50, retainSamples: true, throws: true, ...(options.now !== undefined ? { now: options.now } : {}) });
  const now = (): number => bench.now() as number;
  // One call of each finds out whether the twins are async (and runs them once before any timing);
  // telling tinybench spares its own detection call.
  const probe = twins.plain();
  const isAsync = probe instanceof Promise;
  if (isAsync) await probe;
  await twins.traced();
  let repeats: Repeats = { plain: 1, traced: 1 };
  if (options.minSampleMs !== undefined) {
    // Equal-length samples: warm both twins up, then time each twin over three windows of at least
    // minSampleMs and two calls, and keep the fastest window's time per call. One call's time is at the
    // mercy of a GC pause or a background compilation (CPU time counts every thread): a window that caught
    // one would make the repeats too few and the samples too short to measure.
    // The warm-up first, long enough for V8 to tier the twins up (async code is still interpreted after a
    // few calls; timed then, a call looked 3x its later length and the samples came out 3x too short).
    const minMs = options.minSampleMs;
    for (const twin of [twins.plain, twins.traced]) {
      const t0 = now();
      for (let calls = 0; calls < 3 || now() - t0 < WARMUP_SAMPLES * minMs; calls++) await twin();
    }
    const callMs = async (twin: () => unknown): Promise<number> => {
      let best = Infinity;
      for (let w = 0; w < 3; w++) {
        const t0 = now();
        let calls = 0;
        let elapsed = 0;
        do {
          await twin();
          calls++;
          elapsed = now() - t0;
        } while (elapsed < minMs || calls < 2);
        best = Math.min(best, elapsed / calls);
      }
      return best;
    };
    repeats = repeatsFor({ plain: await callMs(twins.plain), traced: await callMs(twins.traced) }, options.minSampleMs);
  }
  let saturation: string | undefined;
  bench.addEventListener('warning', (e) => {
    saturation ??= `${e.task?.name ?? 'a twin'}: ${e.reason ?? 'saturated'}`;
  });
  let rounds = await measureRounds(bench, twins, repeats, options, now, isAsync);
  // The samples themselves are the best calibration: when a twin's median sample came out under half the
  // minimum (the line the bench refuses at), its calls got faster after the calibration windows (a GC pause
  // or a background compilation in each of them, which CPU time counts on every thread). Size the repeats from
  // the median sample and measure again, at most MAX_RECALIBRATIONS times (issue 15: a refused case failed the
  // gate on unchanged code, `peer/otel-span` under two CPU hogs).
  let recalibrations = 0;
  while (options.minSampleMs !== undefined && recalibrations < MAX_RECALIBRATIONS) {
    const plainMs = median(rounds.flatMap((r) => r.plain));
    const tracedMs = median(rounds.flatMap((r) => r.traced));
    if (plainMs >= options.minSampleMs / 2 && tracedMs >= options.minSampleMs / 2) break;
    repeats = repeatsFor({ plain: plainMs / repeats.plain, traced: tracedMs / repeats.traced }, options.minSampleMs);
    recalibrations++;
    rounds = await measureRounds(bench, twins, repeats, { ...options, warmup: false }, now, isAsync);
  }
  return { rounds, grainMs: timerGrainMs(now), repeats, recalibrations, ...(saturation !== undefined ? { saturation } : {}) };
}

/** The rounds of one measurement with these repeats: tasks added to `bench` afresh, warmed up if asked. */
async function measureRounds(bench: Bench, twins: { readonly plain: () => unknown; readonly traced: () => unknown }, repeats: Repeats, options: InterleaveOptions, now: () => number, isAsync: boolean): Promise<RoundSamples[]> {
  for (const t of [...bench.tasks]) bench.remove(t.name);
  const plain = repeated(twins.plain, repeats.plain);
  const traced = slowedTwin(repeated(twins.traced, repeats.traced), options.slowdown ?? 0, now);
  bench.add('plain', plain, { async: isAsync }).add('traced', traced, { async: isAsync });
  const [plainTask, tracedTask] = bench.tasks as [Task, Task];
  if (options.warmup) {
    for (const t of [plainTask, tracedTask]) {
      if (isAsync) await t.warmup();
      else t.warmupSync();
    }
  }
  const rounds: RoundSamples[] = [];
  for (let r = 0; r < options.rounds; r++) {
    const plainSamples = await samplesOf(plainTask, isAsync);
    const tracedSamples = await samplesOf(tracedTask, isAsync);
    rounds.push({ plain: plainSamples, traced: tracedSamples });
  }
  return rounds;
}

async function samplesOf(task: Task, isAsync: boolean): Promise<number[]> {
  if (isAsync) await task.run();
  else task.runSync();
  const result = task.result;
  if (result.state === 'errored') throw result.error;
  const samples = 'latency' in result ? result.latency.samples : undefined;
  if (samples === undefined) throw new Error(`interleave: tinybench kept no samples for ${task.name} (state ${result.state})`);
  const out = [...samples];
  task.reset(false);
  return out;
}
