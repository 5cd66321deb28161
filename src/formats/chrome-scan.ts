import { TraceFormatError } from '../model/errors.ts';

/**
 * A streaming reader of Chrome Trace Event JSON: fed the file in byte pieces of any size, it checks the
 * whole text against the JSON grammar in one pass, in memory bounded by the largest single event (not by
 * the file), and hands over each entry of the event list as its parsed value. Both forms: the bare array
 * `[...]` (whose closing `]` may be missing, as the format allows a trace cut off while written) and the
 * object `{"traceEvents":[...],...}`, from which it also keeps `otherData` (when small).
 *
 * Bounds, checked before anything is allocated or recursed over: nesting at most {@link MAX_CHROME_DEPTH}
 * levels (1 MB of `[` fails at byte 257, in microseconds), one event at most {@link MAX_CHROME_EVENT_BYTES}.
 * Errors are {@link TraceFormatError}s: `bad-json` at the UTF-8 offset of the first byte that breaks the
 * grammar (of a number or literal that is none, its first byte; of bytes that are not UTF-8 in an event or
 * `otherData`, the first byte of the ill-formed sequence, checked once the value is complete, so a value
 * that also breaks the grammar is refused where it breaks it: strings elsewhere, keys of the root object, are
 * checked against the grammar only), `limit-exceeded` for a bound, `unknown-format` for JSON that holds no
 * event list or (object form) a second `traceEvents` member (JSON.parse would keep the second; the first is
 * handed over already). Only the event list's own entries are handed over, not values nested as deep in
 * other members. A byte order mark at the start is skipped, whatever the pieces it arrives in.
 * @internal
 */
export class ChromeScanner {
  /** Bytes consumed so far: the offset of the next byte. */
  private offset = 0;
  /** Open containers, innermost last: 1 object, 2 array. */
  private readonly stack = new Uint8Array(MAX_CHROME_DEPTH + 1);
  private depth = 0;
  private expect: Expect = Expect.Value;
  private token: Token = Token.None;
  /** In a string: after a backslash (1), or the hex digits of a `\u` escape still due (2..5). */
  private escape = 0;
  /** The text of the number or literal being read. */
  private word = '';
  /** Depth of the event list's entries (1 in the array form, 2 in the object form), 0 until found. */
  private eventsDepth = 0;
  /** Inside the event list: values at its entries' depth after it closes (in a later member) are no entries. */
  private eventsOpen = false;
  /** The root is an array (the bare form). */
  private bareArray = false;
  /** Object form: the key at depth 1 being read, and the last one read. */
  private keyBytes: number[] | undefined;
  private lastKey = '';
  /** Bytes of the value being kept (an event, or `otherData`), across pieces. */
  private kept: Uint8Array = new Uint8Array(1024);
  private keptLength = 0;
  private keeping: 'event' | 'other' | 'skipped' | undefined;
  private keepDepth = 0;
  /** Offset of the first byte of the value being kept. */
  private keptStart = 0;
  /** Entries of the event list seen. */
  private index = 0;
  private otherText: string | undefined;
  /** Bytes of a byte order mark read at the file's start so far; -1 once past it (or there is none). */
  private markAt = 0;
  private static readonly utf8 = new TextDecoder('utf-8', { fatal: true });

  /**
   * @param onEvent - called with each entry of the event list (parsed, any JSON value), its index in the
   *   list and the offset of its first byte in the file (UTF-8 bytes from the start, a byte order mark
   *   included)
   */
  constructor(private readonly onEvent: (value: unknown, index: number, byteOffset: number) => void) {}

  /** The number of event-list entries seen so far. */
  get events(): number {
    return this.index;
  }

  /** `otherData` of the object form, parsed, when it was at most 64 KiB; else undefined. */
  get otherData(): unknown {
    return this.otherText === undefined ? undefined : JSON.parse(this.otherText);
  }

