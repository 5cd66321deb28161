import { TraceFormatError } from '../../src/model/errors.ts';
import { EventKind, isStreamRecord } from '../../src/model/kinds.ts';
import { Trace } from '../../src/model/trace.ts';
import { encodeWire } from '../../src/wire/encode.ts';
import type { Checkpoint } from '../../src/wire/chunk-decoder.ts';
import { readWire, type TraceLoss, type WireReadResult } from '../../src/wire/reader.ts';
import { readWireStream, type WireChunk, type WireStreamEnd } from '../../src/wire/stream-reader.ts';
import { chunkStarts, type PieceSplits, splitPieces } from './wire-pieces.ts';

/** A streaming reader with {@link readWireStream}'s contract (the wire property's tests pass a broken one). */
export type WireStreamReader = (source: AsyncIterable<Uint8Array>) => AsyncGenerator<WireChunk, WireStreamEnd, undefined>;

/** Where a chunk starts and the events its header announces. */
export interface ChunkAt {
  readonly start: number;
  readonly events: number;
}

/**
 * {@link readWireStream} against {@link readWire} on one input fed in pieces (issue 13: the streaming reader is
 * public API, so `check` must reach it). FORMAT.md §7 says it "does the same" as readWire; the check holds it
 * to that:
 * 1. Where readWire throws (`bad-magic`, `unsupported-version`, `bad-header`), the stream throws the same code
 *    at the same byte with the same message before yielding anything, and the other way round; nothing but a TraceFormatError escapes.
 * 2. The chunks it yields are numbered 0, 1, ..., start where the layout says (`layout` for a valid file, from
 *    FORMAT.md §3's framing; else the input's own chunk headers) and hold the events their header announces;
 *    only the first carries a checkpoint, equal to readWire's.
 * 3. Concatenated, they hold exactly readWire's events: every column (seq, kind, activation, code id, flags,
 *    waker, timestamp, payload) and each code's name as resolved when the chunk is yielded.
 * 4. The return value: `complete`, `chunks` and `events` as readWire's; the same loss (byte offset, lost bytes,
 *    lost events, and the error's code, byte offset, byte and message) or none.
 *
 * Accepted differences (by design, see {@link WireChunk}): a chunk's trace holds its own events only, so its
 * `open` set is empty (the first chunk's checkpoint declares what is open), and its `complete` is true only on
 * the chunk that holds the end-of-stream record (the last one yielded; on it whenever the stream returns
 * complete, and on no other chunk); a first chunk that fails after its checkpoint record gives readWire a `checkpoint`
 * and the stream no chunk to carry it.
 * @param what - names the input in the problem lines (`valid file`, `cut at byte 40`, ...)
 * @param bytes - any input
 * @param splits - where to cut it into pieces
 * @param options - `read`: readWire, or one that reads each input once for all the property's checks;
 *   `layout`: the chunks of a valid file by FORMAT.md's framing (default: {@link chunkStarts} of the input);
 *   `stream`: the streaming reader under test (default {@link readWireStream})
 * @returns the disagreements, one line each, each starting `stream: <what> in pieces <lengths>:`; empty when they agree
 * @example
 * ```ts
 * await checkStreamReader('valid file', encodeWire(trace), { at: [0.5], nearChunk: [], ones: [0, 0] }); // []
 * // with a stream reader that drops the last chunk when a piece ends exactly at its end:
 * // ['stream: valid file in pieces 268, 2004: yielded 8 chunks, readWire read 9', ...]
 * ```
 */
