// The wire part's outcome as `check` prints it, from the property's report: the same on the main thread
// and on a worker thread (wire-thread.ts), where a trace object cannot cross.
import type { WirePropertyReport } from '../../harness/properties/wire-property.ts';
import { formatCanonical } from '../formats/text.ts';
import type { WireOutcome } from './wire-thread.ts';

/**
 * The outcome of a wire property run, its failing case (if any) as lines: the case's parameters, then the
 * trace's canonical text.
 */
export function wireOutcome(r: WirePropertyReport): WireOutcome {
  const { runs, seed, elapsedMs } = r;
  if (r.failure === undefined) return { runs, seed, elapsedMs };
  const c = r.failure.case;
  const caseLines = [`case: chunkBytes ${c.chunkBytes}, cut ${c.cut}, flip ${c.flip}, trace (${c.trace.length} events):`, ...formatCanonical(c.trace).trimEnd().split('\n').map((l) => `  ${l}`)];
  return { runs, seed, elapsedMs, failure: { problems: r.failure.problems, path: r.failure.path, caseLines } };
}
