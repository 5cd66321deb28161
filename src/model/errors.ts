/**
 * Codes of {@link TraceFormatError}: what was wrong with the input.
 *
 * | code | meaning |
 * |---|---|
 * | `bad-magic` | the file does not start with the wire magic (FORMAT.md §2) |
 * | `unsupported-version` | a major version this reader does not know |
 * | `bad-header` | a malformed file header, golden header or JSONL header line |
 * | `bad-chunk` | a chunk header that cannot be right (bad marker, event count larger than possible) |
 * | `bad-crc` | a chunk whose CRC32 does not match its bytes |
 * | `truncated` | the input ends inside a chunk or record |
 * | `unknown-record` | a record type this version does not define and that is not skippable |
 * | `bad-record` | a record whose fields break its rules (e.g. no checkpoint first in a chunk) |
 * | `undefined-code` | an event or checkpoint uses a code id not defined in its chunk |
 * | `code-conflict` | a code id defined twice with different names |
 * | `limit-exceeded` | a length or count over a documented limit |
 * | `bad-varint` | a varint longer than 10 bytes |
 * | `unsafe-integer` | a value above 2^53 - 1, which a JS number would round |
 * | `bad-line` | a text line that is not an event |
 * | `unknown-kind` | an event kind name or code that is not defined |
 * | `unknown-flag` | an event flag that is not defined |
 * | `bad-json` | a line or file that is not valid JSON |
 * | `bad-event` | a JSON event that does not match the schema |
 * | `unknown-format` | input in none of the formats this tool reads |
 * | `empty-trace` | a file without events: empty, only whitespace, a byte order mark, comments or a header |
 */
export type TraceFormatErrorCode =
  | 'bad-magic'
  | 'unsupported-version'
  | 'bad-header'
  | 'bad-chunk'
  | 'bad-crc'
  | 'truncated'
  | 'unknown-record'
  | 'bad-record'
  | 'undefined-code'
  | 'code-conflict'
  | 'limit-exceeded'
  | 'bad-varint'
  | 'unsafe-integer'
  | 'bad-line'
  | 'unknown-kind'
  | 'unknown-flag'
  | 'bad-json'
  | 'bad-event'
  | 'unknown-format'
  | 'empty-trace';

/**
 * A value from the input as a refusal's detail quotes it: its JSON text, cut to its first `max` UTF-16 units
 * then `...` when longer, so a 4 KB name or a 1 MiB line never becomes a message (details stay within 400
 * characters, {@link TraceFormatError}).
 * @param value - the input's string
 * @param max - units kept @defaultValue 40
 */
export function quoted(value: string, max = 40): string {
  return value.length > max ? `${JSON.stringify(value.slice(0, max))}...` : JSON.stringify(value);
}

/**
 * Input that does not parse as a trace: a corrupt, truncated or malformed file. Carries a code, the byte
 * offset of the offending input, the offending byte when there is one, and for text formats the 1-based
 * line. The only error a reader lets escape (STYLE "Errors": corrupt and truncated bytes).
 */
export class TraceFormatError extends Error {
  override readonly name = 'TraceFormatError';

  /**
   * @param code - what was wrong
   * @param byteOffset - offset of the offending byte from the start of the input (for text: of the line)
   * @param detail - a one-line description, lowercase, "want X, got Y" where it applies, at most 400 characters
   *   (a value from the input quoted with {@link quoted})
   * @param line - 1-based line for text formats
   * @param byte - the offending byte value, shown in hex
   */
  constructor(
    readonly code: TraceFormatErrorCode,
    readonly byteOffset: number,
    detail: string,
    readonly line?: number,
    readonly byte?: number,
  ) {
    const at = line === undefined ? `at byte ${byteOffset}` : `line ${line}`;
    const hex = byte === undefined ? '' : ` (byte 0x${byte.toString(16).padStart(2, '0')})`;
    super(line === undefined ? `${code}: ${detail}${hex} ${at === '' ? '' : `(${at})`}` : `${at}: ${detail}`);
  }
}
