import { ChromeScanner } from '../../src/formats/chrome-scan.ts';
import { TraceFormatError } from '../../src/model/errors.ts';
import { isChromeJson } from './chrome-syntax-check.ts';
import { refusalShapeProblems } from './refusal-shape.ts';

/**
 * Every byte in the places of the JSON grammar where one byte decides (issue 13: the random byte edits of
 * `chrome-syntax-check.ts` insert only the bytes the grammar names, and meet a `\u` escape, a number's
 * exponent or a UTF-8 sequence's second byte by chance): each ASCII byte (and the edges above) at the hole of
 * each template, and every UTF-8 sequence at the edges of RFC 3629's table in an event's string. Verdicts from
 * the engine (`JSON.parse`, `TextDecoder` with `fatal`), not from our scanner; run once per process.
 */
const TEMPLATES: readonly string[] = [
  '[{"n":"\\u00?0"}]', // a hex digit of an escape
  '[{"n":"\\?"}]', // the escaped character
  '[{"n":"a?b"}]', // a byte of a string: control characters, a lone byte >= 0x80
  '[1?]', // after a digit
  '[-?1]', // after a minus
  '[1.?]', // after the point
  '[1e?1]', // after the exponent
  '[0?]', // after a leading zero
  '[t?ue]', // inside a literal
  '[nul?]', // the last letter of a literal
  '[?]', // the first value
  '[1?2]', // between values
  '[{"a"?1}]', // between key and value
  '{"traceEvents":[]?}', // after the event list
  '{"a":1?"traceEvents":[]}', // between members of the root
  '?[]', // before the root
];

/** Bytes that make up a number or literal (a token the scanner refuses at its first byte when it is none). */
const WORD = /[-+.0-9A-Za-z]/;

/** The bytes tried at a hole: every printable ASCII byte and DEL, the control characters JSON names or at its edges, and bytes >= 0x80 at the edges (a lone byte of a UTF-8 sequence, as the table below tries them all). */
const HOLE_BYTES = [0x00, 0x01, 0x08, 0x09, 0x0a, 0x0c, 0x0d, 0x1f, ...Array.from({ length: 96 }, (_, b) => b + 0x20), 0x80, 0xbf, 0xc2, 0xe0, 0xef, 0xf4, 0xff];

/** The files of a template, one per byte of {@link HOLE_BYTES}, with the hole's offset. */
function holeFiles(template: string): { bytes: Uint8Array; hole: number }[] {
  const hole = template.indexOf('?');
  const before = new TextEncoder().encode(template.slice(0, hole));
  const after = new TextEncoder().encode(template.slice(hole + 1));
  return HOLE_BYTES.map((b) => ({ bytes: Uint8Array.of(...before, b, ...after), hole }));
}

/** Lead bytes and continuations at the edges of RFC 3629 §4's table, a quote ending the string early among them. */
const LEADS = [0x80, 0xbf, 0xc0, 0xc1, 0xc2, 0xdf, 0xe0, 0xe1, 0xec, 0xed, 0xee, 0xef, 0xf0, 0xf1, 0xf3, 0xf4, 0xf5, 0xff];
const FIRST = [0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0x22];
const LATER = [0x80, 0xbf, 0x22];

const FATAL = new TextDecoder('utf-8', { fatal: true });

/** Where the first ill-formed sequence of `seq` starts (the longest prefix the engine's fatal decoder reads), or -1. */
export function illFormedAt(seq: readonly number[]): number {
  const reads = (p: number): boolean => {
    try {
      FATAL.decode(Uint8Array.from(seq.slice(0, p)));
      return true;
    } catch {
      return false;
    }
  };
  if (reads(seq.length)) return -1;
  for (let p = seq.length - 1; p >= 0; p--) if (reads(p)) return p;
  return 0;
}

/** The scanner's entries (JSON) and its refusal, fed whole or cut at `cut`. */
function scan(bytes: Uint8Array, cut?: number): { entries: string[]; error?: TraceFormatError } {
  const entries: string[] = [];
  const s = new ChromeScanner((value) => entries.push(JSON.stringify(value)));
  try {
    if (cut === undefined) s.push(bytes);
    else (s.push(bytes.subarray(0, cut)), s.push(bytes.subarray(cut)));
    s.end();
    return { entries };
  } catch (error) {
    if (!(error instanceof TraceFormatError)) throw error;
    return { entries, error };
  }
}

