// `verify` of Chrome JSON: slices per thread (src/formats/chrome-verify.ts), loaded only for such files (issue 15).
import type { Violation } from '../check/violation.ts';
import { ChromeVerifier, type ChromeReport, verifyChrome } from '../formats/chrome-verify.ts';
import { emptyTraceError } from '../formats/empty.ts';
import { jsonFormatError } from '../formats/json-format-error.ts';
import { TraceFormatError } from '../model/errors.ts';
import { readPieces } from './files.ts';
import { type Verdict, violationLines } from './verdict.ts';

/**
 * A Chrome JSON file, streamed through {@link ChromeVerifier} in 1 MiB pieces (twice when a thread is out of
 * ts order): memory independent of the file's size.
 * @param path - the file
 * @param head - its first bytes (as detection read them)
 * @param strict - open slices at the end fail the file
 * @returns the verdict; a file that is not Chrome JSON fails with the reader's message
 * @throws {@link UsageError} when the file cannot be read (exit 2)
 */
export function verifyChromeFile(path: string, head: Uint8Array, strict: boolean): Verdict {
  // Threads in ts order are checked as they are read; one out of order is read again (its events only).
  const v = new ChromeVerifier({ replay: (push) => readPieces(path, (piece) => push(piece)) });
  try {
    let r: ChromeReport;
    try {
      readPieces(path, (piece) => v.push(piece));
      r = v.end();
    } catch (error) {
      // JSON that is neither our JSONL (header or event first) nor Chrome JSON: name all three.
      throw error instanceof TraceFormatError ? jsonFormatError(new TextDecoder().decode(head), error) : error;
    }
    return chromeVerdict(r, head, strict);
  } catch (error) {
    if (!(error instanceof TraceFormatError)) throw error;
    return { ok: false, lines: [error.message] };
  }
}

/**
 * Chrome JSON read whole (standard input).
 * @param bytes - the input
 * @param strict - open slices at the end fail it
 * @returns the verdict
 * @throws {@link TraceFormatError} when it is not Chrome JSON (the caller makes that the verdict)
 */
export function verifyChromeBytes(bytes: Uint8Array, strict: boolean): Verdict {
  const text = new TextDecoder().decode(bytes);
  let r: ChromeReport;
  try {
    r = verifyChrome(text);
  } catch (error) {
    // JSON that is neither our JSONL (header or event first) nor Chrome JSON: name all three.
    throw error instanceof TraceFormatError ? jsonFormatError(text, error) : error;
  }
  return chromeVerdict(r, bytes, strict);
}

/** The verdict on a Chrome report: open async slices (suspended) and, in a trace that stops early, open slices (running) are notes unless strict. */
function chromeVerdict(r: ChromeReport, bytes: Uint8Array, strict: boolean): Verdict {
  if (r.events === 0) throw emptyTraceError(bytes, 'chrome');
  // A slice open at the end of a trace that stops before its stream ended is a running frame: a note too.
  const note = (v: Violation): boolean => v.rule === 'chrome/async-open-at-end' || (r.incomplete && v.rule === 'chrome/open-at-end');
  const open = strict ? [] : r.violations.filter((v) => v.rule === 'chrome/async-open-at-end');
  const running = strict ? [] : r.violations.filter((v) => r.incomplete && v.rule === 'chrome/open-at-end');
  const bad = strict ? r.violations : r.violations.filter((v) => !note(v));
  const lines = [`chrome json, ${r.events} events on ${r.threads} thread(s)${bad.length ? `, ${bad.length} violation(s)` : ''}`, ...violationLines(bad)];
  if (open.length > 0) lines.push(`note: ${open.length} async slice(s) still open at the end (suspended activations)`);
  if (running.length > 0) lines.push(`note: ${running.length} slice(s) still open at the end of a trace that stops before its stream ended (running frames)`);
  return { ok: bad.length === 0, lines };
}
