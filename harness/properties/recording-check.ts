import { DeclaredOpen, formatOpen, type NamedOpen } from './declared-open.ts';
import type { RecordingCase } from './recording-property.ts';
import { ModelEqualityValidator } from '../../src/check/model-equality.ts';
import { runValidators } from '../../src/check/run.ts';
import { SeqValidator } from '../../src/check/seq.ts';
import { validateTrace } from '../../src/check/validate-trace.ts';
import type { CanonicalEvent } from '../../src/model/event.ts';
import { EventKind, hasPeer, isStreamRecord } from '../../src/model/kinds.ts';
import type { Trace } from '../../src/model/trace.ts';
import { readWire } from '../../src/wire/reader.ts';
import { CHUNK_HEADER, FILE_HEADER, type OracleChunk, splitChunks } from '../wire-oracle/layout.ts';
import { splitRecords } from '../wire-oracle/records.ts';

/** What recording a case produced: the twin's trace, the wire bytes, and the flight recorder's snapshot (`retain`). */
export interface Recorded {
  /** The same steps under a plain in-memory `Tracer` (checkpoint marks included). */
  readonly twin: Trace;
  /** The wire stream as recorded (before a `crash` cut). */
  readonly bytes: Uint8Array;
  /** `retain`: the flight recorder's snapshot that was written. */
  readonly snapshot?: Trace;
}

/** One event with its code by name (none for a stream record) and every field the wire carries. */
interface Row {
  readonly seq: number;
  readonly kind: number;
  readonly activation: number;
  readonly code: string;
  readonly flags: number;
  readonly waker: number;
  readonly tsNs: number | undefined;
  readonly payload: string | undefined;
}

function rowsOf(t: Trace): Row[] {
  const c = t.columns;
  const rows: Row[] = new Array(t.length);
  for (let i = 0; i < t.length; i++) {
    const kind = c.kind[i]!;
    rows[i] = { seq: c.seq[i]!, kind, activation: c.activation[i]!, code: isStreamRecord(kind) ? '' : t.codeName(c.code[i]!), flags: c.flags[i]!, waker: hasPeer(kind) ? (c.waker?.[i] ?? 0) : 0, tsNs: c.tsNs?.[i], payload: c.payload?.[i] };
  }
  return rows;
}

const text = (r: Row | undefined): string => (r === undefined ? 'nothing' : JSON.stringify(r));

const same = (a: Row | undefined, b: Row | undefined): boolean =>
  a !== undefined && b !== undefined && a.seq === b.seq && a.kind === b.kind && a.activation === b.activation && a.code === b.code && a.flags === b.flags && a.waker === b.waker && a.tsNs === b.tsNs && a.payload === b.payload;

/** The first difference of `got` from `want` (and how many events differ), or nothing. */
function compareRows(where: string, got: readonly Row[], want: readonly Row[], offset = 0): string[] {
  let first = -1;
  let count = 0;
  for (let i = 0; i < Math.max(got.length, want.length); i++) {
    if (same(got[i], want[i])) continue;
    if (first < 0) first = i;
    count++;
  }
  if (first < 0) return [];
  return [`${where}: event ${first + offset}: want ${text(want[first])}, got ${text(got[first])} (${count} of ${want.length} events differ; ${got.length} decoded)`];
}

/** What the stream must hold, from the case and the twin. */
interface Expected {
  /** Every event of the stream: the twin's, or the last `retain` of them led by the drop of the rest. */
  readonly want: readonly Row[];
  /** Twin events the flight recorder dropped (0 unless `retain`). */
  readonly dropped: number;
  /** 1 when the stream starts with a `dropped` record. */
  readonly lead: number;
  /** The stream ends with an end-of-stream record. */
  readonly complete: boolean;
  /** The open set (FORMAT.md §4.1) before the stream's event `d`, from the twin. */
  readonly openBefore: (d: number) => { readonly open: NamedOpen[]; readonly twinEvents: number };
}

function expectedOf(c: RecordingCase, r: Recorded): Expected {
  const all = rowsOf(r.twin);
  const dropped = c.ending === 'retain' ? all.length - Math.min(c.retain, all.length) : 0;
  const lead = dropped > 0 ? 1 : 0;
  const want = dropped > 0 ? [{ seq: dropped - 1, kind: EventKind.Dropped, activation: 0, code: '', flags: 0, waker: dropped, tsNs: all[dropped]!.tsNs, payload: undefined }, ...all.slice(dropped)] : all;
  const open = openAt(all);
  // Events before the stream's event `d`, in the twin: a drop is no frame edge, it stands for the dropped ones.
  const openBefore = (d: number): { open: NamedOpen[]; twinEvents: number } => {
    const twinEvents = Math.max(0, d - lead) + dropped;
    return { open: open(twinEvents), twinEvents };
  };
  // A snapshot taken after the programs ended is whole (`Trace.complete`): it is written closed.
  return { want, dropped, lead, complete: c.ending === 'close' || c.ending === 'retain', openBefore };
}

