/** What one clock read costs on this runtime, measured (DESIGN §7: the recorder reads none by default). */
export interface ClockCost {
  /**
   * Cost of one read, in ns: the mean over the fastest batch of back-to-back reads (about 40–60 on Bun,
   * 50–120 on Node, 90–230 on Deno, 2 cores).
   */
  readonly costNs: number;
  /** The smallest non-zero step seen between two consecutive reads, in ns; `Infinity` if it never moved. */
  readonly resolutionNs: number;
}

/**
 * Measures a clock: the mean cost of a read in each of `batches` batches of back-to-back reads, keeping
 * the fastest batch (a batch the scheduler interrupted, or one run before the JIT warmed up, reads slow
 * and says nothing about the clock), and the smallest step it ticks by over all reads. Takes about
 * `readsPerBatch × batches` × the cost (2 ms for the defaults on a 100 ns clock).
 * @example
 * ```ts
 * measureClockCost(); // { costNs: 93.1, resolutionNs: 70 } on Deno 2.9 here
 * ```
 * @param read - the clock, returning milliseconds (as `performance.now()` does)
 * @param readsPerBatch - reads in a batch, >= 2
 * @param batches - batches, >= 1
 * @defaultValue read `() => performance.now()`, readsPerBatch 1000, batches 20
 * @returns the {@link ClockCost}
 * @throws RangeError when `readsPerBatch` is not an integer >= 2 or `batches` not an integer >= 1
 */
export function measureClockCost(read: () => number = () => performance.now(), readsPerBatch = 1000, batches = 20): ClockCost {
  if (!Number.isInteger(readsPerBatch) || readsPerBatch < 2) throw new RangeError(`measureClockCost: readsPerBatch must be an integer >= 2, got ${readsPerBatch}`);
  if (!Number.isInteger(batches) || batches < 1) throw new RangeError(`measureClockCost: batches must be an integer >= 1, got ${batches}`);
  let bestMs = Infinity;
  let minStepMs = Infinity;
  for (let b = 0; b < batches; b++) {
    const first = read();
    let last = first;
    for (let i = 1; i < readsPerBatch; i++) {
      const now = read();
      const step = now - last;
      if (step > 0 && step < minStepMs) minStepMs = step;
      last = now;
    }
    bestMs = Math.min(bestMs, (last - first) / (readsPerBatch - 1));
  }
  return { costNs: bestMs * 1e6, resolutionNs: minStepMs * 1e6 };
}
