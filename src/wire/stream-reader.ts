import { TraceFormatError } from '../model/errors.ts';
import type { Trace } from '../model/trace.ts';
import { type Checkpoint, ChunkDecoder } from './chunk-decoder.ts';
import { ColumnBuilder } from './columns.ts';
import type { TraceLoss } from './reader.ts';
import { CHUNK_HEADER_BYTES, CHUNK_MARKER, FILE_HEADER_BYTES, LIMITS, MAGIC, MAJOR } from './spec.ts';

/** One decoded chunk of a stream. */
export interface WireChunk {
  /** 0-based position among the chunks read. */
  readonly index: number;
  /** Offset of the chunk's first byte in the stream. */
  readonly byteOffset: number;
  /** The stream's checkpoint at the first chunk (later chunks: `undefined`). */
  readonly checkpoint?: Checkpoint;
  /**
   * The chunk's events; code names resolved from the whole stream so far. `complete` only on the chunk that
   * ends the stream (its end-of-stream record), as `readWire` of that chunk alone says. No open set (empty,
   * `openPartial` false): the first chunk's `checkpoint` declares what is open.
   */
  readonly trace: Trace;
}

/** How a stream ended: the generator's return value. */
export interface WireStreamEnd {
  readonly complete: boolean;
  readonly chunks: number;
  readonly events: number;
  readonly loss?: TraceLoss;
}

/**
 * Reads a wire stream chunk by chunk in constant memory: it buffers at most one chunk (4 MiB + 13 bytes)
 * plus the piece being read, decodes each chunk into fresh typed columns (no allocation per event) and
 * yields it. The return value tells whether the stream ended with its end-of-stream record, or what was
 * lost (a torn or corrupt tail), exactly as {@link readWire} does.
 *
 * @example
 * ```ts
 * const it = readWireStream(createReadStream(path));
 * for (let r = await it.next(); ; r = await it.next()) {
 *   if (r.done) { console.log(r.value.complete); break; }
 *   console.log(r.value.trace.length);
 * }
 * ```
 * @param source - byte pieces in order (a Node/Deno/Bun readable stream, or any async iterable)
 * @throws {@link TraceFormatError} `bad-magic`, `unsupported-version`, `bad-header` when the input is not this
 *   format at all
 */
export async function* readWireStream(source: AsyncIterable<Uint8Array>): AsyncGenerator<WireChunk, WireStreamEnd, undefined> {
  const decoder = new ChunkDecoder();
  let pending = new Uint8Array(64 * 1024);
  let used = 0; // bytes in `pending`
  let offset = 0; // stream offset of pending[0]
  let headerDone = false;
  let chunks = 0;
  let events = 0;
  const append = (piece: Uint8Array): void => {
    if (used + piece.length > pending.length) {
      const grown = new Uint8Array(Math.max(used + piece.length, pending.length * 2));
      grown.set(pending.subarray(0, used));
      pending = grown;
    }
    pending.set(piece, used);
    used += piece.length;
  };
  const consume = (n: number): void => {
    pending.copyWithin(0, n, used);
    used -= n;
    offset += n;
  };
  const iterator = source[Symbol.asyncIterator]();
  // After a failure, read on without buffering so the loss report counts every byte to the end, as readWire's does.
  const lossAt = async (error: TraceFormatError, lostEvents?: number): Promise<WireStreamEnd> => {
    let rest = used;
    for (let r = await iterator.next(); r.done !== true; r = await iterator.next()) rest += r.value.length;
    return { complete: false, chunks, events, loss: { byteOffset: offset, lostBytes: rest, ...(lostEvents !== undefined ? { lostEvents } : {}), error } };
  };

  for (let next = await iterator.next(); next.done !== true; next = await iterator.next()) {
    const piece = next.value;
    append(piece);
    // 1. The file header (or none: a run of chunks starts with the chunk marker).
    if (!headerDone) {
      if (pending[0] === CHUNK_MARKER) headerDone = true;
      else {
        for (let i = 0; i < MAGIC.length && i < used; i++) {
          if (pending[i] !== MAGIC[i]) throw new TraceFormatError('bad-magic', i, 'not a trace-harness wire file', undefined, pending[i]);
        }
        if (used < FILE_HEADER_BYTES) continue;
        if (pending[8] !== MAJOR) throw new TraceFormatError('unsupported-version', 8, `major version ${pending[8]}, this reader knows ${MAJOR}`);
        if (pending[10] !== 0 || pending[11] !== 0) throw new TraceFormatError('bad-header', 10, 'reserved header bytes must be zero in v1');
        consume(FILE_HEADER_BYTES);
        decoder.streamStart = true;
        headerDone = true;
      }
    }
    // 2. Every whole chunk buffered so far.
    for (;;) {
      if (used === 0) break;
      const view = pending.subarray(0, used);
      let lostEvents: number | undefined;
      try {
        if (decoder.ended) throw new TraceFormatError('bad-record', offset, 'bytes after the end-of-stream chunk');
        const h = ChunkDecoder.header(view, 0, offset);
        lostEvents = h?.events;
        if (h === undefined || used < CHUNK_HEADER_BYTES + h.payload) break;
        const out = new ColumnBuilder(h.events);
        const n = decoder.decode(view, 0, offset, out)!;
        // Every chunk shares the stream's (growing, possibly sparse) code table: no per-chunk copy.
        const chunk: WireChunk = { index: chunks, byteOffset: offset, ...(chunks === 0 && decoder.first ? { checkpoint: decoder.first } : {}), trace: out.toTrace(decoder.codes as string[], decoder.timestamps, [], false, decoder.ended) };
        chunks++;
        events += out.length;
        consume(n);
        yield chunk;
      } catch (error) {
        if (!(error instanceof TraceFormatError)) throw error;
        return await lossAt(error, lostEvents);
      }
    }
    if (used > CHUNK_HEADER_BYTES + LIMITS.maxChunkBytes) return await lossAt(new TraceFormatError('limit-exceeded', offset, 'chunk larger than the limit'));
  }
  if (!headerDone || used > 0) {
    let lostEvents: number | undefined;
    try {
      lostEvents = headerDone ? ChunkDecoder.header(pending.subarray(0, used), 0, offset)?.events : undefined;
    } catch (e) {
      if (!(e instanceof TraceFormatError)) throw e;
      // header unreadable: count unknown
    }
    const where = headerDone ? `inside the chunk at byte ${offset}` : 'inside the file header';
    return await lossAt(new TraceFormatError('truncated', offset + used, `input ends ${where}`), lostEvents);
  }
  return { complete: decoder.ended, chunks, events };
}
