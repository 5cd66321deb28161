/**
 * What went wrong with an adapter (PROTOCOL.md §4). The scheme: `adapter/` and what the harness saw.
 * Handshake-time rules (`exited` at start, `protocol-version`, `handshake`) make the adapter unusable (exit 2);
 * the others are per program (exit 1).
 */
export type VerdictRule =
  | 'adapter/exited'
  | 'adapter/protocol-version'
  | 'adapter/handshake'
  | 'adapter/timeout'
  | 'adapter/garbage'
  | 'adapter/wrong-id'
  | 'adapter/bad-trace'
  | 'adapter/error';

/** A named verdict on an adapter: data, never thrown (STYLE "Errors" 4). See PROTOCOL.md §4. */
export interface Verdict {
  readonly rule: VerdictRule;
  /** The program whose request it was; absent at the handshake. */
  readonly programId?: string;
  /** One line, lowercase, "want X, got Y" where it applies. */
  readonly message: string;
  /** The first bytes (at most {@link FIRST_BYTES}) of what came back, as a JSON string literal, quotes included. */
  readonly firstBytes?: string;
  /** The last {@link STDERR_TAIL_BYTES} of the adapter's stderr, when it wrote any. */
  readonly stderrTail?: string;
  /** True when the suite must stop: a handshake failed, or 3 restarts in a row had no good response. */
  readonly unusable: boolean;
}

/** How many bytes of an adapter's output a verdict quotes. */
export const FIRST_BYTES = 120;

/** How much of an adapter's stderr the harness keeps, in bytes (PROTOCOL.md §1). */
export const STDERR_TAIL_BYTES = 4096;

/**
 * A verdict as one line: rule, program, message, first bytes, the last line of stderr.
 * @example
 * ```ts
 * formatVerdict({ rule: 'adapter/garbage', programId: 'gen-3', message: 'want a protocol message, got a line that is not json', firstBytes: '"oops"', unusable: false });
 * // 'adapter/garbage gen-3: want a protocol message, got a line that is not json (first bytes "oops")'
 * ```
 * @param v - the verdict
 * @returns one line, no newline
 */
export function formatVerdict(v: Verdict): string {
  let line = `${v.rule}${v.programId !== undefined ? ` ${v.programId}` : ''}: ${v.message}`;
  if (v.firstBytes !== undefined) line += ` (first bytes ${v.firstBytes})`;
  const last = v.stderrTail?.split(/\r?\n/).filter((l) => l.trim() !== '').pop();
  if (last !== undefined) line += ` (stderr ${JSON.stringify(last.length > FIRST_BYTES ? `${last.slice(0, FIRST_BYTES - 3)}...` : last)})`;
  if (v.unusable) line += ' [adapter unusable]';
  return line;
}

/**
 * The first {@link FIRST_BYTES} bytes of some output as a JSON string literal, cut on a UTF-8 character
 * boundary; bytes that are not UTF-8 read as U+FFFD. @internal
 * @param bytes - what came back
 * @returns the escaped text, quotes included
 */
export function quoteFirstBytes(bytes: Uint8Array): string {
  let end = Math.min(bytes.length, FIRST_BYTES);
  // Step back over continuation bytes (10xxxxxx) so the cut does not split a character (at most 3).
  if (end < bytes.length) for (let k = 0; k < 3 && end > 0 && (bytes[end]! & 0xc0) === 0x80; k++) end--;
  return JSON.stringify(new TextDecoder().decode(bytes.subarray(0, end)));
}

/** The last {@link STDERR_TAIL_BYTES} of a stream, kept in one buffer that never grows past twice that. @internal */
export class StderrTail {
  private buf = new Uint8Array(2 * STDERR_TAIL_BYTES);
  private len = 0;

  /** Appends a chunk, forgetting what falls out of the tail. */
  push(chunk: Uint8Array): void {
    if (chunk.length >= STDERR_TAIL_BYTES) {
      this.buf.set(chunk.subarray(chunk.length - STDERR_TAIL_BYTES), 0);
      this.len = STDERR_TAIL_BYTES;
      return;
    }
    if (this.len + chunk.length > this.buf.length) {
      this.buf.copyWithin(0, this.len - STDERR_TAIL_BYTES, this.len);
      this.len = STDERR_TAIL_BYTES;
    }
    this.buf.set(chunk, this.len);
    this.len += chunk.length;
  }

  /** The tail as text, or undefined when nothing was written. */
  text(): string | undefined {
    if (this.len === 0) return undefined;
    const from = Math.max(0, this.len - STDERR_TAIL_BYTES);
    return new TextDecoder().decode(this.buf.subarray(from, this.len));
  }
}
