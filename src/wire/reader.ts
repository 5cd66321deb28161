import { TraceFormatError } from '../model/errors.ts';
import type { Trace } from '../model/trace.ts';
import { type Checkpoint, ChunkDecoder } from './chunk-decoder.ts';
import { ColumnBuilder } from './columns.ts';
import { CHUNK_HEADER_BYTES, CHUNK_MARKER, FILE_HEADER_BYTES, MAGIC, MAJOR } from './spec.ts';

/** What reading stopped at: the first byte not decoded, and what is known to be lost after it. */
export interface TraceLoss {
  /** Offset of the first byte not decoded (the start of the chunk that failed). */
  readonly byteOffset: number;
  /** Bytes from `byteOffset` to the end of the input. */
  readonly lostBytes: number;
  /** Events in the chunk that failed, when its header was intact; later chunks are not counted. */
  readonly lostEvents?: number;
  /** Why reading stopped: `truncated` for a torn tail, another code for corruption. */
  readonly error: TraceFormatError;
}

/** The result of {@link readWire}: every complete chunk's events, and an honest account of the rest. */
export interface WireReadResult {
  /** Events of every chunk decoded, in order. */
  readonly trace: Trace;
  /** True when the end-of-stream record was read and nothing follows it. */
  readonly complete: boolean;
  /** Chunks decoded. */
  readonly chunks: number;
  /** Checkpoint of the first chunk: where a segment starts and what is open there. */
  readonly checkpoint?: Checkpoint;
  /** Present when bytes were left undecoded (a torn or corrupt tail). */
  readonly loss?: TraceLoss;
  /** Major and minor version from the file header; absent for a headerless run of chunks. */
  readonly version?: { readonly major: number; readonly minor: number };
}

/**
 * Reads wire format v1 tolerantly (FORMAT.md §7): decodes chunk after chunk, keeps every chunk that is
 * whole and valid, and stops at the first that is not, reporting what was lost. A file cut at any byte
 * gives exactly the complete chunks before the cut. Input may be a whole file (its first chunk must be
 * chunk 0) or a run of chunks cut out of one, without the file header, starting at any chunk.
 *
 * @param bytes - the input
 * @returns the valid prefix and a loss report
 * @throws {@link TraceFormatError} `bad-magic`, `unsupported-version` or `bad-header` when the input is
 *   not this format at all; nothing else escapes
 */
export function readWire(bytes: Uint8Array): WireReadResult {
  // 1. File header, or a headerless run of chunks.
  let at = 0;
  let version: { major: number; minor: number } | undefined;
  const decoder = new ChunkDecoder();
  const truncatedHeader = (): WireReadResult => ({
    trace: new ColumnBuilder(1).toTrace([], false, [], false, false),
    complete: false,
    chunks: 0,
    loss: { byteOffset: 0, lostBytes: bytes.length, error: new TraceFormatError('truncated', bytes.length, 'input ends inside the file header') },
  });
  if (bytes.length === 0) return truncatedHeader();
  if (bytes[0] !== CHUNK_MARKER) {
    for (let i = 0; i < MAGIC.length && i < bytes.length; i++) {
      if (bytes[i] !== MAGIC[i]) throw new TraceFormatError('bad-magic', i, 'not a trace-harness wire file', undefined, bytes[i]);
    }
    if (bytes.length < FILE_HEADER_BYTES) return truncatedHeader();
    if (bytes[8] !== MAJOR) throw new TraceFormatError('unsupported-version', 8, `major version ${bytes[8]}, this reader knows ${MAJOR}`);
    if (bytes[10] !== 0 || bytes[11] !== 0) throw new TraceFormatError('bad-header', 10, 'reserved header bytes must be zero in v1');
    version = { major: bytes[8]!, minor: bytes[9]! };
    decoder.streamStart = true;
    at = FILE_HEADER_BYTES;
  }
  // 2. Size the columns from the chunk headers (bounded by the input), then decode chunk by chunk.
  const out = new ColumnBuilder(countEvents(bytes, at));
  let chunks = 0;
  let loss: TraceLoss | undefined;
  while (at < bytes.length) {
    let lostEvents: number | undefined;
    try {
      if (decoder.ended) throw new TraceFormatError('bad-record', at, 'bytes after the end-of-stream chunk');
      lostEvents = ChunkDecoder.header(bytes, at, 0)?.events;
      const used = decoder.decode(bytes, at, 0, out);
      if (used === undefined) throw new TraceFormatError('truncated', bytes.length, `input ends inside the chunk at byte ${at}`);
      at += used;
      chunks++;
    } catch (error) {
      if (!(error instanceof TraceFormatError)) throw error;
      loss = { byteOffset: at, lostBytes: bytes.length - at, ...(lostEvents !== undefined ? { lostEvents } : {}), error };
      break;
    }
  }
  return {
    // The code table as decoded: sparse where ids were never defined (Trace.codeName covers the holes).
    // A run of chunks cut out of a stream starts with what its first checkpoint declares open.
    trace: out.toTrace(decoder.codes as string[], decoder.timestamps, decoder.first?.open ?? [], decoder.first?.openPartial ?? false, decoder.ended && loss === undefined),
    complete: decoder.ended && loss === undefined,
    chunks,
    ...(decoder.first ? { checkpoint: decoder.first } : {}),
    ...(loss ? { loss } : {}),
    ...(version ? { version } : {}),
  };
}

/**
 * Decodes a complete wire file strictly: a loss of bytes, or a missing end-of-stream record, is an error.
 * @param bytes - a whole file
 * @returns the trace
 * @throws {@link TraceFormatError} for anything but a whole, valid file
 */
export function decodeWire(bytes: Uint8Array): Trace {
  const r = readWire(bytes);
  if (r.loss) throw r.loss.error;
  if (!r.complete) throw new TraceFormatError('truncated', bytes.length, 'no end-of-stream record (a recording that did not close)');
  return r.trace;
}

/** Sum of the event counts of the chunk headers from `at`, stopping at the first header that is off. */
function countEvents(bytes: Uint8Array, at: number): number {
  let total = 0;
  try {
    while (at < bytes.length) {
      const h = ChunkDecoder.header(bytes, at, 0);
      if (h === undefined) break;
      if (bytes.length - at - CHUNK_HEADER_BYTES < h.payload) break; // a torn chunk: its count is not trusted
      total += h.events;
      at += CHUNK_HEADER_BYTES + h.payload;
    }
  } catch (e) {
    if (!(e instanceof TraceFormatError)) throw e;
    // a bad header: the decode loop reports it
  }
  return total;
}
