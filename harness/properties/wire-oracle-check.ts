import { TraceFormatError } from '../../src/model/errors.ts';
import { hasPeer, isStreamRecord, kindName } from '../../src/model/kinds.ts';
import type { Trace } from '../../src/model/trace.ts';
import type { Checkpoint } from '../../src/wire/chunk-decoder.ts';
import { readWire, type WireReadResult } from '../../src/wire/reader.ts';
import { oracleRead } from '../wire-oracle/decode.ts';
import { refusalShapeProblems } from './refusal-shape.ts';
import type { OracleCheckpoint, OracleEvent, OracleRead, OracleStop } from '../wire-oracle/decoded.ts';

/**
 * Our reader against the independent decoder written from FORMAT.md alone (`harness/wire-oracle/decode.ts`),
 * on one input (issue 13 part 4). Both must accept it or both stop; they must read the same events (seq,
 * kind, activation, code id and name, flags, waker / awaited / count / checkpoint id, timestamp, payload),
 * stop at the same chunk, agree on `complete`, and declare the same first checkpoint (counters, flags,
 * timestamp base, open set). A mistake made the same way in our writer and reader passes every round trip
 * and fails here.
 * @param what - names the input in the problem lines (`valid file`, `cut at byte 40`, ...)
 * @param bytes - any input
 * @param options - `everyCheckpoint`: also compare every chunk's checkpoint, each chunk read on its own by
 *   our reader (for a valid file: a chunk stands alone, FORMAT.md §4.1); `read`: our reader (default
 *   {@link readWire}; the wire property passes one that reads each input once for all its checks)
 * @returns the disagreements, one line each, each starting `oracle: <what>:`; empty when they agree
 * @example
 * ```ts
 * checkAgainstOracle('valid file', encodeWire(trace), { everyCheckpoint: true }); // []
 * // with a writer and a reader that both put the checkpoint's next seq off by one:
 * // ['oracle: valid file: event 0: ours seq 0 call #1 code 0 "f" flags 0 peer - ts 1000; FORMAT.md seq 1 call #1 code 0 "f" flags 0 peer - ts 1000 (120 and 120 events)',
 * //  'oracle: valid file: chunk 0 checkpoint nextSeq: ours 0, FORMAT.md 1', ...]
 * ```
 */
