/**
 * The records of one chunk payload decoded field by field, by FORMAT.md §4 alone (the independent
 * decoder's core; `decode.ts` frames it). Deliberately plain: one loop over the records, one branch per
 * record type of §4's table, every field named as the table names it.
 * @module
 */
import { Cursor, MAX_U32, MAX_VALUE } from './cursor.ts';
import type { OracleCheckpoint, OracleEvent, OracleOpen } from './decoded.ts';
import { isCompactJsonPayload } from './payload-json.ts';

/** What spans the chunks of one stream. */
export interface OracleStream {
  /** §4.2: code ids are stable within a stream; a second definition must give the same name. */
  readonly codes: Map<number, string>;
  /** The input began with §2's file header: its first chunk is chunk 0 with 0 events before (§4.1). */
  readonly fileHeader: boolean;
  /** From the first checkpoint; every later one must say the same (§4.1). */
  timestamps?: boolean;
  /** What the next chunk's checkpoint must say (§4.1), once a chunk was read. */
  next?: { readonly chunkIndex: number; readonly eventsBefore: number; readonly nextSeq: number };
}

/** One chunk's payload, read. */
export interface OraclePayload {
  readonly checkpoint: OracleCheckpoint;
  readonly events: OracleEvent[];
  readonly endTotal?: number;
}

/** §8 limits. */
const MAX_CODES = 2 ** 20;
const MAX_NAME_BYTES = 4096;
const MAX_PAYLOAD_BYTES = 4096;
const MAX_OPEN = 65536;

/** §4's event records whose type is not `0x10 + kind` / `0x18 + kind`, by type. */
const OWN_TYPE_KINDS: Readonly<Record<number, number>> = { 0x06: 8, 0x07: 9, 0x08: 10, 0x09: 11, 0x0a: 12, 0x0b: 13, 0x0c: 14 };

/** The kind of an event record type (§4, §4.3), or undefined when the type is no event. */
export function eventKindOfType(type: number): number | undefined {
  if (type >= 0x11 && type <= 0x17) return type - 0x10;
  if (type >= 0x19 && type <= 0x1f) return type - 0x18;
  return OWN_TYPE_KINDS[type];
}

/**
 * Decodes the records of `bytes[start, end)`, a chunk's payload (§3: zero or more `define-code`s,
 * exactly one `checkpoint`, then any records).
 * @param stream - the stream so far; its code table grows and its continuity is checked
 * @returns the checkpoint, the events (seq and timestamps resolved) and the end-of-stream total if any
 * @throws {@link OracleRefusal} at the first record FORMAT.md refuses
 */
