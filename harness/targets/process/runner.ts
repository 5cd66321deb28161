import type { AdapterProgram, AdapterRunResult, AdapterWorker } from './worker.ts';

/**
 * What runs programs in another process: an {@link AdapterWorker}, or a test double. The checks and
 * properties of a process target take this, not the worker, so they never depend on spawning.
 */
export interface ProgramRunner {
  /**
   * Runs one program in the adapter (PROTOCOL.md §3).
   * @param program - id (unique per runner), entry, the program's functions, the rendered source
   * @returns the outcome and decoded trace, or a verdict naming the program (§4: an adapter that hangs,
   *   crashes, prints garbage, or became unusable); never rejects for anything the adapter does
   * @throws Error when the runner is closed, or a run is already in flight: the caller's mistake
   */
  run(program: AdapterProgram): Promise<AdapterRunResult>;
}