export async function checkStreamReader(
  what: string,
  bytes: Uint8Array,
  splits: PieceSplits,
  options: { readonly read?: (bytes: Uint8Array) => WireReadResult; readonly layout?: readonly ChunkAt[]; readonly stream?: WireStreamReader } = {},
): Promise<string[]> {
  const { read = readWire, stream = readWireStream } = options;
  const { pieces, line } = splitPieces(bytes, splits);
  const says = (problem: string): string => `stream: ${what} in pieces ${line}: ${problem}`;
  let r: WireReadResult | undefined;
  let refused: unknown;
  try {
    r = read(bytes);
  } catch (error) {
    refused = error;
  }
  const problems: string[] = [];
  const layout = options.layout ?? chunkStarts(bytes);
  // The pieces as a plain async iterator (cheaper than an async generator: 1,000 cases feed ~10 inputs each).
  let next = 0;
  const source: AsyncIterable<Uint8Array> = {
    [Symbol.asyncIterator]: () => ({ next: () => Promise.resolve(next < pieces.length ? { done: false, value: pieces[next++]! } : { done: true, value: undefined }) }),
  };
  let yielded = 0;
  let eventsSoFar = 0;
  let placeProblem = false;
  let eventProblem = false;
  let end: WireStreamEnd;
  const completeAt: number[] = []; // chunks whose trace says complete
  let openProblem = false;
  try {
    const it = stream(source);
    for (let step = await it.next(); ; step = await it.next()) {
      if (step.done === true) {
        end = step.value;
        break;
      }
      const chunk = step.value;
      // 2-3. Each chunk as it comes: its place, its checkpoint, its events (names as resolved now).
      // After the first chunk out of place and the first event that differs, the rest only repeat them.
      if (r !== undefined) {
        const misplaced: string[] = placeProblem ? [] : checkPlace(says, chunk, yielded, layout[yielded], r);
        const differs: string | undefined = eventProblem ? undefined : firstDifference(says, chunk, yielded, r, eventsSoFar);
        problems.push(...misplaced, ...(differs !== undefined ? [differs] : []));
        placeProblem ||= misplaced.length > 0;
        eventProblem ||= differs !== undefined;
      }
      yielded++;
      eventsSoFar += chunk.trace.length;
      if (chunk.trace.complete) completeAt.push(chunk.index);
      if ((chunk.trace.open.length > 0 || chunk.trace.openPartial) && !openProblem) {
        problems.push(says(`chunk ${chunk.index}: its trace declares ${chunk.trace.open.length} open${chunk.trace.openPartial ? ', open partial' : ''}; want none (the first chunk's checkpoint declares what is open)`));
        openProblem = true;
      }
    }
  } catch (error) {
    // 1. Only input that is not this format at all throws, before any chunk, as readWire throws it.
    if (!(error instanceof TraceFormatError)) return [says(`${(error as Error).name} escaped readWireStream: ${(error as Error).message}`)];
    if (refused === undefined) return [...problems, says(`readWireStream threw ${error.code} at byte ${error.byteOffset} after ${yielded} chunks; readWire reads it (${r!.chunks} chunks, ${r!.trace.length} events${r!.loss ? `, ${r!.loss.error.code} at byte ${r!.loss.byteOffset}` : ''})`)];
    if (!(refused instanceof TraceFormatError) || refused.code !== error.code || refused.byteOffset !== error.byteOffset || refused.message !== error.message || yielded > 0) {
      return [says(`readWireStream threw ${error.code} at byte ${error.byteOffset} (${error.message}) after ${yielded} chunks; readWire threw ${refused instanceof TraceFormatError ? `${refused.code} at byte ${refused.byteOffset} (${refused.message})` : String(refused)}`)];
    }
    return [];
  }
  if (r === undefined) return [says(`readWireStream reads it (${end.chunks} chunks, ${end.events} events); readWire threw ${refused instanceof TraceFormatError ? `${refused.code} at byte ${refused.byteOffset}` : String(refused)}`)];
  // 4. How it ended.
  if (yielded !== r.chunks) problems.push(says(`yielded ${yielded} chunks, readWire read ${r.chunks}`));
  if (eventsSoFar !== r.trace.length && !eventProblem) problems.push(says(`yielded ${eventsSoFar} events, readWire read ${r.trace.length}`));
  if (end.chunks !== yielded || end.events !== eventsSoFar) problems.push(says(`returns ${end.chunks} chunks and ${end.events} events, yielded ${yielded} and ${eventsSoFar}`));
  if (end.complete !== r.complete) problems.push(says(`complete: stream ${end.complete}, readWire ${r.complete}`));
  if (completeAt.some((k) => k !== yielded - 1) || (end.complete && completeAt.length === 0)) {
    problems.push(says(`chunk traces say complete at [${completeAt.join(', ')}] of ${yielded} chunks, the stream returns complete ${end.complete}: only the chunk with the end record ends the stream`));
  }
  const a = lossLine(end.loss);
  const b = lossLine(r.loss);
  if (a !== b) problems.push(says(`loss: stream ${a}; readWire ${b}`));
  return problems;
}

/** Chunk `k` as yielded against its place in the layout, and its checkpoint against readWire's. */
function checkPlace(says: (p: string) => string, chunk: WireChunk, k: number, want: ChunkAt | undefined, r: WireReadResult): string[] {
  const problems: string[] = [];
  if (chunk.index !== k) problems.push(says(`chunk ${k} says index ${chunk.index}`));
  if (want === undefined) problems.push(says(`chunk ${k} at byte ${chunk.byteOffset}: the layout has no chunk ${k}`));
  else if (chunk.byteOffset !== want.start || chunk.trace.length !== want.events) {
    problems.push(says(`chunk ${k}: at byte ${chunk.byteOffset} with ${chunk.trace.length} events, the layout has it at byte ${want.start} with ${want.events}`));
  }
  if (k === 0 && !sameCheckpoint(chunk.checkpoint, r.checkpoint)) problems.push(says(`chunk 0 checkpoint ${JSON.stringify(chunk.checkpoint)}, readWire's ${JSON.stringify(r.checkpoint)}`));
  if (k > 0 && chunk.checkpoint !== undefined) problems.push(says(`chunk ${k} carries a checkpoint; only the first does`));
  return problems;
}

