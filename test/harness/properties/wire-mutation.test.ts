import { describe, expect, it } from 'vitest';
import { checkLayout, checkRecordMutation } from '../../../harness/properties/wire-mutation-check.ts';
import { editCheckpoint } from '../../../harness/properties/wire-hostile-records.ts';
import { checkAgainstOracle } from '../../../harness/properties/wire-oracle-check.ts';
import { mutateRecords, type RecordMutation } from '../../../harness/properties/wire-mutation.ts';
import { crc32Ieee } from '../../../harness/wire-oracle/crc32.ts';
import { splitChunks } from '../../../harness/wire-oracle/layout.ts';
import { splitRecords } from '../../../harness/wire-oracle/records.ts';
import { EventKind } from '../../../src/model/kinds.ts';
import { Trace } from '../../../src/model/trace.ts';
import { encodeWire } from '../../../src/wire/encode.ts';
import { readWire } from '../../../src/wire/reader.ts';

// 300 calls of two codes in chunks of 256 bytes: several chunks, the last one closed by end-of-stream.
const trace = Trace.fromEvents(
  Array.from({ length: 300 }, (_, i) => ({ seq: i, kind: EventKind.Call, activation: i + 1, code: i % 2, flags: 0 })),
  ['alpha', 'beta'],
);
const file = encodeWire(trace, { chunkBytes: 256 });
const same = (t: Trace, n: number): boolean => t.length >= n && t.events().slice(0, n).every((e, i) => e.activation === i + 1 && e.seq === i);

describe('the independent wire oracle', () => {
  it('should compute the standard CRC-32 check value', () => {
    expect(crc32Ieee([new TextEncoder().encode('123456789')])).toBe(0xcbf43926);
  });

  it('should split our file into FORMAT.md chunks and records, events counted as the headers say', () => {
    const chunks = splitChunks(file);
    if (typeof chunks === 'string') throw new Error(chunks);
    expect(chunks.length).toBeGreaterThan(2);
    let events = 0;
    for (const c of chunks) {
      const records = splitRecords(c.payload);
      if (typeof records === 'string') throw new Error(records);
      expect(records.filter((r) => r.type === 0x11).length).toBe(c.events);
      events += c.events;
    }
    expect(events).toBe(300);
    expect(checkLayout(file)).toEqual([]);
  });

  it('should fail the layout check for a CRC computed the wrong way in both writer and reader', () => {
    // A codec whose CRC skips the header bytes, written and read consistently: its own reader accepts it.
    const chunks = splitChunks(file) as Exclude<ReturnType<typeof splitChunks>, string>;
    const wrong = file.slice();
    for (const c of chunks) new DataView(wrong.buffer).setUint32(c.start + 9, crc32Ieee([c.payload]), true);
    expect(checkLayout(wrong)).toHaveLength(chunks.length);
    expect(checkLayout(wrong)[0]).toMatch(/^chunk at byte 12: CRC 0x[0-9a-f]+, want 0x[0-9a-f]+/);
  });
});

