/**
 * The form every format stores a payload in (FORMAT.md §4.6): compact JSON text exactly as
 * `JSON.stringify` writes it, whose numbers are finite and, when integers, within ±(2^53-1). Readers
 * parse numbers into doubles, so a longer integer would silently lose digits on its way through JSONL or
 * text; the recorder writes such numbers as strings instead.
 */

/**
 * Whether every number in a parsed JSON value survives as written: finite, and an integer only within
 * ±(2^53-1).
 * @param value - a value from `JSON.parse`
 */
export function payloadNumbersKept(value: unknown): boolean {
  if (typeof value === 'number') return Number.isFinite(value) && (!Number.isInteger(value) || Number.isSafeInteger(value));
  if (typeof value !== 'object' || value === null) return true;
  return Object.values(value).every(payloadNumbersKept);
}

/**
 * Whether text is a payload as stored: compact JSON as `JSON.stringify` writes it, numbers kept.
 * @param text - candidate payload text
 */
export function isPayloadText(text: string): boolean {
  try {
    const value = JSON.parse(text) as unknown;
    return JSON.stringify(value) === text && payloadNumbersKept(value);
  } catch {
    return false;
  }
}
