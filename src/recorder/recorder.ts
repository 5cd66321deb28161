import { type ActivationId, type CodeId, NO_ACTIVATION } from '../model/ids.ts';
import { assertWellFormedName } from '../model/well-formed.ts';
import { EventKind } from '../model/kinds.ts';
import { Trace } from '../model/trace.ts';
import type { Clock } from './clock.ts';
import { OpenSet } from './open-set.ts';
import { type PayloadOptions, PayloadPolicy } from './payload.ts';

/** Options of a {@link Recorder}. */
export interface RecorderOptions {
  /**
   * Events preallocated, > 0. The buffer doubles when full, so the cost of growth is amortised and no
   * event allocates. The default is small (64 events, 1.1 KiB of columns): a tracer made per short run, as
   * the harness makes one per program (about 11 events), paid most of its time zeroing columns it never
   * used (issue 15: 65,536 events, then 1,024 still cost 7% of the generators suite's time).
   * @defaultValue 64
   */
  readonly capacity?: number;
  /** Clock read once per event; omit for none (order by seq). */
  readonly clock?: Clock;
  /**
   * Flight-recorder mode: keep only the last `events` events (or as many as `bytes` of columns hold,
   * {@link bytesPerEvent} each; payload text, at most `payloads.limits.maxBytes` an event, is held beside
   * the columns and not counted); older ones are evicted, counted, and declared by a `dropped` record at
   * the start of every snapshot, whose open activations are declared too. Off by default.
   */
  readonly retain?: { readonly events?: number; readonly bytes?: number };
  /**
   * Continue a stream recorded before (recording resumed after a crash): the next seq and activation id,
   * and the code table whose ids the stream already uses. Seq and activation ids are never reused.
   */
  readonly continueFrom?: { readonly nextSeq: number; readonly nextActivation: number; readonly codes: readonly string[] };
  /**
   * Payloads of user events and of values: redaction, limits, and whether `yield`/`return`/`throw`/`unwind`
   * carry their value (off by default). See {@link PayloadOptions}.
   */
  readonly payloads?: PayloadOptions;
}

/**
 * Bytes of columns one event takes in memory: kind 1, flags 1, activation 4, code 4, seq 8, the waker
 * column 4, and 8 more with a clock.
 * @param withClock - whether timestamps are recorded
 */
export function bytesPerEvent(withClock: boolean): number {
  return 22 + (withClock ? 8 : 0);
}

/** The activation running now: what {@link Recorder.currentFrame} returns. */
export interface Frame {
  readonly activation: ActivationId;
  readonly code: CodeId;
  /** The interned function name. */
  readonly name: string;
}

const DEFAULT_CAPACITY = 64;
const INITIAL_STACK = 64;

/**
 * The tracer core's hot path: a columnar typed-array event buffer, the activation counter, the code
 * table and the stack of running activations.
 *
 * `emit` writes five typed-array slots and bumps two counters: no allocation per event, no clock read
 * unless one was injected. Entry edges push the activation, exit edges pop it, so
 * {@link Recorder.currentFrame} always answers which activation runs now (eventide's `current()`).
 * The recorder trusts its callers: the checkers, not the hot path, judge the events.
 */
export class Recorder {
  private kind: Uint8Array;
  private flags: Uint8Array;
  private act: Uint32Array;
  private code: Uint32Array;
  /**
   * Seq per slot, in flight-recorder mode only: otherwise the seq of slot `i` is `nextSeq - len + i` (every
   * event takes the next seq and the next slot), so the hot path writes no seq and the snapshot fills it in.
   */
  private seq: Float64Array | undefined;
  private ts: Float64Array | undefined;
  private waker: Uint32Array | undefined;
  /** Payload JSON text per slot; allocated at the first payload (user events, values). */
  private payload: (string | undefined)[] | undefined;
  private len = 0;
  /** Slots {@link Recorder.enter} and {@link Recorder.exit} may write directly: the capacity, 0 for a ring. */
  private fastSlots = 0;
  /** Ring mode: index of the oldest retained event, the ring's size (0 when not retaining). */
  private start = 0;
  private readonly ring: number;
  private droppedCount = 0;
  private lastDroppedSeq = -1;
  private readonly evicted = new OpenSet();
  private nextSeq = 0;
  private nextActivation = 1;
  private readonly clock: Clock | undefined;
  private readonly codes: string[] = [];
  private readonly codeIds = new Map<string, CodeId>();
  private stackAct = new Uint32Array(INITIAL_STACK);
  private stackCode = new Uint32Array(INITIAL_STACK);
  private depth = 0;
  /** How payloads are redacted and bounded. */
  readonly payloads: PayloadPolicy;
  /** The payload policy when edges carry values, else `undefined` (what the wrappers test per edge). */
  readonly values: PayloadPolicy | undefined;

