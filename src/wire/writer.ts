import { isPayloadText } from '../model/payload-text.ts';
import { assertWellFormedName } from '../model/well-formed.ts';
import { EventKind, isStreamRecord, KNOWN_FLAGS } from '../model/kinds.ts';
import type { Trace } from '../model/trace.ts';
import { crc32 } from './crc32.ts';
import type { ByteSink } from './sink.ts';
import { SuspendedSet } from './suspended-set.ts';
import {
  CHECKPOINT_OPEN_PARTIAL, CHECKPOINT_TIMESTAMPS, CHUNK_HEADER_BYTES, SUSPENDED_DECLARED, CHUNK_MARKER, FILE_HEADER_BYTES, LIMITS, MAGIC, MAJOR, MAX_EVENT_BYTES, MINOR, OpenState, Record,
} from './spec.ts';

/** Options of a {@link WireWriter}. */
export interface WireWriterOptions {
  /**
   * Target chunk payload, bytes: a chunk is sealed once it holds this much. 256..4 MiB.
   * @defaultValue 65536
   */
  readonly chunkBytes?: number;
  /** Record a timestamp per event (`tsNs` of each append). @defaultValue false */
  readonly timestamps?: boolean;
  /**
   * Flush (seal the chunk and make it durable) after this many events, stream records (`dropped`, checkpoint
   * mark, `recovery`) included: they are events (FORMAT.md §4); 0 for never. @defaultValue 0
   */
  readonly flushEveryEvents?: number;
  /** Flush at the first event (stream records included) that brings the bytes since the last flush to this many; 0 for never. @defaultValue 0 */
  readonly flushEveryBytes?: number;
  /**
   * Append to a stream already in the sink (recording resumed after a crash, on the file's valid prefix):
   * no file header; chunk index, event count and seq continue; the code table and the activations open at
   * the end of the prefix are known.
   */
  readonly continueFrom?: {
    readonly chunks: number;
    readonly events: number;
    readonly nextSeq: number;
    readonly codes: readonly (string | undefined)[];
    readonly open: readonly { readonly activation: number; readonly code: number; readonly state: 'running' | 'suspended' }[];
  };
}

const MAX_SAFE = Number.MAX_SAFE_INTEGER;
const NONE_SUSPENDED: ReadonlyMap<number, number> = new Map();

/**
 * Streaming writer of wire format v1 (FORMAT.md): events go into the current chunk; a full chunk is
 * sealed (length, event count, CRC32) and handed to the sink. Every chunk starts with a checkpoint that
 * re-declares the open activations and the code names it uses, so any run of chunks stands alone.
 * The hot path writes varints into a reusable buffer: no allocation per event.
 *
 * @example
 * ```ts
 * const sink = new MemorySink();
 * const w = new WireWriter(sink);
 * w.defineCode(0, 'main');
 * w.append(EventKind.Call, 1, 0, 0, 0);
 * w.append(EventKind.Return, 1, 0, 0, 1);
 * w.close();
 * decodeWire(sink.bytes()).length; // 2
 * ```
 */
export class WireWriter {
  private buf: Uint8Array;
  private pos = 0;
  /** Buffer offset where the open chunk's events start (after its checkpoint). */
  private eventsStart = 0;
  /** Set once a suspended activation was dropped from the open list. */
  private openPartial = false;
  private chunkOpen = false;
  private chunkNo = 0;
  private chunkEvents = 0;
  private totalEvents = 0;
  private nextSeq = -1;
  private prevActivation = 0;
  private prevTs = 0;
  private written = 0;
  private sinceFlushEvents = 0;
  private sinceFlushBytes = 0;
  private closed = false;
  private readonly names: (string | undefined)[] = [];
  private readonly nameBytes: (Uint8Array | undefined)[] = [];
  private definedIn = new Int32Array(64);
  private runAct: Uint32Array = new Uint32Array(64);
  private runCode: Uint32Array = new Uint32Array(64);
  private depth = 0;
  private readonly suspended = new SuspendedSet();
  private readonly chunkBytes: number;
  private readonly timestamps: boolean;
  private readonly flushEveryEvents: number;
  private readonly flushEveryBytes: number;
  private static readonly encoder = new TextEncoder();

