import { crc32Ieee } from './crc32.ts';

/** FORMAT.md §2: the file header, 12 bytes: magic, major 1, minor 0, two reserved zero bytes. */
export const FILE_HEADER = Uint8Array.of(0x89, 0x54, 0x52, 0x48, 0x0d, 0x0a, 0x1a, 0x0a, 1, 0, 0, 0);
/** FORMAT.md §3: a chunk header is 13 bytes: marker `0xC5`, payload length u32, event count u32, CRC u32 (little-endian). */
export const CHUNK_MARKER = 0xc5;
/** FORMAT.md §3: the chunk header's size in bytes. */
export const CHUNK_HEADER = 13;

/** One chunk as FORMAT.md §3 lays it out: where it starts in the file, its announced event count, its payload. */
export interface OracleChunk {
  readonly start: number;
  readonly events: number;
  readonly crc: number;
  readonly payload: Uint8Array;
}

/**
 * Splits a wire file into its chunks by FORMAT.md §2 and §3 alone (no CRC check, no record decoding).
 * @param bytes - a complete file
 * @returns the chunks, or a reason the framing is not FORMAT.md's
 */
export function splitChunks(bytes: Uint8Array): OracleChunk[] | string {
  for (let i = 0; i < FILE_HEADER.length; i++) if (bytes[i] !== FILE_HEADER[i]) return `file header byte ${i} is 0x${(bytes[i] ?? 0).toString(16)}, want 0x${FILE_HEADER[i]!.toString(16)}`;
  const u32 = (at: number): number => (bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16) | (bytes[at + 3]! << 24)) >>> 0;
  const chunks: OracleChunk[] = [];
  for (let at = FILE_HEADER.length; at < bytes.length; ) {
    if (at + CHUNK_HEADER > bytes.length) return `chunk header at ${at} cut short`;
    if (bytes[at] !== CHUNK_MARKER) return `chunk marker at ${at} is 0x${bytes[at]!.toString(16)}`;
    const length = u32(at + 1);
    if (at + CHUNK_HEADER + length > bytes.length) return `chunk at ${at} runs past the end`;
    chunks.push({ start: at, events: u32(at + 5), crc: u32(at + 9), payload: bytes.subarray(at + CHUNK_HEADER, at + CHUNK_HEADER + length) });
    at += CHUNK_HEADER + length;
  }
  return chunks;
}

/**
 * A chunk sealed by FORMAT.md §3: marker, payload length, event count, and the CRC-32 of header bytes 1..8
 * then the payload.
 * @param payload - the records
 * @param events - the event count the header announces
 */
export function sealChunk(payload: Uint8Array, events: number): Uint8Array {
  const out = new Uint8Array(CHUNK_HEADER + payload.length);
  const put = (at: number, v: number): void => {
    for (let k = 0; k < 4; k++) out[at + k] = (v >>> (8 * k)) & 0xff;
  };
  out[0] = CHUNK_MARKER;
  put(1, payload.length);
  put(5, events);
  put(9, crc32Ieee([out.subarray(1, 9), payload]));
  out.set(payload, CHUNK_HEADER);
  return out;
}

/**
 * The unsigned LEB128 varint of FORMAT.md §1 (7 bits a byte, low group first), for values up to 2^53 - 1.
 * @param value - a non-negative safe integer
 */
export function varint(value: number): number[] {
  const out: number[] = [];
  let v = value;
  while (v >= 0x80) {
    out.push((v % 0x80) | 0x80);
    v = Math.floor(v / 0x80);
  }
  out.push(v);
  return out;
}
