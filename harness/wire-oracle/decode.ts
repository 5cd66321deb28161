/**
 * An independent decoder of the wire format, written from `src/wire/FORMAT.md` alone (issue 13 part 4):
 * no imports from `src/`, plain objects out. The wire property compares our reader against it on every
 * file our writer produces and on cut, flipped, mutated and random ones (`harness/properties/wire-oracle-check.ts`),
 * so a mistake made the same way in our writer and reader (a field order, a delta base, a flag bit, a
 * length rule) fails `check` although every round trip passes.
 * @module
 */
import { crc32Ieee } from './crc32.ts';
import { OracleRefusal } from './cursor.ts';
import type { OracleChunkRead, OracleEvent, OracleRead, OracleStop } from './decoded.ts';
import { CHUNK_HEADER, CHUNK_MARKER, FILE_HEADER } from './layout.ts';
import { decodePayload, type OracleStream } from './payload-records.ts';

/** §3: a chunk payload is at most 4 MiB. */
const MAX_CHUNK_PAYLOAD = 4 * 1024 * 1024;

/**
 * Reads an input as FORMAT.md §7 says a tolerant reader does: the file header (§2) or none (a run of
 * chunks cut out of a stream, starting with the chunk marker), then chunk after chunk (§3, §4), keeping
 * each chunk's events only once the whole chunk is verified and decoded, and stopping at the first chunk
 * that is cut short (`truncated`) or invalid.
 * @param bytes - any input
 * @returns every whole valid chunk, its checkpoint and events, and where and why reading stopped
 * @example
 * ```ts
 * const r = oracleRead(bytes);
 * r.events.map((e) => `${e.seq} ${ORACLE_KIND_NAMES[e.kind]} #${e.activation} ${e.name}`);
 * r.stop; // { chunk: 2, byteOffset: 530, code: 'bad-crc', ... } for a flipped bit in chunk 2
 * ```
 */
export function oracleRead(bytes: Uint8Array): OracleRead {
  const chunks: OracleChunkRead[] = [];
  const events: OracleEvent[] = [];
  const read = (stop?: OracleStop, version?: OracleRead['version']): OracleRead => ({
    ...(version ? { version } : {}),
    chunks,
    events,
    complete: stop === undefined && chunks.at(-1)?.endTotal !== undefined,
    ...(stop ? { stop } : {}),
  });
  const stopAt = (chunk: number, byteOffset: number, code: string, faultOffset: number, reason: string, fatal = false, announced?: number): OracleStop => ({
    chunk, byteOffset, code, faultOffset, reason, fatal, ...(announced === undefined ? {} : { announced }),
  });
  // 1. The file header (§2), or a run of chunks without one.
  if (bytes.length === 0) return read(stopAt(0, 0, 'truncated', 0, 'no bytes'));
  let at = 0;
  let version: OracleRead['version'];
  if (bytes[0] !== CHUNK_MARKER) {
    for (let i = 0; i < 8 && i < bytes.length; i++) if (bytes[i] !== FILE_HEADER[i]) return read(stopAt(0, 0, 'bad-magic', i, `magic byte ${i} is 0x${bytes[i]!.toString(16)}`, true));
    if (bytes.length < FILE_HEADER.length) return read(stopAt(0, 0, 'truncated', bytes.length, 'input ends inside the file header'));
    if (bytes[8] !== 1) return read(stopAt(0, 0, 'unsupported-version', 8, `major version ${bytes[8]}`, true));
    if (bytes[10] !== 0 || bytes[11] !== 0) return read(stopAt(0, 0, 'bad-header', 10, 'reserved header bytes are not zero', true));
    version = { major: bytes[8]!, minor: bytes[9]! };
    at = FILE_HEADER.length;
  }
  // 2. Chunk after chunk (§3).
  const stream: OracleStream = { codes: new Map(), fileHeader: version !== undefined };
  const u32 = (p: number): number => bytes[p]! + bytes[p + 1]! * 0x100 + bytes[p + 2]! * 0x10000 + bytes[p + 3]! * 0x1000000;
  while (at < bytes.length) {
    let announced: number | undefined; // set once the header is whole and within §3's bounds
    const stop = (code: string, faultOffset: number, reason: string): OracleRead => read(stopAt(chunks.length, at, code, faultOffset, reason, false, announced), version);
    if (chunks.at(-1)?.endTotal !== undefined) return stop('bad-record', at, 'a chunk after the end-of-stream record (§5)');
    if (bytes[at] !== CHUNK_MARKER) return stop('bad-chunk', at, `chunk marker 0x${bytes[at]!.toString(16)}, want 0xc5`);
    if (bytes.length - at < CHUNK_HEADER) return stop('truncated', bytes.length, 'input ends inside a chunk header');
    const length = u32(at + 1);
    const count = u32(at + 5);
    if (length > MAX_CHUNK_PAYLOAD) return stop('limit-exceeded', at + 1, `a chunk payload of ${length} bytes, max 4 MiB`);
    if (count * 3 > length) return stop('bad-chunk', at + 5, `${count} events announced in ${length} bytes (at most length / 3)`);
    announced = count;
    if (bytes.length - at - CHUNK_HEADER < length) return stop('truncated', bytes.length, `input ends inside the chunk at byte ${at}`);
    const payloadStart = at + CHUNK_HEADER;
    const crc = crc32Ieee([bytes.subarray(at + 1, at + 9), bytes.subarray(payloadStart, payloadStart + length)]);
    if (crc !== u32(at + 9)) return stop('bad-crc', at + 9, `CRC 0x${u32(at + 9).toString(16)}, computed 0x${crc.toString(16)}`);
    let payload: ReturnType<typeof decodePayload>;
    try {
      payload = decodePayload(bytes, payloadStart, payloadStart + length, stream);
    } catch (error) {
      if (!(error instanceof OracleRefusal)) throw error;
      return stop(error.code, error.byteOffset, error.message);
    }
    if (payload.events.length !== count) return stop('bad-chunk', at + 5, `${count} events announced, ${payload.events.length} decoded`);
    // 3. The chunk is whole and valid: its events count.
    chunks.push({ byteOffset: at, bytes: CHUNK_HEADER + length, ...payload });
    for (const e of payload.events) events.push(e);
    at += CHUNK_HEADER + length;
  }
  return read(undefined, version);
}
