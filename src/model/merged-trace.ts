import type { TraceEvent } from './event.ts';
import type { Trace } from './trace.ts';

/** One stream of a multi-stream trace: a worker thread, a process, a recording restarted after a crash. */
export interface TraceStream {
  /** The stream's name: unique among the streams, e.g. `main`, `worker-2`, a file's name. */
  readonly id: string;
  /** Its events: seq is per stream (DESIGN §3 "Stream"), activation ids too. */
  readonly trace: Trace;
}

/** How {@link mergeStreams} orders events of different streams. */
export interface MergeOptions {
  /**
   * `time`: by timestamp (every stream needs a `tsNs` column; from a clock the streams share); `seq`: by
   * seq, a logical clock (streams started together advance together); `auto`: `time` when every stream
   * has timestamps, else `seq`. Ties go to the stream listed first.
   * @defaultValue 'auto'
   */
  readonly by?: 'time' | 'seq' | 'auto';
}

/** One event of a merged view: its stream and the event. */
export interface MergedEvent {
  /** The stream's id. */
  readonly stream: string;
  /** The stream's position in {@link MergedTrace.streams}. */
  readonly streamIndex: number;
  /** The event's position in its stream's trace. */
  readonly index: number;
  readonly event: TraceEvent;
}

/**
 * A merged view of several streams (issue 5): every event of every stream once, each stream's events in
 * their own order, streams interleaved by time or seq. Seq and activation ids stay per stream: the same
 * seq or activation number in two streams names two different records.
 *
 * Columnar: two typed arrays (`streamOf`, `indexOf`) give, for each merged position, the stream and the
 * event's index in it; no object per event until {@link MergedTrace.at}.
 */
export class MergedTrace implements Iterable<MergedEvent> {
  /** Events in the merged view. */
  readonly length: number;

  /**
   * @param streams - the streams, ids unique
   * @param streamOf - per merged position, the stream's index in `streams`
   * @param indexOf - per merged position, the event's index in its stream
   * @param by - how the view was ordered
   * @throws RangeError when stream ids repeat, the columns differ in length or name a stream or event that
   *   does not exist
   */
  constructor(
    readonly streams: readonly TraceStream[],
    readonly streamOf: Uint16Array,
    readonly indexOf: Uint32Array,
    readonly by: 'time' | 'seq',
  ) {
    if (new Set(streams.map((s) => s.id)).size !== streams.length) throw new RangeError('MergedTrace: stream ids must be unique');
    if (streamOf.length !== indexOf.length) throw new RangeError('MergedTrace: streamOf and indexOf differ in length');
    for (let i = 0; i < streamOf.length; i++) {
      const s = streams[streamOf[i]!];
      if (s === undefined || indexOf[i]! >= s.trace.length) throw new RangeError(`MergedTrace: position ${i} names no event`);
    }
    this.length = streamOf.length;
  }

  /**
   * The event at a merged position (allocates).
   * @throws RangeError for a position outside the view
   */
  at(position: number): MergedEvent {
    if (!(position >= 0 && position < this.length)) throw new RangeError(`MergedTrace.at: position ${position} outside 0..${this.length - 1}`);
    const streamIndex = this.streamOf[position]!;
    const s = this.streams[streamIndex]!;
    const index = this.indexOf[position]!;
    return { stream: s.id, streamIndex, index, event: s.trace.at(index) };
  }

  /** The trace of one stream, by id; `undefined` when there is none. */
  stream(id: string): Trace | undefined {
    return this.streams.find((s) => s.id === id)?.trace;
  }

  *[Symbol.iterator](): Iterator<MergedEvent> {
    for (let i = 0; i < this.length; i++) yield this.at(i);
  }
}

/** Most streams one view merges (the stream column is 16 bits). */
export const MAX_STREAMS = 0xffff;

/**
 * Merges streams into one view, keeping each stream's order: a k-way merge that always takes the head of
 * some stream, so no stream's events are ever reordered, whatever their timestamps (a clock that went back
 * within a stream delays the merge, never reorders). Linear in the events times the streams.
 * @param streams - the streams, ids unique, at most {@link MAX_STREAMS}
 * @param options - see {@link MergeOptions}
 * @throws RangeError for repeated ids, too many streams, or `by: 'time'` with a stream lacking timestamps
 */
export function mergeStreams(streams: readonly TraceStream[], options: MergeOptions = {}): MergedTrace {
  if (streams.length > MAX_STREAMS) throw new RangeError(`mergeStreams: at most ${MAX_STREAMS} streams, got ${streams.length}`);
  const timed = streams.every((s) => s.trace.columns.tsNs !== undefined || s.trace.length === 0);
  const requested = options.by ?? 'auto';
  if (requested === 'time' && !timed) throw new RangeError(`mergeStreams: by time needs timestamps in every stream; ${streams.find((s) => s.trace.columns.tsNs === undefined && s.trace.length > 0)!.id} has none`);
  const by = requested === 'auto' ? (timed ? 'time' : 'seq') : requested;
  const total = streams.reduce((n, s) => n + s.trace.length, 0);
  const streamOf = new Uint16Array(total);
  const indexOf = new Uint32Array(total);
  const next = new Array<number>(streams.length).fill(0);
  const key = (k: number): number => {
    const c = streams[k]!.trace.columns;
    return by === 'time' ? c.tsNs![next[k]!]! : c.seq[next[k]!]!;
  };
  for (let out = 0; out < total; out++) {
    let best = -1;
    let bestKey = Infinity;
    for (let k = 0; k < streams.length; k++) {
      if (next[k]! >= streams[k]!.trace.length) continue;
      const v = key(k);
      if (best < 0 || v < bestKey) {
        best = k;
        bestKey = v;
      }
    }
    streamOf[out] = best;
    indexOf[out] = next[best]!++;
  }
  return new MergedTrace(streams, streamOf, indexOf, by);
}