/**
 * Checks what a recording decodes to (issue 13 part 6): (1) the events equal the twin's exactly (a crash:
 * those of the complete chunks before the cut, and a `truncated` loss for a cut inside a chunk; retention:
 * the flight recorder's window, led by its `dropped` record, with the snapshot's open list); (2) each
 * step's slice equals the model and checkpoint marks sit between the slices; (3) seq is gap-free from 0
 * and each chunk's checkpoint counts the events before it; (4) each chunk, decoded on its own, declares
 * the open set of FORMAT.md §4.1 computed here from the twin, and validates from it; (5) `complete`
 * exactly for a closed stream (`close`, and a snapshot written whole), with the end-of-stream total, and
 * the decoded trace validates.
 * @param c - the case
 * @param r - what recording it produced
 * @param models - the model's events of each step; undefined skips check (2) (a step over the model's budget)
 * @returns what went wrong, one line each; empty when it holds
 */
export function checkRecorded(c: RecordingCase, r: Recorded, models: readonly (readonly CanonicalEvent[])[] | undefined): string[] {
  const chunks = splitChunks(r.bytes);
  if (typeof chunks === 'string') return [`the stream's framing is not FORMAT.md §3's: ${chunks}`];
  const x = expectedOf(c, r);
  return [...checkStream(c, r, x, chunks, models), ...checkChunks(r, x, chunks)];
}

/** (1), (2), (3) seq and (5): the stream decoded whole (a crash: its first `1 + cut % length` bytes). */
function checkStream(c: RecordingCase, r: Recorded, x: Expected, chunks: readonly OracleChunk[], models: readonly (readonly CanonicalEvent[])[] | undefined): string[] {
  const problems: string[] = [];
  const bytes = c.ending === 'crash' ? r.bytes.subarray(0, 1 + (c.cut % r.bytes.length)) : r.bytes;
  const ends = chunks.map(endOf);
  const kept = chunks.filter((_, i) => ends[i]! <= bytes.length).reduce((n, ch) => n + ch.events, 0);
  const decoded = readWire(bytes);
  const got = rowsOf(decoded.trace);
  problems.push(...compareRows('the stream', got, c.ending === 'crash' ? x.want.slice(0, kept) : x.want));
  const cutInside = bytes.length !== FILE_HEADER.length && !ends.includes(bytes.length);
  if (cutInside && decoded.loss?.error.code !== 'truncated') problems.push(`cut at byte ${bytes.length} inside a chunk: want a truncated loss, got ${decoded.loss?.error.message ?? 'none'}`);
  if (!cutInside && decoded.loss !== undefined) problems.push(`want no loss, got ${decoded.loss.error.message}`);
  if (decoded.complete !== x.complete) problems.push(`complete: want ${x.complete}, got ${decoded.complete}`);
  const declared = formatOpen(named(decoded.trace, decoded.trace.open));
  if (r.snapshot !== undefined && declared !== formatOpen(named(r.snapshot, r.snapshot.open))) problems.push(`the stream declares open ${declared}, the snapshot ${formatOpen(named(r.snapshot, r.snapshot.open))}`);
  // No case suspends the 32768 activations a checkpoint declares at most: no list is partial.
  if (decoded.trace.openPartial || r.snapshot?.openPartial === true) problems.push(`openPartial: want false, got ${decoded.trace.openPartial} (the snapshot: ${r.snapshot?.openPartial})`);
  for (const v of runValidators(decoded.trace, [new SeqValidator({ from: 0 })]).slice(0, 3)) problems.push(`${v.rule} at event ${v.eventIndex}: ${v.message}`);
  for (const v of validateTrace(decoded.trace).slice(0, 3)) problems.push(`as a${decoded.complete ? '' : 'n incomplete'} trace: ${v.rule} at event ${v.eventIndex}: ${v.message}`);
  if (models !== undefined) problems.push(...checkSteps(c, got, models, x));
  return problems;
}