  /**
   * @param options - see {@link RecorderOptions}
   * @throws RangeError when `capacity` is not a positive integer, or for a bad payload limit (see
   *   {@link PayloadPolicy})
   */
  constructor(options: RecorderOptions = {}) {
    this.payloads = new PayloadPolicy(options.payloads);
    this.values = this.payloads.values === 0 ? undefined : this.payloads;
    const r = options.retain;
    let ring = 0;
    if (r !== undefined) {
      const byBytes = r.bytes === undefined ? Infinity : Math.floor(r.bytes / bytesPerEvent(options.clock !== undefined));
      ring = Math.min(r.events ?? Infinity, byBytes);
      if (!(Number.isInteger(ring) && ring >= 1)) throw new RangeError(`Recorder: retain must keep at least one event, got ${JSON.stringify(r)}`);
    }
    this.ring = ring;
    const cap = ring > 0 ? ring : (options.capacity ?? DEFAULT_CAPACITY);
    if (!Number.isInteger(cap) || cap < 1) throw new RangeError(`Recorder: capacity must be a positive integer, got ${cap}`);
    this.kind = new Uint8Array(cap);
    this.flags = new Uint8Array(cap);
    this.act = new Uint32Array(cap);
    this.code = new Uint32Array(cap);
    if (ring > 0) this.seq = new Float64Array(cap);
    else this.fastSlots = cap;
    this.clock = options.clock;
    this.ts = options.clock ? new Float64Array(cap) : undefined;
    if (ring > 0) this.waker = new Uint32Array(cap);
    const from = options.continueFrom;
    if (from !== undefined) {
      if (!(Number.isSafeInteger(from.nextSeq) && from.nextSeq >= 0 && Number.isInteger(from.nextActivation) && from.nextActivation >= 1)) {
        throw new RangeError(`Recorder: continueFrom wants a seq >= 0 and an activation >= 1, got ${from.nextSeq} and ${from.nextActivation}`);
      }
      this.nextSeq = from.nextSeq;
      this.nextActivation = from.nextActivation;
      from.codes.forEach((name, id) => {
        this.codes[id] = name;
        if (!this.codeIds.has(name)) this.codeIds.set(name, id);
      });
    }
  }

  /** Number of events held (in flight-recorder mode: retained). */
  get length(): number {
    return this.len;
  }

  /** Events emitted since the start: held + dropped (the next seq). */
  get emitted(): number {
    return this.nextSeq;
  }

  /** Events evicted in flight-recorder mode. */
  get dropped(): number {
    return this.droppedCount;
  }

  /**
   * The code id of a function name, interning it on first use (ids from 0, in order of first use).
   * @param name - the function name
   * @throws RangeError for a name holding a lone surrogate (FORMAT.md §4.2: no format could store it unchanged)
   */
  intern(name: string): CodeId {
    let id = this.codeIds.get(name);
    if (id === undefined) {
      assertWellFormedName('Tracer', 'code name', name);
      id = this.codes.length;
      this.codes.push(name);
      this.codeIds.set(name, id);
    }
    return id;
  }

  /** A fresh activation id (1, 2, 3, ... in order of the calls). */
  beginActivation(): ActivationId {
    return this.nextActivation++;
  }

  /**
   * Records one event and moves the running stack: entry edges push, exit edges pop.
   * @param kind - event kind code
   * @param activation - the activation the event belongs to
   * @param code - its code id, from {@link Recorder.intern}
   * @param flags - {@link EventFlag} bits
   */
  emit(kind: EventKind, activation: ActivationId, code: CodeId, flags: number): void {
    // call(1), resume(4), throw(5) push; return(2), yield(3), unwind(6) pop; wake(7), pending(8) neither.
    if (kind === EventKind.Call || kind === EventKind.Resume || kind === EventKind.Throw) this.enter(kind, activation, code, flags);
    else if (kind === EventKind.Return || kind === EventKind.Yield || kind === EventKind.Unwind) this.exit(kind, activation, code, flags);
    else this.write(kind, activation, code, flags);
  }

