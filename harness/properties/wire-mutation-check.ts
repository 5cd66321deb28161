import { TraceFormatError } from '../../src/model/errors.ts';
import type { Trace } from '../../src/model/trace.ts';
import { readWire } from '../../src/wire/reader.ts';
import { crc32Ieee } from '../wire-oracle/crc32.ts';
import { FILE_HEADER, splitChunks } from '../wire-oracle/layout.ts';
import { type MutatedFile, mutateRecords, type RecordMutation } from './wire-mutation.ts';

/**
 * Checks our writer's file against FORMAT.md's layout read independently (`harness/wire-oracle/`): the
 * file header's bytes, and every chunk's CRC-32 recomputed from the spec's definition. A CRC or layout
 * mistake made the same way in our writer and reader passes every round trip, and fails here.
 * @returns what differs, one line each
 */
export function checkLayout(bytes: Uint8Array): string[] {
  const chunks = splitChunks(bytes);
  if (typeof chunks === 'string') return [`the file is not laid out as FORMAT.md §2-3 says: ${chunks}`];
  const problems: string[] = [];
  for (let i = 0; i < FILE_HEADER.length; i++) if (bytes[i] !== FILE_HEADER[i]) problems.push(`file header byte ${i}: want 0x${FILE_HEADER[i]!.toString(16)}, got 0x${bytes[i]!.toString(16)}`);
  for (const c of chunks) {
    const want = crc32Ieee([bytes.subarray(c.start + 1, c.start + 9), c.payload]);
    if (c.crc !== want) problems.push(`chunk at byte ${c.start}: CRC 0x${c.crc.toString(16)}, want 0x${want.toString(16)} (CRC-32 IEEE over header bytes 1..8 and the payload)`);
  }
  return problems;
}

/**
 * The reader on a file whose records were mutated and whose chunk was sealed again with a correct CRC,
 * judged by what FORMAT.md says (see {@link mutateRecords}): the same events, or the chunks before the
 * mutated one and then a typed error (with the code and offset FORMAT.md names), never another exception.
 * @param bytes - a valid complete file of `trace`
 * @param same - whether the first `n` events of a trace read equal the original's first `n` (the trace may hold more)
 * @param mutated - the mutated file when the caller built it already (`mutateRecords(bytes, m, ...at)`)
 * @param read - the reader under test @defaultValue {@link readWire}
 * @returns what went wrong, one line each
 */
export function checkRecordMutation(
  bytes: Uint8Array,
  m: RecordMutation,
  at: readonly [number, number],
  same: (t: Trace, n: number) => boolean,
  total: number,
  mutated: MutatedFile | undefined = mutateRecords(bytes, m, at[0], at[1]),
  read: (bytes: Uint8Array) => ReturnType<typeof readWire> = readWire,
): string[] {
  if (mutated === undefined) return [];
  const what = mutationName(m);
  let r: ReturnType<typeof readWire>;
  try {
    r = read(mutated.bytes);
  } catch (error) {
    return [`record mutation ${what}: ${(error as Error).name} escaped the reader: ${(error as Error).message}`];
  }
  const chunks = splitChunks(bytes) as Exclude<ReturnType<typeof splitChunks>, string>;
  const e = mutated.expect;
  const eventsBefore = (ci: number): number => chunks.slice(0, ci).reduce((n, c) => n + c.events, 0);
  switch (e.kind) {
    case 'same':
      if (r.loss !== undefined || !r.complete || r.trace.length !== total || !same(r.trace, total)) return [`record mutation ${what}: FORMAT.md §6 skips it; want all ${total} events, got ${r.trace.length}${r.loss ? ` and ${r.loss.error.message}` : ''}`];
      return [];
    case 'error': {
      const want = eventsBefore(e.chunk);
      if (r.loss === undefined) return [`record mutation ${what} in chunk ${e.chunk}: want a typed error at byte ${e.chunkOffset}, got none (${r.trace.length} events)`];
      const problems: string[] = [];
      if (!(r.loss.error instanceof TraceFormatError)) problems.push(`record mutation ${what}: the loss is ${r.loss.error}, not a TraceFormatError`);
      if (r.loss.byteOffset !== e.chunkOffset || r.trace.length !== want || !same(r.trace, want)) problems.push(`record mutation ${what}: want the ${want} events before chunk ${e.chunk} and a loss at byte ${e.chunkOffset}, got ${r.trace.length} and byte ${r.loss.byteOffset}`);
      if (e.code !== undefined && r.loss.error.code !== e.code) problems.push(`record mutation ${what}: want ${e.code}, got ${r.loss.error.code}: ${r.loss.error.message}`);
      if (e.recordOffset !== undefined && r.loss.error.byteOffset !== e.recordOffset) problems.push(`record mutation ${what}: want the error at byte ${e.recordOffset}, got byte ${r.loss.error.byteOffset}`);
      return problems;
    }
    case 'judged': {
      // The chunks before the mutated one read as before; what follows is checked against the independent reader.
      const want = eventsBefore(e.chunk);
      if (r.trace.length < want || !same(r.trace, want) || (r.loss !== undefined && r.loss.byteOffset < e.chunkOffset)) {
        return [`record mutation ${what}: want the ${want} events before chunk ${e.chunk} as before and no loss before byte ${e.chunkOffset}, got ${r.trace.length}${r.loss ? ` and a loss at byte ${r.loss.byteOffset}` : ''}`];
      }
      return [];
    }
    case 'same-count': {
      const want = eventsBefore(e.chunk);
      if (r.loss !== undefined) {
        if (r.loss.byteOffset !== chunks[e.chunk]!.start || r.trace.length !== want || !same(r.trace, want)) return [`record mutation ${what}: a loss must be at the swapped chunk (byte ${chunks[e.chunk]!.start}) after its ${want} events, got byte ${r.loss.byteOffset} after ${r.trace.length}`];
        return [];
      }
      if (r.trace.length !== total || !same(r.trace, want)) return [`record mutation ${what}: want ${total} events with the ${want} before chunk ${e.chunk} unchanged, got ${r.trace.length}`];
      return [];
    }
  }
}

/** A mutation as a problem line names it: `unknown 0x20`, `hostile event 0x17 fields 2 0 4294967296`, ... */
export function mutationName(m: RecordMutation): string {
  switch (m.kind) {
    case 'hostile':
      return `hostile ${m.record.what}`;
    case 'checkpoint':
      return m.edit.field === 'timestamps' ? 'checkpoint timestamps flag flipped' : `checkpoint field ${m.edit.field} ${m.edit.delta >= 0 ? '+' : ''}${m.edit.delta}`;
    case 'torn':
      return `torn ${m.keep} bytes after the checkpoint`;
    case 'before-checkpoint':
      return `before the checkpoint: ${m.record.what}`;
    case 'after-end':
      return `after the end-of-stream record: ${m.record.what}`;
    case 'header':
      return `header ${m.field} edge ${m.choice}`;
    default:
      return `${m.kind}${'type' in m ? ` 0x${m.type.toString(16)}` : ''}${'length' in m ? ` length ${m.length}` : ''}`;
  }
}
