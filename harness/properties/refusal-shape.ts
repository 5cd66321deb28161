import type { TraceFormatError } from '../../src/model/errors.ts';

/** The longest detail a refusal may have, in UTF-16 units (`TraceFormatError`'s TSDoc). */
export const MAX_DETAIL = 400;

/**
 * Checks the shape every reader's refusal promises (`TraceFormatError`'s TSDoc, README "Bad input"): a
 * message built from the error's fields, `line N: <detail>` for text formats or `<code>: <detail>[ (byte
 * 0xNN)] (at byte N)` for byte formats, whose detail is one trimmed line, not empty, and at most
 * {@link MAX_DETAIL} characters (values from the input are quoted cut short, so a 4 KB name or a 1 MiB line
 * does not become the message): a user reading a refusal learns what was wrong and where without the source.
 *
 * `words` are what this refusal must name besides (the offending field, kind or value the caller put in
 * the file), compared without case.
 * @returns what is wrong with it, one line each (empty when it keeps the promise)
 */
export function refusalShapeProblems(error: TraceFormatError, where: string, words: readonly string[] = []): string[] {
  const detail = detailOf(error);
  const problems: string[] = [];
  if (detail === undefined) {
    problems.push(`${where}: the message of ${error.code} at ${error.line === undefined ? `byte ${error.byteOffset}` : `line ${error.line}`} is not built from its fields: ${JSON.stringify(error.message)}`);
    return problems;
  }
  if (detail.trim() === '' || detail !== detail.trim() || /[\r\n]/.test(detail)) problems.push(`${where}: ${error.code} with a detail that is empty or not one trimmed line: ${JSON.stringify(error.message)}`);
  // A refusal passed on by an outer reader (merged text around canonical text) is not wrapped twice.
  if (/^(line \d+: |[a-z-]+: .* \(at byte \d+\)$)/.test(detail)) problems.push(`${where}: ${error.code} whose detail holds a whole refusal again: ${JSON.stringify(error.message.slice(0, 160))}`);
  if (detail.length > MAX_DETAIL) problems.push(`${where}: ${error.code} with a detail of ${detail.length} characters, max ${MAX_DETAIL}: ${JSON.stringify(error.message.slice(0, 120))}...`);
  const lower = error.message.toLowerCase();
  const missing = words.filter((w) => !lower.includes(w.toLowerCase()));
  if (missing.length > 0) problems.push(`${where}: ${error.code} does not name ${missing.map((w) => JSON.stringify(w)).join(', ')}: ${JSON.stringify(error.message)}`);
  return problems;
}

/** The detail the message was built from, or undefined when the message is not `TraceFormatError`'s layout for these fields. */
function detailOf(e: TraceFormatError): string | undefined {
  if (e.line !== undefined) {
    const head = `line ${e.line}: `;
    return e.message.startsWith(head) ? e.message.slice(head.length) : undefined;
  }
  const head = `${e.code}: `;
  const tail = `${e.byte === undefined ? '' : ` (byte 0x${e.byte.toString(16).padStart(2, '0')})`} (at byte ${e.byteOffset})`;
  return e.message.startsWith(head) && e.message.endsWith(tail) ? e.message.slice(head.length, e.message.length - tail.length) : undefined;
}
