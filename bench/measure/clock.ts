/**
 * The clocks a bench case can be timed with. On a shared runner the wall clock counts the time a sample
 * spent descheduled (another job ran on its core); CPU time does not, so a preempted sample is not longer.
 * @module
 */

/**
 * `cpu`: this thread's CPU time where the runtime offers it (`process.threadCpuUsage`, Node >= 23.9), else the
 * process's (`process.cpuUsage`: user + system of every thread, in µs steps; Node 20 has only this one);
 * `wall`: `performance.now()`. A case whose work runs in another process (a spawned CLI, a Python adapter)
 * must use `wall`: a child's CPU time is not this process's.
 */
export type ClockKind = 'cpu' | 'wall';

/** The clock a case uses unless it says otherwise (see README "How it measures": the less noisy under load). */
export const DEFAULT_CLOCK: ClockKind = 'cpu';

type CpuUsage = () => { user: number; system: number };

/**
 * A clock reading in ms.
 * @param kind - see {@link ClockKind}
 * @returns a function returning a monotonic time in ms (for `cpu`, CPU time consumed so far)
 */
export function clockFor(kind: ClockKind): () => number {
  if (kind === 'wall') return () => performance.now();
  const thread = (process as unknown as { threadCpuUsage?: CpuUsage }).threadCpuUsage;
  const usage: CpuUsage = typeof thread === 'function' ? thread.bind(process) : process.cpuUsage.bind(process);
  return () => {
    const u = usage();
    return (u.user + u.system) / 1e3;
  };
}

/** Which CPU clock {@link clockFor} `'cpu'` reads here, for the report. */
export function cpuClockName(): string {
  return typeof (process as unknown as { threadCpuUsage?: CpuUsage }).threadCpuUsage === 'function' ? 'process.threadCpuUsage' : 'process.cpuUsage (all threads)';
}
