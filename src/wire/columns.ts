import { Trace } from '../model/trace.ts';

/**
 * Growable event columns the decoders write into: typed arrays, doubled when full, so decoding
 * allocates per chunk at most, never per event. @internal
 */
export class ColumnBuilder {
  kind: Uint8Array;
  flags: Uint8Array;
  activation: Uint32Array;
  code: Uint32Array;
  seq: Float64Array;
  /** Timestamps, created by {@link ColumnBuilder.useTimestamps} (most traces have none: not allocated). */
  tsNs: Float64Array | undefined;
  /** Wakers, created by {@link ColumnBuilder.useWaker} at the first record that has one. */
  waker: Uint32Array | undefined;
  /** Payload JSON text per event, created at the first payload record. */
  payload: (string | undefined)[] | undefined;
  length = 0;

  /** @param capacity - events to preallocate, >= 1 */
  constructor(capacity: number) {
    const n = Math.max(1, capacity);
    this.kind = new Uint8Array(n);
    this.flags = new Uint8Array(n);
    this.activation = new Uint32Array(n);
    this.code = new Uint32Array(n);
    this.seq = new Float64Array(n);
  }

  /** The timestamp column, created (zeros) at the first call. */
  useTimestamps(): Float64Array {
    return (this.tsNs ??= new Float64Array(this.kind.length));
  }

  /** The waker column, created (zeros: no waker for the events before) at the first call. */
  useWaker(): Uint32Array {
    return (this.waker ??= new Uint32Array(this.kind.length));
  }

  /** Makes room for `extra` more events. */
  reserve(extra: number): void {
    const need = this.length + extra;
    if (need <= this.kind.length) return;
    const cap = Math.max(need, this.kind.length * 2);
    this.kind = grow(this.kind, new Uint8Array(cap));
    this.flags = grow(this.flags, new Uint8Array(cap));
    this.activation = grow(this.activation, new Uint32Array(cap));
    this.code = grow(this.code, new Uint32Array(cap));
    this.seq = grow(this.seq, new Float64Array(cap));
    if (this.tsNs !== undefined) this.tsNs = grow(this.tsNs, new Float64Array(cap));
    if (this.waker !== undefined) this.waker = grow(this.waker, new Uint32Array(cap));
  }

  /**
   * The columns as a {@link Trace} (views, no copy).
   * @param codes - the code table
   * @param timestamps - whether to include the `tsNs` column
   */
  toTrace(codes: readonly string[], timestamps: boolean, open: Trace['open'] = [], openPartial = false, complete = true): Trace {
    const n = this.length;
    // A builder sized exactly (the readers size it from the chunk headers) hands its arrays over as they are.
    const view = <T extends Uint8Array | Uint32Array | Float64Array>(a: T): T => (a.length === n ? a : (a.subarray(0, n) as T));
    return new Trace(
      {
        kind: view(this.kind),
        flags: view(this.flags),
        activation: view(this.activation),
        code: view(this.code),
        seq: view(this.seq),
        tsNs: timestamps ? view(this.useTimestamps()) : undefined,
        waker: this.waker === undefined ? undefined : view(this.waker),
        payload: this.payload === undefined ? undefined : padded(this.payload, n),
      },
      codes,
      n,
      open,
      openPartial,
      complete,
    );
  }
}

/** The first `n` payload slots (holes read as undefined). */
function padded(p: (string | undefined)[], n: number): (string | undefined)[] {
  const out = p.slice(0, n);
  out.length = n;
  return out;
}

function grow<T extends Uint8Array | Uint32Array | Float64Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
