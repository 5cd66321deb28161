import type { AdapterProgram, AdapterRunResult, AdapterWorker } from './worker.ts';

/**
 * What runs programs in another process: an {@link AdapterWorker}, or a test double. The checks and
 * properties of a process target take this, not the worker, so they never depend on spawning.
 */
export interface ProgramRunner {
  run(program: AdapterProgram): Promise<AdapterRunResult>;
}
