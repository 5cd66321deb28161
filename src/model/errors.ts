/** Codes of {@link TraceFormatError}: what was wrong with the input. */
export type TraceFormatErrorCode =
  | 'bad-header'
  | 'bad-line'
  | 'unknown-kind'
  | 'unknown-flag';

/**
 * Input that does not parse as a trace: a corrupt or malformed file. Carries a code, the byte offset of
 * the offending input and, for text formats, the 1-based line.
 */
export class TraceFormatError extends Error {
  override readonly name = 'TraceFormatError';

  /**
   * @param code - what was wrong
   * @param byteOffset - offset of the offending byte (for text: of the offending line's first byte)
   * @param detail - a one-line description
   * @param line - 1-based line for text formats
   */
  constructor(
    readonly code: TraceFormatErrorCode,
    readonly byteOffset: number,
    detail: string,
    readonly line?: number,
  ) {
    super(line === undefined ? `${detail} (at byte ${byteOffset})` : `line ${line}: ${detail}`);
  }
}