  /**
   * Writes the file header to `sink` at once.
   * @param sink - where bytes go
   * @param options - see {@link WireWriterOptions}
   * @throws RangeError for options out of range, and a `continueFrom.open` activation whose code `continueFrom.codes` does not name
   */
  constructor(
    private readonly sink: ByteSink,
    options: WireWriterOptions = {},
  ) {
    const chunkBytes = options.chunkBytes ?? 65536;
    if (!(Number.isInteger(chunkBytes) && chunkBytes >= 256 && chunkBytes <= LIMITS.maxChunkBytes / 2)) {
      throw new RangeError(`WireWriter: chunkBytes must be an integer in 256..${LIMITS.maxChunkBytes / 2}, got ${chunkBytes}`);
    }
    for (const k of ['flushEveryEvents', 'flushEveryBytes'] as const) {
      const v = options[k] ?? 0;
      if (!(Number.isInteger(v) && v >= 0)) throw new RangeError(`WireWriter: ${k} must be a non-negative integer, got ${v}`);
    }
    this.chunkBytes = chunkBytes;
    this.timestamps = options.timestamps ?? false;
    this.flushEveryEvents = options.flushEveryEvents ?? 0;
    this.flushEveryBytes = options.flushEveryBytes ?? 0;
    this.buf = new Uint8Array(chunkBytes + 2 * LIMITS.maxStringBytes + 256);
    const from = options.continueFrom;
    if (from !== undefined) {
      this.chunkNo = from.chunks;
      this.totalEvents = from.events;
      this.nextSeq = from.nextSeq;
      from.codes.forEach((name, id) => {
        if (name !== undefined) this.defineCode(id, name);
      });
      for (const o of from.open) {
        // A checkpoint declares each open activation with its code's name (FORMAT.md §4.1): refused here, not as a TypeError at the first checkpoint.
        if (this.names[o.code] === undefined) throw new RangeError(`WireWriter: continueFrom.open declares activation #${o.activation} of code ${o.code}, which continueFrom.codes does not name`);
        if (o.state === 'running') this.track(EventKind.Call, o.activation, o.code);
        else this.suspended.set(o.activation, o.code);
      }
      return; // the sink already holds the file header and the chunks before
    }
    const header = new Uint8Array(FILE_HEADER_BYTES);
    header.set(MAGIC, 0);
    header[8] = MAJOR;
    header[9] = MINOR;
    this.emit(header);
  }

  /** Bytes handed to the sink so far (the file header and every sealed chunk). */
  get bytesWritten(): number {
    return this.written;
  }

  /** Events appended so far. */
  get eventCount(): number {
    return this.totalEvents;
  }

  /**
   * Names a code id; must precede the first event that uses it. Redefining an id with the same name is a
   * no-op.
   * @throws RangeError for an id outside 0..2^20-1, a name over 4096 UTF-8 bytes, a name holding a lone
   *   surrogate (FORMAT.md §4.2), or a different name for an id already defined
   */
  defineCode(code: number, name: string): void {
    if (!(Number.isInteger(code) && code >= 0 && code < LIMITS.maxCodes)) throw new RangeError(`WireWriter.defineCode: code must be in 0..${LIMITS.maxCodes - 1}, got ${code}`);
    const known = this.names[code];
    if (known !== undefined) {
      if (known !== name) throw new RangeError(`WireWriter.defineCode: code ${code} is already "${known}", got "${name}"`);
      return;
    }
    // TextEncoder would store a lone surrogate as U+FFFD: a changed name. Refused instead (FORMAT.md §4.2).
    assertWellFormedName('WireWriter.defineCode', `code name of code ${code}`, name);
    const bytes = WireWriter.encoder.encode(name);
    if (bytes.length > LIMITS.maxStringBytes) throw new RangeError(`WireWriter.defineCode: name of code ${code} is ${bytes.length} bytes, max ${LIMITS.maxStringBytes}`);
    this.names[code] = name;
    this.nameBytes[code] = bytes;
    if (code >= this.definedIn.length) {
      const grown = new Int32Array(Math.max(code + 1, this.definedIn.length * 2));
      grown.set(this.definedIn);
      this.definedIn = grown;
    }
  }