describe('record mutations re-sealed with a correct CRC', () => {
  const cases: [RecordMutation, string | undefined][] = [
    [{ kind: 'unknown', type: 0x2a }, 'unknown-record'],
    [{ kind: 'non-canonical', type: 0x41 }, 'bad-varint'],
    [{ kind: 'unsafe-seq' }, 'unsafe-integer'],
    [{ kind: 'overlong-varint' }, 'bad-varint'],
  ];
  for (const [m, code] of cases) {
    it(`should have the reader stop at the mutated chunk with ${code} for ${m.kind}`, () => {
      const mutated = mutateRecords(file, m, 0.5, 0.5)!;
      expect(mutated.expect).toMatchObject({ kind: 'error', code });
      const r = readWire(mutated.bytes);
      expect(r.loss?.error.code).toBe(code);
      expect(checkRecordMutation(file, m, [0.5, 0.5], same, 300)).toEqual([]);
    });
  }

  it('should expect an event record torn by its chunk\'s end to be refused there, whatever byte follows the chunk', () => {
    for (const pick of [0.5, 1 - 2 ** -20]) {
      for (const cut of [0, 1, 2] as const) {
        const mutated = mutateRecords(file, { kind: 'torn-record', cut }, pick, 0.5)!;
        // The torn chunk's header (§3): its payload length at +1, u32 little-endian.
        const start = (mutated.expect as { chunkOffset: number }).chunkOffset;
        const end = start + 13 + new DataView(mutated.bytes.buffer, mutated.bytes.byteOffset).getUint32(start + 1, true);
        // The record's bytes written so far end the payload: the type (0x11, a call), delta 0x02, a code's first byte 0x81.
        expect([...mutated.bytes.subarray(end - 1 - cut, end)]).toEqual([0x11, 0x02, 0x81].slice(0, cut + 1));
        expect(mutated.bytes[end]).toBe(0x02);
        // §7: a record that runs past its chunk's payload is `bad-record` at the first byte of the field that does not fit
        // (the payload's end after the type or the delta, the code's first byte when it has one); the 0x02 after it is never read.
        const r = readWire(mutated.bytes);
        expect(r.loss?.error.code, `cut ${cut}`).toBe('bad-record');
        expect(r.loss?.error.byteOffset, `cut ${cut}`).toBe(cut === 2 ? end - 1 : end);
        expect(checkAgainstOracle('torn-record', mutated.bytes)).toEqual([]);
        expect(checkRecordMutation(file, { kind: 'torn-record', cut }, [pick, 0.5], same, 300)).toEqual([]);
      }
    }
  });

  it('should have both readers refuse an event whose delta or code id is a two-byte varint ending 0x00, at that byte (§1, §7)', () => {
    for (const bytes of [[0x11, 0x02, 0x81, 0x00, 0x01], [0x11, 0x02, 0x80, 0x00, 0x01], [0x11, 0x82, 0x00, 0x00, 0x01]]) {
      const m: RecordMutation = { kind: 'hostile', record: { what: 'non-canonical', bytes } };
      const mutated = mutateRecords(file, m, 0.5, 0.5)!;
      const r = readWire(mutated.bytes);
      expect(r.loss?.error.code).toBe('bad-varint');
      const at = r.loss!.error.byteOffset;
      expect([...mutated.bytes.subarray(at - 2, at + 1)]).toEqual(bytes.slice(bytes.indexOf(0x00) - 2, bytes.indexOf(0x00) + 1));
      expect(checkAgainstOracle('non-canonical', mutated.bytes)).toEqual([]);
    }
  });

  it('should skip an extension record at every varint width boundary of its length', () => {
    for (const length of [0, 127, 128, 129, 16383, 16384, 16385]) {
      const mutated = mutateRecords(file, { kind: 'extension', type: 0x7f, length }, 0.3, 0.9)!;
      expect(mutated.bytes.length).toBeGreaterThan(file.length + length);
      const r = readWire(mutated.bytes);
      expect(r.loss).toBeUndefined();
      expect(r.trace.length).toBe(300);
      expect(same(r.trace, 300)).toBe(true);
    }
  });

  it('should expect a stray end-of-stream to make the next chunk a typed error, and none for the last chunk', () => {
    const mutated = mutateRecords(file, { kind: 'stray-end' }, 0, 0)!;
    const chunks = splitChunks(file) as Exclude<ReturnType<typeof splitChunks>, string>;
    // The first chunk grew by its end record (0x03 and the varint of its event count): the next one starts later.
    expect(mutated.expect).toEqual({ kind: 'error', chunk: 1, chunkOffset: chunks[1]!.start + 1 + (chunks[0]!.events < 128 ? 1 : 2) });
    expect(readWire(mutated.bytes).loss?.error.code).toBe('bad-record');
    expect(mutateRecords(file, { kind: 'stray-end' }, 0.99, 0)).toBeUndefined();
  });

  it('should expect dropped and duplicated events to stop the reader at that chunk', () => {
    for (const kind of ['drop-event', 'duplicate-event'] as const) {
      expect(checkRecordMutation(file, { kind }, [0.5, 0.1], same, 300)).toEqual([]);
      const r = readWire(mutateRecords(file, { kind }, 0.5, 0.1)!.bytes);
      expect(r.loss?.error.code).toMatch(/^bad-(chunk|record)$/);
    }
  });

  it('should report a reader that skips an unknown record instead of failing', () => {
    // The expectation is FORMAT.md's, not the reader's: a reader that reads everything is caught.
    const wrongSame = (): boolean => true;
    const problems = checkRecordMutation(file, { kind: 'unknown', type: 0x30 }, [0.2, 0.2], wrongSame, 40);
    expect(problems).toEqual([]);
    const mutated = mutateRecords(file, { kind: 'unknown', type: 0x30 }, 0.2, 0.2)!;
    expect(mutated.expect.kind).toBe('error');
    expect(readWire(mutated.bytes).trace.length).toBeLessThan(300);
  });
});

