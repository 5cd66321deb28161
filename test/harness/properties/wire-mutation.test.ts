import { describe, expect, it } from 'vitest';
import { checkLayout, checkRecordMutation } from '../../../harness/properties/wire-mutation-check.ts';
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
