import { describe, expect, it } from 'vitest';
import { TraceFormatError } from '../../src/model/errors.ts';
import { EventKind } from '../../src/model/kinds.ts';
import { decodeWire, readWire } from '../../src/wire/reader.ts';
import { CHUNK_HEADER_BYTES, FILE_HEADER_BYTES, LIMITS, Record } from '../../src/wire/spec.ts';
import { checkpoint, chunk, define, event, file, fileHeader, FIRST_PAYLOAD, varint } from '../fixtures/wire-builder.ts';

function error(bytes: Uint8Array): TraceFormatError {
  try {
    decodeWire(bytes);
  } catch (e) {
    if (e instanceof TraceFormatError) return e;
    throw e;
  }
  throw new Error('expected a TraceFormatError');
}
const codeAt = (bytes: Uint8Array): [string, number] => {
  const e = error(bytes);
  return [e.code, e.byteOffset];
};
const end = (total: number): number[] => [Record.End, ...varint(total)];
const ok = file(chunk([...define(0, 'f'), ...checkpoint(), ...event(EventKind.Call, 1, 0), ...event(EventKind.Return, 0, 0), ...end(2)], 2));

describe('wire reader on malformed bytes', () => {
  it('should accept the well-formed baseline', () => {
    expect(decodeWire(ok).length).toBe(2);
  });

  it('should reject a bad magic, an unknown major version and reserved header bits', () => {
    const badMagic = ok.slice();
    badMagic[1] = 0x58;
    expect(error(badMagic)).toMatchObject({ code: 'bad-magic', byteOffset: 1, byte: 0x58 });
    expect(error(badMagic).message).toBe('bad-magic: not a trace-harness wire file (byte 0x58) (at byte 1)');
    expect(codeAt(new Uint8Array([...fileHeader(2, 0), ...ok.subarray(FILE_HEADER_BYTES)]))).toEqual(['unsupported-version', 8]);
    const reserved = ok.slice();
    reserved[11] = 1;
    expect(codeAt(reserved)).toEqual(['bad-header', 10]);
  });

  it('should accept a newer minor version and skip extension records by their length', () => {
    const ext = [0x40, ...varint(3), 9, 9, 9];
    const bytes = new Uint8Array([...fileHeader(1, 7), ...chunk([...define(0, 'f'), ...checkpoint(), ...ext, ...event(EventKind.Call, 1, 0), ...event(EventKind.Return, 0, 0), ...end(2)], 2)]);
    expect(readWire(bytes)).toMatchObject({ complete: true, version: { major: 1, minor: 7 } });
  });

  it('should reject an unknown record type with its offset, never read it as end of file', () => {
    const bytes = file(chunk([...define(0, 'f'), ...checkpoint(), 0x2a, ...event(EventKind.Call, 1, 0)], 1));
    const e = error(bytes);
    expect([e.code, e.byteOffset, e.byte]).toEqual(['unknown-record', FIRST_PAYLOAD + define(0, 'f').length + checkpoint().length, 0x2a]);
  });

  it('should reject a bad CRC, a bad marker and impossible chunk headers', () => {
    const flipped = ok.slice();
    flipped[FIRST_PAYLOAD + 2]! ^= 0x01;
    expect(codeAt(flipped)).toEqual(['bad-crc', FILE_HEADER_BYTES + 9]);
    const marker = ok.slice();
    marker[FILE_HEADER_BYTES] = 0x00;
    expect(error(marker)).toMatchObject({ code: 'bad-chunk', byteOffset: FILE_HEADER_BYTES, byte: 0 });
    const huge = ok.slice();
    new DataView(huge.buffer).setUint32(FILE_HEADER_BYTES + 1, LIMITS.maxChunkBytes + 1, true);
    expect(codeAt(huge)).toEqual(['limit-exceeded', FILE_HEADER_BYTES + 1]);
    const many = ok.slice();
    new DataView(many.buffer).setUint32(FILE_HEADER_BYTES + 5, 1000, true);
    expect(codeAt(many)).toEqual(['bad-chunk', FILE_HEADER_BYTES + 5]);
  });

  it('should reject a chunk whose event count differs from its events', () => {
    expect(codeAt(file(chunk([...define(0, 'f'), ...checkpoint(), ...event(EventKind.Call, 1, 0), ...end(1)], 0)))).toEqual(['bad-chunk', FILE_HEADER_BYTES + 5]);
  });

  it('should reject an event whose code is not defined in its chunk, and conflicting definitions', () => {
    const undef = file(chunk([...checkpoint(), ...event(EventKind.Call, 1, 3), ...end(1)], 1));
    expect(codeAt(undef)).toEqual(['undefined-code', FIRST_PAYLOAD + checkpoint().length]);
    const conflict = file(chunk([...define(0, 'f'), ...define(0, 'g'), ...checkpoint()], 0));
    expect(codeAt(conflict)).toEqual(['code-conflict', FIRST_PAYLOAD + define(0, 'f').length]);
  });

  it('should bound every length before allocating', () => {
    const longName = file(chunk([Record.DefineCode, 0, ...varint(LIMITS.maxStringBytes + 1)], 0));
    expect(codeAt(longName)).toEqual(['limit-exceeded', FIRST_PAYLOAD]);
    const bigId = file(chunk([Record.DefineCode, ...varint(LIMITS.maxCodes), 1, 0x41], 0));
    expect(codeAt(bigId)).toEqual(['limit-exceeded', FIRST_PAYLOAD]);
    const openCount = file(chunk([Record.Checkpoint, 0, 0, 0, 0, ...varint(LIMITS.maxOpen + 1)], 0));
    expect(codeAt(openCount)).toEqual(['limit-exceeded', FIRST_PAYLOAD]);
  });

  it('should reject overlong, non-canonical and unsafe varints', () => {
    const overlong = file(chunk([Record.Checkpoint, ...Array(10).fill(0x80), 0x01], 0));
    expect(codeAt(overlong)).toEqual(['bad-varint', FIRST_PAYLOAD + 1]);
    const trailingZero = file(chunk([Record.Checkpoint, 0x80, 0x00, 0, 0, 0, 0], 0));
    expect(codeAt(trailingZero)).toEqual(['bad-varint', FIRST_PAYLOAD + 2]);
    const unsafe = file(chunk([Record.Checkpoint, 0, 0, ...varint(2 ** 53), 0, 0], 0));
    expect(codeAt(unsafe)).toEqual(['unsafe-integer', FIRST_PAYLOAD + 3]);
  });

  it('should require the checkpoint before events and only one per chunk', () => {
    expect(codeAt(file(chunk([...define(0, 'f'), ...event(EventKind.Call, 1, 0)], 1)))).toEqual(['bad-record', FIRST_PAYLOAD + define(0, 'f').length]);
    expect(codeAt(file(chunk([...checkpoint(), ...checkpoint()], 0)))[0]).toBe('bad-record');
    expect(codeAt(file(chunk([...define(0, 'f')], 0)))).toEqual(['bad-record', FIRST_PAYLOAD]);
  });

  it('should allow only define-code records before the checkpoint (FORMAT.md §3), an extension record too', () => {
    const bytes = file(chunk([0x40, ...varint(0), ...define(0, 'f'), ...checkpoint(), ...event(EventKind.Call, 1, 0), ...end(1)], 1));
    expect(codeAt(bytes)).toEqual(['bad-record', FIRST_PAYLOAD]);
  });

  it('should reject checkpoint flags it does not know, a bit past bit 31 too (2^32 + 1 is not bit 0)', () => {
    // flags 2^32 + 1 (varint 81 80 80 80 10), timestamp base 0, 0 open
    const bytes = file(chunk([...define(0, 'f'), Record.Checkpoint, 0, 0, 0, 0x81, 0x80, 0x80, 0x80, 0x10, 0, 0, ...event(EventKind.Call, 1, 0), 0, ...end(1)], 1));
    expect(codeAt(bytes)).toEqual(['bad-record', FIRST_PAYLOAD + define(0, 'f').length]);
  });

  it('should reject chunks out of order, repeated, or after the end of stream', () => {
    const c0 = chunk([...define(0, 'f'), ...checkpoint(0, 0, 0), ...event(EventKind.Call, 1, 0)], 1);
    const c1 = chunk([...define(0, 'f'), ...checkpoint(1, 1, 1), ...event(EventKind.Return, 1, 0), ...end(2)], 1);
    expect(decodeWire(file(c0, c1)).length).toBe(2);
    const repeated = readWire(file(c0, c0, c1));
    expect([repeated.chunks, repeated.loss?.error.code, repeated.loss?.byteOffset]).toEqual([1, 'bad-record', FILE_HEADER_BYTES + c0.length]);
    expect(error(file(c0, c1, c1)).message).toContain('bytes after the end-of-stream chunk');
  });

  it('should tell a torn tail (truncated) from corruption, with the events lost where known', () => {
    const r = readWire(ok.subarray(0, ok.length - 1));
    expect(r.loss).toMatchObject({ byteOffset: FILE_HEADER_BYTES, lostBytes: ok.length - 1 - FILE_HEADER_BYTES, lostEvents: 2 });
    expect(r.loss!.error.code).toBe('truncated');
    const headerOnly = readWire(ok.subarray(0, FILE_HEADER_BYTES + CHUNK_HEADER_BYTES - 1));
    expect(headerOnly.loss?.lostEvents).toBeUndefined();
    expect(readWire(ok.subarray(0, 5)).loss?.error.code).toBe('truncated');
    expect(readWire(new Uint8Array(0)).loss?.error.code).toBe('truncated');
  });

  it('should reject invalid UTF-8 in a code name and flag bits it does not know', () => {
    expect(codeAt(file(chunk([Record.DefineCode, 0, 2, 0xc3, 0x28], 0)))[0]).toBe('bad-record');
    const flags = file(chunk([...define(0, 'f'), ...checkpoint(), Record.EventFlags + EventKind.Call, 2, 0, 4], 1));
    expect(codeAt(flags)[0]).toBe('unknown-flag');
  });
});
