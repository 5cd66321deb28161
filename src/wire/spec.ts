/**
 * The wire format v1 as one table: constants, limits and record types that the writer, the reader, the
 * spec (FORMAT.md) and the tests all read. Record codes are never renumbered; a new record takes a free
 * code, and a reader of an older minor skips codes in the extension range by their length.
 * @module
 */

/** File magic, 8 bytes: `\x89 T R H \r \n \x1a \n` (a high byte and line endings catch text-mode damage). */
export const MAGIC: readonly number[] = [0x89, 0x54, 0x52, 0x48, 0x0d, 0x0a, 0x1a, 0x0a];
/** Major version: a reader rejects any other. */
export const MAJOR = 1;
/** Minor version this writer produces; a reader accepts any minor of its major. */
export const MINOR = 0;
/** File header bytes: magic (8), major (1), minor (1), reserved u16 LE (2, zero in v1). */
export const FILE_HEADER_BYTES = 12;

/** First byte of every chunk. */
export const CHUNK_MARKER = 0xc5;
/**
 * Chunk header bytes: marker (1), payload length u32 LE (4), event count u32 LE (4), CRC32 u32 LE (4)
 * over header bytes 1..8 and the payload.
 */
export const CHUNK_HEADER_BYTES = 13;

/** Documented limits: every length or count read from input is checked against these before use. */
export const LIMITS = {
  /** Largest chunk payload, bytes. */
  maxChunkBytes: 4 << 20,
  /** Largest interned string (code name), UTF-8 bytes. */
  maxStringBytes: 4096,
  /** Code ids are below this (interned entries per stream). */
  maxCodes: 1 << 20,
  /** Open activations one checkpoint may declare. */
  maxOpen: 1 << 16,
  /** Largest payload (JSON text of a user event or a value), UTF-8 bytes. */
  maxPayloadBytes: 4096,
  /** Largest activation id (u32). */
  maxActivation: 0xffffffff,
} as const;

/**
 * Record types, the first varint of every record (FORMAT.md §4).
 *
 * Event records carry the kind in their low bits: `EVENT + kind` (kind 1..6) without flags,
 * `EVENT_FLAGS + kind` with a flags varint.
 */
export const Record = {
  Checkpoint: 0x01,
  DefineCode: 0x02,
  End: 0x03,
  SeqSet: 0x04,
  TsReset: 0x05,
  Pending: 0x06,
  Dropped: 0x07,
  Abandoned: 0x08,
  CheckpointMark: 0x09,
  Recovery: 0x0a,
  Await: 0x0b,
  UserEvent: 0x0c,
  Payload: 0x0d,
  Event: 0x10,
  EventFlags: 0x18,
} as const;

/** Extension records `0x40..0x7f`: `type, length varint, bytes`; a v1 reader skips them (FORMAT.md §6). */
export const EXTENSION_FIRST = 0x40;
/** Last extension record code, inclusive. */
export const EXTENSION_LAST = 0x7f;

/** Checkpoint flag: the stream carries timestamps (a base in the checkpoint, a delta per event). */
export const CHECKPOINT_TIMESTAMPS = 1;
/**
 * Checkpoint flag: the open list is partial: it omits suspended activations older than the newest
 * {@link SUSPENDED_DECLARED} (generators abandoned without being closed would otherwise grow every
 * checkpoint forever).
 */
export const CHECKPOINT_OPEN_PARTIAL = 2;
/** Suspended activations a writer keeps declaring, newest first; older ones are dropped (partial list). */
export const SUSPENDED_DECLARED = 1 << 15;

/** State of an open activation in a checkpoint. */
export const OpenState = { Running: 1, Suspended: 2 } as const;

/** Worst-case bytes of one event record: type (1), activation (5), code (3), flags (1), waker (5), ts delta (8). */
export const MAX_EVENT_BYTES = 24;
