import { encodeWire } from '../../src/wire/encode.ts';
import type { Tracer } from '../../src/recorder/tracer.ts';
import type { Counters } from '../gate/verdict.ts';

/**
 * The counters of a traced workload: runs it once on a fresh tracer and divides what it recorded by
 * its operations: `events/op` (recorded) and `wire bytes/op` (the recording, encoded).
 * @param tracer - a fresh tracer (for a clocked case, one with a simulated clock: timestamps then encode alike)
 * @param ops - operations `run` performs, >= 1
 * @param run - the workload, once
 */
export async function recordedCounters(tracer: Tracer, ops: number, run: () => unknown): Promise<Counters> {
  await run();
  const trace = tracer.snapshot();
  return { 'events/op': trace.length / ops, 'wire bytes/op': encodeWire(trace).length / ops };
}