/** The first event of chunk `k` that differs from readWire's event at the same place (`from` + its index in the chunk). */
function firstDifference(says: (p: string) => string, chunk: WireChunk, k: number, r: WireReadResult, from: number): string | undefined {
  const t = chunk.trace;
  for (let i = 0; i < t.length; i++) {
    if (from + i < r.trace.length && sameEvent(t, i, r.trace, from + i)) continue;
    return says(`event ${from + i} (chunk ${k} event ${i}): stream ${eventLine(t, i)}; readWire ${from + i < r.trace.length ? eventLine(r.trace, from + i) : '(none)'}`);
  }
  return undefined;
}

/** Whether two checkpoints agree in every field, the open set entry by entry. */
function sameCheckpoint(a: Checkpoint | undefined, b: Checkpoint | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  if (a.chunkIndex !== b.chunkIndex || a.eventsBefore !== b.eventsBefore || a.nextSeq !== b.nextSeq || a.timestamps !== b.timestamps || a.tsBaseNs !== b.tsBaseNs || a.openPartial !== b.openPartial) return false;
  return a.open.length === b.open.length && a.open.every((o, i) => o.activation === b.open[i]!.activation && o.code === b.open[i]!.code && o.state === b.open[i]!.state);
}

/** Whether event `i` of `a` and event `j` of `b` agree in every column, and non-stream events in their code's name. */
function sameEvent(a: Trace, i: number, b: Trace, j: number): boolean {
  const x = a.columns;
  const y = b.columns;
  const kind = x.kind[i]!;
  if (kind !== y.kind[j] || x.flags[i] !== y.flags[j] || x.activation[i] !== y.activation[j] || x.code[i] !== y.code[j] || x.seq[i] !== y.seq[j]) return false;
  if (x.tsNs?.[i] !== y.tsNs?.[j] || (x.waker?.[i] ?? 0) !== (y.waker?.[j] ?? 0) || x.payload?.[i] !== y.payload?.[j]) return false;
  return isStreamRecord(kind) || a.codeName(x.code[i]!) === b.codeName(y.code[j]!);
}

/** Every column of event `i`, for a problem line. */
function eventLine(t: Trace, i: number): string {
  const c = t.columns;
  const kind = c.kind[i]!;
  const name = isStreamRecord(kind) ? '' : ` ${JSON.stringify(t.codeName(c.code[i]!))}`;
  return `seq ${c.seq[i]} kind ${kind} #${c.activation[i]} code ${c.code[i]}${name} flags ${c.flags[i]} waker ${c.waker?.[i] ?? 0} ts ${c.tsNs?.[i] ?? '-'} payload ${JSON.stringify(c.payload?.[i] ?? null)}`;
}

let bigChecked = false;

/**
 * Once per process once it holds (for the default reader): a file of 60,000 events (about 300 KB; the generated files hold at most a few
 * hundred) streamed in one piece and in two, so the stream's buffer must grow past its first 64 KiB, and past
 * twice that in one piece.
 * @param stream - the streaming reader under test @defaultValue `readWireStream`
 * @returns what went wrong, one line each
 */
export async function checkBigStream(stream?: WireStreamReader): Promise<string[]> {
  if (bigChecked && stream === undefined) return [];
  const events = Array.from({ length: 60_000 }, (_, i) => ({ seq: i, kind: i % 2 === 0 ? EventKind.Call : EventKind.Return, activation: 1 + (i >> 1), code: 0, flags: 0, tsNs: 1_000_000 * i }));
  const bytes = encodeWire(Trace.fromEvents(events, ['f']));
  const problems: string[] = [];
  for (const at of [[], [0.3]]) problems.push(...(await checkStreamReader(`a file of 60,000 events (${bytes.length} bytes)`, bytes, { at, nearChunk: [], ones: [0, 0] }, stream ? { stream } : {})));
  if (stream === undefined) bigChecked = problems.length === 0;
  return problems;
}

/** Every field of a loss, for comparing and printing. */
function lossLine(loss: TraceLoss | undefined): string {
  if (loss === undefined) return 'none';
  const e = loss.error;
  return `at byte ${loss.byteOffset}, ${loss.lostBytes} bytes lost, lostEvents ${loss.lostEvents ?? '-'}, ${e.code} at byte ${e.byteOffset}${e.byte === undefined ? '' : ` byte 0x${e.byte.toString(16)}`} (${e.message})`;
}
