import type { CanonicalEvent, TraceEvent } from './event.ts';
import type { ActivationId, CodeId } from './ids.ts';
import { EventKind, hasPeer, isStreamRecord, KNOWN_FLAGS, MAX_EVENT_KIND } from './kinds.ts';

/**
 * The columns of a trace: one typed array per field, all of the same `length` (events).
 * `tsNs` is absent when no clock was recorded.
 */
export interface TraceColumns {
  readonly kind: Uint8Array;
  readonly flags: Uint8Array;
  readonly activation: Uint32Array;
  readonly code: Uint32Array;
  /** Sequence numbers; Float64 holds every integer up to 2^53 exactly. */
  readonly seq: Float64Array;
  /** Timestamps in ns relative to the clock's origin. */
  readonly tsNs?: Float64Array;
  /** Wakers of `wake` events (0 elsewhere); absent when the trace has no `wake`. */
  readonly waker?: Uint32Array;
  /**
   * Payload JSON text per event (`undefined` for most): user events and, with values on, value-carrying
   * edges. A plain array, since payloads are rare strings; absent when the trace has none.
   */
  readonly payload?: readonly (string | undefined)[];
}

/** An activation open where a trace starts, in canonical form: numbered first, its code by name. */
export interface CanonicalOpen {
  readonly activation: number;
  readonly code: string;
  readonly state: 'running' | 'suspended';
}

/** An activation open where a trace starts. */
export interface OpenAtStart {
  readonly activation: number;
  readonly code: number;
  readonly state: 'running' | 'suspended';
}

/**
 * An immutable recorded trace: a columnar representation (typed arrays, no object per event) with an
 * object view ({@link Trace.at}, iteration) and the code table that names each code id.
 *
 * @example
 * ```ts
 * const t = Trace.fromEvents([{ seq: 0, kind: EventKind.Call, activation: 1, code: 0, flags: 0 },
 *                             { seq: 1, kind: EventKind.Return, activation: 1, code: 0, flags: 0 }], ['main']);
 * t.length; // 2
 * t.at(1).kind === EventKind.Return; // true
 * ```
 */
export class Trace implements Iterable<TraceEvent> {
  /** Number of events. */
  readonly length: number;
  /**
   * Activations already open where the trace starts (a flight-recorder snapshot, a segment): the running
   * stack bottom first, then the suspended ones. Empty for a trace that starts at the beginning.
   */
  readonly open: readonly OpenAtStart[];
  /**
   * `open` omits older suspended activations (a wire checkpoint's partial list, FORMAT.md §4.1): their first
   * event here may be a `resume`, `throw` or `wake`.
   */
  readonly openPartial: boolean;
  /**
   * The trace ends where its stream ended. False for a recording not closed (no end-of-stream record) or
   * a run of chunks cut out before the end: frames may still run at its end.
   */
  readonly complete: boolean;

  /**
   * @param columns - the event columns; each array must hold at least `length` entries
   * @param codes - code table: `codes[codeId]` is the function name
   * @param length - number of events; defaults to the length of `columns.kind`
   * @param open - activations open where the trace starts (see {@link Trace.open})
   * @param openPartial - `open` omits older suspended activations (see {@link Trace.openPartial})
   * @param complete - the trace ends where its stream ended (see {@link Trace.complete})
   * @throws RangeError when a column is shorter than `length`
   */
  constructor(
    readonly columns: TraceColumns,
    readonly codes: readonly string[],
    length: number = columns.kind.length,
    open: readonly OpenAtStart[] = [],
    openPartial = false,
    complete = true,
  ) {
    this.open = open;
    this.openPartial = openPartial;
    this.complete = complete;
    const c = columns;
    for (const col of [c.kind, c.flags, c.activation, c.code, c.seq]) {
      if (col.length < length) throw new RangeError(`Trace: a column holds ${col.length} entries, want ${length}`);
    }
    if (c.tsNs !== undefined && c.tsNs.length < length) throw new RangeError('Trace: tsNs column too short');
    if (c.waker !== undefined && c.waker.length < length) throw new RangeError('Trace: waker column too short');
    if (c.payload !== undefined && c.payload.length < length) throw new RangeError('Trace: payload column too short');
    this.length = length;
  }