  /**
   * Consumes the next piece of the file.
   * @throws {@link TraceFormatError} as described on the class
   */
  push(bytes: Uint8Array): void {
    let from = 0;
    // A byte order mark at the file's start is skipped, whatever the pieces it arrives in (a byte at a time
    // included); the start of one that is not all of it is refused as its first byte.
    while (this.markAt >= 0 && from < bytes.length) {
      if (bytes[from] !== BOM[this.markAt]) {
        if (this.markAt > 0) throw this.unexpected(BOM[0]!, 0);
        this.markAt = -1;
        break;
      }
      from++;
      if (++this.markAt === BOM.length) this.markAt = -1;
    }
    let keepFrom = this.keeping !== undefined ? from : -1;
    for (let i = from; i < bytes.length; i++) {
      // Fast path: the plain bytes of a string (no quote, backslash or control character) change no state.
      if (this.token === Token.String && this.escape === 0 && this.keyBytes === undefined) {
        let c = bytes[i]!;
        while (c !== 0x22 && c !== 0x5c && c >= 0x20 && i + 1 < bytes.length) c = bytes[++i]!;
      }
      const wasKeeping = this.keeping !== undefined;
      this.step(bytes[i]!, i + this.offset);
      // 1. A kept value starts at this byte: remember where, within this piece.
      if (!wasKeeping && this.keeping !== undefined) {
        keepFrom = i;
        this.keptStart = i + this.offset;
      }
      // 2. It ended at this byte (a closing bracket or quote), or just before it (a number or literal
      //    ended by this byte, which is a separator, a bracket or whitespace: never a value's start).
      if (this.keptEnd !== 0) {
        this.keep(bytes.subarray(keepFrom, this.keptEnd === 1 ? i + 1 : i));
        this.finishKept();
        keepFrom = -1;
      }
    }
    if (this.keeping !== undefined && keepFrom >= 0) this.keep(bytes.subarray(keepFrom));
    this.offset += bytes.length;
  }

  /**
   * The end of the file: the document must be complete (the array form may lack its closing `]`, and end in
   * a comma).
   * @throws {@link TraceFormatError} `bad-json` for a document cut short, `unknown-format` for JSON without
   *   an event list
   */
  end(): void {
    // A number or literal at the very end is ended by the end (its bytes are kept already).
    if (this.markAt > 0) throw this.unexpected(BOM[0]!, 0);
    if (this.token === Token.Word) this.endWord(this.offset);
    if (this.keptEnd !== 0) this.finishKept();
    const cutArray = this.bareArray && this.depth === 1 && this.token === Token.None && this.keeping === undefined && this.expect !== Expect.Colon;
    if (this.expect !== Expect.Done && !cutArray) {
      if (this.offset === 0 || (this.depth === 0 && this.expect === Expect.Value)) throw this.error('bad-json', this.offset, 'unexpected end of json input');
      throw this.error('bad-json', this.offset, 'unexpected end of json input');
    }
    if (this.eventsDepth === 0) throw new TraceFormatError('unknown-format', 0, 'want an array of events or {"traceEvents":[...]}, got another json value');
  }

  /** The kept value ended: 1 with the byte just stepped (a bracket or quote), 2 just before it (a word). */
  private keptEnd: 0 | 1 | 2 = 0;