  /**
   * Appends one event (hot path).
   * @param kind - event kind code 1..14
   * @param activation - 0..2^32-1
   * @param code - a code id defined with {@link WireWriter.defineCode}
   * @param flags - event flag bits, 0..127
   * @param seq - sequence number, 0..2^53-1; a value other than the previous + 1 costs a seq record
   * @param tsNs - timestamp in ns, 0..2^53-1 (read only with `timestamps`)
   * @param waker - for a `wake`: the waking activation, 0 when unknown; for a `pending`: the awaited
   *   activation; for a `dropped`: the count of records dropped (ignored for other kinds)
   * @param payload - JSON text the event carries (a user event's payload, a value), at most
   *   {@link LIMITS.maxPayloadBytes} UTF-8 bytes; none on a stream record
   * @throws RangeError for a value out of range, an undefined code, a payload on a stream record or over
   *   the limit, a closed writer, or an event that opens a chunk whose checkpoint would declare more than
   *   65536 open activations (FORMAT.md §8; the writer is left as it was)
   */
  append(kind: EventKind, activation: number, code: number, flags: number, seq: number, tsNs = 0, waker = 0, payload?: string): void {
    if (this.closed) throw new RangeError('WireWriter.append: the writer is closed');
    if (!(kind >= EventKind.Call && kind <= EventKind.Event && (kind | 0) === kind)) throw new RangeError(`WireWriter.append: kind must be 1..14, got ${kind}`);
    if (payload !== undefined && (typeof payload !== 'string' || isStreamRecord(kind))) throw new RangeError('WireWriter.append: a payload is JSON text, on an event that is not a stream record');
    if (payload !== undefined && !isPayloadText(payload)) throw new RangeError(`WireWriter.append: payload must be compact JSON text (as JSON.stringify writes it, integers within 2^53), got ${JSON.stringify(payload.slice(0, 40))}`);
    if (kind >= EventKind.Pending && flags !== 0) throw new RangeError(`WireWriter.append: a ${kind === EventKind.Pending ? 'pending' : 'non-frame or abandoned'} record has no flags`);
    if (!(waker >= 0 && waker <= LIMITS.maxActivation && Math.floor(waker) === waker)) throw new RangeError(`WireWriter.append: waker must be a u32, got ${waker}`);
    if (!(activation >= 0 && activation <= LIMITS.maxActivation && Math.floor(activation) === activation)) throw new RangeError(`WireWriter.append: activation must be a u32, got ${activation}`);
    if (!isStreamRecord(kind) && this.names[code] === undefined) throw new RangeError(`WireWriter.append: code ${code} is not defined`);
    if (!(flags >= 0 && flags < 128 && (flags | 0) === flags && (flags & ~KNOWN_FLAGS) === 0)) throw new RangeError(`WireWriter.append: flags must be defined event flags (${KNOWN_FLAGS}), got ${flags}`);
    if (!(seq >= 0 && seq <= MAX_SAFE && Math.floor(seq) === seq)) throw new RangeError(`WireWriter.append: seq must be an integer in 0..2^53-1, got ${seq}`);
    if (this.timestamps && !(tsNs >= 0 && tsNs <= MAX_SAFE && Math.floor(tsNs) === tsNs)) throw new RangeError(`WireWriter.append: tsNs must be an integer in 0..2^53-1, got ${tsNs}`);
    this.put(kind, activation, code, flags, seq, tsNs, waker, payload);
  }

