import kleur from 'kleur';
import { validateTrace } from '../check/validate-trace.ts';
import type { Violation } from '../check/violation.ts';
import { checkStreams } from '../check/streams.ts';
import { ChromeVerifier, type ChromeReport, verifyChrome } from '../formats/chrome-verify.ts';
import { MAX_JSONL_LINE_BYTES } from '../formats/jsonl.ts';
import { parseMerged } from '../formats/merged-text.ts';
import { detectFormat, jsonFormatError } from '../formats/detect.ts';
import { emptyTraceError } from '../formats/empty.ts';
import { loadTrace, utf8 } from '../formats/load.ts';
import { TraceFormatError } from '../model/errors.ts';
import { EventKind } from '../model/kinds.ts';
import { readHead, readInput, readPieces } from './files.ts';

/** Where a command writes. */
export interface Out {
  readonly out: (text: string) => void;
}

const SHOWN = 10;

/** Options of {@link runVerify}. */
export interface VerifyOptions {
  /**
   * `--strict`: an activation not finished at the end of a trace fails it (`lifecycle/not-finished`), and
   * so does an async slice still open at the end of Chrome JSON (`chrome/async-open-at-end`); without it
   * both are notes. Judged against what the file declares: activations open where it starts (a
   * flight-recorder snapshot, a wire segment's checkpoint, older suspended ones a partial checkpoint
   * omits) are exempt, and `abandoned` (crash recovery) finishes an activation. A frame still running at
   * the end of a recording not closed yet (no end-of-stream record) fails too.
   * @defaultValue false
   */
  readonly strict?: boolean;
  /** Called with each file's verdict as it is printed: its first line, then the violations or notes (the reporters). */
  readonly onFile?: (path: string, ok: boolean, lines: readonly string[]) => void;
}

/**
 * `trace-harness verify [--strict] <file...>`: detects each file's format (wire, JSONL with or without
 * its header line, canonical text, merged text, Chrome JSON) and runs every applicable validator: stack
 * balance, lifecycle and seq for traces (per stream for merged text, with each stream's order), slice
 * balance per thread for Chrome JSON, and for wire files the framing itself (CRC, truncation,
 * continuity). With `strict`, activations left unfinished fail the file (see {@link VerifyOptions}).
 * @param paths - files; `-` for standard input
 * @param io - where the report goes, one line per file and one per violation (at most 10 a file)
 * @param options - see {@link VerifyOptions}
 * @returns 0 when every file verified, 1 when any did not
 * @throws {@link UsageError} for a file that cannot be read (exit 2)
 */
export function runVerify(paths: readonly string[], io: Out, options: VerifyOptions = {}): number {
  const strict = options.strict === true;
  let failed = 0;
  for (const path of paths) {
    // Chrome JSON is read in pieces (memory independent of the file's size); other formats whole.
    const head = path === '-' ? undefined : readHead(path, HEAD_BYTES);
    const { ok, lines } = head !== undefined && detectFormat(head) === 'chrome' ? verifyChromeFile(path, head, strict) : verifyOne(readInput(path), strict);
    if (!ok) failed++;
    options.onFile?.(path, ok, lines);
    io.out(`${ok ? kleur.green('ok  ') : kleur.red('FAIL')}  ${path}: ${lines[0]}`);
    for (const l of lines.slice(1)) io.out(`        ${l}`);
  }
  if (paths.length > 1) io.out(`${paths.length - failed} of ${paths.length} files verified`);
  return failed > 0 ? 1 : 0;
}

/** The bytes {@link detectFormat} needs: a JSONL line's bound, and 4 KiB. */
const HEAD_BYTES = MAX_JSONL_LINE_BYTES + 4096;

