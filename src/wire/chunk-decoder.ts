import { isPayloadText } from '../model/payload-text.ts';
import { quoted, TraceFormatError, type TraceFormatErrorCode } from '../model/errors.ts';
import { EventKind, KNOWN_FLAGS } from '../model/kinds.ts';
import type { ColumnBuilder } from './columns.ts';
import { crc32 } from './crc32.ts';
import {
  CHECKPOINT_OPEN_PARTIAL, CHECKPOINT_TIMESTAMPS, CHUNK_HEADER_BYTES, CHUNK_MARKER, EXTENSION_FIRST, EXTENSION_LAST, LIMITS, OpenState, Record,
} from './spec.ts';

/** An activation a checkpoint declares open: running (on the stack, bottom first) or suspended. */
export interface OpenActivation {
  readonly activation: number;
  readonly code: number;
  readonly state: 'running' | 'suspended';
}

/** A chunk's checkpoint (FORMAT.md §4.1): where the chunk sits in the stream and what is open. */
export interface Checkpoint {
  /** 0-based index of the chunk in its stream. */
  readonly chunkIndex: number;
  /** Events in the stream before this chunk. */
  readonly eventsBefore: number;
  /** Seq of the chunk's first event unless a seq record says otherwise. */
  readonly nextSeq: number;
  readonly timestamps: boolean;
  /** Timestamp base in ns (0 without timestamps). */
  readonly tsBaseNs: number;
  readonly open: readonly OpenActivation[];
  /** The open list omits older suspended activations (FORMAT.md §4.1). */
  readonly openPartial: boolean;
}

const MAX_SAFE = Number.MAX_SAFE_INTEGER;
const MIN_EVENT_BYTES = 3;

/**
 * The event kind of each record type that is an event (FORMAT.md §4: `EVENT + kind` and `EVENT_FLAGS + kind`
 * for kinds 1..7, and the records of their own: pending, abandoned, await, user event); 0 for any other type.
 */
const EVENT_KIND = new Uint8Array(256);
for (let kind = EventKind.Call; kind <= EventKind.Wake; kind++) {
  EVENT_KIND[Record.Event + kind] = kind;
  EVENT_KIND[Record.EventFlags + kind] = kind;
}
EVENT_KIND[Record.Pending] = EventKind.Pending;
EVENT_KIND[Record.Abandoned] = EventKind.Abandoned;
EVENT_KIND[Record.Await] = EventKind.Await;
EVENT_KIND[Record.UserEvent] = EventKind.Event;
/** Strict UTF-8 that keeps a leading BOM (it is part of the string: dropping it would change it). */
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Decodes chunks one after another, keeping what spans them: the code table and the continuity of chunk
 * index, event count and seq (which catches reordered, repeated or missing chunks). @internal
 */
export class ChunkDecoder {
  /** Code names by id; undefined where no chunk has defined the id. */
  readonly codes: (string | undefined)[] = [];
  /** Checkpoint of the first chunk decoded. */
  first: Checkpoint | undefined;
  /** True for input with a file header: its first chunk must start the stream (index 0, no events before). */
  streamStart = false;
  /** True once the end-of-stream record was read. */
  ended = false;
  timestamps = false;
  private definedIn = new Int32Array(64);
  private ordinal = 0;
  private expectIndex = -1;
  private expectEvents = 0;
  private expectSeq = 0;
  // Parse state of the chunk being decoded.
  private b: Uint8Array = new Uint8Array(0);
  private p = 0;
  private end = 0;
  private base = 0;