  /** Writes one event whose fields are known to be in range (the hot path after validation). */
  private put(kind: EventKind, activation: number, code: number, flags: number, seq: number, tsNs: number, waker: number, payload?: string): void {
    const payloadBytes = payload === undefined ? undefined : WireWriter.encoder.encode(payload);
    if (payloadBytes !== undefined && payloadBytes.length > LIMITS.maxPayloadBytes) throw new RangeError(`WireWriter.append: payload of ${payloadBytes.length} bytes, max ${LIMITS.maxPayloadBytes}`);
    // 1. Seal a full chunk; open one (checkpoint first) if none is open.
    // Counted from the end of the checkpoint: a large open list cannot shrink a chunk to one event.
    if (this.chunkOpen && this.pos - this.eventsStart >= this.chunkBytes) this.seal();
    if (!this.chunkOpen) this.openChunk(this.nextSeq < 0 ? seq : this.nextSeq, this.timestamps && this.totalEvents === 0 ? tsNs : this.prevTs);
    // 2. Define the code in this chunk before its first use (a drop has none).
    if (!isStreamRecord(kind) && this.definedIn[code] !== this.chunkNo + 1) this.writeDefine(code);
    if (this.pos + 3 * MAX_EVENT_BYTES > this.buf.length) this.growBuffer(this.pos + 3 * MAX_EVENT_BYTES);
    const b = this.buf;
    // 3. Seq: implicit previous + 1, else an explicit seq record.
    if (seq !== this.nextSeq) {
      b[this.pos++] = Record.SeqSet;
      this.varint(seq);
    }
    // 4. Timestamps: unsigned deltas; a clock that went back gets an explicit reset.
    if (this.timestamps && tsNs < this.prevTs) {
      b[this.pos++] = Record.TsReset;
      this.varint(tsNs);
      this.prevTs = tsNs;
    }
    // 5. The event record: type with the kind in its low bits, zigzag activation delta, code, [flags], [ts].
    let p = this.pos;
    if (isStreamRecord(kind)) {
      // Stream records (dropped, checkpoint, recovery): their number only (no activation, no code), then the timestamp delta.
      b[p++] = kind === EventKind.Dropped ? Record.Dropped : kind === EventKind.Checkpoint ? Record.CheckpointMark : Record.Recovery;
      p = putVarint(b, p, waker);
      if (this.timestamps) {
        p = putVarint(b, p, tsNs - this.prevTs);
        this.prevTs = tsNs;
      }
      this.pos = p;
      this.nextSeq = seq < MAX_SAFE ? seq + 1 : seq;
      this.chunkEvents++;
      this.totalEvents++;
      this.afterEvent(); // a stream record is an event: it counts toward the flush options and can end a chunk
      return;
    }
    b[p++] =
      kind === EventKind.Pending ? Record.Pending
      : kind === EventKind.Abandoned ? Record.Abandoned
      : kind === EventKind.Await ? Record.Await
      : kind === EventKind.Event ? Record.UserEvent
      : (flags === 0 ? Record.Event : Record.EventFlags) + kind;
    const delta = activation - this.prevActivation;
    p = putVarint(b, p, delta >= 0 ? delta * 2 : -delta * 2 - 1);
    p = putVarint(b, p, code);
    if (flags !== 0) b[p++] = flags;
    if (kind === EventKind.Wake || kind === EventKind.Pending || kind === EventKind.Await) p = putVarint(b, p, waker);
    if (this.timestamps) {
      p = putVarint(b, p, tsNs - this.prevTs);
      this.prevTs = tsNs;
    }
    this.pos = p;
    if (payloadBytes !== undefined) this.writePayload(payloadBytes);
    this.prevActivation = activation;
    this.nextSeq = seq < MAX_SAFE ? seq + 1 : seq; // the implicit successor saturates at 2^53-1
    this.chunkEvents++;
    this.totalEvents++;
    this.track(kind, activation, code);
    this.afterEvent();
  }

