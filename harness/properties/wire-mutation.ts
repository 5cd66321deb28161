import fc from 'fast-check';
import { isEventRecord, type OracleRecord, splitRecords } from '../wire-oracle/records.ts';
import { crc32Ieee } from '../wire-oracle/crc32.ts';
import { FILE_HEADER, type OracleChunk, sealChunk, splitChunks, varint } from '../wire-oracle/layout.ts';
import { type CheckpointEdit, checkpointEditArbitrary, editCheckpoint, type HostileRecord, hostileRecordArbitrary, pointedEventArbitrary } from './wire-hostile-records.ts';
import { fraction as unitFraction } from './fraction.ts';

/**
 * A record-level mutation of one chunk of a valid file (issue 13 part 3): records inserted, dropped,
 * duplicated or swapped, types and values the writer never emits; the chunk is then sealed again with a
 * correct CRC, so the mutation reaches the decoder's record logic instead of its CRC check.
 */
export type RecordMutation =
  /** A record type FORMAT.md §4 does not define: `unknown-record` at its offset. */
  | { readonly kind: 'unknown'; readonly type: number }
  /** An extension record (`0x40`..`0x7F`) of `length` bytes: skipped by its length (§6). */
  | { readonly kind: 'extension'; readonly type: number; readonly length: number }
  /** An extension whose length runs `over` bytes past the chunk's end: a typed error at this chunk. */
  | { readonly kind: 'extension-overrun'; readonly type: number; readonly over: number }
  /** An extension whose length varint has a trailing zero byte (non-canonical, §1): `bad-varint`. */
  | { readonly kind: 'non-canonical'; readonly type: number }
  /** A `seq-set` of 2^53 (§1: a value above 2^53 - 1 is `unsafe-integer`, never rounded). */
  | { readonly kind: 'unsafe-seq' }
  /** A `seq-set` varint 11 bytes long (§1: at most 10 bytes, else `bad-varint`). */
  | { readonly kind: 'overlong-varint' }
  /** An `end-of-stream` with the right total ending a chunk that is not the last (§5: the next chunk is `bad-record`). */
  | { readonly kind: 'stray-end' }
  /** An event record dropped or duplicated: the chunk's event count no longer matches (§3 `bad-chunk`). */
  | { readonly kind: 'drop-event' | 'duplicate-event' }
  /** Two event records swapped: the count still matches; the other chunks must read as before. */
  | { readonly kind: 'swap-events' }
  /** A record the writer never writes, with field values at the edges (`wire-hostile-records.ts`); FORMAT.md's verdict is the independent reader's. */
  | { readonly kind: 'hostile'; readonly record: HostileRecord }
  /** The chunk's checkpoint with one field changed (§4.1's checks). */
  | { readonly kind: 'checkpoint'; readonly edit: CheckpointEdit }
  /** The payload cut `keep` (modulo their count) bytes after the checkpoint: a record torn by the chunk's end; the header announces the events that can still fit (§3). */
  | { readonly kind: 'torn'; readonly keep: number }
  /**
   * The payload cut inside an event record: after its type byte (`cut` 0), after its activation delta (1), or
   * after the first byte of a two-byte code id (2); and the byte after the chunk (the next chunk's marker, or
   * one appended after the last chunk) is `0x02`, a byte a varint could go on with. §3 bounds every record by
   * its own payload, so the record is torn whatever follows the chunk.
   */
  | { readonly kind: 'torn-record'; readonly cut: 0 | 1 | 2 }
  /** A record inserted before the chunk's checkpoint, where §3 allows only `define-code`s. */
  | { readonly kind: 'before-checkpoint'; readonly record: HostileRecord }
  /** The chunk's checkpoint dropped (§3: exactly one per chunk). */
  | { readonly kind: 'no-checkpoint' }
  /** The chunk cut to the `define-code`s before its checkpoint, no event announced (§3: a chunk without a checkpoint). */
  | { readonly kind: 'bare-chunk' }
  /** A record after the last chunk's `end-of-stream` record, placed in the last chunk (§5: `bad-record`). */
  | { readonly kind: 'after-end'; readonly record: HostileRecord }
  /** A chunk header field set to one of its edges (`HEADER_VALUES`, `choice` modulo their count), the CRC computed again over the new header (§3's bounds and marker). */
  | { readonly kind: 'header'; readonly field: HeaderField; readonly choice: number };

