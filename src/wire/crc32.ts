import CRC32 from 'crc-32';

/**
 * CRC-32 (IEEE 802.3, the zlib/PNG polynomial) of `bytes`, continuing from `seed`.
 * @param bytes - the data
 * @param seed - the CRC of the preceding data, for a CRC over several parts
 * @returns the CRC as an unsigned 32-bit integer
 */
export function crc32(bytes: Uint8Array, seed?: number): number {
  return CRC32.buf(bytes, seed === undefined ? undefined : seed | 0) >>> 0;
}