/** A Chrome JSON file, streamed through {@link ChromeVerifier} in 1 MiB pieces (twice when a thread is out of ts order). */
function verifyChromeFile(path: string, head: Uint8Array, strict: boolean): { ok: boolean; lines: string[] } {
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

/** The verdict on a Chrome report: open async slices (suspended) and, in a trace that stops early, open slices (running) are notes unless strict. */
function chromeVerdict(r: ChromeReport, bytes: Uint8Array, strict: boolean): { ok: boolean; lines: string[] } {
  {
    {
      if (r.events === 0) throw emptyTraceError(bytes, 'chrome');
      // A slice open at the end of a trace that stops before its stream ended is a running frame: a note too.
      const note = (v: Violation): boolean => v.rule === 'chrome/async-open-at-end' || (r.incomplete && v.rule === 'chrome/open-at-end');
      const open = strict ? [] : r.violations.filter((v) => v.rule === 'chrome/async-open-at-end');
      const running = strict ? [] : r.violations.filter((v) => r.incomplete && v.rule === 'chrome/open-at-end');
      const bad = strict ? r.violations : r.violations.filter((v) => !note(v));
      const lines = [`chrome json, ${r.events} events on ${r.threads} thread(s)${bad.length ? `, ${bad.length} violation(s)` : ''}`, ...describe(bad)];
      if (open.length > 0) lines.push(`note: ${open.length} async slice(s) still open at the end (suspended activations)`);
      if (running.length > 0) lines.push(`note: ${running.length} slice(s) still open at the end of a trace that stops before its stream ended (running frames)`);
      return { ok: bad.length === 0, lines };
    }
  }
}

function verifyOne(bytes: Uint8Array, strict: boolean): { ok: boolean; lines: string[] } {
  try {
    if (detectFormat(bytes) === 'chrome') {
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
    if (detectFormat(bytes) === 'merged') return verifyMerged(bytes, strict);
    const loaded = loadTrace(bytes);
    const { trace, wire } = loaded;
    const complete = trace.complete;
    const cp = wire?.checkpoint;
    const violations = validateTrace(trace, { ...(cp ? { open: cp.open, openPartial: cp.openPartial } : {}), complete, strict });
    const what =
      wire === undefined
        ? `${loaded.format}, ${trace.length} events`
        : `wire${wire.version ? ` v${wire.version.major}.${wire.version.minor}` : ' segment'}, ${trace.length} events in ${wire.chunks} chunk(s)${wire.complete ? '' : ', no end-of-stream record'}`;
    const lines = [`${what}${violations.length ? `, ${violations.length} violation(s)` : ''}`, ...describe(violations)];
    if (wire?.loss) {
      const l = wire.loss;
      lines.push(`${l.error.message}; lost ${l.lostBytes} bytes${l.lostEvents !== undefined ? ` (${l.lostEvents}+ events)` : ''} from byte ${l.byteOffset} (trace-harness recover writes the valid prefix)`);
    }
    const suspended = strict ? 0 : countSuspended(trace);
    if (suspended > 0) lines.push(`note: ${suspended} generator activation(s) left suspended at the end`);
    return { ok: violations.length === 0 && wire?.loss === undefined, lines };
  } catch (error) {
    if (!(error instanceof TraceFormatError)) throw error;
    return { ok: false, lines: [error.message] };
  }
}

/** Merged text (several streams): each stream checked on its own, and the view's order per stream. */
function verifyMerged(bytes: Uint8Array, strict: boolean): { ok: boolean; lines: string[] } {
  const merged = parseMerged(utf8(bytes));
  const bad = checkStreams(merged, { complete: false, strict });
  const n = bad.reduce((sum, s) => sum + s.violations.length, 0);
  const lines = [`merged text, ${merged.length} events of ${merged.streams.length} stream(s)${n ? `, ${n} violation(s) in ${bad.length} stream(s)` : ''}`];
  for (const s of bad) lines.push(...describe(s.violations).map((l) => `stream ${s.stream}: ${l}`));
  return { ok: n === 0, lines };
}

function describe(violations: readonly Violation[]): string[] {
  const lines = violations.slice(0, SHOWN).map((v) => `${v.rule} ${v.eventIndex >= 0 ? `at event ${v.eventIndex} (seq ${v.seq}, activation #${v.activation})` : 'at end of trace'}: ${v.message}`);
  if (violations.length > SHOWN) lines.push(`... and ${violations.length - SHOWN} more`);
  return lines;
}

function countSuspended(trace: { length: number; columns: { kind: Uint8Array; activation: Uint32Array } }): number {
  const last = new Map<number, number>();
  for (let i = 0; i < trace.length; i++) last.set(trace.columns.activation[i]!, trace.columns.kind[i]!);
  let n = 0;
  for (const k of last.values()) if (k === EventKind.Yield) n++;
  return n;
}