  /** Counts an event toward `flushEveryEvents` and flushes when it or `flushEveryBytes` is reached. */
  private afterEvent(): void {
    this.sinceFlushEvents++;
    if (
      (this.flushEveryEvents > 0 && this.sinceFlushEvents >= this.flushEveryEvents) ||
      (this.flushEveryBytes > 0 && this.sinceFlushBytes + this.pos - CHUNK_HEADER_BYTES >= this.flushEveryBytes)
    ) {
      this.flush();
    }
  }

  /** The payload record after its event: type, length, the JSON text's UTF-8 bytes. */
  private writePayload(bytes: Uint8Array): void {
    this.growBuffer(this.pos + bytes.length + 8);
    this.buf[this.pos++] = Record.Payload;
    this.varint(bytes.length);
    this.buf.set(bytes, this.pos);
    this.pos += bytes.length;
  }

  /**
   * Appends every event of a trace, defining its codes first. A trace that starts with activations open
   * (`trace.open`, `trace.openPartial`: a snapshot, a segment) handed to a writer that has written no event
   * declares them in its first checkpoint; handed to one that has, its declaration is not taken: what is open
   * is what the writer saw.
   * @throws RangeError as {@link WireWriter.append}
   */
  appendTrace(trace: Trace): void {
    if (this.closed) throw new RangeError('WireWriter.appendTrace: the writer is closed');
    const c = trace.columns;
    // A trace that starts with activations open (a snapshot, a segment) declares them in the first checkpoint.
    if (this.totalEvents === 0 && !this.chunkOpen && trace.openPartial) this.openPartial = true;
    if (this.totalEvents === 0 && !this.chunkOpen && trace.open.length > 0) {
      for (const o of trace.open) {
        if (this.names[o.code] === undefined) this.defineCode(o.code, trace.codeName(o.code));
        if (o.state === 'running') this.track(EventKind.Call, o.activation, o.code);
        else this.suspended.set(o.activation, o.code);
      }
    }
    // Typed columns already bound activation (u32), code (u32) and flags (u8); check what they do not.
    trace.codes.forEach((name, code) => this.defineCode(code, name));
    const ts = this.timestamps ? c.tsNs : undefined;
    const payloads = c.payload;
    for (let i = 0; i < trace.length; i++) {
      i = this.appendRun(trace, i);
      if (i === trace.length) break;
      const kind = c.kind[i]!;
      const code = c.code[i]!;
      const seq = c.seq[i]!;
      const tsNs = ts === undefined ? 0 : ts[i]!;
      const waker = c.waker === undefined ? 0 : c.waker[i]!;
      const payload = payloads === undefined ? undefined : payloads[i];
      if (payload !== undefined) {
        this.append(kind as EventKind, c.activation[i]!, code, c.flags[i]!, seq, tsNs, waker, payload); // rare: checked in full
        continue;
      }
      if (kind < EventKind.Call || kind > EventKind.Event || (kind >= EventKind.Pending && c.flags[i] !== 0) || (!isStreamRecord(kind) && this.names[code] === undefined) || (c.flags[i]! & ~KNOWN_FLAGS) !== 0 || !isSafeCount(seq) || !isSafeCount(tsNs)) {
        this.append(kind as EventKind, c.activation[i]!, code, c.flags[i]!, seq, tsNs, waker); // throws the precise RangeError
        continue;
      }
      this.put(kind as EventKind, c.activation[i]!, code, c.flags[i]!, seq, tsNs, waker);
    }
  }