export function checkAgainstOracle(what: string, bytes: Uint8Array, options: { readonly everyCheckpoint?: boolean; readonly read?: (bytes: Uint8Array) => WireReadResult } = {}): string[] {
  const { everyCheckpoint = false, read = readWire } = options;
  const o = oracleRead(bytes);
  const says = (line: string): string => `oracle: ${what}: ${line}`;
  let r: WireReadResult;
  try {
    r = read(bytes);
  } catch (error) {
    if (!(error instanceof TraceFormatError)) return [says(`${(error as Error).name} escaped our reader: ${(error as Error).message}`)];
    if (!o.stop?.fatal) return [says(`our reader threw ${error.code} (${error.message}); FORMAT.md reads it: ${summary(o)}`)];
    return sameError(error, o.stop) ? refusalShapeProblems(error, says('our refusal')) : [says(`our reader threw ${error.code} at byte ${error.byteOffset} (${error.message}); FORMAT.md: ${o.stop.code} at byte ${o.stop.faultOffset} (${o.stop.reason})`)];
  }
  if (o.stop?.fatal) return [says(`our reader read it (${r.trace.length} events); FORMAT.md refuses it as not this format: ${o.stop.reason}`)];
  const problems: string[] = r.loss === undefined ? [] : refusalShapeProblems(r.loss.error, says('our loss'));
  // 1. The same verdict: both stop at the same chunk, or neither does.
  if ((r.loss === undefined) !== (o.stop === undefined) || (r.loss !== undefined && r.loss.byteOffset !== o.stop!.byteOffset)) {
    problems.push(says(`our reader ${r.loss ? `stops at byte ${r.loss.byteOffset} (${r.loss.error.code})` : 'accepts it'} after ${r.trace.length} events; FORMAT.md ${summary(o)}`));
  }
  else if (r.loss !== undefined && o.stop !== undefined) {
    // §7's loss report: the error FORMAT.md names at the offending byte, the bytes from the chunk to the end,
    // and the events that chunk announced when its header was whole.
    const { error, lostBytes, lostEvents } = r.loss;
    if (!sameError(error, o.stop)) problems.push(says(`our reader stops with ${error.code} at byte ${error.byteOffset} (${error.message}); FORMAT.md: ${o.stop.code} at byte ${o.stop.faultOffset} (${o.stop.reason})`));
    if (lostBytes !== bytes.length - o.stop.byteOffset || lostEvents !== o.stop.announced) {
      problems.push(says(`loss at byte ${o.stop.byteOffset}: ours ${lostBytes} bytes, ${lostEvents ?? 'no count of'} events lost; FORMAT.md ${bytes.length - o.stop.byteOffset} bytes, ${o.stop.announced ?? 'no count of'} events`));
    }
  }
  if (r.complete !== o.complete) problems.push(says(`complete: ours ${r.complete}, FORMAT.md ${o.complete}`));
  // 2. The same events, field by field (printed as lines only where they differ).
  const n = Math.max(r.trace.length, o.events.length);
  for (let i = 0; i < n; i++) {
    if (i < r.trace.length && i < o.events.length && sameEvent(r.trace, i, o.events[i]!)) continue;
    const ours = i < r.trace.length ? ourLine(r.trace, i) : '(none)';
    const spec = i < o.events.length ? oracleLine(o.events[i]!) : '(none)';
    problems.push(says(`event ${i}: ours ${ours}; FORMAT.md ${spec} (${r.trace.length} and ${o.events.length} events)`));
    break;
  }
  // 3. The same checkpoints: the first from the whole input, the others from each chunk read on its own.
  if (o.chunks.length > 0 && r.checkpoint !== undefined) problems.push(...compareCheckpoint(says, 0, r.checkpoint, r.trace, o.chunks[0]!.checkpoint));
  if (everyCheckpoint) {
    for (let i = 1; i < o.chunks.length; i++) {
      const chunk = o.chunks[i]!;
      const alone = readWire(bytes.subarray(chunk.byteOffset, chunk.byteOffset + chunk.bytes));
      if (alone.checkpoint === undefined) problems.push(says(`chunk ${i} read on its own: our reader reads no checkpoint (${alone.loss?.error.message ?? 'no loss'})`));
      else problems.push(...compareCheckpoint(says, i, alone.checkpoint, alone.trace, chunk.checkpoint));
    }
  }
  return problems;
}

/**
 * Whether our reader's error is the one FORMAT.md names, at the same offending byte, and says what was wrong:
 * a detail after its code (STYLE "Errors": an error a user can act on, not only a code).
 */
function sameError(error: TraceFormatError, stop: OracleStop): boolean {
  return error.code === stop.code && error.byteOffset === stop.faultOffset && /^[a-z-]+: \S/.test(error.message);
}

/** Where the oracle stopped, or that it read everything. */
function summary(o: OracleRead): string {
  return o.stop ? `stops at chunk ${o.stop.chunk} (byte ${o.stop.byteOffset}) after ${o.events.length} events: ${o.stop.reason}` : `reads all ${o.chunks.length} chunks, ${o.events.length} events`;
}

