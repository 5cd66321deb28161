import { TraceFormatError } from '../model/errors.ts';

/**
 * Decodes a whole file as UTF-8, refusing bytes that are not (never replacing them).
 * @param bytes - the file
 * @throws {@link TraceFormatError} `bad-line` at byte 0 when the bytes are not valid UTF-8
 * @internal
 */
export function utf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (e) {
    if (!(e instanceof TypeError)) throw e; // TextDecoder's error for bytes that are not UTF-8
    throw new TraceFormatError('bad-line', 0, 'input is not valid UTF-8');
  }
}