  private step(c: number, at: number): void {
    // 1. Inside a string: only the quote, escapes and control characters matter.
    if (this.token === Token.String) {
      if (this.keyBytes !== undefined && this.escape === 0 && c !== 0x22 && this.keyBytes.length < 64) this.keyBytes.push(c);
      if (this.escape === 1) {
        if (c === 0x75) this.escape = 2;
        else if (ESCAPES.includes(c)) this.escape = 0;
        else throw this.error('bad-json', at, `bad escaped character in json at position ${at}`);
      } else if (this.escape >= 2) {
        if (!isHex(c)) throw this.error('bad-json', at, `bad unicode escape in json at position ${at}`);
        this.escape = this.escape === 5 ? 0 : this.escape + 1;
      } else if (c === 0x5c) this.escape = 1;
      else if (c === 0x22) {
        this.token = Token.None;
        this.endString();
      } else if (c < 0x20) throw this.error('bad-json', at, `bad control character in string literal in json at position ${at}`);
      return;
    }
    // 2. A number or literal goes on until a byte that cannot be part of it.
    if (this.token === Token.Word) {
      if (isWordByte(c)) {
        if (this.word.length >= MAX_WORD) throw this.error('limit-exceeded', at, `want a number or literal of at most ${MAX_WORD} characters`);
        this.word += String.fromCharCode(c);
        return;
      }
      this.endWord(at);
    }
    // 3. Between tokens.
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) return;
    switch (this.expect) {
      case Expect.Colon:
        if (c !== 0x3a) throw this.unexpected(c, at);
        this.expect = Expect.Value;
        return;
      case Expect.CommaOrEnd:
        if (c === 0x2c) {
          this.expect = this.stack[this.depth - 1] === OBJECT ? Expect.Key : Expect.Value;
          return;
        }
        if ((c === 0x7d && this.stack[this.depth - 1] === OBJECT) || (c === 0x5d && this.stack[this.depth - 1] === ARRAY)) return this.close(at);
        throw this.unexpected(c, at);
      case Expect.KeyOrEnd:
      case Expect.Key:
        if (c === 0x7d && this.expect === Expect.KeyOrEnd) return this.close(at);
        if (c !== 0x22) throw this.unexpected(c, at);
        this.token = Token.String;
        this.expect = Expect.Colon;
        if (this.depth === 1) this.keyBytes = [];
        return;
      case Expect.ValueOrEnd:
        if (c === 0x5d) return this.close(at);
      // falls through: a value
      case Expect.Value:
        return this.startValue(c, at);
      case Expect.Done:
        throw this.unexpected(c, at);
    }
  }

  /** The first byte of a value. */
  private startValue(c: number, at: number): void {
    // 1. The value's role: an event-list entry, `otherData`, or the event list itself.
    const entryDepth = this.depth;
    // A second `traceEvents` member: JSON.parse would keep its value and drop the list already handed over.
    if (entryDepth === 1 && !this.bareArray && this.eventsDepth !== 0 && this.lastKey === 'traceEvents') {
      throw new TraceFormatError('unknown-format', at, `want one traceEvents list, got a second traceEvents list at byte ${at}`);
    }
    if (this.eventsOpen && entryDepth === this.eventsDepth && this.keeping === undefined) {
      this.keeping = 'event';
      this.keepDepth = entryDepth;
      this.keptLength = 0;
    } else if (entryDepth === 1 && !this.bareArray && this.keeping === undefined && this.lastKey === 'otherData') {
      this.keeping = 'other';
      this.keepDepth = entryDepth;
      this.keptLength = 0;
    }
    // 2. The value's first byte.
    if (c === 0x7b || c === 0x5b) {
      if (this.depth >= MAX_CHROME_DEPTH) throw this.error('limit-exceeded', at, `want json nested at most ${MAX_CHROME_DEPTH} levels, got more`);
      if (this.depth === 0) this.bareArray = c === 0x5b;
      this.stack[this.depth++] = c === 0x7b ? OBJECT : ARRAY;
      if (c === 0x5b && this.eventsDepth === 0 && (this.depth === 1 || (this.depth === 2 && !this.bareArray && this.lastKey === 'traceEvents'))) {
        this.eventsDepth = this.depth;
        this.eventsOpen = true;
      }
      this.expect = c === 0x7b ? Expect.KeyOrEnd : Expect.ValueOrEnd;
      return;
    }
    if (c === 0x22) {
      this.token = Token.String;
      this.expect = Expect.CommaOrEnd;
      return;
    }
    if (c === 0x2d || (c >= 0x30 && c <= 0x39) || c === 0x74 || c === 0x66 || c === 0x6e) {
      this.token = Token.Word;
      this.word = String.fromCharCode(c);
      this.expect = Expect.CommaOrEnd;
      return;
    }
    throw this.unexpected(c, at);
  }

  /** A closing bracket at `at`. */
  private close(_at: number): void {
    this.depth--;
    if (this.depth < this.eventsDepth) this.eventsOpen = false;
    this.expect = this.depth === 0 ? Expect.Done : Expect.CommaOrEnd;
    if (this.keeping !== undefined && this.keptEnd === 0 && this.depth === this.keepDepth) this.keptEnd = 1;
  }

  /** A closing quote: of a key (remembered at depth 1) or of a string value. */
  private endString(): void {
    if (this.expect === Expect.Colon) {
      if (this.keyBytes !== undefined) this.lastKey = this.keyBytes.length < 64 ? String.fromCharCode(...this.keyBytes) : '';
      this.keyBytes = undefined;
      return;
    }
    if (this.depth === 0) this.expect = Expect.Done;
    if (this.keeping !== undefined && this.keptEnd === 0 && this.depth === this.keepDepth) this.keptEnd = 1;
  }

  private endWord(at: number): void {
    const w = this.word;
    this.token = Token.None;
    this.word = '';
    if (!(w === 'true' || w === 'false' || w === 'null' || NUMBER.test(w))) throw this.error('bad-json', at - w.length, `unexpected token ${JSON.stringify(w.slice(0, 20))} in json at position ${at - w.length}`);
    if (this.depth === 0) this.expect = Expect.Done;
    if (this.keeping !== undefined && this.keptEnd === 0 && this.depth === this.keepDepth) this.keptEnd = 2;
  }

  /** Bytes of the kept value. */
  private keep(piece: Uint8Array): void {
    const need = this.keptLength + piece.length;
    if (this.keeping === 'event' && need > MAX_CHROME_EVENT_BYTES) throw this.error('limit-exceeded', this.offset, `want an event of at most ${MAX_CHROME_EVENT_BYTES} bytes, got more at traceEvents[${this.index}]`);
    if (this.keeping === 'other' && need > MAX_OTHER_BYTES) {
      this.keeping = 'skipped'; // too large to keep: its bytes are dropped (still checked against the grammar)
      this.keptLength = 0;
      return;
    }
    if (this.keeping === 'skipped') return;
    if (need > this.kept.length) {
      const grown = new Uint8Array(Math.max(need, this.kept.length * 2));
      grown.set(this.kept.subarray(0, this.keptLength));
      this.kept = grown;
    }
    this.kept.set(piece, this.keptLength);
    this.keptLength = need;
  }

  private finishKept(): void {
    const kind = this.keeping;
    this.keeping = undefined;
    this.keptEnd = 0;
    if (kind === undefined || kind === 'skipped') return;
    const text = ChromeScanner.utf8Text(this.kept.subarray(0, this.keptLength), this.keptStart);
    this.keptLength = 0;
    if (kind === 'other') {
      this.otherText = text;
      return;
    }
    // The grammar was checked byte by byte: this parse cannot fail, and the depth is bounded.
    this.onEvent(JSON.parse(text), this.index++, this.keptStart);
  }

  /**
   * The text of a kept value.
   * @param start - the offset of its first byte in the file
   * @throws {@link TraceFormatError} `bad-json` at the first byte of the first ill-formed UTF-8 sequence
   */
  private static utf8Text(bytes: Uint8Array, start: number): string {
    try {
      return ChromeScanner.utf8.decode(bytes);
    } catch (e) {
      if (!(e instanceof TypeError)) throw e;
      const at = start + firstIllFormed(bytes);
      throw new TraceFormatError('bad-json', at, `want chrome trace json, got bytes that are not utf-8 (byte 0x${bytes[at - start]!.toString(16).padStart(2, '0')})`);
    }
  }

  private unexpected(c: number, at: number): TraceFormatError {
    const shown = c >= 0x20 && c < 0x7f ? `token '${String.fromCharCode(c)}'` : `byte 0x${c.toString(16).padStart(2, '0')}`;
    return this.error('bad-json', at, `unexpected ${shown} in json at position ${at}`);
  }

  private error(code: 'bad-json' | 'limit-exceeded', at: number, detail: string): TraceFormatError {
    return new TraceFormatError(code, at, code === 'bad-json' ? `want chrome trace json, got ${detail}` : detail);
  }
}

