// Node adapter (node:fs): the golden corpus as one trace, for the wire throughput cases.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCanonical, traceFromCanonical } from '../../src/formats/text.ts';
import { Trace } from '../../src/model/trace.ts';

/**
 * Every golden trace's events, repeated (activations renumbered per copy) to at least `minEvents`, so
 * one sample spans milliseconds.
 * @param goldenDir - the golden directory (its `traces/` are read)
 * @param minEvents - events wanted, >= 1
 */
export function goldenCorpus(goldenDir: string, minEvents: number): Trace {
  const dir = join(goldenDir, 'traces');
  const events = readdirSync(dir)
    .filter((f) => f.endsWith('.trace'))
    .sort()
    .flatMap((f) => parseCanonical(readFileSync(join(dir, f), 'utf8')).events);
  const one = traceFromCanonical(events);
  const times = Math.max(1, Math.ceil(minEvents / one.length));
  const all = [];
  for (let t = 0; t < times; t++) for (let i = 0; i < one.length; i++) all.push({ ...one.at(i), seq: t * one.length + i, activation: t * 1000 + one.at(i).activation });
  return Trace.fromEvents(all, one.codes);
}