  /**
   * Records a `call` of a fresh activation and pushes it: the first edge of a wrapped call.
   * @param code - the function's code id
   * @returns the new activation id
   */
  call(code: CodeId): ActivationId {
    const activation = this.nextActivation++;
    this.enter(EventKind.Call, activation, code, 0);
    return activation;
  }

  /**
   * Records an entry edge (`call`, `resume` or `throw`) and pushes the activation: {@link Recorder.emit}
   * without its dispatch, for the wrappers' hot path.
   */
  enter(kind: EventKind, activation: ActivationId, code: CodeId, flags: number): void {
    const i = this.len;
    const d = this.depth;
    // Small enough to be inlined into the wrappers: a ring, a full buffer or a full stack go to enterSlow.
    if (i >= this.fastSlots || d === this.stackAct.length) {
      this.enterSlow(kind, activation, code, flags);
      return;
    }
    // The columns written out here, in exit() and in write(), not through one shared helper: with the helper
    // inlined at each of emit's edges, V8's cumulative inlining budget ran out and one copy stayed a call
    // (hot/record, emit's call/return: 4-6 ns/event written out, 9.2-10.2 through the helper).
    this.kind[i] = kind;
    this.flags[i] = flags;
    this.act[i] = activation;
    this.code[i] = code;
    if (this.ts !== undefined) this.ts[i] = this.clock!();
    this.len = i + 1;
    this.nextSeq++;
    this.stackAct[d] = activation;
    this.stackCode[d] = code;
    this.depth = d + 1;
  }

  private enterSlow(kind: EventKind, activation: ActivationId, code: CodeId, flags: number): void {
    this.write(kind, activation, code, flags);
    const d = this.depth;
    if (d === this.stackAct.length) {
      this.stackAct = grown(this.stackAct, d * 2);
      this.stackCode = grown(this.stackCode, d * 2);
    }
    this.stackAct[d] = activation;
    this.stackCode[d] = code;
    this.depth = d + 1;
  }

  /**
   * Records an exit edge (`return`, `yield` or `unwind`) and pops the running activation:
   * {@link Recorder.emit} without its dispatch, for the wrappers' hot path.
   */
  exit(kind: EventKind, activation: ActivationId, code: CodeId, flags: number): void {
    const i = this.len;
    if (i >= this.fastSlots) this.write(kind, activation, code, flags);
    else {
      // Written out, as in enter().
      this.kind[i] = kind;
      this.flags[i] = flags;
      this.act[i] = activation;
      this.code[i] = code;
      if (this.ts !== undefined) this.ts[i] = this.clock!();
      this.len = i + 1;
      this.nextSeq++;
    }
    if (this.depth > 0) this.depth--;
  }

  /** Writes one event's columns; returns its slot. */
  private write(kind: EventKind, activation: ActivationId, code: CodeId, flags: number): number {
    if (this.ring > 0) return this.writeRing(kind, activation, code, flags);
    const i = this.len;
    if (i === this.kind.length) this.grow();
    this.kind[i] = kind;
    this.flags[i] = flags;
    this.act[i] = activation;
    this.code[i] = code;
    if (this.ts !== undefined) this.ts[i] = this.clock!();
    this.len = i + 1;
    this.nextSeq++;
    return i;
  }

  /** Flight-recorder write: a full ring evicts its oldest event first (counted, its frame state kept). */
  private writeRing(kind: EventKind, activation: ActivationId, code: CodeId, flags: number): number {
    if (this.len === this.ring) this.evictOldest();
    const i = (this.start + this.len) % this.ring;
    this.kind[i] = kind;
    this.flags[i] = flags;
    this.act[i] = activation;
    this.code[i] = code;
    this.seq![i] = this.nextSeq++;
    this.waker![i] = 0;
    if (this.payload !== undefined) this.payload[i] = undefined;
    if (this.ts !== undefined) this.ts[i] = this.clock!();
    this.len++;
    return i;
  }

