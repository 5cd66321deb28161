// Text from a trace (function names, payloads, messages) in an HTML page: every string goes through here.

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Text made safe for an HTML page, both as element content and as a quoted attribute value: `&`, `<`, `>`,
 * `"` and `'` become entities.
 * @example escapeHtml('<f "a">') === '&lt;f &quot;a&quot;&gt;'
 * @param text - any string (a function name may hold `<`, quotes, `&`)
 * @returns the escaped text
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}
