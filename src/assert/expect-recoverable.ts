import { LifecycleValidator } from '../check/lifecycle.ts';
import { RecoveryValidator } from '../check/recovery.ts';
import { runValidators } from '../check/run.ts';
import { SeqValidator } from '../check/seq.ts';
import { StackBalanceValidator } from '../check/stack-balance.ts';
import { TraceFormatError } from '../model/errors.ts';
import { EventKind, isStreamRecord } from '../model/kinds.ts';
import type { Trace } from '../model/trace.ts';
import { WireRecording } from '../recorder/wire-recording.ts';
import { readWire } from '../wire/reader.ts';
import { MemorySink } from '../wire/sink.ts';
import { CHUNK_HEADER_BYTES, CHUNK_MARKER, FILE_HEADER_BYTES } from '../wire/spec.ts';
import { TraceAssertionError } from './assertion-error.ts';

/** Options of {@link checkRecoverable} and {@link expectRecoverable}. */
export interface RecoverableOptions {
  /**
   * Prefix lengths (bytes) to crash at. @defaultValue every prefix when the file has at most `maxCuts`
   * bytes; else every chunk boundary, one byte either side of it, and `spreadCuts` evenly spaced cuts.
   * Each cut resumes its prefix: the cost is about cuts × file size.
   */
  readonly cuts?: readonly number[];
  /** Files up to this many bytes are cut at every prefix. @defaultValue 4096 */
  readonly maxCuts?: number;
  /** Evenly spaced cuts in a larger file, besides its chunk boundaries. @defaultValue 64 */
  readonly spreadCuts?: number;
  /** How a crashed recording is resumed (this package's {@link WireRecording.resume} by default). */
  readonly resume?: typeof WireRecording.resume;
}

/** One crash point that did not recover as it must. */
export interface RecoveryProblem {
  /** The prefix length, bytes. */
  readonly cut: number;
  /** What went wrong, one line. */
  readonly problem: string;
}

/**
 * The end offsets of the complete chunks of a wire file, walking its framing (FORMAT.md §3) and stopping
 * at the first chunk that does not fit. Lengths are bounded by the bytes present; nothing is allocated
 * from them.
 */
export function chunkEnds(bytes: Uint8Array): number[] {
  return chunkTable(bytes).map((c) => c.end);
}

/** {@link chunkEnds} with the events each chunk's header declares, summed: events before its end. */
function chunkTable(bytes: Uint8Array): { end: number; eventsBefore: number }[] {
  const table: { end: number; eventsBefore: number }[] = [];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = FILE_HEADER_BYTES;
  let events = 0;
  while (at + CHUNK_HEADER_BYTES <= bytes.length && bytes[at] === CHUNK_MARKER) {
    const end = at + CHUNK_HEADER_BYTES + view.getUint32(at + 1, true);
    if (end > bytes.length) break;
    events += view.getUint32(at + 5, true);
    table.push({ end, eventsBefore: events });
    at = end;
  }
  return table;
}

function defaultCuts(bytes: Uint8Array, maxCuts: number, spread: number): number[] {
  if (bytes.length <= maxCuts) return Array.from({ length: bytes.length }, (_, i) => i + 1);
  const cuts = new Set<number>();
  for (const end of [FILE_HEADER_BYTES, ...chunkEnds(bytes)]) for (const c of [end - 1, end, end + 1]) if (c >= 1 && c <= bytes.length) cuts.add(c);
  const step = bytes.length / spread;
  for (let i = 1; i <= spread; i++) cuts.add(Math.max(1, Math.round(i * step)));
  return [...cuts].sort((a, b) => a - b);
}

/** Event `i` of `a` is event `j` of `b` (stream records carry no code: only their value counts). */
const same = (a: Trace, i: number, b: Trace, j: number): boolean =>
  a.columns.kind[i] === b.columns.kind[j] &&
  a.columns.activation[i] === b.columns.activation[j] &&
  a.columns.seq[i] === b.columns.seq[j] &&
  (isStreamRecord(a.columns.kind[i]!) || a.codeName(a.columns.code[i]!) === b.codeName(b.columns.code[j]!)) &&
  (a.columns.waker?.[i] ?? 0) === (b.columns.waker?.[j] ?? 0);

