/** A complete stdout line (`text` undefined when it is not UTF-8), or the start of one over the bound. @internal */
export type LineEvent =
  | { readonly kind: 'line'; readonly bytes: Uint8Array; readonly text: string | undefined }
  | { readonly kind: 'overlong'; readonly bytes: Uint8Array };

const NEWLINE = 0x0a;
const CR = 0x0d;

/** Bytes of an overlong line kept for its verdict (more than the 120 a verdict quotes). */
const OVERLONG_KEPT = 256;

/**
 * Cuts a byte stream into `\n`-terminated lines (a `\r` before the newline dropped), bounding each line on
 * its bytes before it is decoded or parsed (PROTOCOL.md §1). After an overlong line it emits nothing more:
 * the stream can no longer be trusted. @internal
 */
export class LineSplitter {
  private pending: Uint8Array[] = [];
  private pendingLength = 0;
  private discarding = false;

  /**
   * @param maxBytes - the longest line, in bytes without the newline
   * @param emit - called once per line, in order
   */
  constructor(
    private readonly maxBytes: number,
    private readonly emit: (e: LineEvent) => void,
  ) {}

  /** Feeds one chunk. */
  push(chunk: Uint8Array): void {
    if (this.discarding) return;
    let from = 0;
    for (let nl = chunk.indexOf(NEWLINE); nl >= 0; nl = chunk.indexOf(NEWLINE, from)) {
      if (this.pendingLength + nl - from > this.maxBytes) return this.overlong(chunk.subarray(from, nl));
      this.pending.push(chunk.subarray(from, nl));
      this.pendingLength += nl - from;
      const line = this.partial();
      this.pending = [];
      this.pendingLength = 0;
      from = nl + 1;
      const body = line.length > 0 && line[line.length - 1] === CR ? line.subarray(0, line.length - 1) : line;
      this.emit({ kind: 'line', bytes: body, text: decodeUtf8(body) });
    }
    if (this.pendingLength + chunk.length - from > this.maxBytes) return this.overlong(chunk.subarray(from));
    if (from < chunk.length) {
      this.pending.push(chunk.subarray(from));
      this.pendingLength += chunk.length - from;
    }
  }

  /** The bytes of the line not yet ended (empty when none). */
  partial(): Uint8Array {
    if (this.pending.length === 1) return this.pending[0]!;
    const out = new Uint8Array(this.pendingLength);
    let at = 0;
    for (const p of this.pending) {
      out.set(p, at);
      at += p.length;
    }
    this.pending = this.pendingLength === 0 ? [] : [out];
    return out;
  }

  private overlong(tail: Uint8Array): void {
    this.pending.push(tail.subarray(0, OVERLONG_KEPT));
    this.pendingLength += Math.min(tail.length, OVERLONG_KEPT);
    this.discarding = true;
    this.emit({ kind: 'overlong', bytes: this.partial().subarray(0, OVERLONG_KEPT) });
  }
}

function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}
