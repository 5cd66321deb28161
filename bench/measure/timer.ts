/**
 * The timer's grain, and the rule that refuses samples too short to measure: tinybench costs tens of ns
 * per sample and a timer ticks in steps, so a sample must be far longer than both to mean anything.
 * @module
 */

/** A sample must last at least this many timer grains (its own step or call cost, the larger). */
export const MIN_SAMPLE_GRAINS = 1000;

/**
 * The timer's grain in ms: the larger of its smallest observed step and the median cost of one call
 * (a median, so a preemption during the measurement does not inflate it), over `reads` back-to-back reads.
 * @param now - the timer (ms), as tinybench reads it
 * @param reads - calls to observe, >= 2
 * @defaultValue reads 2000
 */
export function timerGrainMs(now: () => number, reads = 2000): number {
  const deltas = new Float64Array(reads);
  let prev = now();
  for (let i = 0; i < reads; i++) {
    const t = now();
    deltas[i] = t - prev;
    prev = t;
  }
  let minStep = Infinity;
  for (const d of deltas) if (d > 0 && d < minStep) minStep = d;
  deltas.sort();
  const medianCall = deltas[reads >> 1]!;
  return Math.max(minStep === Infinity ? 0 : minStep, medianCall);
}

/**
 * Why a twin's samples cannot be reported, or undefined when they can.
 * @param medianSampleMs - the twin's median sample, in ms
 * @param grainMs - {@link timerGrainMs}
 * @param saturation - tinybench's timer-saturation warning for the task, if it raised one
 * @returns a lowercase reason
 */
export function refusalReason(medianSampleMs: number, grainMs: number, saturation?: string): string | undefined {
  if (saturation !== undefined) return `tinybench reports timer saturation (${saturation})`;
  if (!(medianSampleMs >= MIN_SAMPLE_GRAINS * grainMs)) {
    return `median sample ${(medianSampleMs * 1e6).toFixed(0)} ns is under ${MIN_SAMPLE_GRAINS}x the timer grain (${(grainMs * 1e6).toFixed(0)} ns): batch more operations per sample`;
  }
  return undefined;
}
