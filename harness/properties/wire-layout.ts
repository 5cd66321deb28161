import { CHUNK_HEADER_BYTES, FILE_HEADER_BYTES } from '../../src/wire/spec.ts';

/** One chunk of a wire file: its byte range `[start, end)` and the events its header announces. */
export interface ChunkExtent {
  readonly start: number;
  readonly end: number;
  readonly events: number;
}

/**
 * The chunks of a valid wire file, read from the chunk headers alone (no CRC check): the ground truth a
 * recovery property compares with.
 * @param bytes - a file written by {@link WireWriter}
 */
export function chunkLayout(bytes: Uint8Array): ChunkExtent[] {
  const out: ChunkExtent[] = [];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  for (let at = FILE_HEADER_BYTES; at + CHUNK_HEADER_BYTES <= bytes.length; ) {
    const end = at + CHUNK_HEADER_BYTES + view.getUint32(at + 1, true);
    out.push({ start: at, end, events: view.getUint32(at + 5, true) });
    at = end;
  }
  return out;
}
