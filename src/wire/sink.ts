/**
 * Where a {@link WireWriter} puts bytes. `write` must consume or copy the bytes before it returns (the
 * writer reuses its buffer); `sync` returns once everything written is durable.
 */
export interface ByteSink {
  /** Appends bytes. */
  write(bytes: Uint8Array): void;
  /** Makes every byte written so far durable (e.g. fsync); a memory sink does nothing. */
  sync?(): void;
  /** Releases the sink; nothing is written after it. */
  close?(): void;
}

/** A sink that keeps the bytes in memory, in one buffer that doubles as it fills. */
export class MemorySink implements ByteSink {
  private buf: Uint8Array;
  private total = 0;

  /** @param capacity - bytes to preallocate @defaultValue 65536 */
  constructor(capacity = 1 << 16) {
    this.buf = new Uint8Array(Math.max(16, capacity));
  }

  write(bytes: Uint8Array): void {
    if (this.total + bytes.length > this.buf.length) {
      const grown = new Uint8Array(Math.max(this.total + bytes.length, this.buf.length * 2));
      grown.set(this.buf.subarray(0, this.total));
      this.buf = grown;
    }
    this.buf.set(bytes, this.total);
    this.total += bytes.length;
  }

  /** Number of bytes written. */
  get length(): number {
    return this.total;
  }

  /** Everything written so far (a view: later writes do not change it). */
  bytes(): Uint8Array {
    return this.buf.subarray(0, this.total);
  }
}
