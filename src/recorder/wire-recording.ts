import { TraceFormatError } from '../model/errors.ts';
import { EventKind } from '../model/kinds.ts';
import type { OpenAtStart, Trace } from '../model/trace.ts';
import { readWire } from '../wire/reader.ts';
import type { ByteSink } from '../wire/sink.ts';
import { FILE_HEADER_BYTES, MAGIC, MAJOR, MINOR } from '../wire/spec.ts';
import { WireWriter } from '../wire/writer.ts';
import { OpenSet } from './open-set.ts';
import type { Clock } from './clock.ts';
import type { PayloadOptions } from './payload.ts';
import { Tracer } from './tracer.ts';

/** The file header this package writes (FORMAT.md §2): a torn prefix of it holds nothing. */
const HEADER: readonly number[] = [...MAGIC, MAJOR, MINOR, 0, 0];

/** What resuming a crashed recording found and wrote. */
export interface Recovered {
  /** Events kept from the file (its valid prefix: every complete chunk). */
  readonly events: number;
  /** Bytes cut from the torn tail. */
  readonly lostBytes: number;
  /** The checkpoint the recovery record references (0: none was in the prefix). */
  readonly fromCheckpoint: number;
  /** Activations open at the crash, closed by `abandoned` records. */
  readonly abandoned: number;
  /** The seq of the recovery record: one past the last kept seq, never a reused one. */
  readonly recoverySeq: number;
}

/**
 * What the kept prefix of a crashed recording says: its last checkpoint id (0: none), its highest
 * activation id, and the activations open at its end (running stack bottom up, then suspended ones in
 * the order they suspended). @internal
 */
export function prefixState(t: Trace): { lastCheckpoint: number; maxActivation: number; open: OpenAtStart[] } {
  const c = t.columns;
  const open = new OpenSet();
  let lastCheckpoint = 0;
  let maxActivation = 0;
  for (let i = 0; i < t.length; i++) {
    if (c.kind[i] === EventKind.Checkpoint) lastCheckpoint = c.waker![i]!;
    maxActivation = Math.max(maxActivation, c.activation[i]!);
    open.apply(c.kind[i]!, c.activation[i]!, c.code[i]!);
  }
  return { lastCheckpoint, maxActivation, open: open.list() };
}

/** Options of a {@link WireRecording}. */
export interface WireRecordingOptions {
  /** Chunk size of the writer, bytes (see {@link WireWriter}). */
  readonly chunkBytes?: number;
  /** Seal a chunk after this many events (see {@link WireWriter}); 0 for never. */
  readonly flushEveryEvents?: number;
  /**
   * Clock read once per event: the stream carries timestamps (ns). A resumed stream must be given a clock
   * exactly when its recorded part has timestamps. Omit for none.
   */
  readonly clock?: Clock;
  /** Payload redaction, limits and values of the tracer (see {@link PayloadOptions}). */
  readonly payloads?: PayloadOptions;
}

/** The writer's options of a recording. */
function writerOptions(o: WireRecordingOptions): { chunkBytes?: number; flushEveryEvents?: number; timestamps: boolean } {
  return { ...(o.chunkBytes !== undefined ? { chunkBytes: o.chunkBytes } : {}), ...(o.flushEveryEvents !== undefined ? { flushEveryEvents: o.flushEveryEvents } : {}), timestamps: o.clock !== undefined };
}

/** The tracer's options of a recording. */
function tracerOptions(o: WireRecordingOptions): { clock?: Clock; payloads?: PayloadOptions } {
  return { ...(o.clock !== undefined ? { clock: o.clock } : {}), ...(o.payloads !== undefined ? { payloads: o.payloads } : {}) };
}

/**
 * A recording into a wire stream that can be resumed after a crash (issue 5, DESIGN §4 invariant 8),
 * on any {@link ByteSink}; `trace-harness/node`'s `FileRecording` is this over a file.
 *
 * `tracer` records; `flush()` writes what it recorded as whole chunks and syncs the sink;
 * `checkpoint(id)` records `checkpoint id` and flushes, so it returns once everything before it is
 * durable. {@link WireRecording.resume} on the bytes a crashed process left keeps their valid prefix (every
 * complete chunk: the torn tail is cut), then writes a `recovery` record referencing the last checkpoint
 * in that prefix, an `abandoned` record for every activation open at the crash (running ones innermost
 * first, then suspended ones), and recording continues with seq and activation ids after the kept ones.
 */
export class WireRecording {
  private constructor(
    readonly tracer: Tracer,
    private readonly writer: WireWriter,
    /** Present when the stream was resumed after a crash. */
    readonly recovered: Recovered | undefined,
  ) {}

  /**
   * Starts a new recording: the file header goes to `sink` now.
   * @param sink - where the stream goes
   * @param options - writer options
   */
  static start(sink: ByteSink, options: WireRecordingOptions = {}): WireRecording {
    return new WireRecording(new Tracer(tracerOptions(options)), new WireWriter(sink, writerOptions(options)), undefined);
  }

