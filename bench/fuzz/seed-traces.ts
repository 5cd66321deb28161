/**
 * The traces every seed file is encoded from: random traces of the property suite's trace arbitrary
 * (`harness/properties/trace-arbitrary.ts`: every kind, flags, wakers, payloads of any code point, seq jumps,
 * timestamps), some turned into partial traces (an open set, `openPartial`, no end of stream) as a
 * flight-recorder snapshot or a cut-out wire segment is.
 * @module
 */
import fc from 'fast-check';
import { traceArbitrary } from '../../harness/properties/trace-arbitrary.ts';
import type { Trace } from '../../src/model/trace.ts';
import type { OpenAtStart } from '../../src/model/trace.ts';
import { Rng } from './rng.ts';

/** Events per seed trace at most: seeds stay small, mutations make them grow. */
export const SEED_MAX_EVENTS = 40;

/**
 * Seed traces, deterministic in `seed`.
 * @param seed - the run's seed
 * @param count - how many traces, >= 1
 * @returns the traces; about one in four declares an open set and stops before its stream ended
 */
export function seedTraces(seed: number, count: number): Trace[] {
  const rng = new Rng(seed ^ 0x7ace);
  const traces = fc.sample(traceArbitrary(SEED_MAX_EVENTS), { seed: seed | 0, numRuns: count });
  return traces.map((t) => (rng.chance(0.25) ? partial(t, rng) : t));
}

/** The trace as a segment: a few activations open where it starts (codes of its table), maybe partial, not complete. */
function partial(t: Trace, rng: Rng): Trace {
  const open: OpenAtStart[] = [];
  const n = rng.int(4);
  for (let i = 0; i < n; i++) open.push({ activation: 1000 + i, code: rng.int(t.codes.length), state: rng.chance(0.5) ? 'running' : 'suspended' });
  return t.withOpen(open, rng.chance(0.3)).withComplete(false);
}
