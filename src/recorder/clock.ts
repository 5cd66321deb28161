/**
 * A clock the recorder may read once per event: returns nanoseconds since an origin of its choice.
 *
 * By default no clock is read at all (events are ordered by `seq`; DESIGN §7: one `performance.now()`
 * costs about 120 ns, twenty times a buffer write). Inject one for timed traces or tests.
 */
export type Clock = () => number;

/**
 * A clock over `performance.now()` (available on Node, Deno and Bun), in ns since the clock was made.
 * @returns a {@link Clock}
 */
export function performanceClock(): Clock {
  const origin = performance.now();
  return () => Math.round((performance.now() - origin) * 1e6);
}

/**
 * A deterministic clock for tests and goldens: returns `startNs`, then advances by `stepNs` per read.
 * @param stepNs - increment per read, in ns
 * @param startNs - first value, in ns
 * @defaultValue stepNs 1000, startNs 0
 */
export function simulatedClock(stepNs = 1000, startNs = 0): Clock {
  let now = startNs - stepNs;
  return () => (now += stepNs);
}
