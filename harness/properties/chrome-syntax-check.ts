import fc from 'fast-check';
import { ChromeScanner } from '../../src/formats/chrome-scan.ts';
import { TraceFormatError } from '../../src/model/errors.ts';
import { refusalShapeProblems } from './refusal-shape.ts';

/**
 * One byte-level edit of a Chrome JSON file, and the places it is cut into pieces for the streaming
 * scanner (issue 13: the JSON grammar `decodeChrome` and `verifyChrome` check as they stream, reached by
 * `check`). The edit deletes, inserts or replaces one byte with a byte the grammar cares about, or cuts the
 * file; the verdict is the engine's own `JSON.parse` (not our scanner): a file that is JSON, or a bare
 * array that is JSON once closed (the format lets a trace cut off while written lack its `]` and end in a
 * comma), is read; any other is `bad-json` at a byte at or after the edit (before it, the file is the
 * valid one), or at the start of the number, literal or UTF-8 sequence the edit broke.
 */
export interface ChromeSyntaxEdit {
  readonly op: 'delete' | 'insert' | 'replace' | 'cut';
  /** Where, as a fraction of the file in [0, 1). */
  readonly at: number;
  /** The byte inserted or written (one of {@link SIGNIFICANT}). */
  readonly byte: number;
  /** Where the scanner's pieces end, as fractions of the file (sorted, any repeats). */
  readonly pieces: readonly number[];
}

/** Bytes the JSON grammar treats each its own way: structure, quote and escape, digits, sign, exponent, literals' letters, whitespace, a control character. */
const SIGNIFICANT = [...'{}[],:"\\0123456789-+.eEtrufalsnx /bu'].map((c) => c.charCodeAt(0)).concat([0x20, 0x0a, 0x09, 0x0d, 0x01, 0x7f]);

/** One edit and three to six piece ends, uniform. */
export function chromeSyntaxEditArbitrary(): fc.Arbitrary<ChromeSyntaxEdit> {
  const frac = fc.integer({ min: 0, max: 2 ** 30 - 1 }).map((i) => i / 2 ** 30);
  return fc.record({ op: fc.constantFrom('delete' as const, 'insert' as const, 'replace' as const, 'cut' as const), at: frac, byte: fc.constantFrom(...SIGNIFICANT), pieces: fc.array(frac, { minLength: 3, maxLength: 6 }).map((a) => [...a].sort((x, y) => x - y)) });
}

/** The edited bytes and the offset of the edit. */
export function applySyntaxEdit(bytes: Uint8Array, e: ChromeSyntaxEdit): { readonly bytes: Uint8Array; readonly at: number } {
  const at = Math.min(bytes.length, Math.floor(e.at * (bytes.length + (e.op === 'insert' ? 1 : 0))));
  const before = bytes.subarray(0, at);
  switch (e.op) {
    case 'delete':
      return { bytes: concat(before, bytes.subarray(at + 1)), at };
    case 'insert':
      return { bytes: concat(before, Uint8Array.of(e.byte), bytes.subarray(at)), at };
    case 'replace':
      return { bytes: concat(before, Uint8Array.of(e.byte), bytes.subarray(at + 1)), at };
    case 'cut':
      return { bytes: before.slice(), at };
  }
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

const FATAL = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** Whether the engine's JSON.parse reads the text, or (a bare array) the text closed: the grammar's verdict, independent of our scanner. */
export function isChromeJson(bytes: Uint8Array): boolean {
  let text: string;
  try {
    text = FATAL.decode(bytes);
  } catch {
    return false;
  }
  const parses = (t: string): boolean => {
    try {
      JSON.parse(t);
      return true;
    } catch {
      return false;
    }
  };
  if (parses(text)) return true;
  const body = text.trimEnd();
  if (!body.trimStart().startsWith('[')) return false;
  // A trailing comma cut off is one after an entry: right after the opening bracket it follows nothing.
  const beforeComma = body.slice(0, -1).trimEnd();
  return parses(`${body}]`) || (body.endsWith(',') && !beforeComma.endsWith('[') && parses(`${beforeComma}]`));
}

/** What the scanner hands over and how it ends: each entry (index, offset, value as JSON) then the error or `end`. */
function scan(bytes: Uint8Array, ends: readonly number[]): string[] {
  const out: string[] = [];
  const scanner = new ChromeScanner((value, index, byteOffset) => out.push(`${index}@${byteOffset} ${JSON.stringify(value)}`));
  try {
    let from = 0;
    for (const end of [...ends, bytes.length]) {
      if (end < from) continue;
      scanner.push(bytes.subarray(from, end));
      from = end;
    }
    scanner.end();
    out.push(`end ${JSON.stringify(scanner.otherData) ?? ''}`);
  } catch (error) {
    if (!(error instanceof TraceFormatError)) throw error;
    out.push(`${error.code} at ${error.byteOffset}`);
    (out as string[] & { error?: TraceFormatError }).error = error;
  }
  return out;
}

/**
 * The scanner on the edited file, whole and in the edit's pieces: the same entries and ending either way;
 * `bad-json` exactly when {@link isChromeJson} says the text is no JSON, at a byte at or after the edit and
 * within the file, its message a trimmed line; never `bad-json` for JSON.
 * @param file - a valid Chrome JSON file (ours or a foreign one)
 * @returns what differs, one line each
 */
export function checkChromeSyntax(file: Uint8Array, e: ChromeSyntaxEdit): string[] {
  const { bytes, at } = applySyntaxEdit(file, e);
  const what = `chrome syntax: ${e.op} ${e.op === 'insert' || e.op === 'replace' ? JSON.stringify(String.fromCharCode(e.byte)) : ''} at byte ${at} of ${file.length}`;
  const whole = scan(bytes, []);
  const ends = e.pieces.map((f) => Math.floor(f * bytes.length));
  const pieced = scan(bytes, ends);
  const problems: string[] = [];
  const a = whole.join('\n');
  const b = pieced.join('\n');
  if (a !== b) {
    const k = whole.findIndex((l, i) => l !== pieced[i]);
    problems.push(`${what}: fed in pieces ending at ${ends.join(', ')} the scanner gives ${JSON.stringify(pieced[k]?.slice(0, 120))}, whole ${JSON.stringify(whole[k]?.slice(0, 120))} (entry ${k})`);
  }
  const json = isChromeJson(bytes);
  const error = (whole as string[] & { error?: TraceFormatError }).error;
  const badJson = error?.code === 'bad-json';
  if (json && badJson) problems.push(`${what}: the text is JSON (JSON.parse reads it), the scanner says ${error.message}`);
  if (!json && !badJson) problems.push(`${what}: the text is no JSON (JSON.parse refuses it), the scanner ${error === undefined ? 'reads it' : `says ${error.message}`}`);
  if (badJson) {
    // The bytes before the edit are a valid file's, so the grammar breaks at the edit or later; except that a
    // number or literal that is none is refused at its first byte, and bytes that are not UTF-8 at the
    // first byte of the ill-formed sequence (ChromeScanner's TSDoc): both may start before the edit.
    let lo = at;
    while (lo > 0 && /[-+.0-9A-Za-z]/.test(String.fromCharCode(bytes[lo - 1]!))) lo--;
    while (lo > 0 && lo > at - 3 && bytes[lo - 1]! >= 0x80) lo--;
    if (error.byteOffset < lo || error.byteOffset > bytes.length) problems.push(`${what}: bad-json at byte ${error.byteOffset}, want a byte in ${lo}..${bytes.length} (the bytes before the edit are a valid file's)`);
    problems.push(...refusalShapeProblems(error, what));
  }
  return problems;
}