  private evictOldest(): void {
    const o = this.start;
    this.evicted.apply(this.kind[o]!, this.act[o]!, this.code[o]!);
    this.droppedCount++;
    this.lastDroppedSeq = this.seq![o]!;
    this.start = (o + 1) % this.ring;
    this.len--;
  }

  /**
   * Records a `wake`: `waker`'s completion settled what `woken` awaits (0 when the waker is unknown, such as
   * a timer or an external promise). Not a frame edge: the stack does not move.
   * @param woken - the activation that will resume
   * @param code - its code id
   * @param waker - the waking activation, or 0
   */
  emitWake(woken: ActivationId, code: CodeId, waker: ActivationId): void {
    this.emitPeer(EventKind.Wake, woken, code, waker);
  }

  /**
   * Records one `pending` link of a task dump: `activation` waited on `awaited`. Not a frame edge.
   * @param activation - the activation that was pending
   * @param code - its code id
   * @param awaited - the activation of this link of its await chain
   */
  emitPending(activation: ActivationId, code: CodeId, awaited: ActivationId): void {
    this.emitPeer(EventKind.Pending, activation, code, awaited);
  }

  /**
   * Records the await edge: `activation`, just suspended, awaits `awaited` (0: a promise that is no
   * activation's). Not a frame edge.
   */
  emitAwait(activation: ActivationId, code: CodeId, awaited: ActivationId): void {
    this.emitPeer(EventKind.Await, activation, code, awaited);
  }

  private emitPeer(kind: EventKind, activation: ActivationId, code: CodeId, peer: ActivationId): void {
    if (this.waker === undefined) this.waker = new Uint32Array(this.kind.length);
    // The slot first: writing may grow the columns, and `this.waker![write()] = peer` would read the
    // column before the call and store into the old one (the peer lost whenever a peer record met a full buffer).
    const slot = this.write(kind, activation, code, 0);
    this.waker![slot] = peer;
  }

  /**
   * Records a stream record (no activation): `checkpoint` with its id, `recovery` with the checkpoint it
   * resumes from, `dropped` with a count.
   * @param kind - `EventKind.Checkpoint`, `EventKind.Recovery` or `EventKind.Dropped`
   * @param value - the id or count, 0..2^32-1
   * @throws RangeError for another kind or a value out of range
   */
  emitStream(kind: EventKind, value: number): void {
    if (kind !== EventKind.Checkpoint && kind !== EventKind.Recovery && kind !== EventKind.Dropped) throw new RangeError(`Recorder.emitStream: not a stream record kind: ${kind}`);
    if (!(Number.isInteger(value) && value >= 0 && value <= 0xffffffff)) throw new RangeError(`Recorder.emitStream: value must be a u32, got ${value}`);
    this.emitPeer(kind, 0, 0, value);
  }

  /**
   * Records a user event (kind `event`): `type`'s code id, attributed to the activation running now (0
   * when none runs), with an optional payload. Not a frame edge.
   * @param code - the event type's code id, from {@link Recorder.intern}
   * @param payload - JSON text to store (already redacted and bounded), or `undefined`
   */
  emitEvent(code: CodeId, payload: string | undefined): void {
    const i = this.write(EventKind.Event, this.currentActivation(), code, 0);
    if (payload !== undefined) this.setPayload(i, payload);
  }

  /**
   * Attaches JSON text to the event recorded last (a value-carrying edge: `yield`, `return`, `throw`,
   * `unwind`).
   * @param payload - JSON text, already redacted and bounded
   */
  attachPayload(payload: string): void {
    if (this.len === 0) return;
    this.setPayload(this.ring > 0 ? (this.start + this.len - 1) % this.ring : this.len - 1, payload);
  }

  /**
   * Attaches the value of the edge recorded last, as the `values` mode stores it (a summary by default);
   * nothing when values are off.
   * @param value - the yielded or returned value, or the error thrown in or unwinding
   */
  attachValue(value: unknown): void {
    const text = this.values?.valueText(value);
    if (text !== undefined) this.attachPayload(text);
  }

  private setPayload(slot: number, text: string): void {
    if (this.payload === undefined) this.payload = new Array<string | undefined>(this.kind.length).fill(undefined);
    this.payload[slot] = text;
  }

