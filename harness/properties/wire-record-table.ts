/**
 * Once per process, hand-built chunks at the edges of the record decoder that the structural mutations of the
 * wire property draw about once in hundreds of cases, or never (issue 13: the surviving mutants of
 * `src/wire/chunk-decoder.ts` named them). Each row's expected error code is FORMAT.md's, written here by hand;
 * our reader and the decoder written from FORMAT.md alone (`harness/wire-oracle/`) must both give it, and
 * agree on where ({@link checkAgainstOracle}).
 * @module
 */
import { TraceFormatError } from '../../src/model/errors.ts';
import { decodeWire, readWire } from '../../src/wire/reader.ts';
import { oracleRead } from '../wire-oracle/decode.ts';
import { FILE_HEADER, sealChunk, varint } from '../wire-oracle/layout.ts';
import { refusalShapeProblems } from './refusal-shape.ts';
import { checkAgainstOracle } from './wire-oracle-check.ts';

/** FORMAT.md §4's records, by hand. */
const define = (code: number, name: string): number[] => [0x02, code, name.length, ...[...name].map((c) => c.charCodeAt(0))];
/** A checkpoint of chunk 0 with no open activations; `base` sets flag bit 0 (timestamps) with that base. */
const checkpoint = (base?: number): number[] => [0x01, 0, 0, 0, base === undefined ? 0 : 1, ...(base === undefined ? [] : varint(base)), 0];
/** A call of activation 1 (zigzag delta 2), code 0, with a timestamp delta when given. */
const call = (dt?: number): number[] => [0x11, 2, 0, ...(dt === undefined ? [] : varint(dt))];

/** One hand-built input: a file header, then chunks (payload records and the event count the header announces), then `after` bytes. */
interface RecordRow {
  readonly name: string;
  readonly chunks: readonly (readonly [readonly number[], number])[];
  readonly after?: readonly number[];
  /** FORMAT.md's error code for the first chunk that is not valid. */
  readonly code: string;
  /** Words our reader's refusal must say (the numbers it is about). */
  readonly says?: readonly string[];
}

const ROWS: readonly RecordRow[] = [
  // §4's table: 0x18 is neither an event (0x11..0x17) nor an event with flags (0x19..0x1f).
  { name: 'record type 0x18 (kind 0 with flags)', chunks: [[[...define(0, 'f'), ...checkpoint(), ...call(), 0x18, 2, 0, 1], 2]], code: 'unknown-record' },
  // §4.6: a second payload for one event is bad-record.
  { name: 'a payload record right after a payload record', chunks: [[[...define(0, 'f'), ...checkpoint(), ...call(), 0x0d, 1, 0x31, 0x0d, 1, 0x32], 1]], code: 'bad-record' },
  // §4.5: values are at most 2^53 - 1; a dropped record's delta from the base 2^53 - 2 passes it.
  { name: 'a dropped record whose timestamp passes 2^53-1', chunks: [[[...define(0, 'f'), ...checkpoint(2 ** 53 - 2), 0x07, 1, 5], 1]], code: 'unsafe-integer' },
  { name: 'a checkpoint mark whose timestamp passes 2^53-1', chunks: [[[...define(0, 'f'), ...checkpoint(2 ** 53 - 2), 0x09, 1, 5], 1]], code: 'unsafe-integer' },
  // §8: an open list needs 3 bytes an entry at least; 5 entries declared with 4 bytes left.
  { name: 'an open count larger than the bytes left can hold', chunks: [[[...define(0, 'f'), 0x01, 0, 0, 0, 0, 5, 1, 0, 1, 2], 0]], code: 'limit-exceeded' },
  // §1: a varint is at most 8 bytes (53 bits); ten continuation bytes that end the payload.
  { name: 'ten continuation bytes that end the payload', chunks: [[[...define(0, 'f'), ...checkpoint(), ...call(), 0x04, ...Array<number>(10).fill(0x80)], 1]], code: 'bad-varint' },
  // §3: a record ends inside its chunk. A torn last field, then bytes the reader must not take for it: the next
  // chunk's header, or trailing bytes below 0x80 (which would end a varint, or pass for a state byte).
  { name: 'a seq-set torn inside its varint, a chunk after it', chunks: [[[...define(0, 'f'), ...checkpoint(), ...call(), 0x04, 0x81], 1], [[...define(0, 'f'), 0x01, 1, 1, 1, 0, 0, ...call()], 1]], code: 'bad-record' },
  { name: 'a seq-set torn inside its varint, then byte 0x05', chunks: [[[...define(0, 'f'), ...checkpoint(), ...call(), 0x04, 0x81], 1]], after: [0x05], code: 'bad-record' },
  { name: 'a call without its code, then byte 0x00', chunks: [[[...define(0, 'f'), ...checkpoint(), 0x11, 2], 1]], after: [0x00], code: 'bad-record' },
  // Activation 128 takes two bytes, so the 3 bytes left pass §8's bound of 3 an entry and the state byte is what is missing.
  // §8: code ids are at most 2^20 - 1; §5: the end-of-stream total is the events before the chunk and in it.
  { name: 'a define-code of id 2^20', chunks: [[[0x02, ...varint(2 ** 20), 1, 0x66, ...checkpoint()], 0]], code: 'limit-exceeded', says: ['code id 1048576, max 1048575'] },
  { name: 'an end-of-stream that counts 5 of 1 event', chunks: [[[...define(0, 'f'), ...checkpoint(), ...call(), 0x03, 5], 1]], code: 'bad-record', says: ['counts 5 events, want 1'] },
  // §8: a checkpoint declares at most 65,536 open activations, however many bytes are left for them (here 65,537 entries, 3 to 5 bytes each).
  { name: 'a checkpoint declaring 65,537 open activations', chunks: [[[...define(0, 'f'), 0x01, 0, 0, 0, 0, ...varint(65537), ...Array.from({ length: 65537 }, (_, i) => [...varint(i + 1), 0, 0]).flat()], 0]], code: 'limit-exceeded', says: ['65537 open activations'] },
  { name: 'an open entry without its state byte, then byte 0x01', chunks: [[[...define(0, 'f'), 0x01, 0, 0, 0, 0, 1, 0x80, 0x01, 0], 0]], after: [0x01], code: 'bad-record' },
];

