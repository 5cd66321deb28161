import { describe, expect, it } from 'vitest';
import { checkRecordRow, checkWireRecordTable, WIRE_RECORD_ROWS } from '../../../harness/properties/wire-record-table.ts';
import { readWire } from '../../../src/wire/reader.ts';

describe('hand-built chunks at the edges of the record decoder', () => {
  it.each(WIRE_RECORD_ROWS.map((r) => [r.name, r] as const))('should hold our reader and the oracle to FORMAT.md: %s', (_, r) => {
    expect(checkRecordRow(r)).toEqual([]);
  });

  it('should pass as a whole, once', () => {
    expect(checkWireRecordTable()).toEqual([]);
  });

  it('should catch a reader that gives another code', () => {
    const r = WIRE_RECORD_ROWS[0]!;
    const lenient = (bytes: Uint8Array): ReturnType<typeof readWire> => {
      const got = readWire(bytes);
      return { ...got, loss: undefined };
    };
    expect(checkRecordRow(r, lenient)[0]).toBe('wire record table, record type 0x18 (kind 0 with flags): our reader gives none, FORMAT.md unknown-record');
  });
});
