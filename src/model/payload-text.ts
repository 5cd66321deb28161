/**
 * The form every format stores a payload in (FORMAT.md §4.6): compact JSON text exactly as
 * `JSON.stringify` writes it, whose numbers are finite and, when integers, within ±(2^53-1). Readers
 * parse numbers into doubles, so a longer integer would silently lose digits on its way through JSONL or
 * text; the recorder writes such numbers as strings instead.
 */

/**
 * The deepest nesting of arrays and objects a payload may have (FORMAT.md §8): 2048 levels, all that
 * 4096 bytes of JSON text can hold (`[]` is 2 bytes a level). Readers check it on the text, without
 * recursion, before anything recursive (`JSON.stringify`, a schema) walks the value.
 */
export const MAX_PAYLOAD_DEPTH = 2048;

/**
 * The nesting depth of JSON text (arrays and objects, outside strings), counted in one pass without
 * recursion; stops counting once past `limit`.
 * @param text - JSON text (need not be valid: the count is of brackets outside strings)
 * @param limit - the depth above which counting stops, inclusive bound of what is measured exactly
 * @returns the deepest level reached, at most `limit + 1`
 * @internal
 */
export function jsonDepth(text: string, limit: number = MAX_PAYLOAD_DEPTH): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped unit
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > deepest && (deepest = depth) > limit) return deepest;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return deepest;
}

/**
 * Whether every number in a parsed JSON value survives as written: finite, and an integer only within
 * ±(2^53-1). Walks the value with an explicit stack (no recursion, whatever its depth).
 * @param value - a value from `JSON.parse`
 */
export function payloadNumbersKept(value: unknown): boolean {
  const todo: unknown[] = [value];
  while (todo.length > 0) {
    const v = todo.pop();
    if (typeof v === 'number') {
      if (!(Number.isFinite(v) && (!Number.isInteger(v) || Number.isSafeInteger(v)))) return false;
    } else if (typeof v === 'object' && v !== null) for (const item of Object.values(v)) todo.push(item);
  }
  return true;
}

/**
 * Whether text is a payload as stored: compact JSON as `JSON.stringify` writes it, numbers kept, nested
 * at most {@link MAX_PAYLOAD_DEPTH} levels (checked first, on the text).
 * @param text - candidate payload text
 */
export function isPayloadText(text: string): boolean {
  if (jsonDepth(text) > MAX_PAYLOAD_DEPTH) return false;
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch (e) {
    if (e instanceof SyntaxError) return false;
    throw e;
  }
  return JSON.stringify(value) === text && payloadNumbersKept(value);
}