const fileOf = (r: RecordRow): Uint8Array =>
  Uint8Array.from([...FILE_HEADER, ...r.chunks.flatMap(([records, events]) => [...sealChunk(Uint8Array.from(records), events)]), ...(r.after ?? [])]);

/**
 * One row: our reader's and the oracle's first error code against the row's, and the two against each other.
 * @returns what went wrong, one line each
 */
export function checkRecordRow(r: RecordRow, read: (bytes: Uint8Array) => ReturnType<typeof readWire> = readWire): string[] {
  const bytes = fileOf(r);
  let ours: string;
  const shape: string[] = [];
  try {
    const error = read(bytes).loss?.error;
    ours = error?.code ?? 'none';
    if (error !== undefined) shape.push(...refusalShapeProblems(error, `wire record table, ${r.name}`, r.says));
  } catch (error) {
    ours = `a throw (${String(error)})`;
  }
  const theirs = oracleRead(bytes).stop?.code ?? 'none';
  const problems = [
    ...(ours === r.code ? [] : [`wire record table, ${r.name}: our reader gives ${ours}, FORMAT.md ${r.code}`]),
    ...(theirs === r.code ? [] : [`wire record table, ${r.name}: the oracle gives ${theirs}, FORMAT.md ${r.code}`]),
  ];
  return problems.length > 0 ? problems : [...shape, ...checkAgainstOracle(`wire record table, ${r.name}`, bytes, { read })];
}

let checked = false;

/**
 * Every row, once per process once they hold.
 * @returns what went wrong, one line each
 */
export function checkWireRecordTable(): string[] {
  if (checked) return [];
  const problems = ROWS.flatMap((r) => checkRecordRow(r));
  // decodeWire on a file that never closed: truncated at its end, saying why (its TSDoc).
  const open = fileOf({ name: '', chunks: [[[...define(0, 'f'), ...checkpoint(), ...call()], 1]], code: '' });
  try {
    decodeWire(open);
    problems.push('wire record table, a file without end-of-stream: decodeWire read it; want truncated');
  } catch (error) {
    if (!(error instanceof TraceFormatError) || error.code !== 'truncated' || error.byteOffset !== open.length) problems.push(`wire record table, a file without end-of-stream: decodeWire threw ${String(error)}; want truncated at byte ${open.length}`);
    else problems.push(...refusalShapeProblems(error, 'wire record table, decodeWire of a file without end-of-stream', ['no end-of-stream record']));
  }
  checked = problems.length === 0;
  return problems;
}

export { ROWS as WIRE_RECORD_ROWS, type RecordRow };