/** A chunk header field a `header` mutation sets. */
export type HeaderField = 'marker' | 'length' | 'events';

/** §3's edges for each header field, from the chunk's own payload length `l` and event count `e`: one off, at the bound, one past it, the u32 maximum. */
const HEADER_VALUES: Readonly<Record<HeaderField, (l: number, e: number) => readonly number[]>> = {
  marker: () => [0x00, 0xc4, 0xc6, 0x89, 0xff],
  length: (l) => [l - 1, l + 1, l - 3, l + 3, 4 * 1024 * 1024, 4 * 1024 * 1024 + 1, 2 ** 32 - 1],
  events: (l, e) => [e - 1, e + 1, 0, Math.floor(l / 3), Math.floor(l / 3) + 1, 2 ** 32 - 1],
};

/** A mutation and where it goes: which chunk and which record boundary in it, as fractions in [0, 1). */
export interface PlacedMutation {
  readonly mutation: RecordMutation;
  readonly at: readonly [number, number];
}

/** Unknown record types: every code FORMAT.md §4 leaves free below the extension range, and above it. */
const UNKNOWN_TYPES = [0x00, 0x0e, 0x0f, 0x10, 0x18, ...Array.from({ length: 32 }, (_, i) => 0x20 + i), 0x80, 0xc5, 0xff];
/** Extension lengths at every varint width boundary a chunk can hold: 2^(7k) - 1, 2^(7k), 2^(7k) + 1, k = 1, 2; and 0. */
const EXTENSION_LENGTHS = [0, 1, 127, 128, 129, 16383, 16384, 16385];

/**
 * One mutation of each family, each placed on its own (every mutated file is read on its own): a
 * structural edit (a record type FORMAT.md does not define, an extension, a stray end, an event dropped,
 * duplicated or swapped), a hostile record, an event with one field at an edge, a checkpoint edit, a torn or checkpoint-less chunk, an event
 * record torn by its chunk's end, a record before the checkpoint, a chunk header edit. Every family in every case, so a run of a hundred cases
 * (the mutation-score sizing, bench/mutation/check.config.mjs) meets each family a hundred times instead
 * of a handful.
 */
export function mutationBatteryArbitrary(): fc.Arbitrary<PlacedMutation[]> {
  const fraction = unitFraction();
  // The chunk: anywhere, or the last one half the time, so that in a multi-chunk file the checks a chunk
  // after the first meets (FORMAT.md §4.1's continuity with the chunk before) are reached as often as the first's.
  const at = fc.tuple(fc.oneof(fraction, fc.constant(1 - 2 ** -20)), fraction);
  const placed = (m: fc.Arbitrary<RecordMutation>): fc.Arbitrary<PlacedMutation> => fc.record({ mutation: m, at });
  return fc.tuple(
    placed(structuralMutationArbitrary()),
    placed(fc.record({ kind: fc.constant('hostile' as const), record: hostileRecordArbitrary() })),
    placed(fc.record({ kind: fc.constant('hostile' as const), record: pointedEventArbitrary() })),
    placed(fc.record({ kind: fc.constant('checkpoint' as const), edit: checkpointEditArbitrary() })),
    placed(fc.oneof(fc.record({ kind: fc.constant('torn' as const), keep: fc.nat({ max: 0xffff }) }), fc.constantFrom({ kind: 'no-checkpoint' as const }, { kind: 'bare-chunk' as const }))),
    placed(fc.record({ kind: fc.constant('torn-record' as const), cut: fc.constantFrom<0 | 1 | 2>(0, 1, 2) })),
    placed(fc.record({ kind: fc.constant('before-checkpoint' as const), record: hostileRecordArbitrary() })),
    placed(fc.record({ kind: fc.constant('header' as const), field: fc.constantFrom<HeaderField>('marker', 'length', 'events'), choice: fc.nat({ max: 6 }) })),
  );
}