describe('records the writer never writes (hostile records, checkpoint edits, torn records)', () => {
  it('should edit one field of a checkpoint: a varint, or an open entry\'s state byte', () => {
    // checkpoint: index 3, 100 before, next seq 100, flags 0, 1 open: activation 5, code 0, state 2 (suspended)
    const cp = Uint8Array.of(0x01, 3, 100, 100, 0, 1, 5, 0, 2);
    expect([...editCheckpoint(cp, { field: 0, delta: 1 })!]).toEqual([0x01, 4, 100, 100, 0, 1, 5, 0, 2]);
    // fields: 0 index, 1 before, 2 seq, 3 flags, 4 open count (no timestamp base: flags 0), 5 activation, 6 code, 7 state
    expect([...editCheckpoint(cp, { field: 5, delta: 2 ** 32 })!]).toEqual([0x01, 3, 100, 100, 0, 1, 0x85, 0x80, 0x80, 0x80, 0x10, 0, 2]);
    expect([...editCheckpoint(cp, { field: 7, delta: 1 })!]).toEqual([0x01, 3, 100, 100, 0, 1, 5, 0, 3]);
    expect([...editCheckpoint(cp, { field: 1, delta: -1 })!]).toEqual([0x01, 3, 99, 100, 0, 1, 5, 0, 2]);
    expect(editCheckpoint(cp, { field: 8, delta: 1 })).toBeUndefined();
  });

  it('should have both readers refuse a wake whose waker is 2^32 at the record (FORMAT.md §7), the chunks before read', () => {
    // 0x17: a wake, activation delta +0 (zigzag 0), code 0, waker 2^32 (varint 80 80 80 80 10)
    const m: RecordMutation = { kind: 'hostile', record: { what: 'wake waker 2^32', bytes: [0x17, 0x00, 0x00, 0x80, 0x80, 0x80, 0x80, 0x10] } };
    const mutated = mutateRecords(file, m, 0.5, 0.5)!;
    expect(mutated.expect).toMatchObject({ kind: 'judged' });
    const chunks = splitChunks(mutated.bytes) as Exclude<ReturnType<typeof splitChunks>, string>;
    const ci = (mutated.expect as { chunk: number }).chunk;
    const r = readWire(mutated.bytes);
    expect(r.loss).toMatchObject({ byteOffset: chunks[ci]!.start, error: { code: 'bad-record' } });
    expect(mutated.bytes[r.loss!.error.byteOffset]).toBe(0x17); // at the record's type byte
    expect(checkAgainstOracle('hostile', mutated.bytes)).toEqual([]);
    expect(checkRecordMutation(file, m, [0.5, 0.5], same, 300, mutated)).toEqual([]);
  });

  it('should refuse a record torn by the chunk\'s end, and catch a reader that then loses the chunks before', () => {
    const m: RecordMutation = { kind: 'torn', keep: 4 };
    const mutated = mutateRecords(file, m, 0.5, 0.5)!;
    const r = readWire(mutated.bytes);
    expect(r.loss?.error.code).toMatch(/^bad-(record|chunk)$/);
    expect(checkAgainstOracle('torn', mutated.bytes)).toEqual([]);
    expect(checkRecordMutation(file, m, [0.5, 0.5], same, 300, mutated)).toEqual([]);
    const losesAll = (b: Uint8Array): ReturnType<typeof readWire> => ({ ...readWire(b), trace: Trace.fromEvents([], []) });
    expect(checkRecordMutation(file, m, [0.5, 0.5], same, 300, mutated, losesAll)).toEqual([expect.stringMatching(/^record mutation torn 4 bytes after the checkpoint: want the \d+ events before chunk \d+ as before/)]);
  });

  it('should reach a checkpoint\'s continuity check: chunk index + 1 is bad-record at the checkpoint', () => {
    const m: RecordMutation = { kind: 'checkpoint', edit: { field: 0, delta: 1 } };
    const mutated = mutateRecords(file, m, 0.5, 0.5)!;
    const r = readWire(mutated.bytes);
    expect(r.loss?.error.code).toBe('bad-record');
    expect(mutated.bytes[r.loss!.error.byteOffset]).toBe(0x01);
    expect(checkAgainstOracle('checkpoint', mutated.bytes)).toEqual([]);
  });

  it('should have both readers refuse an event before the checkpoint at the record (§3: only define-code may precede it)', () => {
    const m: RecordMutation = { kind: 'before-checkpoint', record: { what: 'call', bytes: [0x11, 0x02, 0x00] } };
    const mutated = mutateRecords(file, m, 0.5, 0)!;
    const r = readWire(mutated.bytes);
    expect(r.loss?.error.code).toBe('bad-record');
    expect(mutated.bytes[r.loss!.error.byteOffset]).toBe(0x11);
    expect(checkAgainstOracle('before-checkpoint', mutated.bytes)).toEqual([]);
    expect(checkRecordMutation(file, m, [0.5, 0], same, 300, mutated)).toEqual([]);
  });

  it('should have both readers refuse a chunk whose checkpoint was dropped', () => {
    const mutated = mutateRecords(file, { kind: 'no-checkpoint' }, 0.5, 0)!;
    expect(readWire(mutated.bytes).loss?.error.code).toBe('bad-record');
    expect(checkAgainstOracle('no-checkpoint', mutated.bytes)).toEqual([]);
  });

  it('should have both readers refuse a chunk cut to its define-codes, at the chunk (§3: a chunk without a checkpoint)', () => {
    const mutated = mutateRecords(file, { kind: 'bare-chunk' }, 0.5, 0)!;
    const chunks = splitChunks(file) as Exclude<ReturnType<typeof splitChunks>, string>;
    const ci = Math.floor(0.5 * chunks.length);
    const r = readWire(mutated.bytes);
    expect([r.loss?.error.code, r.loss?.byteOffset, r.loss?.error.byteOffset]).toEqual(['bad-record', chunks[ci]!.start, chunks[ci]!.start + 13]);
    expect(checkAgainstOracle('bare-chunk', mutated.bytes)).toEqual([]);
  });

  it('should have both readers refuse a record after the end-of-stream record, at that record (§5)', () => {
    const mutated = mutateRecords(file, { kind: 'after-end', record: { what: 'call', bytes: [0x11, 0x02, 0x00] } }, 0, 0)!;
    const r = readWire(mutated.bytes);
    expect([r.loss?.error.code, mutated.bytes[r.loss!.error.byteOffset], r.loss!.error.byteOffset]).toEqual(['bad-record', 0x11, mutated.bytes.length - 3]);
    expect(r.trace.length).toBe(300 - (splitChunks(file) as { events: number }[]).at(-1)!.events);
    expect(checkAgainstOracle('after-end', mutated.bytes)).toEqual([]);
  });

  it('should flip a checkpoint\'s timestamps flag with its base, so a later chunk breaks only §4.1\'s timestamps rule', () => {
    // index 2, before 5, seq 5, flags 0, count 0  <->  index 2, before 5, seq 5, flags 1, base 0, count 0
    const off = Uint8Array.from([0x01, 2, 5, 5, 0, 0]);
    const on = Uint8Array.from([0x01, 2, 5, 5, 1, 0, 0]);
    expect(editCheckpoint(off, { field: 'timestamps', delta: 0 })).toEqual(on);
    expect(editCheckpoint(Uint8Array.from([0x01, 2, 5, 5, 1, 0x80, 0x01, 0]), { field: 'timestamps', delta: 0 })).toEqual(off);
    const mutated = mutateRecords(file, { kind: 'checkpoint', edit: { field: 'timestamps', delta: 0 } }, 0.5, 0)!;
    const r = readWire(mutated.bytes);
    expect([r.loss?.error.code, mutated.bytes[r.loss!.error.byteOffset]]).toEqual(['bad-record', 0x01]);
    expect(r.loss?.error.message).toContain('timestamps switched on or off between chunks');
    expect(checkAgainstOracle('timestamps', mutated.bytes)).toEqual([]);
  });

  it.each([
    ['marker', 0, 'bad-chunk'],
    ['length', 4, 'truncated'], // 4 MiB: allowed, and longer than the file
    ['length', 5, 'limit-exceeded'], // 4 MiB + 1
    ['events', 1, 'bad-chunk'], // one more than decoded
    ['events', 5, 'bad-chunk'], // 2^32 - 1: more than the payload holds
  ] as const)('should set the header %s to edge %i with a correct CRC: %s, as the independent reader says', (field, choice, code) => {
    const mutated = mutateRecords(file, { kind: 'header', field, choice }, 0.5, 0)!;
    const chunks = splitChunks(file) as Exclude<ReturnType<typeof splitChunks>, string>;
    const ci = (mutated.expect as { chunk: number }).chunk;
    const r = readWire(mutated.bytes);
    expect(r.loss).toMatchObject({ byteOffset: chunks[ci]!.start, error: { code } });
    expect(r.trace.length).toBe(chunks.slice(0, ci).reduce((n, c) => n + c.events, 0));
    expect(checkAgainstOracle('header', mutated.bytes)).toEqual([]);
  });
});