  /**
   * The encoder's fast path (issue 15: 50 M events/s): writes events from `start` on while each is an event
   * that is not a stream record and needs nothing but its own record: no payload, seq the implicit successor, a
   * timestamp not going back, its code already defined in the open chunk, room left in the chunk, and no
   * flush option to count toward. The bytes are exactly those {@link WireWriter.put} writes for the same
   * event (the golden wire files and the round-trip properties hold both paths to it).
   * @returns the index of the first event it did not write (`trace.length` when it wrote them all)
   */
  private appendRun(trace: Trace, start: number): number {
    if (!this.chunkOpen || this.flushEveryEvents !== 0 || this.flushEveryBytes !== 0) return start;
    const c = trace.columns;
    const kinds = c.kind;
    const acts = c.activation;
    const codes = c.code;
    const flagCol = c.flags;
    const seqs = c.seq;
    const ts = this.timestamps ? c.tsNs : undefined;
    const payloads = c.payload;
    const wakers = c.waker;
    const b = this.buf;
    const defined = this.definedIn;
    const chunkMark = this.chunkNo + 1;
    const end = Math.min(this.eventsStart + this.chunkBytes, b.length - 3 * MAX_EVENT_BYTES);
    const n = trace.length;
    let p = this.pos;
    let prevAct = this.prevActivation;
    let nextSeq = this.nextSeq;
    let prevTs = this.prevTs;
    let i = start;
    for (; i < n && p < end; i++) {
      const at = p;
      const kind = kinds[i]!;
      const flags = flagCol[i]!;
      const code = codes[i]!;
      const type = kind >= EventKind.Call && kind <= EventKind.Wake ? (flags === 0 ? Record.Event : Record.EventFlags) + kind : FAST_RECORD[kind]!;
      if (type === 0 || (flags & ~KNOWN_FLAGS) !== 0 || (kind >= EventKind.Pending && flags !== 0) || defined[code] !== chunkMark || seqs[i] !== nextSeq) break;
      if (payloads !== undefined && payloads[i] !== undefined) break;
      const activation = acts[i]!;
      b[p++] = type;
      const delta = activation - prevAct;
      p = putVarint(b, p, delta >= 0 ? delta * 2 : -delta * 2 - 1);
      p = putVarint(b, p, code);
      if (flags !== 0) b[p++] = flags;
      if (kind === EventKind.Wake || kind === EventKind.Pending || kind === EventKind.Await) p = putVarint(b, p, wakers === undefined ? 0 : wakers[i]!);
      if (ts !== undefined) {
        const t = ts[i]!;
        if (!(t >= prevTs && t <= MAX_SAFE && Math.floor(t) === t)) {
          p = at; // not this event: the slow path writes it (a timestamp reset) or refuses it
          break;
        }
        p = putVarint(b, p, t - prevTs);
        prevTs = t;
      }
      prevAct = activation;
      if (nextSeq < MAX_SAFE) nextSeq++;
      // The open activations (track's frame edges, inlined for the common call and return).
      if (kind === EventKind.Call) {
        if (this.depth === this.runAct.length) {
          this.runAct = grownU32(this.runAct);
          this.runCode = grownU32(this.runCode);
        }
        this.runAct[this.depth] = activation;
        this.runCode[this.depth++] = code;
      } else if ((kind === EventKind.Return || kind === EventKind.Unwind) && this.depth > 0 && this.runAct[this.depth - 1] === activation) {
        this.depth--;
        if (this.suspended.size !== 0) this.suspended.delete(activation); // only a malformed trace returns while suspended
      } else if (kind !== EventKind.Wake && kind !== EventKind.Pending && kind !== EventKind.Await && kind !== EventKind.Event) {
        this.track(kind, activation, code);
      }
    }
    const written = i - start;
    this.pos = p;
    this.prevActivation = prevAct;
    this.nextSeq = nextSeq;
    this.prevTs = prevTs;
    this.chunkEvents += written;
    this.totalEvents += written;
    this.sinceFlushEvents += written;
    return i;
  }

  /**
   * Seals the open chunk and makes everything written durable (`sink.sync()`); returns once it is. Every
   * event appended before the call survives a crash after it.
   */
  flush(): void {
    if (this.chunkOpen) this.seal();
    this.sink.sync?.();
    this.sinceFlushEvents = 0;
    this.sinceFlushBytes = 0;
  }

