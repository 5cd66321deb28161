/**
 * CRC-32 as FORMAT.md §3 names it (IEEE 802.3, as zlib and PNG: reflected polynomial 0xEDB88320, initial
 * value and final XOR 0xFFFFFFFF), written here from that definition (a table of the 256 byte values, each computed bit by bit) and sharing nothing with
 * `src/wire/` (which uses the `crc-32` package): a CRC mistake made the same way in our writer and reader
 * is invisible to a round trip, not to this.
 * @param parts - the bytes, in order (a chunk's header bytes 1..8, then its payload)
 * @returns the CRC, an unsigned 32-bit integer
 * @example
 * ```ts
 * crc32Ieee([new TextEncoder().encode('123456789')]); // 0xCBF43926, the standard check value
 * ```
 */
export function crc32Ieee(parts: readonly Uint8Array[]): number {
  let crc = 0xffffffff;
  for (const bytes of parts) for (const byte of bytes) crc = TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** The CRC of each byte value, bit by bit from the polynomial (the standard table-driven form of the same definition). */
const TABLE = Uint32Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  return c >>> 0;
});