/** The events of a file the engine reads: a bare array's entries or `traceEvents` (closed first when cut). */
function engineEntries(bytes: Uint8Array): string[] | undefined {
  const text = new TextDecoder().decode(bytes).trim();
  for (const t of [text, `${text}]`, `${text.replace(/,$/, '')}]`]) {
    try {
      const v = JSON.parse(t) as unknown;
      const list = Array.isArray(v) ? v : (v as { traceEvents?: unknown }).traceEvents;
      return Array.isArray(list) ? list.map((e) => JSON.stringify(e)) : undefined;
    } catch {
      // the next closing
    }
  }
  return undefined;
}

/**
 * One file: JSON (by the engine) gives the engine's entries and no refusal; else `bad-json` at `lo..hi`.
 * @param lo - the first offset the refusal may have (the hole, or the first byte of the token it is in)
 * @param hi - the last (the hole, or the byte after it where the hole only ends a token)
 */
function judge(bytes: Uint8Array, lo: number, hi: number, what: string): string[] {
  const got = scan(bytes);
  const pieced = scan(bytes, lo + 1);
  const show = `chrome byte table: ${what} ${JSON.stringify(new TextDecoder().decode(bytes))}`;
  if (JSON.stringify(got) !== JSON.stringify(pieced) || got.error?.byteOffset !== pieced.error?.byteOffset) return [`${show}: cut at ${lo + 1} the scanner gives ${pieced.error?.message ?? pieced.entries.join(',')}, whole ${got.error?.message ?? got.entries.join(',')}`];
  if (isChromeJson(bytes)) {
    const want = engineEntries(bytes);
    if (got.error !== undefined) return [`${show}: JSON (JSON.parse reads it), the scanner says ${got.error.message}`];
    if (want !== undefined && JSON.stringify(want) !== JSON.stringify(got.entries)) return [`${show}: the scanner's entries ${got.entries.join(',')}, the engine's ${want.join(',')}`];
    return [];
  }
  if (got.error?.code !== 'bad-json') return [`${show}: no JSON, the scanner ${got.error === undefined ? 'reads it' : `says ${got.error.message}`}`];
  if (got.error.byteOffset < lo || got.error.byteOffset > hi) return [`${show}: bad-json at byte ${got.error.byteOffset}, want ${lo === hi ? lo : `${lo}..${hi}`}`];
  return [...refusalShapeProblems(got.error, show, ['want chrome trace json, got']), ...shownAsAt(got.error, bytes, show)];
}

/**
 * A bad-json refusal that names a position names the error's byte offset (`in json at position N`), and one
 * that says what it met says it as it is at that byte (ChromeScanner's messages): `unexpected token 'c'` for a
 * printable byte c, `unexpected byte 0xNN` for any other, `unexpected token "w"` for a number or literal that
 * is none (its first 20 characters).
 */
function shownAsAt(e: TraceFormatError, bytes: Uint8Array, show: string): string[] {
  const at = e.byteOffset;
  const pos = /in json at position (\d+)/.exec(e.message);
  if (pos !== null && Number(pos[1]) !== at) return [`${show}: the refusal at byte ${at} says position ${pos[1]}: ${e.message}`];
  const m = /unexpected (?:token '(.)'|byte 0x([0-9a-f]+)|token ("[^]*")) in json/.exec(e.message);
  if (m === null) return [];
  const b = bytes[at];
  const printable = b !== undefined && b >= 0x20 && b < 0x7f;
  const word = m[3] === undefined ? '' : (JSON.parse(m[3]) as string);
  const ok =
    m[1] !== undefined ? printable && m[1] === String.fromCharCode(b)
    : m[2] !== undefined ? !printable && m[2].length === 2 && parseInt(m[2], 16) === b
    : word.length <= 20 && new TextDecoder().decode(bytes.subarray(at, at + 20)).startsWith(word);
  return ok ? [] : [`${show}: the refusal does not show the byte at ${at} (0x${b?.toString(16)}) as it is there: ${e.message}`];
}

let tablePassed = false;

