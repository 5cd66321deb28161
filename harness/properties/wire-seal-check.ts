/**
 * Where our writer ends chunks when nothing flushes (FORMAT.md §9: it "seals a chunk once the events after its
 * checkpoint reach `chunkBytes`", at the next event), judged on the file's own records split by FORMAT.md alone
 * (`harness/wire-oracle/`): a writer that never seals for size (one chunk past 4 MiB, which every reader
 * refuses) or seals early reads back the same events, so only this rule sees it.
 * @module
 */
import { splitChunks } from '../wire-oracle/layout.ts';
import { isEventRecord, splitRecords } from '../wire-oracle/records.ts';

const CHECKPOINT = 0x01;
const PAYLOAD = 0x0d;

/**
 * Every chunk of a file our writer wrote with `chunkBytes` and no flush option: the bytes after its checkpoint
 * up to its last event (that event's define-code, seq-set and timestamp-reset records excluded: they were
 * written for it) stay under `chunkBytes`, else the chunk was sealed late; and each chunk but the last
 * reaches `chunkBytes` after its checkpoint, else it was sealed early.
 * @param bytes - a file as written (a file header, then chunks)
 * @param chunkBytes - the writer's option
 * @returns what breaks the rule, one line (the first chunk that does); empty when it holds or the file is not
 *   FORMAT.md's (the oracle's checks report that)
 */
export function checkSealRule(bytes: Uint8Array, chunkBytes: number): string[] {
  const chunks = splitChunks(bytes);
  if (typeof chunks === 'string') return [];
  for (const [k, chunk] of chunks.entries()) {
    const records = splitRecords(chunk.payload);
    if (typeof records === 'string') return [];
    const at = records.findIndex((r) => r.type === CHECKPOINT);
    if (at < 0) return [];
    const after = records[at]!.end;
    // The end of the records of the event before the last one (its payload record included): the chunk's
    // size when the last event was appended.
    const events = records.map((r, i) => (isEventRecord(r.type) ? i : -1)).filter((i) => i > at);
    if (events.length === 0) continue;
    const prev = events.length > 1 ? events[events.length - 2]! : at;
    const prevEnd = records[prev + 1]?.type === PAYLOAD && prev !== at ? records[prev + 1]!.end : records[prev]!.end;
    if (prevEnd - after >= chunkBytes) {
      return [`seal rule (FORMAT.md §9): chunk ${k} at byte ${chunk.start} held ${prevEnd - after} bytes after its checkpoint when its last event came, not sealed at chunkBytes ${chunkBytes}`];
    }
    const size = chunk.payload.length - after;
    if (k < chunks.length - 1 && size < chunkBytes) {
      return [`seal rule (FORMAT.md §9): chunk ${k} at byte ${chunk.start} sealed with ${size} bytes after its checkpoint, before chunkBytes ${chunkBytes} and with no flush`];
    }
  }
  return [];
}