  /**
   * Writes the end-of-stream record (with the total event count), seals, syncs and closes the sink.
   * Idempotent.
   */
  close(): void {
    if (this.closed) return;
    if (!this.chunkOpen) this.openChunk(this.nextSeq < 0 ? 0 : this.nextSeq, this.prevTs);
    this.growBuffer(this.pos + 16); // a payload may leave only 5 bytes; the record takes up to 9
    this.buf[this.pos++] = Record.End;
    this.varint(this.totalEvents);
    this.closed = true;
    this.seal();
    this.sink.sync?.();
    this.sink.close?.();
  }

  private openChunk(nextSeq: number, tsBase: number): void {
    // Refused before anything is written: the writer stays as it was (FORMAT.md §8's most per checkpoint).
    const suspended = this.declaredSuspended();
    const open = this.depth + suspended.size;
    if (open > LIMITS.maxOpen) throw new RangeError(`WireWriter: ${open} open activations (${this.depth} running, ${suspended.size} suspended), max ${LIMITS.maxOpen} per checkpoint`);
    this.chunkOpen = true;
    this.chunkEvents = 0;
    this.pos = CHUNK_HEADER_BYTES;
    this.prevActivation = 0;
    // Codes of the open activations, defined before the checkpoint that names them.
    for (let i = 0; i < this.depth; i++) if (this.definedIn[this.runCode[i]!] !== this.chunkNo + 1) this.writeDefine(this.runCode[i]!);
    for (const code of suspended.values()) if (this.definedIn[code] !== this.chunkNo + 1) this.writeDefine(code);
    this.growBuffer(this.pos + 64 + open * 12);
    this.buf[this.pos++] = Record.Checkpoint;
    this.varint(this.chunkNo);
    this.varint(this.totalEvents);
    this.varint(nextSeq);
    this.varint((this.timestamps ? CHECKPOINT_TIMESTAMPS : 0) | (this.openPartial ? CHECKPOINT_OPEN_PARTIAL : 0));
    if (this.timestamps) this.varint(tsBase);
    this.prevTs = tsBase;
    this.nextSeq = nextSeq;
    this.varint(open);
    for (let i = 0; i < this.depth; i++) this.openEntry(this.runAct[i]!, this.runCode[i]!, OpenState.Running);
    for (const [act, code] of suspended) this.openEntry(act, code, OpenState.Suspended);
    this.eventsStart = this.pos;
  }

  /**
   * The suspended activations a checkpoint declares (activation to code id), in the order they suspended
   * (FORMAT.md §4.1). Only a test overrides it, to inject a writer that declares a wrong set (issue 13
   * part 6, `harness/properties/recording-property.ts`). @internal
   */
  protected declaredSuspended(): ReadonlyMap<number, number> {
    return this.suspended.size === 0 ? NONE_SUSPENDED : this.suspended.toMap();
  }

  private openEntry(activation: number, code: number, state: number): void {
    this.varint(activation);
    this.varint(code);
    this.buf[this.pos++] = state;
  }

  private writeDefine(code: number): void {
    const name = this.nameBytes[code]!;
    this.growBuffer(this.pos + name.length + 16);
    this.buf[this.pos++] = Record.DefineCode;
    this.varint(code);
    this.varint(name.length);
    this.buf.set(name, this.pos);
    this.pos += name.length;
    this.definedIn[code] = this.chunkNo + 1;
  }

  /** Seals the chunk: header with payload length, event count and CRC32, then one write to the sink. */
  private seal(): void {
    const b = this.buf;
    const payload = this.pos - CHUNK_HEADER_BYTES;
    const view = new DataView(b.buffer, b.byteOffset, CHUNK_HEADER_BYTES);
    b[0] = CHUNK_MARKER;
    view.setUint32(1, payload, true);
    view.setUint32(5, this.chunkEvents, true);
    const crc = crc32(b.subarray(CHUNK_HEADER_BYTES, this.pos), crc32(b.subarray(1, 9)));
    view.setUint32(9, crc, true);
    this.emit(b.subarray(0, this.pos));
    this.chunkOpen = false;
    this.chunkNo++;
  }

