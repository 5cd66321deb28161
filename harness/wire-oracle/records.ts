/**
 * The records of a chunk payload, split by the field lists of FORMAT.md §4 alone (no imports from
 * `src/wire/`): enough to cut a payload at record boundaries and say which records are events.
 * @module
 */

/** One record of a payload: its byte range `[start, end)` in the payload and its type byte. */
export interface OracleRecord {
  readonly start: number;
  readonly end: number;
  readonly type: number;
}

/** FORMAT.md §4: a record that is an event (counted in the chunk header, takes a seq). */
export function isEventRecord(type: number): boolean {
  return (type >= 0x06 && type <= 0x0c) || (type >= 0x11 && type <= 0x17) || (type >= 0x19 && type <= 0x1f);
}

/**
 * Splits a payload written as FORMAT.md §4 describes into its records.
 * @param payload - the payload of one valid chunk
 * @returns the records in order, or a reason the payload is not §4's
 */
export function splitRecords(payload: Uint8Array): OracleRecord[] | string {
  let p = 0;
  let timestamps = false;
  const varint = (): number => {
    let value = 0;
    for (let shift = 1; ; shift *= 128) {
      if (p >= payload.length) throw new RangeError('varint runs past the payload');
      const b = payload[p++]!;
      value += (b & 0x7f) * shift;
      if (b < 0x80) return value;
    }
  };
  const skip = (n: number): void => {
    p += n;
    if (p > payload.length) throw new RangeError('field runs past the payload');
  };
  const out: OracleRecord[] = [];
  try {
    while (p < payload.length) {
      const start = p;
      const type = payload[p++]!;
      if (type === 0x01) {
        varint(); varint(); varint(); // chunk index, events before, next seq
        const flags = varint();
        timestamps = (flags & 1) !== 0;
        if (timestamps) varint(); // timestamp base
        const open = varint();
        for (let i = 0; i < open; i++) {
          varint(); varint(); skip(1); // activation, code id, state
        }
      } else if (type === 0x02) {
        varint();
        skip(varint());
      } else if (type === 0x03 || type === 0x04 || type === 0x05) varint();
      else if (type === 0x0d || (type >= 0x40 && type <= 0x7f)) skip(varint());
      else if (isEventRecord(type)) {
        const fields = type === 0x06 || type === 0x0b ? 3 : type === 0x07 || type === 0x09 || type === 0x0a ? 1 : 2;
        for (let i = 0; i < fields; i++) varint();
        if (type >= 0x19) varint(); // flags
        if ((type & 0x07) === 7 && type >= 0x11) varint(); // waker of a wake
        if (timestamps) varint();
      } else return `unknown record type 0x${type.toString(16)} at payload byte ${start}`;
      out.push({ start, end: p, type });
    }
  } catch (error) {
    return (error as Error).message;
  }
  return out;
}
