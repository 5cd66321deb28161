/**
 * What the independent decoder (`decode.ts`) returns: plain objects named as FORMAT.md names things, not
 * `src/model`'s types (the oracle shares nothing with the code it judges).
 * @module
 */

/** FORMAT.md §4.3 and §4's table: the event kind numbers and their names there. */
export const ORACLE_KIND_NAMES: Readonly<Record<number, string>> = {
  1: 'call', 2: 'return', 3: 'yield', 4: 'resume', 5: 'throw', 6: 'unwind', 7: 'wake',
  8: 'pending', 9: 'dropped', 10: 'abandoned', 11: 'checkpoint mark', 12: 'recovery', 13: 'await', 14: 'user event',
};

/** One event as FORMAT.md §4 lays it out, with its seq (§4.4) and timestamp (§4.5) resolved. */
export interface OracleEvent {
  /** §4.4: implicit (the checkpoint's next seq, then + 1, saturating at 2^53 - 1) unless a `seq-set` says otherwise. */
  readonly seq: number;
  /** The kind number (`0x10 + kind`, `0x18 + kind`, or the record's own code for kinds 8..14). */
  readonly kind: number;
  /** The activation (§4.3: the zigzag delta summed from 0 at the chunk start); 0 for `dropped`, `checkpoint mark`, `recovery`, which have none. */
  readonly activation: number;
  /** The code id, absent where the record has none (`dropped`, `checkpoint mark`, `recovery`). */
  readonly code?: number;
  /** The code's name from the chunk's `define-code` (§4.2), with `code`. */
  readonly name?: string;
  /** §4.3: bit 0 = return completion; 0 on a record without a flags field. */
  readonly flags: number;
  /** A `wake`'s waker (0 = unknown). */
  readonly waker?: number;
  /** A `pending`'s or an `await`'s awaited activation (0 for an `await` on no activation's promise). */
  readonly awaited?: number;
  /** A `dropped`'s count of records dropped. */
  readonly dropped?: number;
  /** A `checkpoint mark`'s id, or a `recovery`'s id of the last checkpoint recovered (0 = none). */
  readonly checkpointId?: number;
  /** §4.5: ns, the base plus the deltas since it (or since a `timestamp-reset`); present when the stream has timestamps. */
  readonly tsNs?: number;
  /** §4.6: the JSON text of the payload record right after the event. */
  readonly payload?: string;
}

/** An activation a checkpoint declares open (§4.1). */
export interface OracleOpen {
  readonly activation: number;
  readonly code: number;
  readonly name: string;
  readonly state: 'running' | 'suspended';
}

/** A chunk's checkpoint record (§4 `0x01`, §4.1). */
export interface OracleCheckpoint {
  readonly chunkIndex: number;
  readonly eventsBefore: number;
  readonly nextSeq: number;
  /** Flag bit 0. */
  readonly timestamps: boolean;
  /** Flag bit 1: the open list omits older suspended activations. */
  readonly partial: boolean;
  /** Present with `timestamps`. */
  readonly tsBaseNs?: number;
  /** The running stack bottom first, then the suspended in the order they suspended. */
  readonly open: readonly OracleOpen[];
}

/** One chunk read in full: where it starts, what its header announced, its checkpoint, its events. */
export interface OracleChunkRead {
  /** Byte offset of the chunk marker in the input. */
  readonly byteOffset: number;
  /** Bytes the chunk takes, header included. */
  readonly bytes: number;
  readonly checkpoint: OracleCheckpoint;
  readonly events: readonly OracleEvent[];
  /** The chunk ends with `end-of-stream` (§5); its total. */
  readonly endTotal?: number;
}

/** Where and why the oracle stopped. */
export interface OracleStop {
  /** Index of the chunk that was not read (the count of chunks read before it). */
  readonly chunk: number;
  /** Byte offset of that chunk (0 for the file header). */
  readonly byteOffset: number;
  /** FORMAT.md's name for the error: `truncated`, `bad-crc`, `unknown-record`, ... */
  readonly code: string;
  /** Where in the input the fault is. */
  readonly faultOffset: number;
  readonly reason: string;
  /**
   * The events the stopped chunk's header announces, when the header is whole and within §3's bounds (§7:
   * a loss report counts them, even when the CRC or the payload then fails); absent otherwise.
   */
  readonly announced?: number;
  /** The input is not this format at all (§7: bad magic, unknown major, reserved bits): a reader throws. */
  readonly fatal: boolean;
}

/** Everything the oracle read from an input (FORMAT.md §7: every whole valid chunk, then where it stopped). */
export interface OracleRead {
  /** From the file header; absent for a run of chunks without one. */
  readonly version?: { readonly major: number; readonly minor: number };
  readonly chunks: readonly OracleChunkRead[];
  /** The events of every chunk read, in order. */
  readonly events: readonly OracleEvent[];
  /** The `end-of-stream` record was read and nothing follows it (§5). */
  readonly complete: boolean;
  readonly stop?: OracleStop;
}
