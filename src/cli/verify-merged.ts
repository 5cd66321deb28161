// `verify` of merged text (several streams), loaded only for such files (issue 15).
import { checkStreams } from '../check/streams.ts';
import { parseMerged } from '../formats/merged-text.ts';
import { utf8 } from '../formats/utf8.ts';
import { type Verdict, violationLines } from './verdict.ts';

/**
 * Merged text: each stream checked on its own, and the view's order per stream.
 * @param bytes - the file
 * @param strict - activations left unfinished fail a stream
 * @returns the verdict
 * @throws {@link TraceFormatError} for malformed text (the caller makes that the verdict)
 */
export function verifyMerged(bytes: Uint8Array, strict: boolean): Verdict {
  const merged = parseMerged(utf8(bytes));
  const bad = checkStreams(merged, { complete: false, strict });
  const n = bad.reduce((sum, s) => sum + s.violations.length, 0);
  const lines = [`merged text, ${merged.length} events of ${merged.streams.length} stream(s)${n ? `, ${n} violation(s) in ${bad.length} stream(s)` : ''}`];
  for (const s of bad) lines.push(...violationLines(s.violations).map((l) => `stream ${s.stream}: ${l}`));
  return { ok: n === 0, lines };
}
