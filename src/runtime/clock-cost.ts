/** What one clock read costs on this runtime, measured (DESIGN §7: the recorder reads none by default). */
export interface ClockCost {
  /** Mean cost of one read, in ns (Bun about 40–60, Node about 50–120, Deno about 90–230 on 2 cores). */
  readonly costNs: number;
  /** The smallest non-zero step seen between two consecutive reads, in ns; `Infinity` if it never moved. */
  readonly resolutionNs: number;
}

/**
 * Measures a clock: the mean cost of a read over `reads` back-to-back reads, and the smallest step it
 * ticks by. Takes about `reads` × the cost (2 ms for the default on a 100 ns clock).
 * @example
 * ```ts
 * measureClockCost(); // { costNs: 93.1, resolutionNs: 70 } on Deno 2.9 here
 * ```
 * @param read - the clock, returning milliseconds (as `performance.now()` does)
 * @param reads - reads to average over, >= 2
 * @defaultValue read `() => performance.now()`, reads 20000
 * @returns the {@link ClockCost}
 * @throws RangeError when `reads` is not an integer >= 2
 */
export function measureClockCost(read: () => number = () => performance.now(), reads = 20_000): ClockCost {
  if (!Number.isInteger(reads) || reads < 2) throw new RangeError(`measureClockCost: reads must be an integer >= 2, got ${reads}`);
  let minStepMs = Infinity;
  const first = read();
  let last = first;
  for (let i = 1; i < reads; i++) {
    const now = read();
    const step = now - last;
    if (step > 0 && step < minStepMs) minStepMs = step;
    last = now;
  }
  return { costNs: ((last - first) * 1e6) / (reads - 1), resolutionNs: minStepMs * 1e6 };
}