  /**
   * The payload length and event count a chunk header announces, with bounds checked.
   * @param bytes - the input; `at` is the chunk's first byte
   * @param at - offset of the chunk marker
   * @param base - offset of `bytes[0]` in the whole stream, for error offsets
   * @returns `undefined` when fewer than 13 bytes remain
   * @throws {@link TraceFormatError} `bad-chunk` or `limit-exceeded`
   */
  static header(bytes: Uint8Array, at: number, base: number): { payload: number; events: number } | undefined {
    if (bytes[at] !== CHUNK_MARKER) {
      throw new TraceFormatError('bad-chunk', base + at, `want chunk marker 0x${CHUNK_MARKER.toString(16)}`, undefined, bytes[at]);
    }
    if (bytes.length - at < CHUNK_HEADER_BYTES) return undefined;
    const view = new DataView(bytes.buffer, bytes.byteOffset + at, CHUNK_HEADER_BYTES);
    const payload = view.getUint32(1, true);
    const events = view.getUint32(5, true);
    if (payload > LIMITS.maxChunkBytes) throw new TraceFormatError('limit-exceeded', base + at + 1, `chunk payload of ${payload} bytes, max ${LIMITS.maxChunkBytes}`);
    if (events * MIN_EVENT_BYTES > payload) throw new TraceFormatError('bad-chunk', base + at + 5, `chunk announces ${events} events in ${payload} bytes`);
    return { payload, events };
  }

  /**
   * Verifies and decodes the whole chunk at `at` into `out` (all its events or none).
   * @returns the bytes the chunk took, or `undefined` when `bytes` ends inside it
   * @throws {@link TraceFormatError} for anything wrong in the chunk
   */
  decode(bytes: Uint8Array, at: number, base: number, out: ColumnBuilder): number | undefined {
    const h = ChunkDecoder.header(bytes, at, base);
    if (h === undefined || bytes.length - at - CHUNK_HEADER_BYTES < h.payload) return undefined;
    const start = at + CHUNK_HEADER_BYTES;
    const want = new DataView(bytes.buffer, bytes.byteOffset + at, CHUNK_HEADER_BYTES).getUint32(9, true);
    const got = crc32(bytes.subarray(start, start + h.payload), crc32(bytes.subarray(at + 1, at + 9)));
    if (want !== got) throw new TraceFormatError('bad-crc', base + at + 9, `chunk crc32 want 0x${want.toString(16)}, got 0x${got.toString(16)}`);
    const mark = out.length;
    out.reserve(h.events);
    try {
      const n = this.payload(bytes, start, start + h.payload, base, out);
      if (n !== h.events) throw new TraceFormatError('bad-chunk', base + at + 5, `chunk announces ${h.events} events, holds ${n}`);
    } catch (error) {
      out.length = mark;
      throw error;
    }
    return CHUNK_HEADER_BYTES + h.payload;
  }

  private fail(code: TraceFormatErrorCode, at: number, detail: string, byte?: number): never {
    throw new TraceFormatError(code, this.base + at, detail, undefined, byte);
  }

