// `verify` of one trace read from wire, JSONL or canonical text: the validators' verdict, its notes.
import { provenValid } from '../check/fast-validate.ts';
import type { Violation } from '../check/violation.ts';
import type { LoadedTrace } from '../formats/load.ts';
import { EventKind } from '../model/kinds.ts';
import { type Verdict, violationLines } from './verdict.ts';

/**
 * The verdict on a trace: stack balance, lifecycle and seq (from the state a wire checkpoint declares), a
 * wire file's loss, and a note of generators left suspended unless `strict`. The per-event validators are
 * loaded only when the columnar fast path cannot prove the trace valid (issue 15).
 * @param loaded - the trace as read, with its wire read for wire files
 * @param strict - activations left unfinished fail the trace
 * @returns the verdict
 */
export async function verifyTrace(loaded: LoadedTrace, strict: boolean): Promise<Verdict> {
  const { trace, wire } = loaded;
  const complete = trace.complete;
  const cp = wire?.checkpoint;
  const options = { ...(cp ? { open: cp.open, openPartial: cp.openPartial } : {}), complete, strict };
  const violations: Violation[] = provenValid(trace, options) ? [] : (await import('../check/validate-trace.ts')).validateTrace(trace, options);
  const what =
    wire === undefined
      ? `${loaded.format}, ${trace.length} events`
      : `wire${wire.version ? ` v${wire.version.major}.${wire.version.minor}` : ' segment'}, ${trace.length} events in ${wire.chunks} chunk(s)${wire.complete ? '' : ', no end-of-stream record'}`;
  const lines = [`${what}${violations.length ? `, ${violations.length} violation(s)` : ''}`, ...violationLines(violations)];
  if (wire?.loss) {
    const l = wire.loss;
    lines.push(`${l.error.message}; lost ${l.lostBytes} bytes${l.lostEvents !== undefined ? ` (${l.lostEvents}+ events)` : ''} from byte ${l.byteOffset} (trace-harness recover writes the valid prefix)`);
  }
  const suspended = strict ? 0 : countSuspended(trace);
  if (suspended > 0) lines.push(`note: ${suspended} generator activation(s) left suspended at the end`);
  return { ok: violations.length === 0 && wire?.loss === undefined, lines };
}

/** Activations whose last event is a `yield`: generators left suspended. */
function countSuspended(trace: { length: number; columns: { kind: Uint8Array; activation: Uint32Array } }): number {
  const last = new Map<number, number>();
  for (let i = 0; i < trace.length; i++) last.set(trace.columns.activation[i]!, trace.columns.kind[i]!);
  let n = 0;
  for (const k of last.values()) if (k === EventKind.Yield) n++;
  return n;
}