  /** The activation running now, or `undefined` when none runs. */
  currentFrame(): Frame | undefined {
    if (this.depth === 0) return undefined;
    const code = this.stackCode[this.depth - 1]!;
    return { activation: this.stackAct[this.depth - 1]!, code, name: this.codes[code]! };
  }

  /** The id of the activation running now, or {@link NO_ACTIVATION}; allocation-free. */
  currentActivation(): ActivationId {
    return this.depth === 0 ? NO_ACTIVATION : this.stackAct[this.depth - 1]!;
  }

  /**
   * Discards the recorded events, keeping the capacity, the code table, the activation counter and the
   * seq counter (seq never repeats within one recorder's stream; the next event continues it).
   */
  clear(): void {
    if (this.ring > 0) {
      // A flight recorder counts what it discards: the next snapshot still starts at seq 0.
      while (this.len > 0) this.evictOldest();
      return;
    }
    this.len = 0;
    this.payload = undefined; // slots are reused from 0: no stale payload may survive
  }

  /**
   * A snapshot of everything recorded so far (copies the columns; recording may go on).
   * @returns an immutable {@link Trace}
   */
  snapshot(): Trace {
    if (this.ring > 0) return this.ringSnapshot();
    const n = this.len;
    const seq = new Float64Array(n);
    for (let i = 0, first = this.nextSeq - n; i < n; i++) seq[i] = first + i;
    return new Trace(
      {
        kind: this.kind.slice(0, n),
        flags: this.flags.slice(0, n),
        activation: this.act.slice(0, n),
        code: this.code.slice(0, n),
        seq,
        tsNs: this.ts?.slice(0, n),
        waker: this.waker?.slice(0, n),
        payload: this.payload?.slice(0, n),
      },
      this.codes.slice(),
      n,
    );
  }

  /**
   * The flight recorder's snapshot: a `dropped {count}` row first (with the seq of the last evicted event)
   * when anything was evicted, then the retained events oldest first; the activations open where the
   * window starts are declared in `Trace.open`. Self-contained: the whole code table comes along.
   */
  private ringSnapshot(): Trace {
    const lead = this.droppedCount > 0 ? 1 : 0;
    const n = this.len + lead;
    const cols = {
      kind: new Uint8Array(n),
      flags: new Uint8Array(n),
      activation: new Uint32Array(n),
      code: new Uint32Array(n),
      seq: new Float64Array(n),
      tsNs: this.ts ? new Float64Array(n) : undefined,
      waker: new Uint32Array(n),
      payload: this.payload === undefined ? undefined : new Array<string | undefined>(n).fill(undefined),
    };
    if (lead === 1) {
      cols.kind[0] = EventKind.Dropped;
      cols.seq[0] = this.lastDroppedSeq;
      cols.waker[0] = Math.min(this.droppedCount, 0xffffffff);
      if (cols.tsNs) cols.tsNs[0] = this.ts![this.start]!; // the first retained event's time
    }
    for (let k = 0; k < this.len; k++) {
      const i = (this.start + k) % this.ring;
      const j = k + lead;
      cols.kind[j] = this.kind[i]!;
      cols.flags[j] = this.flags[i]!;
      cols.activation[j] = this.act[i]!;
      cols.code[j] = this.code[i]!;
      cols.seq[j] = this.seq![i]!;
      cols.waker[j] = this.waker![i]!;
      if (cols.payload) cols.payload[j] = this.payload![i];
      if (cols.tsNs) cols.tsNs[j] = this.ts![i]!;
    }
    return new Trace(cols, this.codes.slice(), n, this.evicted.list());
  }

  private grow(): void {
    const cap = this.kind.length * 2;
    this.fastSlots = cap;
    this.kind = grown(this.kind, cap);
    this.flags = grown(this.flags, cap);
    this.act = grown(this.act, cap);
    this.code = grown(this.code, cap);
    if (this.seq !== undefined) this.seq = grown(this.seq, cap);
    if (this.ts !== undefined) this.ts = grown(this.ts, cap);
    if (this.waker !== undefined) this.waker = grown(this.waker, cap);
    if (this.payload !== undefined) this.payload.length = cap; // holes read as undefined
  }
}

function grown<T extends Uint8Array | Uint32Array | Float64Array>(a: T, capacity: number): T {
  const b = new (a.constructor as new (n: number) => T)(capacity);
  b.set(a);
  return b;
}