/**
 * The table, once per process once it passes: each template's files (a refusal at the hole, at the
 * first byte of the number or literal it is in, or at the byte after it when it only ends a token), and
 * each UTF-8 sequence in a string of an event (a refusal exactly at the first byte of the first ill-formed
 * sequence: ChromeScanner's TSDoc).
 * @returns what differs, one line each
 */
export function checkChromeByteTable(): string[] {
  if (tablePassed) return [];
  const problems: string[] = [];
  for (const template of TEMPLATES) {
    for (const { bytes, hole } of holeFiles(template)) {
      let lo = hole;
      while (lo > 0 && WORD.test(String.fromCharCode(bytes[lo - 1]!))) lo--;
      // A quote opens a string the rest of the file may not close: refused at its end at the latest.
      problems.push(...judge(bytes, lo, bytes[hole] === 0x22 ? bytes.length : hole + 1, `byte 0x${bytes[hole]!.toString(16)} in ${template}:`));
    }
  }
  const head = new TextEncoder().encode('[{"n":"');
  const tail = new TextEncoder().encode('"}]');
  for (const lead of LEADS) {
    for (const a of FIRST) {
      for (const b of LATER) {
        for (const c of [0x80, 0x22]) {
          const seq = [lead, a, b, c];
          const at = illFormedAt(seq.slice(0, seq.indexOf(0x22) < 0 ? 4 : seq.indexOf(0x22)));
          const bytes = Uint8Array.of(...head, ...seq, ...tail);
          const q = seq.indexOf(0x22);
          // A quote ends the string early: the byte after it breaks the grammar, refused there (before the
          // value is complete, when its UTF-8 is checked). Else ill-formed: exactly at its first byte.
          if (q >= 0) problems.push(...judge(bytes, head.length + q + 1, head.length + q + 1, 'utf-8'));
          else if (at >= 0) problems.push(...judge(bytes, head.length + at, head.length + at, 'utf-8'));
          else problems.push(...judge(bytes, 0, 0, 'utf-8'));
        }
      }
    }
  }
  // The scanner's bounds, each at its edge and one past (its TSDoc): nesting (256 levels), a number or literal
  // (1024 characters), one event (1 MiB).
  const ascii = (t: string): Uint8Array => new TextEncoder().encode(t);
  // A word that is no number or literal, longer than the 20 characters a refusal shows of it.
  problems.push(...judge(ascii(`[1${'x'.repeat(30)}]`), 1, 1, 'a word of 31 characters'));
  problems.push(...bound('256 levels of nesting', ascii(`${'['.repeat(256)}${']'.repeat(256)}`), ascii(`${'['.repeat(257)}${']'.repeat(257)}`), 256, ['256']));
  problems.push(...bound('a number of 1024 digits', ascii(`[${'1'.repeat(1024)}]`), ascii(`[${'1'.repeat(1025)}]`), 1025, ['1024']));
  const event = (n: number): Uint8Array => ascii(`[{"ph":"M","args":{"pad":"${'x'.repeat(n - 28)}"}}]`); // the event is n bytes
  problems.push(...bound('an event of 1 MiB', event(2 ** 20), event(2 ** 20 + 1), undefined, ['traceEvents[0]', String(2 ** 20)]));
  tablePassed = problems.length === 0;
  return problems;
}

/** `ok` read, `over` refused as `limit-exceeded` (at byte `at` when given), naming `says`. */
function bound(what: string, ok: Uint8Array, over: Uint8Array, at: number | undefined, says: readonly string[]): string[] {
  const a = scan(ok);
  if (a.error !== undefined) return [`chrome byte table: ${what}: refused (${a.error.message.slice(0, 120)}); want it read`];
  const b = scan(over);
  if (b.error?.code !== 'limit-exceeded' || (at !== undefined && b.error.byteOffset !== at)) return [`chrome byte table: ${what} and one more: ${b.error === undefined ? 'read' : b.error.message.slice(0, 160)}; want limit-exceeded${at === undefined ? '' : ` at byte ${at}`}`];
  // A limit is no syntax error: its detail says the limit, not "want chrome trace json".
  const prefixed = b.error.message.includes('want chrome trace json, got') ? [`chrome byte table: ${what} and one more: limit-exceeded worded as a syntax error: ${b.error.message}`] : [];
  return [...refusalShapeProblems(b.error, `chrome byte table: ${what} and one more`, says), ...prefixed];
}
