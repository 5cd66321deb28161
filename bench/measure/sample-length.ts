/**
 * Samples of equal length: each twin's call is repeated so that a sample of the untraced twin lasts about as
 * long as one of the traced twin, and both at least the timer's minimum. Unequal samples are unequally
 * exposed to preemption (a traced sample 3x as long is hit 3x as often on a busy machine), which biases
 * their ratio.
 * @module
 */

/** Calls of each twin per sample, >= 1. */
export interface Repeats {
  readonly plain: number;
  readonly traced: number;
}

/** At most this many calls per sample: a twin that takes near-zero time is a bug to see, not to hide. */
export const MAX_REPEATS = 10_000;

/**
 * How many calls of each twin one sample makes.
 * @example
 * ```ts
 * repeatsFor({ plain: 1, traced: 3 }, 5); // { plain: 5, traced: 2 }: both samples about 5-6 ms
 * ```
 * @param callMs - one call of each twin, in ms (> 0; a 0 is read as `floorMs`)
 * @param minSampleMs - the shortest sample the timer allows, in ms (>= 0)
 * @param floorMs - the timer's grain, in ms: a call measured shorter is taken as this long
 * @returns calls per sample so that both samples last about `max(minSampleMs, longer call)`
 */
export function repeatsFor(callMs: Repeats, minSampleMs: number, floorMs = 1e-6): Repeats {
  const plain = Math.max(callMs.plain, floorMs);
  const traced = Math.max(callMs.traced, floorMs);
  const target = Math.max(minSampleMs, plain, traced);
  // Rounded for equal lengths, but never under the minimum.
  const k = (ms: number): number => Math.min(MAX_REPEATS, Math.max(1, Math.round(target / ms), Math.ceil(minSampleMs / ms)));
  return { plain: k(plain), traced: k(traced) };
}

/**
 * A twin that runs `twin` `times` times per call, one after the other (awaiting each call of an async twin).
 * @param twin - one call's work
 * @param times - calls per sample, >= 1
 */
export function repeated(twin: () => unknown, times: number): () => unknown {
  if (times === 1) return twin;
  return () => {
    const first = twin();
    if (first instanceof Promise) {
      return (async () => {
        await first;
        for (let i = 1; i < times; i++) await twin();
      })();
    }
    for (let i = 1; i < times; i++) twin();
    return first;
  };
}