  /**
   * Builds a trace from event objects.
   * @param events - events in order
   * @param codes - the code table their `code` fields index
   * @throws RangeError when an event has an undefined kind, unknown flag bits, or a code outside `codes`
   */
  static fromEvents(events: readonly TraceEvent[], codes: readonly string[]): Trace {
    const n = events.length;
    const hasTs = n > 0 && events.every((e) => e.tsNs !== undefined);
    const hasWake = events.some((e) => hasPeer(e.kind));
    const hasPayload = events.some((e) => e.payload !== undefined);
    const cols = {
      kind: new Uint8Array(n),
      flags: new Uint8Array(n),
      activation: new Uint32Array(n),
      code: new Uint32Array(n),
      seq: new Float64Array(n),
      tsNs: hasTs ? new Float64Array(n) : undefined,
      waker: hasWake ? new Uint32Array(n) : undefined,
      payload: hasPayload ? new Array<string | undefined>(n).fill(undefined) : undefined,
    };
    for (let i = 0; i < n; i++) {
      const e = events[i]!;
      if (!(e.kind >= 1 && e.kind <= MAX_EVENT_KIND)) throw new RangeError(`Trace.fromEvents: event ${i} has kind ${e.kind}`);
      if ((e.flags & ~KNOWN_FLAGS) !== 0) throw new RangeError(`Trace.fromEvents: event ${i} has unknown flags ${e.flags}`);
      if (!isStreamRecord(e.kind) && !(e.code >= 0 && e.code < codes.length)) throw new RangeError(`Trace.fromEvents: event ${i} has code ${e.code}, table has ${codes.length}`);
      if (!(Number.isInteger(e.activation) && e.activation >= 0 && e.activation <= 0xffffffff)) throw new RangeError(`Trace.fromEvents: event ${i} has activation ${e.activation}, want a u32`);
      if (e.waker !== undefined && !(Number.isInteger(e.waker) && e.waker >= 0 && e.waker <= 0xffffffff)) throw new RangeError(`Trace.fromEvents: event ${i} has waker ${e.waker}, want a u32`);
      cols.kind[i] = e.kind;
      cols.flags[i] = e.flags;
      cols.activation[i] = e.activation;
      cols.code[i] = e.code;
      cols.seq[i] = e.seq;
      if (cols.tsNs) cols.tsNs[i] = e.tsNs!;
      if (cols.waker && hasPeer(e.kind)) cols.waker[i] = e.waker ?? 0;
      if (cols.payload) cols.payload[i] = e.payload;
    }
    return new Trace(cols, codes, n);
  }

  /**
   * The event at `index` as an object (allocates one object).
   * @param index - 0-based, must be `< length`
   * @throws RangeError for an index outside the trace
   */
  at(index: number): TraceEvent {
    if (!(index >= 0 && index < this.length)) throw new RangeError(`Trace.at: index ${index} outside 0..${this.length - 1}`);
    const c = this.columns;
    const base = {
      seq: c.seq[index]!,
      kind: c.kind[index]! as EventKind,
      activation: c.activation[index]! as ActivationId,
      code: c.code[index]! as CodeId,
      flags: c.flags[index]!,
    };
    const timed = c.tsNs ? { ...base, tsNs: c.tsNs[index]! } : base;
    const peer = hasPeer(base.kind) ? { ...timed, waker: c.waker?.[index] ?? 0 } : timed;
    const payload = c.payload?.[index];
    return payload === undefined ? peer : { ...peer, payload };
  }

  /** The function name of a code id, or `<code N>` when the table has none. */
  codeName(code: CodeId): string {
    return this.codes[code] ?? `<code ${code}>`;
  }

  /** All events as objects, in order. */
  events(): TraceEvent[] {
    const out: TraceEvent[] = new Array(this.length);
    for (let i = 0; i < this.length; i++) out[i] = this.at(i);
    return out;
  }

  /**
   * A trace with the same events and the given open set (a snapshot's or a segment's declaration).
   * @param open - activations open where the trace starts; codes index this trace's code table
   * @param openPartial - `open` omits older suspended activations
   */
  withOpen(open: readonly OpenAtStart[], openPartial = false): Trace {
    return new Trace(this.columns, this.codes, this.length, open, openPartial, this.complete);
  }

  /**
   * A trace with the same events and open set, declared complete or not (see {@link Trace.complete}).
   * @param complete - the trace ends where its stream ended
   */
  withComplete(complete: boolean): Trace {
    return complete === this.complete ? this : new Trace(this.columns, this.codes, this.length, this.open, this.openPartial, complete);
  }

  /**
   * The open set in canonical form, numbered as {@link Trace.canonical} numbers them: the open activations
   * come first, `#1`, `#2`, ... in declaration order (the running stack bottom first, then the suspended).
   */
  canonicalOpen(): CanonicalOpen[] {
    return this.open.map((o, i) => ({ activation: i + 1, code: this.codeName(o.code), state: o.state }));
  }

  /**
   * The canonical form of every event: names resolved, activations renumbered first-seen from 1, the
   * activations of the open set first (see {@link Trace.canonicalOpen}).
   * This is what goldens store and what {@link expectTraceEqual} compares.
   */
  canonical(): CanonicalEvent[] {
    const renumber = new Map<number, number>();
    for (const o of this.open) if (!renumber.has(o.activation)) renumber.set(o.activation, renumber.size + 1);
    const idOf = (raw: number): number => {
      let id = renumber.get(raw);
      if (id === undefined) renumber.set(raw, (id = renumber.size + 1));
      return id;
    };
    const c = this.columns;
    const out: CanonicalEvent[] = new Array(this.length);
    for (let i = 0; i < this.length; i++) {
      const kind = c.kind[i]! as EventKind;
      const waker = c.waker?.[i] ?? 0;
      if (isStreamRecord(kind)) {
        out[i] = { kind, activation: 0, code: '', flags: 0, waker };
        continue;
      }
      const raw = c.activation[i]!;
      // A user event outside every activation keeps #0; anything else is renumbered first-seen.
      const e = { kind, activation: kind === EventKind.Event && raw === 0 ? 0 : idOf(raw), code: this.codeName(c.code[i]!), flags: c.flags[i]! };
      const peer = hasPeer(kind) ? { ...e, waker: waker === 0 ? 0 : idOf(waker) } : e;
      const payload = c.payload?.[i];
      out[i] = payload === undefined ? peer : { ...peer, payload };
    }
    return out;
  }

  *[Symbol.iterator](): Iterator<TraceEvent> {
    for (let i = 0; i < this.length; i++) yield this.at(i);
  }
}