  private emit(bytes: Uint8Array): void {
    this.sink.write(bytes);
    this.written += bytes.length;
    this.sinceFlushBytes += bytes.length;
  }

  /** Keeps the open activations for the next checkpoint; tolerant of malformed traces (never throws). */
  private track(kind: number, activation: number, code: number): void {
    if (kind === EventKind.Wake || kind === EventKind.Pending || kind === EventKind.Await || kind === EventKind.Event || isStreamRecord(kind)) return; // not frame edges
    if (kind === EventKind.Call || kind === EventKind.Resume || kind === EventKind.Throw) {
      if (kind !== EventKind.Call && this.suspended.size !== 0) this.suspended.delete(activation);
      if (this.depth === this.runAct.length) {
        this.runAct = grownU32(this.runAct);
        this.runCode = grownU32(this.runCode);
      }
      this.runAct[this.depth] = activation;
      this.runCode[this.depth++] = code;
      return;
    }
    // Exit: pop down to the activation when it is on the stack (it is the top in a valid trace).
    if (this.depth > 0 && this.runAct[this.depth - 1] === activation) this.depth--;
    else for (let i = this.depth - 1; i >= 0; i--) {
      if (this.runAct[i] === activation) {
        this.depth = i;
        break;
      }
    }
    if (kind === EventKind.Yield) {
      this.suspended.set(activation, code);
      if (this.suspended.size > SUSPENDED_DECLARED) {
        // The oldest suspended activation is most likely abandoned: stop declaring it (partial list).
        this.suspended.deleteOldest();
        this.openPartial = true;
      }
    }
    else if (this.suspended.size !== 0) this.suspended.delete(activation); // only a malformed trace returns while suspended
  }

  /** Unsigned LEB128 of an integer in 0..2^53-1 at `pos`. */
  private varint(value: number): void {
    this.pos = putVarint(this.buf, this.pos, value);
  }

  private growBuffer(needed: number): void {
    if (needed <= this.buf.length) return;
    const grown = new Uint8Array(Math.max(needed, this.buf.length * 2));
    grown.set(this.buf.subarray(0, this.pos));
    this.buf = grown;
  }
}

/** The record type of the event kinds past `wake` the fast path writes, by kind (0: a stream record or no kind, left to `put`). */
const FAST_RECORD = new Uint8Array(256);
FAST_RECORD[EventKind.Pending] = Record.Pending;
FAST_RECORD[EventKind.Abandoned] = Record.Abandoned;
FAST_RECORD[EventKind.Await] = Record.Await;
FAST_RECORD[EventKind.Event] = Record.UserEvent;

/** Writes the unsigned LEB128 of `value` (0..2^53-1) at `p`; returns the position after it. */
function putVarint(b: Uint8Array, p: number, value: number): number {
  // Fast paths: most values (activation deltas, code ids) fit one or two bytes.
  if (value < 0x80) {
    b[p] = value;
    return p + 1;
  }
  if (value < 0x4000) {
    b[p] = (value & 0x7f) | 0x80;
    b[p + 1] = value >>> 7;
    return p + 2;
  }
  while (value >= 0x80) {
    b[p++] = (value % 0x80) | 0x80;
    value = Math.floor(value / 0x80);
  }
  b[p++] = value;
  return p;
}

function isSafeCount(n: number): boolean {
  return n >= 0 && n <= MAX_SAFE && Math.floor(n) === n;
}

function grownU32(a: Uint32Array): Uint32Array {
  const b = new Uint32Array(a.length * 2);
  b.set(a);
  return b;
}
