/**
 * The framing of a wire file as the fuzz driver sees it (FORMAT.md §2-3): the optional 12-byte file
 * header, then chunks of a 13-byte header and a payload. Read leniently (the driver's own seeds are valid;
 * a mutated file is framed as far as it goes) and written back with fresh lengths and CRCs, so that a
 * mutation inside a payload reaches the record decoder instead of stopping at `bad-crc`.
 * @module
 */
import { crc32 } from '../../src/wire/crc32.ts';
import { CHUNK_HEADER_BYTES, CHUNK_MARKER, FILE_HEADER_BYTES } from '../../src/wire/spec.ts';

/** One chunk: its announced event count and its payload bytes. @internal */
export interface Frame {
  events: number;
  payload: Uint8Array;
}

/** A wire file split into its file header (absent for a run of chunks) and chunks; `rest` is what does not frame. @internal */
export interface Framed {
  header: Uint8Array | undefined;
  frames: Frame[];
  rest: Uint8Array;
}

/** Splits wire bytes into header and chunks, stopping at the first chunk that does not frame. */
export function frames(bytes: Uint8Array): Framed {
  let at = 0;
  let header: Uint8Array | undefined;
  if (bytes.length > 0 && bytes[0] !== CHUNK_MARKER) {
    header = bytes.slice(0, FILE_HEADER_BYTES);
    at = header.length;
  }
  const out: Frame[] = [];
  while (at + CHUNK_HEADER_BYTES <= bytes.length && bytes[at] === CHUNK_MARKER) {
    const view = new DataView(bytes.buffer, bytes.byteOffset + at, CHUNK_HEADER_BYTES);
    const length = view.getUint32(1, true);
    if (at + CHUNK_HEADER_BYTES + length > bytes.length) break;
    out.push({ events: view.getUint32(5, true), payload: bytes.slice(at + CHUNK_HEADER_BYTES, at + CHUNK_HEADER_BYTES + length) });
    at += CHUNK_HEADER_BYTES + length;
  }
  return { header, frames: out, rest: bytes.slice(at) };
}

/**
 * One chunk's bytes: marker, payload length, event count, CRC-32 over header bytes 1..8 and the payload.
 * @param frame - the chunk
 * @param length - the payload length to announce (a lie when it differs from the payload's)
 * @param goodCrc - write the right CRC (else a wrong one)
 */
export function chunkBytes(frame: Frame, length = frame.payload.length, goodCrc = true): Uint8Array {
  const out = new Uint8Array(CHUNK_HEADER_BYTES + frame.payload.length);
  const view = new DataView(out.buffer);
  out[0] = CHUNK_MARKER;
  view.setUint32(1, length >>> 0, true);
  view.setUint32(5, frame.events >>> 0, true);
  out.set(frame.payload, CHUNK_HEADER_BYTES);
  const crc = crc32(out.subarray(CHUNK_HEADER_BYTES), crc32(out.subarray(1, 9)));
  view.setUint32(9, goodCrc ? crc : (crc ^ 1) >>> 0, true);
  return out;
}

/** Writes a framed file back, every chunk with its real length and CRC. */
export function unframe(f: Framed): Uint8Array {
  return concat([f.header ?? new Uint8Array(0), ...f.frames.map((c) => chunkBytes(c)), f.rest]);
}

/** The bytes of several arrays, one after the other. @internal */
export function concat(parts: readonly Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
