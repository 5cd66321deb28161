import type { Trace } from '../model/trace.ts';
import { MemorySink } from './sink.ts';
import { WireWriter, type WireWriterOptions } from './writer.ts';

/**
 * Encodes a whole trace as a wire v1 file in memory (timestamps included when the trace has them), closed
 * with an end-of-stream record unless the trace says it stops before its stream ended ({@link Trace.complete}).
 * Deterministic: the same trace and options give the same bytes.
 * @param trace - the events
 * @param options - chunking; `timestamps` defaults to whether the trace has a `tsNs` column
 * @returns the file bytes
 * @throws RangeError for a trace the format cannot hold (see {@link WireWriter.append})
 */
export function encodeWire(trace: Trace, options: Omit<WireWriterOptions, 'flushEveryEvents' | 'flushEveryBytes'> = {}): Uint8Array {
  const sink = new MemorySink(trace.length * 4 + 4096); // ~3-4 bytes/event: usually one allocation
  const writer = new WireWriter(sink, { timestamps: trace.columns.tsNs !== undefined, ...options });
  writer.appendTrace(trace);
  // A trace that stops before its stream ended (Trace.complete false) keeps no end-of-stream record.
  if (trace.complete) writer.close();
  else writer.flush();
  return sink.bytes();
}