/** The structural mutations (types the format does not define, extensions, stray ends, events dropped, duplicated or swapped), each kind as likely as the others. */
function structuralMutationArbitrary(): fc.Arbitrary<RecordMutation> {
  const ext = fc.integer({ min: 0x40, max: 0x7f });
  return fc.oneof(
    fc.record({ kind: fc.constant('unknown' as const), type: fc.constantFrom(...UNKNOWN_TYPES) }),
    fc.record({ kind: fc.constant('extension' as const), type: ext, length: fc.constantFrom(...EXTENSION_LENGTHS) }),
    fc.record({ kind: fc.constant('extension-overrun' as const), type: ext, over: fc.constantFrom(1, 2, 127, 128, 0x7fffffff) }),
    fc.record({ kind: fc.constant('non-canonical' as const), type: ext }),
    fc.constant({ kind: 'unsafe-seq' as const }),
    fc.constant({ kind: 'overlong-varint' as const }),
    fc.constant({ kind: 'stray-end' as const }),
    fc.constantFrom({ kind: 'drop-event' as const }, { kind: 'duplicate-event' as const }, { kind: 'swap-events' as const }),
    fc.record({ kind: fc.constant('after-end' as const), record: hostileRecordArbitrary() }),
  );
}

/** What FORMAT.md says a reader does with a mutated file. */
export type MutationExpectation =
  /** Reads every chunk, with the same events as the original file. */
  | { readonly kind: 'same' }
  /** Reads the chunks before `chunk` exactly, then stops there with a typed error (`code` when FORMAT.md names it, at `recordOffset` when it names that). */
  | { readonly kind: 'error'; readonly chunk: number; readonly chunkOffset: number; readonly code?: string; readonly recordOffset?: number }
  /** Reads every chunk but the mutated one exactly as before, with the same event count (§4.3: events are relative, any order is a format-valid trace). */
  | { readonly kind: 'same-count'; readonly chunk: number }
  /** Reads the chunks before `chunk` exactly; from there the verdict (refusal or reading) is the independent reader's. */
  | { readonly kind: 'judged'; readonly chunk: number; readonly chunkOffset: number };

/** A mutated file and what FORMAT.md expects of it; undefined when the mutation has no place in this file. */
export interface MutatedFile {
  readonly bytes: Uint8Array;
  readonly expect: MutationExpectation;
}

/**
 * Applies `m` to chunk number `pick` (a fraction of the chunk count, in [0, 1)) at a record boundary
 * chosen by `where`, re-seals that chunk, and derives the expected reading from FORMAT.md.
 * @param file - a valid, complete file (our writer's)
 * @returns the mutated file and its expectation, or undefined when the chunk has no place for `m`
 */
