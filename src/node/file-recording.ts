// Node adapter: a recording to a wire file that can be resumed after a crash (node:fs).
import { existsSync, readFileSync, statSync, truncateSync } from 'node:fs';
import { EventKind } from '../model/kinds.ts';
import { TraceFormatError } from '../model/errors.ts';
import { OpenSet } from '../recorder/open-set.ts';
import { Tracer } from '../recorder/tracer.ts';
import { readWire } from '../wire/reader.ts';
import { WireWriter } from '../wire/writer.ts';
import { FileSink } from './file-sink.ts';

/** What resuming a crashed recording found and wrote. */
export interface Recovered {
  /** Events kept from the file (its valid prefix). */
  readonly events: number;
  /** Bytes cut from the torn tail. */
  readonly lostBytes: number;
  /** The checkpoint the recovery record references (0: none was in the prefix). */
  readonly fromCheckpoint: number;
  /** Activations open at the crash, closed by `abandoned` records. */
  readonly abandoned: number;
}

/**
 * A recording into a wire file (issue 5): `tracer` records, `checkpoint(id)` makes everything so far
 * durable and returns once it is, and `FileRecording.open` on a file a crashed process left behind cuts
 * its torn tail, then resumes in the same file: a `recovery` record referencing the last checkpoint in
 * the kept prefix, an `abandoned` record for every activation open at the crash (running ones innermost
 * first), and seq and activation ids continuing after the last kept ones (never reused).
 *
 * @example
 * ```ts
 * const rec = FileRecording.open('run.trace');      // new, or resumed after a crash
 * const step = rec.tracer.trace(function step() {});
 * step();
 * rec.checkpoint(1);                                // durable when it returns
 * rec.close();
 * ```
 */
export class FileRecording {
  private constructor(
    readonly tracer: Tracer,
    private readonly writer: WireWriter,
    /** Present when the file was resumed after a crash. */
    readonly recovered: Recovered | undefined,
  ) {}

  /**
   * Starts a new recording, or resumes the one a crashed process left in `path`.
   * @param path - the wire file
   * @param options - `chunkBytes` of the writer
   * @throws {@link TraceFormatError} when the file is not a wire file, or was closed (it has an end of stream)
   */
  static open(path: string, options: { readonly chunkBytes?: number } = {}): FileRecording {
    if (!existsSync(path) || statSync(path).size === 0) {
      return new FileRecording(new Tracer(), new WireWriter(new FileSink(path), options), undefined);
    }
    const bytes = new Uint8Array(readFileSync(path));
    const r = readWire(bytes);
    if (r.complete) throw new TraceFormatError('bad-record', bytes.length, `${path} was closed: a finished recording is not resumed`);
    if (r.version === undefined) throw new TraceFormatError('bad-header', 0, `${path} has no file header: a segment is not resumed`);
    // 1. Cut the torn tail: the file then ends with its last complete chunk.
    const keep = r.loss?.byteOffset ?? bytes.length;
    truncateSync(path, keep);
    // 2. What the kept prefix says: the last seq and activation, the last checkpoint, what is open.
    const t = r.trace;
    const c = t.columns;
    const open = new OpenSet();
    let lastCheckpoint = 0;
    let maxActivation = 0;
    for (let i = 0; i < t.length; i++) {
      if (c.kind[i] === EventKind.Checkpoint) lastCheckpoint = c.waker![i]!;
      maxActivation = Math.max(maxActivation, c.activation[i]!);
      open.apply(c.kind[i]!, c.activation[i]!, c.code[i]!);
    }
    const nextSeq = t.length > 0 ? c.seq[t.length - 1]! + 1 : (r.checkpoint?.nextSeq ?? 0);
    const writer = new WireWriter(new FileSink(path, { append: true }), {
      ...options,
      continueFrom: { chunks: r.chunks, events: t.length, nextSeq, codes: t.codes, open: open.list() },
    });
    // 3. Recovery, then every open activation abandoned: running ones innermost first, then suspended.
    const list = open.list();
    const ordered = [...list.filter((o) => o.state === 'running').reverse(), ...list.filter((o) => o.state === 'suspended')];
    let seq = nextSeq;
    writer.append(EventKind.Recovery, 0, 0, 0, seq++, 0, lastCheckpoint);
    for (const o of ordered) writer.append(EventKind.Abandoned, o.activation, o.code, 0, seq++);
    writer.flush();
    const tracer = new Tracer({ continueFrom: { nextSeq: seq, nextActivation: maxActivation + 1, codes: t.codes } });
    return new FileRecording(tracer, writer, { events: t.length, lostBytes: bytes.length - keep, fromCheckpoint: lastCheckpoint, abandoned: ordered.length });
  }

  /** Writes what the tracer recorded since the last flush and makes it durable; returns once it is. */
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
    if (!(Number.isInteger(id) && id >= 1 && id <= 0xffffffff)) throw new RangeError(`FileRecording.checkpoint: id must be in 1..2^32-1, got ${id}`);
    this.tracer.recorder.emitStream(EventKind.Checkpoint, id);
    this.flush();
  }

  /** Writes the rest and the end-of-stream record, and closes the file. */
  close(): void {
    this.flush();
    this.writer.close();
  }
}