  /** Unsigned LEB128, canonical (no trailing zero byte), at most 2^53 - 1. */
  private varint(): number {
    const b = this.b;
    const at = this.p;
    if (at >= this.end) this.fail('bad-record', at, 'record runs past the end of its chunk');
    const first = b[at]!;
    if (first < 0x80) {
      this.p = at + 1;
      return first;
    }
    let value = first & 0x7f;
    let scale = 0x80;
    for (let p = at + 1; p < this.end && p < at + 10; p++) {
      const byte = b[p]!;
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) {
        if (byte === 0) this.fail('bad-varint', p, 'non-canonical varint (trailing zero byte)');
        if (value > MAX_SAFE) this.fail('unsafe-integer', at, `varint ${value} exceeds 2^53-1`);
        this.p = p + 1;
        return value;
      }
      scale *= 0x80;
    }
    if (at + 10 <= this.end) this.fail('bad-varint', at, 'varint longer than 10 bytes');
    return this.fail('bad-record', at, 'record runs past the end of its chunk');
  }

  private payload(bytes: Uint8Array, start: number, end: number, base: number, out: ColumnBuilder): number {
    this.b = bytes;
    this.p = start;
    this.end = end;
    this.base = base;
    const ordinal = ++this.ordinal;
    let checkpoint: Checkpoint | undefined;
    let events = 0;
    let seq = 0;
    let prevAct = 0;
    let ts = 0;
    /** The event a payload record may follow (the one just decoded), else -1. */
    let payloadTarget = -1;
    // The columns do not move while a chunk decodes (decode reserved its events): read them once.
    const kinds = out.kind;
    const flagCol = out.flags;
    const acts = out.activation;
    const codeCol = out.code;
    const seqs = out.seq;
    // Created when first needed: timestamps at the checkpoint (of a stream that has them), wakers at the first record with one.
    let tsCol: Float64Array | undefined;
    let wakers = out.waker;
    while (this.p < end) {
      const at = this.p;
      const type = bytes[this.p++]!;
      const kind = EVENT_KIND[type]!;
      if (kind !== 0) {
        // Event: `EVENT + kind` (kind 1..7, `EVENT_FLAGS + kind` when a flags varint follows), or a record type of its own.
        if (checkpoint === undefined) this.fail('bad-record', at, 'an event before the chunk checkpoint');
        // One-byte varints (most activation deltas and code ids) are read inline; the rest by varint().
        let p = this.p;
        let zz = p < end ? bytes[p]! : 0x80;
        if (zz < 0x80) this.p = p + 1;
        else zz = this.varint();
        const activation = prevAct + (zz % 2 === 0 ? zz / 2 : -(zz + 1) / 2);
        if (activation < 0 || activation > LIMITS.maxActivation) this.fail('bad-record', at, `activation ${activation} outside 0..2^32-1`);
        p = this.p;
        let code = p < end ? bytes[p]! : 0x80;
        if (code < 0x80) this.p = p + 1;
        else if (p + 1 < end && bytes[p + 1]! < 0x80 && bytes[p + 1] !== 0) {
          code = (code & 0x7f) | (bytes[p + 1]! << 7); // two bytes, canonical (a second byte 0 is refused by varint())
          this.p = p + 2;
        } else code = this.varint();
        if (code >= LIMITS.maxCodes || this.definedIn[code] !== ordinal) this.fail('undefined-code', at, `code ${code} is not defined in this chunk`);
        let flags = 0;
        if (type >= Record.EventFlags && type <= Record.EventFlags + EventKind.Wake) {
          flags = this.varint();
          if (flags === 0) this.fail('bad-record', at, 'flags record with flags 0 (non-canonical)');
          if ((flags & ~KNOWN_FLAGS) !== 0 || flags > 0xff) this.fail('unknown-flag', at, `unknown event flags ${flags}`);
        }
        let waker = 0;
        if (kind === EventKind.Wake || kind === EventKind.Pending || kind === EventKind.Await) {
          waker = this.varint();
          if (waker > LIMITS.maxActivation) this.fail('bad-record', at, `waker ${waker} outside 0..2^32-1`);
          wakers ??= out.useWaker();
        }
        if (tsCol !== undefined) {
          ts += this.varint();
          if (ts > MAX_SAFE) this.fail('unsafe-integer', at, 'timestamp exceeds 2^53-1');
        }
        const i = out.length++;
        kinds[i] = kind;
        flagCol[i] = flags;
        acts[i] = activation;
        codeCol[i] = code;
        seqs[i] = seq;
        if (tsCol !== undefined) tsCol[i] = ts;
        if (wakers !== undefined) wakers[i] = waker;
        if (out.payload !== undefined) out.payload[i] = undefined; // a slot reused after a rolled-back chunk
        if (seq < MAX_SAFE) seq++; // the implicit successor saturates at 2^53-1 (FORMAT.md §4.4)
        prevAct = activation;
        events++;
        payloadTarget = i;
        continue;
      }
      if (type === Record.Payload) {
        if (payloadTarget < 0) this.fail('bad-record', at, 'a payload not right after an event');
        const len = this.varint();
        if (len > LIMITS.maxPayloadBytes) this.fail('limit-exceeded', at, `payload of ${len} bytes, max ${LIMITS.maxPayloadBytes}`);
        if (this.p + len > end) this.fail('bad-record', at, 'payload runs past the end of its chunk');
        let text: string;
        try {
          text = utf8.decode(bytes.subarray(this.p, this.p + len));
        } catch (e) {
          if (!(e instanceof TypeError)) throw e; // TextDecoder's error for bytes that are not UTF-8
          return this.fail('bad-record', this.p, 'payload is not valid UTF-8');
        }
        if (!isPayloadText(text)) this.fail('bad-record', this.p, 'payload is not compact JSON text (as JSON.stringify writes it, integers within 2^53)');
        this.p += len;
        (out.payload ??= []).length = out.length;
        out.payload[payloadTarget] = text;
        payloadTarget = -1;
        continue;
      }
      payloadTarget = -1;
      switch (type) {
        case Record.Dropped:
        case Record.CheckpointMark:
        case Record.Recovery: {
          if (checkpoint === undefined) this.fail('bad-record', at, 'a stream record before the chunk checkpoint');
          const count = this.varint();
          if (count > LIMITS.maxActivation) this.fail('bad-record', at, `stream record value ${count} exceeds 2^32-1`);
          if (tsCol !== undefined) {
            ts += this.varint();
            if (ts > MAX_SAFE) this.fail('unsafe-integer', at, 'timestamp exceeds 2^53-1');
          }
          const i = out.length++;
          out.kind[i] = type === Record.Dropped ? EventKind.Dropped : type === Record.CheckpointMark ? EventKind.Checkpoint : EventKind.Recovery;
          out.flags[i] = 0;
          out.activation[i] = 0;
          out.code[i] = 0;
          out.seq[i] = seq;
          if (tsCol !== undefined) tsCol[i] = ts;
          (wakers ??= out.useWaker())[i] = count;
          if (out.payload !== undefined) out.payload[i] = undefined;
          if (seq < MAX_SAFE) seq++;
          events++;
          break;
        }
        case Record.DefineCode: {
          const code = this.varint();
          if (code >= LIMITS.maxCodes) this.fail('limit-exceeded', at, `code id ${code}, max ${LIMITS.maxCodes - 1}`);
          const len = this.varint();
          if (len > LIMITS.maxStringBytes) this.fail('limit-exceeded', at, `code name of ${len} bytes, max ${LIMITS.maxStringBytes}`);
          if (this.p + len > end) this.fail('bad-record', at, 'code name runs past the end of its chunk');
          let name: string;
          try {
            name = utf8.decode(bytes.subarray(this.p, this.p + len));
          } catch (e) {
            if (!(e instanceof TypeError)) throw e; // TextDecoder's error for bytes that are not UTF-8
            return this.fail('bad-record', this.p, 'code name is not valid UTF-8');
          }
          this.p += len;
          const known = this.codes[code];
          if (known !== undefined && known !== name) this.fail('code-conflict', at, `code ${code} defined as ${quoted(known)} and as ${quoted(name)}`);
          this.codes[code] = name;
          if (code >= this.definedIn.length) {
            const grown = new Int32Array(Math.min(LIMITS.maxCodes, Math.max(code + 1, this.definedIn.length * 2)));
            grown.set(this.definedIn);
            this.definedIn = grown;
          }
          this.definedIn[code] = ordinal;
          break;
        }
        case Record.Checkpoint: {
          if (checkpoint !== undefined) this.fail('bad-record', at, 'a second checkpoint in one chunk');
          checkpoint = this.checkpoint(at, ordinal);
          tsCol = this.timestamps ? out.useTimestamps() : undefined;
          seq = checkpoint.nextSeq;
          ts = checkpoint.tsBaseNs;
          break;
        }
        case Record.SeqSet:
          if (checkpoint === undefined) this.fail('bad-record', at, 'a seq record before the chunk checkpoint');
          seq = this.varint();
          break;
        case Record.TsReset:
          if (checkpoint === undefined || !this.timestamps) this.fail('bad-record', at, 'a timestamp reset in a stream without timestamps');
          ts = this.varint();
          break;
        case Record.End: {
          if (checkpoint === undefined) this.fail('bad-record', at, 'end of stream before the chunk checkpoint');
          const total = this.varint();
          if (total !== checkpoint.eventsBefore + events) this.fail('bad-record', at, `end of stream counts ${total} events, want ${checkpoint.eventsBefore + events}`);
          if (this.p !== end) this.fail('bad-record', this.p, 'records after the end-of-stream record');
          this.ended = true;
          break;
        }
        default: {
          if (type >= EXTENSION_FIRST && type <= EXTENSION_LAST) {
            // FORMAT.md §3: only define-code records precede the checkpoint; a newer minor's records follow it.
            if (checkpoint === undefined) this.fail('bad-record', at, 'an extension record before the chunk checkpoint');
            const len = this.varint();
            if (this.p + len > end) this.fail('bad-record', at, 'extension record runs past the end of its chunk');
            this.p += len;
            break;
          }
          this.fail('unknown-record', at, `unknown record type 0x${type.toString(16)}`, type);
        }
      }
    }
    if (checkpoint === undefined) this.fail('bad-record', start, 'chunk without a checkpoint');
    this.expectEvents = checkpoint.eventsBefore + events;
    this.expectSeq = seq;
    return events;
  }

  private checkpoint(at: number, ordinal: number): Checkpoint {
    const chunkIndex = this.varint();
    const eventsBefore = this.varint();
    const nextSeq = this.varint();
    const flags = this.varint();
    // A comparison, not a mask: `&` would look at the low 32 bits only and take 2^32 + 1 for bit 0.
    if (flags > (CHECKPOINT_TIMESTAMPS | CHECKPOINT_OPEN_PARTIAL)) this.fail('bad-record', at, `unknown checkpoint flags ${flags}`);
    const timestamps = (flags & CHECKPOINT_TIMESTAMPS) !== 0;
    const openPartial = (flags & CHECKPOINT_OPEN_PARTIAL) !== 0;
    const tsBaseNs = timestamps ? this.varint() : 0;
    const count = this.varint();
    if (count > LIMITS.maxOpen || count * 3 > this.end - this.p) this.fail('limit-exceeded', at, `checkpoint declares ${count} open activations`);
    const open: OpenActivation[] = [];
    for (let i = 0; i < count; i++) {
      // Each field checked as it is read (FORMAT.md §7: the first fault in the record's field order is the one reported).
      const activation = this.varint();
      if (activation > LIMITS.maxActivation) this.fail('bad-record', at, `open activation ${activation} outside 0..2^32-1`);
      const code = this.varint();
      if (code >= LIMITS.maxCodes || this.definedIn[code] !== ordinal) this.fail('undefined-code', at, `checkpoint uses code ${code}, not defined in this chunk`);
      if (this.p >= this.end) this.fail('bad-record', this.p, 'checkpoint runs past the end of its chunk');
      const state = this.b[this.p++];
      if (state !== OpenState.Running && state !== OpenState.Suspended) this.fail('bad-record', this.p - 1, `open activation state ${state}, want 1 or 2`, state);
      open.push({ activation, code, state: state === OpenState.Running ? 'running' : 'suspended' });
    }
    // Continuity with the chunk before: catches reordered, repeated and missing chunks.
    if (this.first === undefined) {
      if (this.streamStart && (chunkIndex !== 0 || eventsBefore !== 0)) {
        this.fail('bad-record', at, `a file starts with chunk 0, got chunk ${chunkIndex} (a run of chunks cut out of a stream has no file header)`);
      }
      this.timestamps = timestamps;
    } else {
      if (chunkIndex !== this.expectIndex) this.fail('bad-record', at, `chunk index want ${this.expectIndex}, got ${chunkIndex} (chunks missing or out of order)`);
      if (eventsBefore !== this.expectEvents) this.fail('bad-record', at, `events before chunk want ${this.expectEvents}, got ${eventsBefore}`);
      if (nextSeq !== this.expectSeq) this.fail('bad-record', at, `chunk seq want ${this.expectSeq}, got ${nextSeq}`);
      if (timestamps !== this.timestamps) this.fail('bad-record', at, 'timestamps switched on or off between chunks');
    }
    const cp: Checkpoint = { chunkIndex, eventsBefore, nextSeq, timestamps, tsBaseNs, open, openPartial };
    this.first ??= cp;
    this.expectIndex = chunkIndex + 1;
    return cp;
  }
}
