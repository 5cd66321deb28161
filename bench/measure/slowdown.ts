/**
 * A known slowdown injected into a traced twin, to show that the gate detects it (the honesty check):
 * after each sample the twin busy-waits `fraction` of that sample's own duration, so every sample, and
 * so every operation in it, takes `1 + fraction` times as long, whatever the case measures.
 * @module
 */

/**
 * Wraps a twin so each call takes `1 + fraction` times its own duration.
 * @param twin - one sample's work (sync or async)
 * @param fraction - extra time, >= 0 (0.1 = 10% slower)
 * @param now - the timer, in ms
 * @throws RangeError for a negative fraction
 */
export function slowedTwin(twin: () => unknown, fraction: number, now: () => number): () => unknown {
  if (!(fraction >= 0)) throw new RangeError(`slowedTwin: fraction must be >= 0, got ${fraction}`);
  if (fraction === 0) return twin;
  const spin = (t0: number): void => {
    const until = t0 + (now() - t0) * (1 + fraction);
    while (now() < until) {
      // busy-wait: the injected work
    }
  };
  return () => {
    const t0 = now();
    const r = twin();
    if (r instanceof Promise) return r.then(() => spin(t0));
    spin(t0);
    return r;
  };
}