/**
 * Crashes a recording at many points and checks each recovers (DESIGN §4 invariant 8, issue 5): for every
 * cut, the prefix is resumed, one more activation is recorded and the stream closed; the result must
 * decode whole, keep exactly the events of every complete chunk before the cut (nothing a returned
 * `checkpoint()` made durable is lost, nothing torn is kept), continue seq after the last kept one
 * (never reused, gap-free), reference the last checkpoint in the kept prefix, abandon every activation
 * open at the crash, and balance.
 * @param bytes - a wire file as a recording wrote it (closed, or as a crash left it)
 * @returns one problem per failing cut, empty when every cut recovers
 * @throws {@link TraceFormatError} when `bytes` are not a wire stream with a file header
 */
export function checkRecoverable(bytes: Uint8Array, options: RecoverableOptions = {}): RecoveryProblem[] {
  const original = readWire(bytes);
  if (original.version === undefined) throw original.loss?.error ?? new TraceFormatError('bad-header', 0, 'no wire file header');
  const chunks = chunkTable(bytes);
  const resume = options.resume ?? WireRecording.resume;
  const problems: RecoveryProblem[] = [];
  for (const cut of options.cuts ?? defaultCuts(bytes, options.maxCuts ?? 4096, options.spreadCuts ?? 64)) {
    if (cut === bytes.length && original.complete) continue; // a closed file is no crash
    const prefix = bytes.subarray(0, cut);
    // Events of the complete chunks before the cut: what must survive.
    let durable = 0;
    for (const c of chunks) {
      if (c.end > cut) break;
      durable = c.eventsBefore;
    }
    let sink: MemorySink | undefined;
    let recording: WireRecording;
    try {
      recording = resume(prefix, (keep) => {
        sink = new MemorySink(keep + 4096);
        sink.write(prefix.subarray(0, keep));
        return sink;
      });
      recording.tracer.trace(function afterRecovery() {})();
      recording.close();
    } catch (e) {
      problems.push({ cut, problem: `resuming failed: ${(e as Error).message}` });
      continue;
    }
    const back = readWire(sink!.bytes());
    if (!back.complete || back.loss !== undefined) {
      problems.push({ cut, problem: `the resumed file does not decode whole: ${back.loss?.error.message ?? 'no end of stream'}` });
      continue;
    }
    const t = back.trace;
    const recoveryAt = t.columns.kind.indexOf(EventKind.Recovery, durable);
    if (cut >= FILE_HEADER_BYTES && recoveryAt !== durable) {
      problems.push({ cut, problem: `want the ${durable} events of the complete chunks kept, then a recovery record; got ${recoveryAt < 0 ? 'no recovery record' : `the recovery record at event ${recoveryAt}`}` });
      continue;
    }
    let lost = -1;
    for (let i = 0; i < durable && lost < 0; i++) if (!same(t, i, original.trace, i)) lost = i;
    if (lost >= 0) {
      problems.push({ cut, problem: `kept event ${lost} differs from the recording's` });
      continue;
    }
    const v = runValidators(t, [new SeqValidator({ from: original.trace.length > 0 ? original.trace.columns.seq[0]! : 0 }), new StackBalanceValidator(), new LifecycleValidator({ requireClosed: true }), new RecoveryValidator()]);
    if (v.length > 0) problems.push({ cut, problem: `${v[0]!.rule} at event ${v[0]!.eventIndex}: want ${v[0]!.expected}, got ${v[0]!.found}${v.length > 1 ? ` (and ${v.length - 1} more)` : ''}` });
  }
  return problems;
}

/**
 * Asserts that a recording survives a crash at every point ({@link checkRecoverable}).
 *
 * @example
 * ```ts
 * const sink = new MemorySink();
 * const rec = WireRecording.start(sink, { chunkBytes: 256 });
 * runTasks(rec);                       // records, calls rec.checkpoint(n) as work commits
 * expectRecoverable(sink.bytes());     // every prefix resumes without loss or reuse
 * ```
 * @throws {@link TraceAssertionError} naming the failing cuts (at most 5 shown) and their first problem
 * @throws {@link TraceFormatError} when `bytes` are not a wire stream with a file header
 */
export function expectRecoverable(bytes: Uint8Array, options: RecoverableOptions = {}): void {
  const problems = checkRecoverable(bytes, options);
  if (problems.length === 0) return;
  const shown = problems.slice(0, 5).map((p) => `  crash after ${p.cut} bytes: ${p.problem}`);
  const more = problems.length > 5 ? [`  ... and ${problems.length - 5} more cuts`] : [];
  throw new TraceAssertionError([`expectRecoverable: ${problems.length} of the crash points do not recover`, ...shown, ...more].join('\n'));
}
