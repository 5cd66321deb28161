import fc from 'fast-check';
import { varint } from '../wire-oracle/layout.ts';

/**
 * Records our writer never writes, built from FORMAT.md §4's field lists with field values at the edges
 * (issue 13 part 3): every varint width boundary 2^(7k) - 1, 2^(7k), 2^(7k) + 1, the u32 and code-id limits
 * (§8) and one past them, 2^53 - 1 and 2^53 (§1), flags of 0 and undefined bits, names and payloads of
 * 4096 and 4097 bytes, text that is not UTF-8 or not compact JSON, lengths one short or one long, an
 * activation delta or code id as a two-byte varint ending `0x00` (§1: not canonical). The wire
 * property inserts one into a chunk of a valid file and seals the chunk again with a correct CRC; the
 * verdict is the independent reader's (`harness/wire-oracle/`), so our reader must refuse each exactly as
 * FORMAT.md does (the code and offset of §7) or read it as FORMAT.md does.
 */
export interface HostileRecord {
  /** Names the record in a problem line, e.g. `event 0x17 waker 4294967296`. */
  readonly what: string;
  readonly bytes: readonly number[];
}

/** Varint values at every width boundary a u32 crosses, past it, and at 2^53 (§1, §8). */
const EDGES = [
  0, 1, 2, 126, 127, 128, 129, 16383, 16384, 16385, 2 ** 20 - 1, 2 ** 20, 2 ** 21 - 1, 2 ** 21, 2 ** 28 - 1, 2 ** 28,
  2 ** 31, 2 ** 32 - 1, 2 ** 32, 2 ** 35, 2 ** 53 - 1, 2 ** 53,
];
/** Code ids: the first ones (usually defined in the chunk), one undefined, the last legal id and one past it (§8). */
const CODES = [0, 1, 2, 999, 2 ** 20 - 1, 2 ** 20];
/** Event flags: 0 (not canonical in a flags record), the defined bit, undefined bits, a second varint byte. */
const FLAGS = [0, 1, 2, 3, 0x40, 0x7f, 0x80, 0x101];
/** Event record types of §4 (with and without flags, and the kinds with record types of their own). */
const EVENT_TYPES = [0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x19, 0x1a, 0x1b, 0x1c, 0x1d, 0x1e, 0x1f];

const utf8 = (s: string): number[] => [...new TextEncoder().encode(s)];
/** Names and payload texts: short, at and past 4096 bytes (§8), not UTF-8 (a lone continuation byte, a surrogate, an overlong form), not compact JSON (§4.6). */
const TEXTS: readonly (readonly [string, readonly number[]])[] = [
  ['"f"', utf8('f')],
  ['"1"', utf8('1')],
  ['{"a":1}', utf8('{"a":1}')],
  ['{ "a": 1 }', utf8('{ "a": 1 }')],
  ['01', utf8('01')],
  ['1e400', utf8('1e400')],
  ['2^53 + 1', utf8('9007199254740993')],
  ['empty', []],
  ['0xff', [0xff]],
  ['a surrogate', [0xed, 0xa0, 0x80]],
  ['an overlong "/"', [0xc0, 0xaf]],
  ['4096 bytes', new Array<number>(4096).fill(0x31)],
  ['4097 bytes', new Array<number>(4097).fill(0x31)],
];

const edge = fc.constantFrom(...EDGES);

