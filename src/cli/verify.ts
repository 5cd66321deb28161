// `trace-harness verify`: each file's format detected, then its reader and checks loaded (issue 15). Its plain
// form (`verify [--strict] FILE...`) runs without the command table: commander and the commands' option modules
// are ~30 ms of a verify's start.
import kleur from 'kleur';
import { detectFormat, type TraceFormat } from '../formats/detect.ts';
import { nonEmpty } from '../formats/empty.ts';
import { MAX_JSONL_LINE_BYTES } from '../formats/jsonl-header.ts';
import type { LoadedTrace } from '../formats/load.ts';
import { TraceFormatError } from '../model/errors.ts';
import { readHead, readInput } from './files.ts';
import { selectReporters } from './reporters/select.ts';
import { UsageError } from './usage-error.ts';
import type { Verdict } from './verdict.ts';
import { verifyTrace } from './verify-trace.ts';

/** Where a command writes. */
export interface Out {
  readonly out: (text: string) => void;
}

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
 * continuity). With `strict`, activations left unfinished fail the file (see {@link VerifyOptions}). Each
 * file's reader and checks are loaded when a file of its format comes (a wire file loads neither the JSONL
 * nor the text reader, nor the Chrome checks; a trace the columnar fast path proves valid, not the
 * per-event validators: issue 15).
 * @param paths - files; `-` for standard input
 * @param io - where the report goes, one line per file and one per violation (at most 10 a file)
 * @param options - see {@link VerifyOptions}
 * @returns 0 when every file verified, 1 when any did not
 * @throws {@link UsageError} for a file that cannot be read (exit 2)
 */
export async function runVerify(paths: readonly string[], io: Out, options: VerifyOptions = {}): Promise<number> {
  const strict = options.strict === true;
  let failed = 0;
  for (const path of paths) {
    // Chrome JSON is read in pieces (memory independent of the file's size); other formats whole.
    const head = path === '-' ? undefined : readHead(path, HEAD_BYTES);
    const { ok, lines } = head !== undefined && detectFormat(head) === 'chrome' ? (await import('./verify-chrome.ts')).verifyChromeFile(path, head, strict) : await verifyBytes(readInput(path), strict);
    if (!ok) failed++;
    options.onFile?.(path, ok, lines);
    io.out(`${ok ? kleur.green('ok  ') : kleur.red('FAIL')}  ${path}: ${lines[0]}`);
    for (const l of lines.slice(1)) io.out(`        ${l}`);
  }
  if (paths.length > 1) io.out(`${paths.length - failed} of ${paths.length} files verified`);
  return failed > 0 ? 1 : 0;
}

/**
 * Runs `verify` as {@link main} would when its arguments are only files and `--strict` and the reporters are
 * the default (pretty alone: `GITHUB_ACTIONS=true` adds github's): the same output and exit code. Any other
 * form (another flag, `--`, `-h`, no file) is main's: commander parses it.
 * @param argv - the arguments (without `node` and the script), `verify` first
 * @returns the exit code: 0 every file verified, 1 one did not, 2 a file could not be read
 */
export async function verifyCommand(argv: readonly string[]): Promise<number> {
  const args = argv.slice(1);
  const files = args.filter((a) => a !== '--strict');
  const plain = files.length > 0 && files.every((f) => f === '-' || !f.startsWith('-')) && selectReporters([], [], process.env).every((t) => t.name === 'pretty');
  if (!plain) return (await import('./main.ts')).main(argv);
  try {
    return await runVerify(files, { out: (t) => process.stdout.write(t + '\n') }, { strict: files.length < args.length });
  } catch (error) {
    // As main reports it: a file that cannot be read.
    if (error instanceof UsageError) {
      process.stderr.write(`trace-harness: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

/** The bytes {@link detectFormat} needs: a JSONL line's bound, and 4 KiB. */
const HEAD_BYTES = MAX_JSONL_LINE_BYTES + 4096;

/** A whole file (or standard input) in any format: a format error is the file's verdict, not an exit. */
async function verifyBytes(bytes: Uint8Array, strict: boolean): Promise<Verdict> {
  try {
    const format = detectFormat(bytes);
    if (format === 'chrome') return (await import('./verify-chrome.ts')).verifyChromeBytes(bytes, strict);
    if (format === 'merged') return (await import('./verify-merged.ts')).verifyMerged(bytes, strict);
    const loaded = nonEmpty(await load(format, bytes), bytes);
    return await verifyTrace(loaded, strict);
  } catch (error) {
    if (!(error instanceof TraceFormatError)) throw error;
    return { ok: false, lines: [error.message] };
  }
}

/** Reads a trace as `loadTrace` does, loading only the reader of its format. */
async function load(format: Exclude<TraceFormat, 'chrome' | 'merged'>, bytes: Uint8Array): Promise<LoadedTrace> {
  switch (format) {
    case 'wire':
      return (await import('../formats/load-wire.ts')).loadWire(bytes);
    case 'jsonl':
      return (await import('../formats/load-jsonl.ts')).loadJsonl(bytes);
    case 'text':
      return (await import('../formats/load-text.ts')).loadText(bytes);
  }
}