export function mutateRecords(file: Uint8Array, m: RecordMutation, pick: number, where: number): MutatedFile | undefined {
  const chunks = splitChunks(file);
  if (typeof chunks === 'string') throw new Error(`mutateRecords: not a FORMAT.md file: ${chunks}`);
  // A record after the end-of-stream record goes in the last chunk, where that record is.
  const ci = m.kind === 'after-end' ? chunks.length - 1 : Math.min(chunks.length - 1, Math.floor(pick * chunks.length));
  const chunk = chunks[ci]!;
  const records = splitRecords(chunk.payload);
  if (typeof records === 'string') throw new Error(`mutateRecords: chunk ${ci}: ${records}`);
  const last = ci === chunks.length - 1;
  // Boundaries after the checkpoint, neither between an event and its payload nor after end-of-stream.
  const firstAfterCheckpoint = records.findIndex((r) => r.type === 0x01) + 1;
  const boundaries: number[] = [];
  for (let i = firstAfterCheckpoint; i <= records.length; i++) if (records[i]?.type !== 0x0d && records[i - 1]?.type !== 0x03) boundaries.push(i);
  const at = boundaries[Math.min(boundaries.length - 1, Math.floor(where * boundaries.length))]!;
  const offsetOf = (i: number): number => (i < records.length ? records[i]!.start : chunk.payload.length);
  const insert = (bytes: ArrayLike<number>): Uint8Array => splice(chunk.payload, offsetOf(at), 0, bytes);
  const recordOffset = chunk.start + 13 + offsetOf(at);
  const error = (code?: string, withOffset = true): MutationExpectation => ({ kind: 'error', chunk: ci, chunkOffset: chunk.start, ...(code ? { code } : {}), ...(withOffset && code ? { recordOffset } : {}) });
  const events = (rs: readonly OracleRecord[]): number[] => rs.map((r, i) => (isEventRecord(r.type) ? i : -1)).filter((i) => i >= 0);
  const withPayload = (i: number): [number, number] => {
    const r = records[i]!;
    const end = records[i + 1]?.type === 0x0d ? records[i + 1]!.end : r.end;
    return [r.start, end];
  };
  let payload: Uint8Array;
  let expect: MutationExpectation;
  let announced = chunk.events;
  let sealed: Uint8Array | undefined; // a header edit seals the chunk itself
  const cpIndex = firstAfterCheckpoint - 1;
  switch (m.kind) {
    case 'unknown':
      payload = insert([m.type]);
      expect = error('unknown-record');
      break;
    case 'extension':
      payload = insert(Uint8Array.from([m.type, ...varint(m.length), ...new Array<number>(m.length).fill(0xa5)]));
      expect = { kind: 'same' };
      break;
    case 'extension-overrun':
      payload = insert([m.type, ...varint(chunk.payload.length - offsetOf(at) + m.over)]);
      expect = error();
      break;
    case 'non-canonical':
      payload = insert([m.type, 0x81, 0x00, 0xa5]);
      expect = error('bad-varint', false);
      break;
    case 'unsafe-seq':
      payload = insert([0x04, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x10]); // 2^53 as 8 varint bytes
      expect = error('unsafe-integer', false);
      break;
    case 'overlong-varint':
      payload = insert([0x04, 0x81, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00]);
      expect = error('bad-varint', false);
      break;
    case 'stray-end': {
      if (last) return undefined;
      const total = chunks.slice(0, ci + 1).reduce((n, c) => n + c.events, 0);
      payload = splice(chunk.payload, chunk.payload.length, 0, [0x03, ...varint(total)]);
      // The next chunk starts later by the bytes the end record added.
      expect = { kind: 'error', chunk: ci + 1, chunkOffset: chunks[ci + 1]!.start + payload.length - chunk.payload.length };
      break;
    }
    case 'drop-event':
    case 'duplicate-event': {
      const ev = events(records);
      if (ev.length === 0) return undefined;
      const [s, e] = withPayload(ev[Math.min(ev.length - 1, Math.floor(where * ev.length))]!);
      payload = m.kind === 'drop-event' ? splice(chunk.payload, s, e - s, []) : splice(chunk.payload, e, 0, chunk.payload.subarray(s, e));
      expect = error();
      break;
    }
    case 'swap-events': {
      const ev = events(records);
      if (ev.length < 2) return undefined;
      const k = Math.min(ev.length - 2, Math.floor(where * (ev.length - 1)));
      const [s1, e1] = withPayload(ev[k]!);
      const [s2, e2] = withPayload(ev[k + 1]!);
      if (e1 !== s2) return undefined; // a non-event record between them: not a plain swap
      payload = splice(chunk.payload, s1, e2 - s1, Uint8Array.from([...chunk.payload.subarray(s2, e2), ...chunk.payload.subarray(s1, e1)]));
      expect = { kind: 'same-count', chunk: ci };
      break;
    }
    case 'hostile': {
      // A payload record goes right after an event where the chunk has one, so its text is what gets judged.
      const afterEvent = boundaries.filter((i) => isEventRecord(records[i - 1]?.type ?? 0));
      const to = m.record.bytes[0] === 0x0d && afterEvent.length > 0 ? afterEvent[Math.min(afterEvent.length - 1, Math.floor(where * afterEvent.length))]! : at;
      payload = splice(chunk.payload, offsetOf(to), 0, m.record.bytes);
      expect = { kind: 'judged', chunk: ci, chunkOffset: chunk.start };
      break;
    }
    case 'checkpoint': {
      const cp = records.find((r) => r.type === 0x01)!;
      const edited = editCheckpoint(chunk.payload.subarray(cp.start, cp.end), m.edit);
      if (edited === undefined) return undefined;
      payload = splice(chunk.payload, cp.start, cp.end - cp.start, edited);
      expect = { kind: 'judged', chunk: ci, chunkOffset: chunk.start };
      break;
    }
    case 'torn': {
      const from = records[firstAfterCheckpoint - 1]!.end;
      payload = chunk.payload.slice(0, from + (m.keep % Math.max(1, chunk.payload.length - from)));
      announced = Math.min(chunk.events, Math.floor(payload.length / 3)); // within §3's bound, so the torn record is what gets refused
      expect = { kind: 'judged', chunk: ci, chunkOffset: chunk.start };
      break;
    }
    case 'torn-record': {
      // The first event record at or after the boundary (else the chunk's last), cut; a stream record (no activation delta) cut as a call.
      const ev = events(records);
      const i = ev.find((k) => k >= at) ?? ev.at(-1);
      if (i === undefined) return undefined;
      const type = [0x07, 0x09, 0x0a].includes(records[i]!.type) ? 0x11 : records[i]!.type;
      const cut = [[type], [type, 0x02], [type, 0x02, 0x81]][m.cut]!;
      payload = splice(chunk.payload.subarray(0, records[i]!.start), records[i]!.start, 0, cut);
      announced = Math.min(chunk.events, Math.floor(payload.length / 3));
      const out = rebuild(file, chunks, ci, sealChunk(payload, announced));
      const after = chunks[ci]!.start + 13 + payload.length;
      if (after === out.length) return { bytes: Uint8Array.from([...out, 0x02]), expect: { kind: 'judged', chunk: ci, chunkOffset: chunk.start } };
      out[after] = 0x02;
      return { bytes: out, expect: { kind: 'judged', chunk: ci, chunkOffset: chunk.start } };
    }
    case 'before-checkpoint': {
      // Before any define-code, between them, or right before the checkpoint.
      const to = records[Math.min(cpIndex, Math.floor(where * (cpIndex + 1)))]!.start;
      payload = splice(chunk.payload, to, 0, m.record.bytes);
      expect = { kind: 'judged', chunk: ci, chunkOffset: chunk.start };
      break;
    }
    case 'bare-chunk': {
      payload = chunk.payload.slice(0, records[cpIndex]!.start);
      announced = 0;
      expect = { kind: 'judged', chunk: ci, chunkOffset: chunk.start };
      break;
    }
    case 'after-end': {
      if (records.at(-1)?.type !== 0x03) return undefined; // a file that was not closed
      payload = splice(chunk.payload, chunk.payload.length, 0, m.record.bytes);
      expect = { kind: 'judged', chunk: ci, chunkOffset: chunk.start };
      break;
    }
    case 'no-checkpoint': {
      const cp = records[cpIndex]!;
      payload = splice(chunk.payload, cp.start, cp.end - cp.start, []);
      expect = { kind: 'judged', chunk: ci, chunkOffset: chunk.start };
      break;
    }
    case 'header': {
      payload = chunk.payload;
      const values = HEADER_VALUES[m.field](payload.length, chunk.events);
      const value = Math.max(0, values[m.choice % values.length]!); // one below 0 is 0
      sealed = sealChunk(payload, chunk.events);
      if (m.field === 'marker') sealed[0] = value;
      else {
        const at4 = m.field === 'length' ? 1 : 5;
        for (let k = 0; k < 4; k++) sealed[at4 + k] = (value >>> (8 * k)) & 0xff;
        const crc = crc32Ieee([sealed.subarray(1, 9), payload]);
        for (let k = 0; k < 4; k++) sealed[9 + k] = (crc >>> (8 * k)) & 0xff;
      }
      expect = { kind: 'judged', chunk: ci, chunkOffset: chunk.start };
      break;
    }
  }
  return { bytes: rebuild(file, chunks, ci, sealed ?? sealChunk(payload, announced)), expect };
}


/** `bytes` with `remove` bytes at `at` replaced by `insert`. */
function splice(bytes: Uint8Array, at: number, remove: number, insert: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(bytes.length - remove + insert.length);
  out.set(bytes.subarray(0, at));
  out.set(insert, at);
  out.set(bytes.subarray(at + remove), at + insert.length);
  return out;
}

/** The file with chunk `ci` replaced by `sealed`. */
function rebuild(file: Uint8Array, chunks: readonly OracleChunk[], ci: number, sealed: Uint8Array): Uint8Array {
  const before = file.subarray(0, chunks[ci]!.start);
  const after = ci + 1 < chunks.length ? file.subarray(chunks[ci + 1]!.start) : new Uint8Array(0);
  const out = new Uint8Array(before.length + sealed.length + after.length);
  out.set(before);
  out.set(sealed, before.length);
  out.set(after, before.length + sealed.length);
  return out;
}

/** FORMAT.md §2's header, for a check that our writer starts every file with it. */
export { FILE_HEADER };