/** (1), (3), (4), (5) for every chunk decoded on its own: its events, its checkpoint, its end-of-stream record. */
function checkChunks(r: Recorded, x: Expected, chunks: readonly OracleChunk[]): string[] {
  const problems: string[] = [];
  let before = 0;
  for (const [i, ch] of chunks.entries()) {
    const where = `chunk ${i} (bytes ${ch.start}..${endOf(ch)})`;
    const alone = readWire(r.bytes.subarray(ch.start, endOf(ch)));
    const cp = alone.checkpoint;
    if (alone.loss !== undefined || cp === undefined) {
      problems.push(`${where} does not decode on its own: ${alone.loss?.error.message ?? 'no checkpoint'}`);
      before += ch.events;
      continue;
    }
    const rows = rowsOf(alone.trace);
    problems.push(...compareRows(where, rows, x.want.slice(before, before + rows.length), before));
    const nextSeq = before > 0 ? x.want[before - 1]!.seq + 1 : (x.want[0]?.seq ?? 0);
    if (cp.chunkIndex !== i || cp.eventsBefore !== before || cp.nextSeq !== nextSeq) {
      problems.push(`${where} checkpoint: want chunk ${i}, ${before} events before, next seq ${nextSeq}; got chunk ${cp.chunkIndex}, ${cp.eventsBefore} events before, next seq ${cp.nextSeq}`);
    }
    const declared = formatOpen(named(alone.trace, cp.open));
    const { open, twinEvents } = x.openBefore(before);
    if (declared !== formatOpen(open)) problems.push(`${where} checkpoint declares open ${declared}, want ${formatOpen(open)} (FORMAT.md §4.1, after the twin's first ${twinEvents} events)`);
    const total = endOfStream(ch.payload);
    const last = x.complete && i === chunks.length - 1;
    if (last && total !== x.want.length) problems.push(`${where}, the last: want an end-of-stream record of ${x.want.length} events, got ${total ?? 'none'}`);
    if (!last && total !== undefined) problems.push(`${where} holds an end-of-stream record (${total}) in a stream ${x.complete ? 'that goes on' : 'never closed'}`);
    for (const v of validateTrace(alone.trace).slice(0, 1)) problems.push(`${where} on its own, from its checkpoint: ${v.rule} at event ${v.eventIndex}: ${v.message}`);
    before += rows.length;
  }
  if (before !== x.want.length) problems.push(`the chunks hold ${before} events, want ${x.want.length}`);
  return problems;
}

const endOf = (ch: OracleChunk): number => ch.start + CHUNK_HEADER + ch.payload.length;

/** An open list with its codes by name. */
function named(t: Trace, open: readonly { activation: number; code: number; state: 'running' | 'suspended' }[]): NamedOpen[] {
  return open.map((o) => ({ activation: o.activation, code: t.codeName(o.code), state: o.state }));
}

/** The open set after the twin's first `n` events, for `n` that mostly grow (walked forward, restarted otherwise). */
function openAt(rows: readonly Row[]): (n: number) => NamedOpen[] {
  let walk = new DeclaredOpen();
  let at = 0;
  return (n) => {
    if (n < at) [walk, at] = [new DeclaredOpen(), 0];
    for (; at < n && at < rows.length; at++) walk.follow(rows[at]!.kind, rows[at]!.activation, rows[at]!.code);
    return walk.list();
  };
}

/** The total of a payload's end-of-stream record (FORMAT.md §5), read by the oracle's record split; undefined when it has none. */
function endOfStream(payload: Uint8Array): number | undefined {
  const records = splitRecords(payload);
  const end = typeof records === 'string' ? undefined : records.find((rec) => rec.type === 0x03);
  if (end === undefined) return undefined;
  let value = 0;
  for (let p = end.start + 1, shift = 1; p < end.end; p++, shift *= 128) value += (payload[p]! & 0x7f) * shift;
  return value;
}

/**
 * (2) Each step's slice of the decoded events (found from the model's event counts) equals the model's
 * trace, and a checkpoint mark with its id follows a step that checkpoints. Slices are in the twin's event
 * numbering; a slice the stream holds only part of is checked as far as it goes (a crash), or not at all
 * when its start was dropped (retention).
 */
function checkSteps(c: RecordingCase, got: readonly Row[], models: readonly (readonly CanonicalEvent[])[], x: Expected): string[] {
  const problems: string[] = [];
  const { dropped, lead } = x;
  const rowAt = (i: number): Row | undefined => (i < dropped ? undefined : got[i - dropped + lead]);
  let at = 0;
  let id = 0;
  for (const [s, step] of c.steps.entries()) {
    const model = models[s]!;
    if (at >= dropped && rowAt(at) !== undefined) {
      const v = new ModelEqualityValidator(model);
      for (let j = 0; j < model.length && rowAt(at + j) !== undefined; j++) v.push(rowAt(at + j)!, j);
      const cut = c.ending === 'crash' && rowAt(at + model.length - 1) === undefined;
      const bad = v.end().filter((w) => !(cut && w.rule === 'model/missing'));
      for (const w of bad.slice(0, 1)) problems.push(`step ${s + 1} (events ${at - dropped + lead}..): ${w.rule} at its event ${w.eventIndex}: ${w.message} (${bad.length} violations)`);
    }
    at += model.length;
    if (step.after !== 'checkpoint') continue;
    id++;
    const mark = rowAt(at);
    if (mark !== undefined && !(mark.kind === EventKind.Checkpoint && mark.waker === id)) problems.push(`after step ${s + 1}: want checkpoint ${id} at event ${at - dropped + lead}, got ${text(mark)}`);
    at++;
  }
  if (rowAt(at) !== undefined) problems.push(`after the last step: want the end of the stream at event ${at - dropped + lead}, got ${text(rowAt(at))}`);
  return problems;
}