/** Whether our event `i` has every field of the oracle's (the comparison {@link ourLine} and {@link oracleLine} print). */
function sameEvent(t: Trace, i: number, e: OracleEvent): boolean {
  const c = t.columns;
  const kind = c.kind[i]!;
  if (c.seq[i] !== e.seq || kind !== e.kind || c.flags[i] !== e.flags || c.tsNs?.[i] !== e.tsNs || c.payload?.[i] !== e.payload) return false;
  if ((hasPeer(kind) ? (c.waker?.[i] ?? 0) : undefined) !== (e.waker ?? e.awaited ?? e.dropped ?? e.checkpointId)) return false;
  if (isStreamRecord(kind)) return e.activation === 0 && e.code === undefined;
  return c.activation[i] === e.activation && c.code[i] === e.code && t.codeName(c.code[i]!) === e.name;
}

/** One of our events as a line of every field FORMAT.md names (code by id and name). */
function ourLine(t: Trace, i: number): string {
  const c = t.columns;
  const kind = c.kind[i]!;
  const stream = isStreamRecord(kind);
  const code = stream ? '-' : `${c.code[i]} ${JSON.stringify(t.codeName(c.code[i]!))}`;
  const peer = hasPeer(kind) ? String(c.waker?.[i] ?? 0) : '-';
  return line(c.seq[i]!, kind, stream ? 0 : c.activation[i]!, code, c.flags[i]!, peer, c.tsNs?.[i], c.payload?.[i]);
}

/** The oracle's event as the same line. */
function oracleLine(e: OracleEvent): string {
  const code = e.code === undefined ? '-' : `${e.code} ${JSON.stringify(e.name)}`;
  const peer = e.waker ?? e.awaited ?? e.dropped ?? e.checkpointId;
  return line(e.seq, e.kind, e.activation, code, e.flags, peer === undefined ? '-' : String(peer), e.tsNs, e.payload);
}

function line(seq: number, kind: number, activation: number, code: string, flags: number, peer: string, tsNs: number | undefined, payload: string | undefined): string {
  const k = kind >= 1 && kind <= 14 ? kindName(kind) : `kind ${kind}`;
  return `seq ${seq} ${k} #${activation} code ${code} flags ${flags} peer ${peer} ts ${tsNs ?? '-'}${payload === undefined ? '' : ` payload ${payload}`}`;
}

/** Our checkpoint against the oracle's, every field (the open set by activation, code id, name and state). */
function compareCheckpoint(says: (line: string) => string, i: number, ours: Checkpoint, t: Trace, spec: OracleCheckpoint): string[] {
  const mine = { chunkIndex: ours.chunkIndex, eventsBefore: ours.eventsBefore, nextSeq: ours.nextSeq, timestamps: ours.timestamps, partial: ours.openPartial, tsBaseNs: ours.timestamps ? ours.tsBaseNs : undefined };
  const problems: string[] = [];
  for (const key of Object.keys(mine) as (keyof typeof mine)[]) {
    if (mine[key] !== spec[key]) problems.push(says(`chunk ${i} checkpoint ${key}: ours ${mine[key]}, FORMAT.md ${spec[key]}`));
  }
  // The open set, entry by entry: the first that differs.
  const a = ours.open.map((o) => `#${o.activation} code ${o.code} ${JSON.stringify(t.codeName(o.code))} ${o.state}`);
  const b = spec.open.map((o) => `#${o.activation} code ${o.code} ${JSON.stringify(o.name)} ${o.state}`);
  const k = a.findIndex((x, j) => x !== b[j]);
  if (k >= 0 || a.length !== b.length) {
    const at = k >= 0 ? k : Math.min(a.length, b.length);
    problems.push(says(`chunk ${i} checkpoint open activation ${at}: ours ${a[at] ?? '(none)'}, FORMAT.md ${b[at] ?? '(none)'} (${a.length} and ${b.length} open)`));
  }
  // The trace a reader returns starts from what its first checkpoint declares open.
  if (i === 0 && JSON.stringify(t.open.map((a) => [a.activation, a.code, a.state])) !== JSON.stringify(spec.open.map((a) => [a.activation, a.code, a.state]))) {
    problems.push(says(`the trace's open set differs from chunk 0's checkpoint`));
  }
  return problems;
}
