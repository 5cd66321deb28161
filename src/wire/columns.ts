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
  tsNs: Float64Array;
  waker: Uint32Array;
  /** Payload JSON text per event, created at the first payload record. */
  payload: (string | undefined)[] | undefined;
  /** True once a `wake` was decoded: the trace gets a waker column. */
  hasWake = false;
  length = 0;

  /** @param capacity - events to preallocate, >= 1 */
  constructor(capacity: number) {
    const n = Math.max(1, capacity);
    this.kind = new Uint8Array(n);
    this.flags = new Uint8Array(n);
    this.activation = new Uint32Array(n);
    this.code = new Uint32Array(n);
    this.seq = new Float64Array(n);
    this.tsNs = new Float64Array(n);
    this.waker = new Uint32Array(n);
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
    this.tsNs = grow(this.tsNs, new Float64Array(cap));
    this.waker = grow(this.waker, new Uint32Array(cap));
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
        tsNs: timestamps ? view(this.tsNs) : undefined,
        waker: this.hasWake ? view(this.waker) : undefined,
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
