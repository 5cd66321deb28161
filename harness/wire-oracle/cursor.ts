/**
 * Reading FORMAT.md §1's primitives (bytes, canonical varints, zigzag, UTF-8) from one chunk payload, for
 * the independent decoder (`decode.ts`). Written from FORMAT.md alone: nothing here comes from `src/`.
 * @module
 */

/** The largest value FORMAT.md §1 allows in a varint (and §8 for seq, timestamps and counts): 2^53 - 1. */
export const MAX_VALUE = Number.MAX_SAFE_INTEGER;
/** FORMAT.md §8: an activation (and a waker, an awaited activation) is a u32. */
export const MAX_U32 = 0xffffffff;

/**
 * Why the oracle stopped reading: the error FORMAT.md names (`bad-varint`, `unknown-record`, ...), where
 * (a byte offset in the whole input) and a sentence.
 */
export class OracleRefusal extends Error {
  constructor(
    readonly code: string,
    readonly byteOffset: number,
    reason: string,
  ) {
    super(`${code} at byte ${byteOffset}: ${reason}`);
  }
}

/** Strict UTF-8 (a byte sequence that is not UTF-8 throws) that keeps a leading U+FEFF: §4.2 "no format changes a string". */
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** A read position in `bytes[at, end)`; every read past `end` is a refusal, never a read of the next chunk. */
export class Cursor {
  /**
   * @param bytes - the whole input
   * @param at - where reading starts
   * @param end - the end of the payload (exclusive)
   */
  constructor(
    readonly bytes: Uint8Array,
    public at: number,
    readonly end: number,
  ) {}

  /** Stops the decoding with FORMAT.md's error `code` at byte `at`. */
  refuse(code: string, at: number, reason: string): never {
    throw new OracleRefusal(code, at, reason);
  }

  /** One byte. */
  byte(): number {
    if (this.at >= this.end) this.refuse('bad-record', this.at, 'a record runs past the end of its chunk');
    return this.bytes[this.at++]!;
  }

  /**
   * An unsigned LEB128 varint by §1: 7 bits a byte, low group first; at most 10 bytes (`bad-varint`); the
   * last byte not 0x00 unless it is the only one (`bad-varint`); at most 2^53 - 1 (`unsafe-integer`).
   *
   * Plain doubles suffice: below 2^53 every partial sum is an exact integer, and a value of 2^53 or more
   * can only round to a double of 2^53 or more (2^53 is a double and rounding is monotone), so the bound
   * check is exact even where the sum is not.
   */
  varint(): number {
    const start = this.at;
    let value = 0;
    let scale = 1;
    for (let n = 1; ; n++) {
      if (n > 10) this.refuse('bad-varint', start, 'a varint longer than 10 bytes');
      if (this.at >= this.end) this.refuse('bad-record', start, 'a varint runs past the end of its chunk');
      const b = this.byte();
      value += (b & 0x7f) * scale;
      scale *= 128;
      if (b < 0x80) {
        if (b === 0 && n > 1) this.refuse('bad-varint', this.at - 1, 'a varint whose last byte is 0x00 (not canonical)');
        if (value > MAX_VALUE) this.refuse('unsafe-integer', start, `a varint of ${value}, more than 2^53 - 1`);
        return value;
      }
    }
  }

  /**
   * A varint that §8 bounds to a u32 (an activation, a waker, a count of a `dropped`, a checkpoint id); one
   * out of range is `bad-record` at the first byte of its record (`recordAt`, §7's error offsets).
   */
  u32(what: string, recordAt: number): number {
    const v = this.varint();
    if (v > MAX_U32) this.refuse('bad-record', recordAt, `${what} ${v} is more than 2^32 - 1`);
    return v;
  }

  /** A zigzag varint (§1): `2d` for d >= 0, `-2d - 1` for d < 0. */
  zigzag(): number {
    const z = this.varint();
    return z % 2 === 0 ? z / 2 : -(z + 1) / 2;
  }

  /**
   * `length` bytes of UTF-8 (§4.2 names, §4.6 payload text): `bad-record` when they run past the chunk (at
   * the first byte of the record, `recordAt`) or are not UTF-8 (at the text's first byte), §7's error offsets.
   */
  utf8(length: number, what: string, recordAt: number): string {
    if (length > this.end - this.at) this.refuse('bad-record', recordAt, `${what} of ${length} bytes runs past the end of its chunk`);
    const start = this.at;
    this.at += length;
    try {
      return UTF8.decode(this.bytes.subarray(start, this.at));
    } catch {
      return this.refuse('bad-record', start, `${what} is not valid UTF-8`);
    }
  }
}