/** A record of §4 with hostile fields, each shape as likely as the others. */
export function hostileRecordArbitrary(): fc.Arbitrary<HostileRecord> {
  const ts = fc.option(edge, { nil: undefined });
  const event = fc.tuple(fc.constantFrom(...EVENT_TYPES), edge, fc.constantFrom(...CODES), fc.constantFrom(...FLAGS), edge, ts).map(([type, delta, code, flags, peer, t]): HostileRecord => {
    const stream = type === 0x07 || type === 0x09 || type === 0x0a;
    const fields = stream ? [peer] : [delta, code, ...(type >= 0x19 ? [flags] : []), ...((type & 7) === 7 && type >= 0x11 ? [peer] : []), ...(type === 0x06 || type === 0x0b ? [peer] : [])];
    const all = t === undefined ? fields : [...fields, t];
    return { what: `event 0x${type.toString(16)} fields ${all.join(' ')}`, bytes: [type, ...all.flatMap(varint)] };
  });
  // An activation delta or code id written as two varint bytes, the second 0x00 (§1: not canonical, `bad-varint` at that byte).
  const nonCanonical = fc.tuple(fc.constantFrom(...TYPES_WITH.delta), fc.constantFrom('delta', 'code'), fc.constantFrom(0, 1, 2)).map(([type, field, v]): HostileRecord => {
    const fields = field === 'delta' ? [0x80 | v, 0x00, 0x00] : [0x02, 0x80 | v, 0x00];
    return { what: `event 0x${type.toString(16)} ${field} ${v} as 2 bytes ending 0x00`, bytes: [type, ...fields, 0x01, 0x01, 0x01] };
  });
  const lengthOff = fc.constantFrom(0, 0, -1, 1, 2 ** 21);
  const text = fc.constantFrom(...TEXTS);
  const define = fc.tuple(fc.constantFrom(...CODES), text, lengthOff).map(([code, [name, bytes], off]): HostileRecord => {
    const length = Math.max(0, bytes.length + off);
    return { what: `define-code ${code} ${name} length ${length}`, bytes: [0x02, ...varint(code), ...varint(length), ...bytes] };
  });
  const payload = fc.tuple(text, lengthOff).map(([[name, bytes], off]): HostileRecord => {
    const length = Math.max(0, bytes.length + off);
    return { what: `payload ${name} length ${length}`, bytes: [0x0d, ...varint(length), ...bytes] };
  });
  const single = fc.tuple(fc.constantFrom(0x03, 0x04, 0x05), edge).map(([type, v]): HostileRecord => ({ what: `record 0x${type.toString(16)} ${v}`, bytes: [type, ...varint(v)] }));
  const checkpoint = fc.tuple(fc.tuple(edge, edge, edge, edge), fc.constantFrom(0, 1, 2, 3, 4, 2 ** 32 + 1), fc.array(fc.tuple(edge, fc.constantFrom(...CODES), fc.constantFrom(0, 1, 2, 3)), { maxLength: 3 }), fc.constantFrom(0, 1, 65537)).map(
    ([[index, before, seq, base], flags, open, extra]): HostileRecord => {
      const count = open.length + extra; // as many as the list holds, one more, or past §8's 65536
      const fields = [index, before, seq, flags, ...((flags & 1) === 1 || flags === 2 ** 32 + 1 ? [base] : []), count];
      const bytes = [0x01, ...fields.flatMap(varint), ...open.flatMap(([a, code, state]) => [...varint(a), ...varint(code), state])];
      return { what: `checkpoint ${fields.join(' ')} open ${open.map((o) => o.join('/')).join(',')}`, bytes };
    },
  );
  // An extension (§6) of a few bytes, or one whose length runs past any chunk.
  const extension = fc.tuple(fc.integer({ min: 0x40, max: 0x7f }), fc.constantFrom(0, 1, 127, 128, 2 ** 21)).map(([type, length]): HostileRecord => ({
    what: `extension 0x${type.toString(16)} length ${length}`,
    bytes: [type, ...varint(length), ...new Array<number>(Math.min(length, 128)).fill(0xa5)],
  }));
  return fc.oneof(
    { arbitrary: event, weight: 4 },
    { arbitrary: nonCanonical, weight: 2 },
    { arbitrary: extension, weight: 1 },
    { arbitrary: define, weight: 2 },
    { arbitrary: payload, weight: 2 },
    { arbitrary: single, weight: 2 },
    { arbitrary: checkpoint, weight: 1 }, // a second checkpoint: refused as one before its fields count (CheckpointEdit reaches them)
  );
}

/** The event record types that carry each field of §4 after the activation delta and code id: flags, a peer (waker, awaited activation or stream value), a timestamp. */
const TYPES_WITH = {
  delta: EVENT_TYPES.filter((t) => t !== 0x07 && t !== 0x09 && t !== 0x0a),
  flags: EVENT_TYPES.filter((t) => t >= 0x19),
  peer: [0x06, 0x07, 0x09, 0x0a, 0x0b, 0x17, 0x1f],
  ts: EVENT_TYPES,
} as const;

/**
 * An event record with one field at an edge and the others valid (activation +1, code 0, flags 1, peer 1,
 * timestamp delta 1): a field §4 lists late (a waker, a stream record's value, a timestamp) is reached only
 * when every field before it passes (§7: fields are checked in order), which a record of random fields
 * almost never does. The field is drawn first, then a type that has it, then a value: out of its range
 * half the time (2^32, 2^53; for code ids 2^20).
 */
