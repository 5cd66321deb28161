/**
 * One decoder's fuzz campaign: cases made from the seed corpus by stacked mutations, each fed to the
 * decoder, timed and classified ({@link classify}); counts kept per outcome and per error code. Case `i`
 * of decoder `d` in a run of seed `s` is a pure function of `(s, d, i)` ({@link makeCase}).
 * @module
 */
import type { TraceFormatErrorCode } from '../../src/model/errors.ts';
import type { Corpus } from './corpus.ts';
import { MAX_INPUT_BYTES } from './mutator.ts';
import { classify, type Outcome } from './outcome.ts';
import { caseSeed, Rng } from './rng.ts';
import type { FuzzTarget } from './targets.ts';

/** Counts of one campaign. */
export interface Tally {
  readonly decoder: string;
  cases: number;
  ok: number;
  /** Typed errors by code. */
  readonly typed: Partial<Record<TraceFormatErrorCode, number>>;
  untyped: number;
  masked: number;
  hung: number;
  /** The slowest case, ms. */
  slowestMs: number;
  /** Wall time of the campaign, ms. */
  elapsedMs: number;
}

/** A failing case: enough to make it again (`seed`, `decoder`, `index`) and the input itself. */
export interface Counterexample {
  readonly decoder: string;
  readonly seed: number;
  readonly index: number;
  readonly outcome: Outcome;
  readonly input: Uint8Array;
}

/** Options of {@link runCampaign}. */
export interface CampaignOptions {
  /** The run's seed, a u32. */
  readonly seed: number;
  /** Cases to run, >= 0. */
  readonly cases: number;
  /** The first case index (to go on after a hung case). @defaultValue 0 */
  readonly from?: number;
  readonly corpus: Corpus;
  /** The target's position in the target list (part of every case's seed). */
  readonly targetIndex: number;
  /** Called before each case with its index (a watchdog's heartbeat). */
  readonly onCase?: (index: number) => void;
  /** Called with each failing case. */
  readonly onCounterexample?: (c: Counterexample) => void;
  /** Called about every `progressEvery` cases. */
  readonly onProgress?: (t: Tally) => void;
  /** @defaultValue 10 000 */
  readonly progressEvery?: number;
}

/** An empty tally. */
export function emptyTally(decoder: string): Tally {
  return { decoder, cases: 0, ok: 0, typed: {}, untyped: 0, masked: 0, hung: 0, slowestMs: 0, elapsedMs: 0 };
}

/** Adds one outcome to a tally. */
export function count(t: Tally, o: Outcome): void {
  t.cases++;
  if (o.kind === 'typed') t.typed[o.code!] = (t.typed[o.code!] ?? 0) + 1;
  else t[o.kind]++;
}

/**
 * The input of one case: a seed file picked at random, then 1 to 5 mutations (one in fifty cases is a seed
 * unchanged, so the decoder's success path runs too), cut to {@link MAX_INPUT_BYTES}.
 * @param target - the decoder
 * @param seeds - its seed files
 * @param rng - the case's generator (see {@link caseSeed})
 */
export function makeCase(target: FuzzTarget, seeds: readonly Uint8Array[], rng: Rng): Uint8Array {
  let input = rng.pick(seeds);
  if (rng.chance(0.02)) return input;
  const rounds = rng.chance(0.5) ? 1 : rng.range(2, 5);
  const weights = target.mutators.map((m) => [m.weight, m] as const);
  for (let r = 0; r < rounds; r++) {
    input = rng.weighted(weights).mutate(input, rng, seeds);
    if (input.length > MAX_INPUT_BYTES) input = input.slice(0, MAX_INPUT_BYTES);
  }
  return input;
}

/**
 * Runs one decoder's cases.
 * @param target - the decoder
 * @param options - see {@link CampaignOptions}
 * @returns the counts
 */
export async function runCampaign(target: FuzzTarget, options: CampaignOptions): Promise<Tally> {
  const tally = emptyTally(target.name);
  const seeds = target.seeds(options.corpus);
  const every = options.progressEvery ?? 10_000;
  const started = performance.now();
  const from = options.from ?? 0;
  for (let index = from; index < from + options.cases; index++) {
    const input = makeCase(target, seeds, new Rng(caseSeed(options.seed, options.targetIndex, index)));
    options.onCase?.(index);
    const outcome = await runOne(target, input);
    count(tally, outcome);
    if (outcome.ms > tally.slowestMs) tally.slowestMs = outcome.ms;
    if (outcome.kind !== 'ok' && outcome.kind !== 'typed') options.onCounterexample?.({ decoder: target.name, seed: options.seed, index, outcome, input });
    if ((index - from + 1) % every === 0) {
      tally.elapsedMs = performance.now() - started;
      options.onProgress?.(tally);
    }
  }
  tally.elapsedMs = performance.now() - started;
  return tally;
}

/**
 * Feeds one input to a decoder and classifies what it did.
 * @returns the outcome and its time, ms
 */
export async function runOne(target: FuzzTarget, input: Uint8Array): Promise<Outcome & { readonly ms: number }> {
  const t0 = performance.now();
  let thrown: unknown;
  let didThrow = false;
  let reported;
  try {
    const r = target.run(input);
    reported = r instanceof Promise ? await r : r;
  } catch (e) {
    thrown = e;
    didThrow = true;
  }
  const ms = performance.now() - t0;
  return { ...classify(thrown, reported, input, ms, didThrow), ms };
}