  /**
   * Resumes the recording whose bytes a crashed process left. A prefix shorter than the file header that
   * matches it (a crash while writing the header) holds nothing: the recording starts anew.
   * @param bytes - the file as the crash left it
   * @param openSink - called once with the number of bytes to keep; returns a sink holding exactly those
   *   bytes, that appends after them (a file truncated to `keep` and opened for append)
   * @param options - writer options
   * @param source - what the bytes are, for error messages (a file path)
   * @throws {@link TraceFormatError} when the bytes are not a wire stream (`bad-magic`, `bad-header`,
   *   `unsupported-version`), or a closed one
   *   (it ends with an end-of-stream record: a finished recording is not resumed); `openSink` is then
   *   never called
   * @throws RangeError when the recorded part has timestamps and no clock is given, or the reverse
   */
  static resume(bytes: Uint8Array, openSink: (keep: number) => ByteSink, options: WireRecordingOptions = {}, source = 'the stream'): WireRecording {
    if (bytes.length < FILE_HEADER_BYTES && bytes.every((b, i) => b === HEADER[i])) return WireRecording.start(openSink(0), options);
    let r: ReturnType<typeof readWire>;
    try {
      r = readWire(bytes);
    } catch (e) {
      if (!(e instanceof TraceFormatError)) throw e;
      const detail = e.message.replace(`${e.code}: `, '').replace(/ \(byte 0x[0-9a-f]{2}\)/, '').replace(/ \(at byte \d+\)$/, '');
      throw new TraceFormatError(e.code, e.byteOffset, `${source} is not a wire stream to resume: ${detail}`, undefined, e.byte);
    }
    if (r.complete) throw new TraceFormatError('bad-record', bytes.length, `${source} was closed: a finished recording is not resumed`);
    if (r.version === undefined) throw new TraceFormatError('bad-header', 0, `${source} has no file header: a segment is not resumed`);
    const keep = r.loss?.byteOffset ?? bytes.length;
    const t = r.trace;
    if (t.length > 0 && (t.columns.tsNs !== undefined) !== (options.clock !== undefined)) {
      throw new RangeError(`WireRecording.resume: ${source} ${t.columns.tsNs !== undefined ? 'has timestamps: resume it with a clock' : 'has no timestamps: resume it without a clock'}`);
    }
    const { lastCheckpoint, maxActivation, open: list } = prefixState(t);
    const nextSeq = t.length > 0 ? t.columns.seq[t.length - 1]! + 1 : (r.checkpoint?.nextSeq ?? 0);
    const writer = new WireWriter(openSink(keep), {
      ...writerOptions(options),
      continueFrom: { chunks: r.chunks, events: t.length, nextSeq, codes: t.codes, open: list },
    });
    const ordered = [...list.filter((o) => o.state === 'running').reverse(), ...list.filter((o) => o.state === 'suspended')];
    let seq = nextSeq;
    const now = (): number => (options.clock === undefined ? 0 : options.clock());
    writer.append(EventKind.Recovery, 0, 0, 0, seq++, now(), lastCheckpoint);
    for (const o of ordered) writer.append(EventKind.Abandoned, o.activation, o.code, 0, seq++, now());
    writer.flush();
    const tracer = new Tracer({ ...tracerOptions(options), continueFrom: { nextSeq: seq, nextActivation: maxActivation + 1, codes: t.codes } });
    const recovered = { events: t.length, lostBytes: bytes.length - keep, fromCheckpoint: lastCheckpoint, abandoned: ordered.length, recoverySeq: nextSeq };
    return new WireRecording(tracer, writer, recovered);
  }

  /**
   * A recording from its parts: for copies of {@link WireRecording.resume} (the tests inject broken ones).
   * @internal
   */
  static assemble(tracer: Tracer, writer: WireWriter, recovered: Recovered | undefined): WireRecording {
    return new WireRecording(tracer, writer, recovered);
  }

  /** Writes what the tracer recorded since the last flush and syncs the sink; returns once it is durable. */
  flush(): void {
    const recorded = this.tracer.snapshot();
    this.tracer.recorder.clear();
    this.writer.appendTrace(recorded);
    this.writer.flush();
  }

  /**
   * Records `checkpoint id` and makes everything recorded so far durable; returns once it is.
   * @param id - 1..2^32-1, the id a later recovery will reference
   * @throws RangeError for an id out of range
   */
  checkpoint(id: number): void {
    if (!(Number.isInteger(id) && id >= 1 && id <= 0xffffffff)) throw new RangeError(`checkpoint: id must be in 1..2^32-1, got ${id}`);
    this.tracer.recorder.emitStream(EventKind.Checkpoint, id);
    this.flush();
  }

  /** Writes the rest and the end-of-stream record, and closes the sink. */
  close(): void {
    this.flush();
    this.writer.close();
  }
}