export function pointedEventArbitrary(): fc.Arbitrary<HostileRecord> {
  const role = fc.constantFrom('delta', 'code', 'flags', 'peer', 'ts') as fc.Arbitrary<'delta' | 'code' | 'flags' | 'peer' | 'ts'>;
  return role.chain((r) =>
    fc.tuple(fc.constantFrom(...TYPES_WITH[r === 'code' ? 'delta' : r]), fc.oneof(edge, fc.constantFrom(2 ** 20, 2 ** 32, 2 ** 53)), fc.boolean()).map(([type, value, timed]): HostileRecord => {
      const stream = type === 0x07 || type === 0x09 || type === 0x0a;
      const peer = stream || type === 0x06 || type === 0x0b || type === 0x17 || type === 0x1f;
      const named = { delta: 2, code: 0, flags: 1, peer: 1, ts: 1, [r]: value };
      const fields = [
        ...(stream ? [] : [named.delta, named.code]),
        ...(type >= 0x19 ? [named.flags] : []),
        ...(peer ? [named.peer] : []),
        ...(timed || r === 'ts' ? [named.ts] : []),
      ];
      return { what: `event 0x${type.toString(16)} ${r} ${value}: fields ${fields.join(' ')}`, bytes: [type, ...fields.flatMap(varint)] };
    }),
  );
}

/**
 * The chunk's own checkpoint with one field changed (§4.1): the chunk index, events before or next seq off by
 * one, flags with an undefined bit, an open count one past the list, or an open entry's state, code or
 * activation out of range. Only a changed first checkpoint reaches §4.1's checks (a second one is refused
 * as a second one).
 */
export interface CheckpointEdit {
  /**
   * Which varint of the checkpoint (0 chunk index, 1 events before, 2 next seq, 3 flags; later ones: the rest
   * in order), or `timestamps`: flag bit 0 flipped with the timestamp base added (0) or removed, so the record
   * stays well formed and only §4.1's "timestamps switched on or off between chunks" is broken.
   */
  readonly field: number | 'timestamps';
  /** Added to the field's value (kept at 0 or more). */
  readonly delta: number;
}

/** Edits of the first checkpoint: a field (the five every checkpoint has three times as likely as an open entry's), and a change from -1 to +2^32. */
export function checkpointEditArbitrary(): fc.Arbitrary<CheckpointEdit> {
  const field = fc.oneof({ arbitrary: fc.nat({ max: 4 }), weight: 3 }, { arbitrary: fc.integer({ min: 5, max: 10 }), weight: 1 }, { arbitrary: fc.constant('timestamps' as const), weight: 1 });
  return fc.record({ field, delta: fc.constantFrom(-1, 1, 2, 4, 2 ** 32) });
}

/**
 * `record` (a checkpoint record, §4 `0x01`) with `edit` applied to its varint number `edit.field` (counted
 * over the record's fields in order, the open list's state bytes taken as fields too).
 * @returns the edited record, or undefined when the record has fewer fields
 */
export function editCheckpoint(record: Uint8Array, edit: CheckpointEdit): Uint8Array | undefined {
  // Field boundaries by §4's field list: index, before, seq, flags, [base], count, then (activation, code, state byte) per entry.
  const fields: [number, number, number][] = []; // start, end, value
  let p = 1;
  const read = (): number => {
    const start = p;
    let value = 0;
    for (let scale = 1; p < record.length; scale *= 128) {
      const b = record[p++]!;
      value += (b & 0x7f) * scale;
      if (b < 0x80) break;
    }
    fields.push([start, p, value]);
    return value;
  };
  read();
  read();
  read();
  const flags = read();
  if (edit.field === 'timestamps') {
    const [start, end] = fields[3]!;
    const base = (flags & 1) === 1 ? (read(), fields[4]!) : undefined;
    const bytes = [...varint(flags ^ 1), ...(base === undefined ? varint(0) : [])];
    return Uint8Array.from([...record.subarray(0, start), ...bytes, ...record.subarray(base?.[1] ?? end)]);
  }
  if ((flags & 1) === 1) read();
  const count = read();
  const states = new Set<number>(); // indices of the one-byte state fields
  for (let i = 0; i < count && p < record.length; i++) {
    read();
    read();
    states.add(fields.length);
    fields.push([p, p + 1, record[p]!]);
    p++;
  }
  const f = fields[edit.field];
  if (f === undefined) return undefined;
  const [start, end, value] = f;
  const next = Math.max(0, value + edit.delta);
  const bytes = states.has(edit.field) ? [next & 0xff] : varint(next);
  const out = new Uint8Array(record.length - (end - start) + bytes.length);
  out.set(record.subarray(0, start));
  out.set(bytes, start);
  out.set(record.subarray(end), start + bytes.length);
  return out;
}