/** The deepest nesting of arrays and objects the Chrome reader accepts (an event's `args` included). */
export const MAX_CHROME_DEPTH = 256;

/** The largest single entry of the event list, in UTF-8 bytes (1 MiB). */
export const MAX_CHROME_EVENT_BYTES = 1 << 20;

/** `otherData` is kept (to read what trace-harness declares there) only when at most this many bytes. */
const MAX_OTHER_BYTES = 1 << 16;
/** The UTF-8 byte order mark. */
const BOM = [0xef, 0xbb, 0xbf];
/** The longest number or literal token. */
const MAX_WORD = 1024;
const OBJECT = 1;
const ARRAY = 2;
const NUMBER = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?$/;
/** Characters allowed after a backslash, besides `u`: `" \ / b f n r t`. */
const ESCAPES = [0x22, 0x5c, 0x2f, 0x62, 0x66, 0x6e, 0x72, 0x74];

const enum Expect {
  Value,
  ValueOrEnd,
  KeyOrEnd,
  Key,
  Colon,
  CommaOrEnd,
  Done,
}

const enum Token {
  None,
  String,
  Word,
}

function isHex(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}

/** Bytes that continue a number or literal: digits, letters, `+ - .`. */
function isWordByte(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x2b || c === 0x2d || c === 0x2e;
}

/**
 * The index of the first byte of the first ill-formed UTF-8 sequence (RFC 3629 §4: a lead byte C2..F4, then
 * its continuation bytes 80..BF, narrower after E0, ED, F0 and F4), or the length when there is none.
 * @internal
 */
export function firstIllFormed(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    const n = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (n < 0) return i;
    const lo = b === 0xe0 ? 0xa0 : b === 0xf0 ? 0x90 : 0x80;
    const hi = b === 0xed ? 0x9f : b === 0xf4 ? 0x8f : 0xbf;
    for (let k = 1; k <= n; k++) {
      const c = bytes[i + k];
      if (c === undefined || c < (k === 1 ? lo : 0x80) || c > (k === 1 ? hi : 0xbf)) return i;
    }
    i += n + 1;
  }
  return bytes.length;
}
