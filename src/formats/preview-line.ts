// How a message shows a line of input. In its own module: the JSONL reader and the refusal of JSON that is none
// of our formats both use it, and the Chrome checks should not load the JSONL reader for it (issue 15).

/** JSON's short escapes of the control characters that have one. */
const CONTROL_ESCAPES: Readonly<Record<string, string>> = { '\t': '\\t', '\n': '\\n', '\r': '\\r', '\b': '\\b', '\f': '\\f' };

/**
 * A line as a message shows it, on one line: trailing whitespace (a CR before the line end included) dropped,
 * control characters inside (JSON whitespace among them) written as JSON escapes, at most 80 characters (the
 * line's text, never its parsed value: that may be huge or deeply nested).
 * @internal
 */
export function previewLine(line: string): string {
  const one = line.trimEnd().replace(/[\u0000-\u001f]/g, (c) => CONTROL_ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return one.length > 80 ? `${one.slice(0, 77)}...` : one;
}
