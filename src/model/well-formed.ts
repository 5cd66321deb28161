import { utf8Length } from './utf8-length.ts';

/**
 * Strings a trace stores as names (FORMAT.md §4.2 "Strings"): code names (function names, user event
 * types) and stream ids must be well-formed Unicode, with no lone surrogate. The wire format stores names
 * as UTF-8, which cannot hold one, so every reader and writer of every format refuses such a name with a
 * typed error rather than change it. Payload strings are JSON text, where a lone surrogate is an escape
 * (`\ud800`) that every format keeps exactly.
 */

/** A UTF-16 unit of a surrogate pair's half with no partner (the `u` flag pairs well-formed ones). */
const LONE_SURROGATE = /[\ud800-\udfff]/u;

/**
 * Where the first lone surrogate of a string is, or -1 when it is well-formed.
 * @param s - any string
 * @returns the UTF-16 index of the first lone surrogate, or -1
 */
export function loneSurrogateAt(s: string): number {
  const m = LONE_SURROGATE.exec(s);
  return m === null ? -1 : m.index;
}

/**
 * Why a name is refused, for error messages: `code name "f\ud800" holds a lone surrogate (U+D800 at
 * index 1); names must be well-formed Unicode (FORMAT.md §4.2)`.
 * @param what - what the string is (`code name`, `stream id`)
 * @param s - the string, holding a lone surrogate at `at`
 * @param at - its index, from {@link loneSurrogateAt}
 */
export function loneSurrogateMessage(what: string, s: string, at: number): string {
  const unit = s.charCodeAt(at).toString(16).toUpperCase();
  return `${what} ${JSON.stringify(s.slice(0, 40))} holds a lone surrogate (U+${unit} at index ${at}); names must be well-formed Unicode (FORMAT.md §4.2)`;
}

/**
 * Refuses a name a writer or the recorder was given that holds a lone surrogate (API misuse: a typed
 * `RangeError`, STYLE "Errors" 1).
 * @param api - the API name that starts the message (`WireWriter.defineCode`)
 * @param what - what the string is (`code name`)
 * @param s - the name
 * @throws RangeError when `s` holds a lone surrogate
 */
export function assertWellFormedName(api: string, what: string, s: string): void {
  const at = loneSurrogateAt(s);
  if (at >= 0) throw new RangeError(`${api}: ${loneSurrogateMessage(what, s, at)}`);
}

/**
 * Refuses a trace whose code table holds a name with a lone surrogate (every writer calls it first).
 * @param api - the writer's name, for the message
 * @param codes - the code table
 * @throws RangeError for the first such name
 */
export function assertWellFormedCodes(api: string, codes: readonly string[]): void {
  for (const name of codes) if (name !== undefined) assertWellFormedName(api, 'code name', name);
}

/** The most UTF-8 bytes a name holds in every format (FORMAT.md §8, the wire format's string limit). */
export const MAX_NAME_BYTES = 4096;

/**
 * A name's UTF-8 length when it is over {@link MAX_NAME_BYTES}: the readers of every format refuse such a
 * name (`limit-exceeded`) as the wire format does, rather than read what no writer of wire can store.
 * @param s - a name
 * @returns its UTF-8 length in bytes when over the limit, else undefined (short names are not measured)
 */
export function nameBytesOver(s: string): number | undefined {
  if (s.length * 3 <= MAX_NAME_BYTES) return undefined;
  const bytes = utf8Length(s);
  return bytes > MAX_NAME_BYTES ? bytes : undefined;
}

/**
 * Why a name is refused for its length: `code name "aaaa..." has 5000 UTF-8 bytes; names hold at most 4096 (FORMAT.md §8)`.
 * @param what - what the string is (`code name`, `name`)
 * @param s - the name
 * @param bytes - its UTF-8 length, from {@link nameBytesOver}
 */
export function longNameMessage(what: string, s: string, bytes: number): string {
  return `${what} ${JSON.stringify(s.slice(0, 40))}... has ${bytes} UTF-8 bytes; names hold at most ${MAX_NAME_BYTES} (FORMAT.md §8)`;
}
