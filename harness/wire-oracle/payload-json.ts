/**
 * Whether text is a payload as FORMAT.md §4.6 stores it, written from that paragraph alone: JSON text
 * exactly as `JSON.stringify(JSON.parse(text))` writes it, whose numbers are finite and, when integers,
 * within ±(2^53 - 1).
 *
 * §8's nesting limit (2048 levels) needs no check here: it is all that §4.6's 4096 bytes can hold (`[]`
 * is two bytes a level).
 * @param text - the decoded UTF-8 of a payload record
 * @example
 * ```ts
 * isCompactJsonPayload('{"a":[1,2]}'); // true
 * isCompactJsonPayload('{ "a": 1 }');  // false: not the compact form
 * isCompactJsonPayload('9007199254740992'); // false: an integer past 2^53 - 1
 * ```
 */
export function isCompactJsonPayload(text: string): boolean {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return false;
  }
  if (JSON.stringify(value) !== text) return false;
  // Every number, found by walking the value with a list of what is left to look at.
  const todo: unknown[] = [value];
  while (todo.length > 0) {
    const v = todo.pop();
    if (typeof v === 'number' && (!Number.isFinite(v) || (Number.isInteger(v) && Math.abs(v) > Number.MAX_SAFE_INTEGER))) return false;
    if (typeof v === 'object' && v !== null) todo.push(...Object.values(v));
  }
  return true;
}
