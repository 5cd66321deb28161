/**
 * What our writer spends bytes on (FORMAT.md §9, "Economy"): a reader decodes the same events from a file with a
 * code defined twice in a chunk, a `seq-set` that repeats the implicit seq, a `timestamp-reset` where the clock
 * did not go back, or another timestamp base, so only a check of the file's records sees a writer that writes
 * them. Judged on the records as FORMAT.md lays them out (`harness/wire-oracle/`), never by our reader.
 * @module
 */
import { oracleRead } from '../wire-oracle/decode.ts';
import { splitChunks } from '../wire-oracle/layout.ts';
import { isEventRecord, splitRecords, type OracleRecord } from '../wire-oracle/records.ts';

const CHECKPOINT = 0x01;
const DEFINE_CODE = 0x02;
const SEQ_SET = 0x04;
const TS_RESET = 0x05;
const MAX_SEQ = Number.MAX_SAFE_INTEGER;

/** The varint of FORMAT.md §1 at `at` (a field of a record already split, so it ends inside the payload). */
function varintAt(bytes: Uint8Array, at: number): number {
  let value = 0;
  for (let shift = 1, p = at; ; shift *= 128) {
    const b = bytes[p++]!;
    value += (b & 0x7f) * shift;
    if (b < 0x80) return value;
  }
}

/**
 * The economy rules of FORMAT.md §9 on a file a fresh `WireWriter` wrote (not one continuing a stream, whose first
 * timestamp base is 0): in each chunk, every code is defined at most once and before a use in that chunk (the
 * checkpoint's open list or an event); a `seq-set` goes only before an event whose seq is not the implicit one
 * (§4.4); a `timestamp-reset` only before an event whose timestamp is below the one before it (§4.5); chunk 0's
 * timestamp base is its first event's timestamp (0 without events), a later chunk's the previous chunk's last
 * timestamp.
 * @param bytes - a whole file as written
 * @returns what breaks a rule, one line each (the first break of each chunk); empty when the rules hold or the
 *   file is not FORMAT.md's (the oracle's own checks report that)
 */
export function checkWriterEconomy(bytes: Uint8Array): string[] {
  const chunks = splitChunks(bytes);
  const read = oracleRead(bytes);
  if (typeof chunks === 'string' || read.stop !== undefined || read.chunks.length !== chunks.length) return [];
  const problems: string[] = [];
  let lastTs = 0;
  for (const [k, chunk] of chunks.entries()) {
    const records = splitRecords(chunk.payload);
    if (typeof records === 'string') return [];
    const { checkpoint, events } = read.chunks[k]!;
    const at = `economy (FORMAT.md §9): chunk ${k} at byte ${chunk.start}`;
    const problem = chunkProblem(chunk.payload, records, checkpoint, events, k === 0 ? (events[0]?.tsNs ?? 0) : lastTs);
    if (problem !== undefined) problems.push(`${at}: ${problem}`);
    if (checkpoint.timestamps) lastTs = events.length > 0 ? events[events.length - 1]!.tsNs! : checkpoint.tsBaseNs!;
  }
  return problems;
}

type Checkpoint = ReturnType<typeof oracleRead>['chunks'][number]['checkpoint'];
type Events = ReturnType<typeof oracleRead>['chunks'][number]['events'];

/** The first economy rule one chunk breaks, or undefined. */
function chunkProblem(
  payload: Uint8Array,
  records: readonly OracleRecord[],
  checkpoint: Checkpoint,
  events: Events,
  wantBase: number,
): string | undefined {
  if (checkpoint.timestamps && checkpoint.tsBaseNs !== wantBase) return `timestamp base ${checkpoint.tsBaseNs}, want ${wantBase}`;
  const defined = new Set<number>();
  const unused = new Set<number>();
  let e = 0;
  let implicitSeq = checkpoint.nextSeq;
  let ts = checkpoint.tsBaseNs ?? 0;
  let seqSet = false;
  let reset = false;
  for (const r of records) {
    if (r.type === DEFINE_CODE) {
      const code = varintAt(payload, r.start + 1);
      if (defined.has(code)) return `code ${code} defined twice`;
      defined.add(code);
      unused.add(code);
    } else if (r.type === CHECKPOINT) for (const o of checkpoint.open) unused.delete(o.code);
    else if (r.type === SEQ_SET) seqSet = true;
    else if (r.type === TS_RESET) reset = true;
    else if (isEventRecord(r.type)) {
      const event = events[e++]!;
      if (seqSet && event.seq === implicitSeq) return `a seq-set before event ${e - 1} (seq ${event.seq}), whose seq is the implicit one`;
      if (reset && event.tsNs! >= ts) return `a timestamp-reset before event ${e - 1} (${event.tsNs} ns), where the clock did not go back from ${ts} ns`;
      if (event.code !== undefined) unused.delete(event.code);
      implicitSeq = event.seq < MAX_SEQ ? event.seq + 1 : event.seq;
      if (event.tsNs !== undefined) ts = event.tsNs;
      seqSet = reset = false;
    }
  }
  const never = [...unused];
  return never.length > 0 ? `code ${never[0]} defined but not used in the chunk` : undefined;
}
