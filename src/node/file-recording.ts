// Node adapter: a recording to a wire file that can be resumed after a crash (node:fs).
import { existsSync, readFileSync, statSync, truncateSync } from 'node:fs';
import { expectRecoverable, type RecoverableOptions } from '../assert/expect-recoverable.ts';
import type { Tracer } from '../recorder/tracer.ts';
import { type Recovered, WireRecording, type WireRecordingOptions } from '../recorder/wire-recording.ts';
import { FileSink } from './file-sink.ts';

/**
 * A recording into a wire file (issue 5): {@link WireRecording} over a {@link FileSink}. `tracer`
 * records, `checkpoint(id)` makes everything so far durable (one `fsync`) and returns once it is, and
 * `FileRecording.open` on a file a crashed process left behind cuts its torn tail, then resumes in the
 * same file: a `recovery` record referencing the last checkpoint in the kept prefix, an `abandoned`
 * record for every activation open at the crash (running ones innermost first), and seq and activation
 * ids continuing after the last kept ones (never reused).
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
  private constructor(private readonly recording: WireRecording) {}

  /**
   * Starts a new recording, or resumes the one a crashed process left in `path`.
   * @param path - the wire file
   * @param options - `chunkBytes` of the writer
   * @throws `TraceFormatError` when the file is not a wire file, or was closed (it has an end of
   *   stream); the file is left as it was
   */
  static open(path: string, options: WireRecordingOptions = {}): FileRecording {
    if (!existsSync(path) || statSync(path).size === 0) return new FileRecording(WireRecording.start(new FileSink(path), options));
    const bytes = new Uint8Array(readFileSync(path));
    const openSink = (keep: number): FileSink => {
      truncateSync(path, keep); // cut the torn tail: the file then ends with its last complete chunk
      return new FileSink(path, { append: true });
    };
    return new FileRecording(WireRecording.resume(bytes, openSink, options, path));
  }

  /** The tracer recording into the file. */
  get tracer(): Tracer {
    return this.recording.tracer;
  }

  /** Present when the file was resumed after a crash. */
  get recovered(): Recovered | undefined {
    return this.recording.recovered;
  }

  /** Writes what the tracer recorded since the last flush and makes it durable; returns once it is. */
  flush(): void {
    this.recording.flush();
  }

  /**
   * Records `checkpoint id` and makes everything recorded so far durable; returns once it is.
   * @param id - 1..2^32-1, the id a later recovery will reference
   * @throws RangeError for an id out of range
   */
  checkpoint(id: number): void {
    this.recording.checkpoint(id);
  }

  /** Writes the rest and the end-of-stream record, and closes the file. */
  close(): void {
    this.recording.close();
  }
}

/**
 * {@link expectRecoverable} for a wire file: crashes the recording it holds at every prefix (or the
 * `cuts` given) in memory, the file itself untouched.
 * @param path - the wire file
 * @param options - as {@link expectRecoverable}
 * @throws `TraceAssertionError` naming the crash points that do not recover
 * @throws `TraceFormatError` when the file is not a wire stream; the `node:fs` error when it cannot be read
 */
export function expectRecoverableFile(path: string, options: RecoverableOptions = {}): void {
  expectRecoverable(new Uint8Array(readFileSync(path)), options);
}