export function decodePayload(bytes: Uint8Array, start: number, end: number, stream: OracleStream): OraclePayload {
  const c: Cursor = new Cursor(bytes, start, end);
  const defined = new Set<number>(); // §4.2: ids defined earlier in this chunk
  let checkpoint: OracleCheckpoint | undefined;
  const events: { -readonly [K in keyof OracleEvent]: OracleEvent[K] }[] = [];
  let seq = 0;
  let ts = 0;
  let activation = 0; // §4.3: deltas start from 0 at the chunk start
  let endTotal: number | undefined;
  let payloadTarget: (typeof events)[number] | undefined;
  while (c.at < end) {
    const at = c.at;
    const type = c.byte();
    const kind = eventKindOfType(type);
    const target = payloadTarget;
    payloadTarget = undefined; // §4.6: a payload attaches only to the record right before it
    // 1. A type §4 does not define is `unknown-record`; before the checkpoint only `define-code`s (§3).
    const known = kind !== undefined || (type >= 0x01 && type <= 0x05) || type === 0x0d || (type >= 0x40 && type <= 0x7f);
    if (!known) c.refuse('unknown-record', at, `record type 0x${type.toString(16)}`);
    if (checkpoint === undefined && type !== 0x01 && type !== 0x02) c.refuse('bad-record', at, `record 0x${type.toString(16)} before the chunk's checkpoint (§3: only define-code may precede it)`);
    // 2. Events: their fields in §4's order.
    if (kind !== undefined) {
      const e: (typeof events)[number] = { seq, kind, activation: 0, flags: 0 };
      if (kind !== 9 && kind !== 11 && kind !== 12) {
        const a = activation + c.zigzag();
        if (a < 0 || a > MAX_U32) c.refuse('bad-record', at, `activation ${a} outside 0..2^32-1`);
        activation = a;
        e.activation = a;
        const code = c.varint();
        if (!defined.has(code)) c.refuse('undefined-code', at, `code ${code} not defined earlier in this chunk`);
        e.code = code;
        e.name = stream.codes.get(code)!;
      }
      if (type >= 0x19 && type <= 0x1f) {
        const flags = c.varint();
        if (flags === 0) c.refuse('bad-record', at, 'a flags field of 0');
        if (flags !== 1) c.refuse('unknown-flag', at, `flags ${flags} (only bit 0 is defined)`);
        e.flags = flags;
      }
      if (kind === 7) e.waker = c.u32('waker', at);
      if (kind === 8 || kind === 13) e.awaited = c.u32('awaited activation', at);
      if (kind === 9) e.dropped = c.u32('count of records dropped', at);
      if (kind === 11 || kind === 12) e.checkpointId = c.u32('checkpoint id', at);
      if (checkpoint!.timestamps) {
        ts += c.varint();
        if (ts > MAX_VALUE) c.refuse('unsafe-integer', at, 'a timestamp past 2^53 - 1');
        e.tsNs = ts;
      }
      events.push(e);
      if (seq < MAX_VALUE) seq++; // §4.4: the implicit successor saturates
      if (kind !== 9 && kind !== 11 && kind !== 12) payloadTarget = e;
      continue;
    }
    // 3. The other records.
    switch (type) {
      case 0x01: {
        if (checkpoint !== undefined) c.refuse('bad-record', at, 'a second checkpoint in one chunk');
        checkpoint = readCheckpoint(c, at, defined, stream);
        seq = checkpoint.nextSeq;
        ts = checkpoint.tsBaseNs ?? 0;
        break;
      }
      case 0x02: {
        const code = c.varint();
        if (code >= MAX_CODES) c.refuse('limit-exceeded', at, `code id ${code}, max 2^20 - 1`);
        const length = c.varint();
        if (length > MAX_NAME_BYTES) c.refuse('limit-exceeded', at, `a code name of ${length} bytes, max 4096`);
        const name = c.utf8(length, 'code name', at);
        const known = stream.codes.get(code);
        if (known !== undefined && known !== name) c.refuse('code-conflict', at, `code ${code} is "${known}", defined again as "${name}"`);
        stream.codes.set(code, name);
        defined.add(code);
        break;
      }
      case 0x03: {
        const total = c.varint();
        if (total !== checkpoint!.eventsBefore + events.length) c.refuse('bad-record', at, `end-of-stream total ${total}, want ${checkpoint!.eventsBefore + events.length}`);
        if (c.at !== end) c.refuse('bad-record', c.at, 'a record after end-of-stream (§5)');
        endTotal = total;
        break;
      }
      case 0x04:
        seq = c.varint();
        break;
      case 0x05:
        if (!checkpoint!.timestamps) c.refuse('bad-record', at, 'a timestamp-reset in a stream without timestamps');
        ts = c.varint();
        break;
      case 0x0d: {
        if (target === undefined) c.refuse('bad-record', at, 'a payload not right after an event record (or a second one)');
        const length = c.varint();
        if (length > MAX_PAYLOAD_BYTES) c.refuse('limit-exceeded', at, `a payload of ${length} bytes, max 4096`);
        const textAt = c.at;
        const text = c.utf8(length, 'payload', at);
        if (!isCompactJsonPayload(text)) c.refuse('bad-record', textAt, 'payload text is not compact JSON (§4.6)');
        target.payload = text;
        break;
      }
      default: {
        // Extension 0x40..0x7F (§6): skipped by its length.
        const length = c.varint();
        if (length > end - c.at) c.refuse('bad-record', at, `an extension record of ${length} bytes runs past the end of its chunk`);
        c.at += length;
      }
    }
  }
  if (checkpoint === undefined) return c.refuse('bad-record', start, 'a chunk without a checkpoint');
  stream.next = { chunkIndex: checkpoint.chunkIndex + 1, eventsBefore: checkpoint.eventsBefore + events.length, nextSeq: seq };
  return { checkpoint, events, ...(endTotal !== undefined ? { endTotal } : {}) };
}

/** The checkpoint record's fields (§4 `0x01`) and §4.1's checks against the chunk before. */
function readCheckpoint(c: Cursor, at: number, defined: ReadonlySet<number>, stream: OracleStream): OracleCheckpoint {
  const chunkIndex = c.varint();
  const eventsBefore = c.varint();
  const nextSeq = c.varint();
  const flags = c.varint();
  if (flags > 3) c.refuse('bad-record', at, `checkpoint flags ${flags}: only bits 0 and 1 are defined`);
  const timestamps = flags === 1 || flags === 3;
  const partial = flags >= 2;
  const tsBaseNs = timestamps ? c.varint() : undefined;
  const count = c.varint();
  if (count > MAX_OPEN || count * 3 > c.end - c.at) c.refuse('limit-exceeded', at, `${count} open activations (max 65536 and remaining payload / 3)`);
  const open: OracleOpen[] = [];
  for (let i = 0; i < count; i++) {
    const activation = c.u32('open activation', at);
    const code = c.varint();
    if (!defined.has(code)) c.refuse('undefined-code', at, `open activation's code ${code} not defined earlier in this chunk`);
    const stateAt = c.at;
    const state = c.byte();
    if (state !== 1 && state !== 2) c.refuse('bad-record', stateAt, `open state ${state}, want 1 (running) or 2 (suspended)`);
    open.push({ activation, code, name: stream.codes.get(code)!, state: state === 1 ? 'running' : 'suspended' });
  }
  // §4.1: continuity with the chunk before (a reordered, repeated or missing chunk), or the start of a file.
  const want = stream.next ?? (stream.fileHeader ? { chunkIndex: 0, eventsBefore: 0, nextSeq } : { chunkIndex, eventsBefore, nextSeq });
  if (chunkIndex !== want.chunkIndex || eventsBefore !== want.eventsBefore || nextSeq !== want.nextSeq) {
    c.refuse('bad-record', at, `checkpoint says chunk ${chunkIndex}, ${eventsBefore} events before, next seq ${nextSeq}; want ${want.chunkIndex}, ${want.eventsBefore}, ${want.nextSeq}`);
  }
  if (stream.timestamps !== undefined && stream.timestamps !== timestamps) c.refuse('bad-record', at, 'timestamps switched on or off between chunks');
  stream.timestamps = timestamps;
  return { chunkIndex, eventsBefore, nextSeq, timestamps, partial, ...(tsBaseNs !== undefined ? { tsBaseNs } : {}), open };
}
