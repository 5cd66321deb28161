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

/** A sink that keeps the bytes in memory. */
export class MemorySink implements ByteSink {
  private readonly parts: Uint8Array[] = [];
  private total = 0;

  write(bytes: Uint8Array): void {
    this.parts.push(bytes.slice());
    this.total += bytes.length;
  }

  /** Number of bytes written. */
  get length(): number {
    return this.total;
  }

  /** Everything written, as one array. */
  bytes(): Uint8Array {
    const out = new Uint8Array(this.total);
    let at = 0;
    for (const p of this.parts) {
      out.set(p, at);
      at += p.length;
    }
    return out;
  }
}
