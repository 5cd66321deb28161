import { type Shard } from './shard.ts';
import fc from 'fast-check';
import { type ProblemReport, runAsyncProblemProperty } from './problem-property.ts';
import { decodeJsonl, encodeJsonl } from '../../src/formats/jsonl.ts';
import { formatCanonical, parseCanonical } from '../../src/formats/text.ts';
import type { CanonicalEvent } from '../../src/model/event.ts';
import { TraceFormatError } from '../../src/model/errors.ts';
import type { Trace } from '../../src/model/trace.ts';
import { encodeWire } from '../../src/wire/encode.ts';
import { decodeWire, readWire, type WireReadResult } from '../../src/wire/reader.ts';
import { MemorySink } from '../../src/wire/sink.ts';
import { FILE_HEADER_BYTES } from '../../src/wire/spec.ts';
import { WireWriter } from '../../src/wire/writer.ts';
import { traceArbitrary } from './trace-arbitrary.ts';
import { chunkLayout } from './wire-layout.ts';
import { type MutatedFile, mutateRecords, mutationBatteryArbitrary, type PlacedMutation } from './wire-mutation.ts';
import { checkLayout, checkRecordMutation, mutationName } from './wire-mutation-check.ts';
import { checkAgainstOracle } from './wire-oracle-check.ts';
import { checkDeclaredOpen } from './wire-open-check.ts';
import { type FrameWalk, frameWalkArbitrary } from './frame-walk.ts';
import { checkStrictDecode } from './wire-strict-check.ts';
import { checkReaderEdit, type ReaderEditCase, readerEditArbitrary } from './reader-edits.ts';
import { checkJsonlFieldEdit, checkJsonlFieldTable, checkJsonlHeaderEdit, checkJsonlHeaderTable } from './jsonl-edit-checks.ts';
import { type JsonlFieldEdit, jsonlFieldEditArbitrary, type JsonlHeaderEdit } from './jsonl-field-edits.ts';
import { checkDetectTable } from './detect-check.ts';
import { checkJsonlFirstLines } from './jsonl-first-lines.ts';
import { checkTextLine, type TextLineCase, textLineCaseArbitrary } from './text-line-edits.ts';
import { checkChromeRoundTrip } from './chrome-round-trip.ts';
import { checkDot } from './dot-check.ts';
import { asyncGraph } from '../../src/model/async-graph.ts';
import { encodeChrome } from '../../src/formats/chrome.ts';
import { type ChromeSyntaxEdit, chromeSyntaxEditArbitrary, checkChromeSyntax } from './chrome-syntax-check.ts';
import { checkChromeByteTable } from './chrome-byte-table.ts';
import { checkManyCodes } from './wire-many-codes.ts';
import { checkWildDecode } from './chrome-wild-decode.ts';
import { checkChromeOwnTable } from './chrome-own-table.ts';
import { checkMergedIds } from './merged-ids-check.ts';
import { checkTextLineTable } from './text-line-table.ts';
import { checkOutcomeGoldens } from './outcome-goldens.ts';
import { type WildChromeCase, checkBadEntries, checkBigWildChrome, checkWildChrome, judgeReport, wildChromeArbitrary } from './chrome-verify-check.ts';
import { modelVerifyChrome } from '../model/model-chrome-verify.ts';
import { verifyChrome } from '../../src/formats/chrome-verify.ts';
import { checkPartialRoundTrips, type PartialDeclaration, partialDeclarationArbitrary } from './partial-round-trip.ts';
import { checkForeignChrome, writeForeign, type ForeignChromeCase, foreignChromeArbitrary } from './chrome-foreign-check.ts';
import { type PieceSplits, pieceSplitsArbitrary } from './wire-pieces.ts';
import { checkBigStream, checkStreamReader, type WireStreamReader } from './wire-stream-check.ts';
import { checkWriterArgumentTable } from './writer-arguments.ts';
import { checkWriterCapacity } from './writer-capacity.ts';
import { checkSuspendedSet } from './suspended-set-check.ts';
import { checkWireFastPath } from './wire-fast-path-check.ts';
import { checkWriterSequence } from './writer-sequence.ts';
import { checkWireRecordTable } from './wire-record-table.ts';
import { splitChunks } from '../wire-oracle/layout.ts';
import { fraction } from './fraction.ts';
import { samePrefix } from './same-event.ts';
import { checkSealRule } from './wire-seal-check.ts';
import { checkWriterEconomy } from './wire-economy-check.ts';
import { checkWireEdgeTable } from './wire-edge-table.ts';

/** One case of the wire property: a trace, a chunk size, where to cut the file and which bit to flip. */
export interface WireCase {
  readonly trace: Trace;
  readonly chunkBytes: number;
  /**
   * The writer's `flushEveryEvents` (0 for never; a hand-built case may leave it out): a chunk every few
   * events makes the files multi-chunk, so the checkpoints after the first (FORMAT.md §4.1's continuity: chunk
   * index, events before, next seq, the open list) and every mutation placed in a later chunk are reached.
   * With `chunkBytes` alone 99% of the traces fit one chunk.
   */
  readonly flushEveryEvents?: number;
  /** Where to cut the file, as a fraction of its length in [0, 1). */
  readonly cut: number;
  /** Which bit of the file to flip, as a fraction of its bit length in [0, 1). */
  readonly flip: number;
  /** Which bit of the 12-byte file header to flip too, 0..95: the bytes a reader refuses the whole input for. */
  readonly headerFlip: number;
  /** Two chunks to swap, and the ends of a run of chunks to cut out, as fractions of the chunk count. */
  readonly chunks: readonly [number, number];
  /** Random bytes the reader must refuse with a typed error or read as a valid prefix. */
  readonly noise: Uint8Array;
  /** Record-level mutations, each applied on its own to the file and re-sealed with a correct CRC (`wire-mutation.ts`). */
  readonly mutations: readonly PlacedMutation[];
  /** An edit of the trace's JSONL, canonical text, merged text or Chrome JSON file (`reader-edits.ts`). */
  readonly readerEdit: ReaderEditCase;
  /** More edits, each of its own file: one of each format in a generated case, so a short run meets every edit; a hand-built case may leave them out. */
  readonly moreReaderEdits?: readonly ReaderEditCase[];
  /** JSONL event lines with one field removed or at an edge of its type (`jsonl-field-edits.ts`); a hand-built case may leave them out. */
  readonly jsonlFields?: readonly JsonlFieldEdit[];
  /** A JSONL header with one field set or removed (`jsonl-field-edits.ts`); generated cases leave it out (every header edit runs once per process: `checkJsonlHeaderTable`). */
  readonly jsonlHeader?: JsonlHeaderEdit;
  /** Canonical text lines built at the edges of the grammar (`text-line-edits.ts`); a hand-built case may leave them out. */
  readonly textLines?: readonly TextLineCase[];
  /** Byte edits of the foreign Chrome file (when the case has one) and of the trace's, read by the streaming scanner whole and in pieces (`chrome-syntax-check.ts`); a hand-built case may leave them out. */
  readonly chromeSyntax?: readonly ChromeSyntaxEdit[];
  /** An open set, `openPartial` and `incomplete` declared on the trace for the formats' round trips (`partial-round-trip.ts`); a hand-built case may leave it out. */
  readonly partial?: PartialDeclaration;
  /** A foreign Chrome file (not ours), read by decodeChrome against the model of its mapping; a hand-built case may leave it out. */
  readonly foreign?: ForeignChromeCase;
  /** A Chrome file of any tool, odd shapes included, through verifyChrome's two ways of reading against the model of its rules (`chrome-verify-check.ts`) and through decodeChrome thread by thread against the model of its mapping (`chrome-wild-decode.ts`); a hand-built case may leave it out. */
  readonly wildChrome?: WildChromeCase;
  /** Where to split the valid file and each damaged one into the pieces the streaming reader is fed. */
  readonly pieces: PieceSplits;
  /** A trace that keeps the stack discipline (`frame-walk.ts`): what each checkpoint declares open, and where flushes end chunks; a hand-built case may leave it out. */
  readonly walk?: FrameWalk;
}

/**
 * Offsets a cut is tried at besides the random one: every byte of the file header; in the first chunk, the
 * last one and the one the random cut falls in, every byte of its header and the two after it; in every
 * chunk its last two bytes and its end. A cut inside a chunk's payload is refused by the payload length
 * before any record is read, so the offsets between add nothing that these do not (they were all tried
 * once, at ~1,000 reads a case: 40% of the wire property's time), and every chunk's header bytes are read
 * alike (a multi-chunk file paid for each chunk's header a read of all the chunks before it).
 */
function cutOffsets(layout: ReturnType<typeof chunkLayout>, random: number): number[] {
  const at = new Set<number>([random]);
  for (let i = 0; i <= FILE_HEADER_BYTES; i++) at.add(i);
  const headers = new Set([layout[0], layout.at(-1), layout.find((x) => random >= x.start && random < x.end)]);
  for (const x of layout) {
    if (headers.has(x)) for (let i = x.start; i <= Math.min(x.end, x.start + 15); i++) at.add(i);
    for (let i = Math.max(x.start, x.end - 2); i <= x.end; i++) at.add(i);
  }
  return [...at].sort((a, b) => a - b);
}

/**
 * Checks one case against DESIGN §4 invariants 7 and 8: `decode(encode(t))` equals `t`;
 * `encode(decode(b))` equals `b`; the writer reports the bytes the sink got; JSONL and canonical text
 * round-trip; a cut gives exactly the complete chunks before it (every offset of every header, and each chunk's ends);
 * a run of whole chunks decodes on its own; swapped chunks, a flipped bit, random bytes and random bytes
 * after a valid prefix give a valid prefix or a {@link TraceFormatError}; an edit of the trace's JSONL, text,
 * merged text or Chrome file gives the typed error (code, line) or the events its format's rules say
 * (issue 13, part 5); the streaming reader, fed the valid file and every damaged one in pieces, yields
 * the chunks and returns the end readWire reads (see {@link checkStreamReader}); `decodeWire` throws every loss
 * `readWire` reports; the writer's API at the edges of its ranges, its fast path byte for byte against its
 * per-event path and its suspended set against a `Map` (once per process); and on a trace that keeps the stack
 * discipline, the open activations every checkpoint declares and the chunks the flush options end.
 * @param stream - the streaming reader under test @defaultValue `readWireStream`
 * @returns what went wrong, one line each; empty when the case holds
 */
export async function checkWireCase(c: WireCase, stream?: WireStreamReader): Promise<string[]> {
  const problems: string[] = [];
  const { trace } = c;
  // Events compared field by field with codes by name (JSONL re-assigns code ids in order of first use).
  const sameEvents = (t: Trace, n = trace.length): boolean => t.length === n && samePrefix(t, trace, n);
  // 1. Round trips.
  const sink = new MemorySink();
  const options = { chunkBytes: c.chunkBytes, flushEveryEvents: c.flushEveryEvents ?? 0 };
  const writer = new WireWriter(sink, { ...options, timestamps: trace.columns.tsNs !== undefined });
  writer.appendTrace(trace);
  writer.close();
  const bytes = sink.bytes();
  if (writer.bytesWritten !== bytes.length || sink.length !== bytes.length) problems.push(`writer reports ${writer.bytesWritten} bytes, the sink ${sink.length}, it holds ${bytes.length}`);
  if (writer.eventCount !== trace.length) problems.push(`writer reports ${writer.eventCount} events, ${trace.length} were appended`);
  // Where the chunks end when nothing flushes (FORMAT.md §9), on the file's records.
  if (options.flushEveryEvents === 0) problems.push(...checkSealRule(bytes, c.chunkBytes));
  // What it spends bytes on (FORMAT.md §9): each code defined once per chunk where used, no needless seq-set or reset.
  problems.push(...checkWriterEconomy(bytes));
  let decoded: Trace | undefined;
  try {
    decoded = decodeWire(bytes);
    if (!sameEvents(decoded)) problems.push('decode(encode(t)) differs from t');
  } catch (error) {
    problems.push(`decode(encode(t)) threw ${(error as Error).message}`);
  }
  if (decoded !== undefined) {
    const againSink = new MemorySink();
    const again = new WireWriter(againSink, { ...options, timestamps: decoded.columns.tsNs !== undefined });
    again.appendTrace(decoded);
    again.close();
    const againBytes = againSink.bytes();
    if (againBytes.length !== bytes.length || againBytes.some((b, i) => b !== bytes[i])) problems.push('encode(decode(b)) differs from b');
    // encodeWire, the one-call form, gives the same bytes as the writer with the same options.
    if (options.flushEveryEvents === 0) {
      const one = encodeWire(decoded, { chunkBytes: c.chunkBytes });
      if (one.length !== bytes.length || one.some((b, i) => b !== bytes[i])) problems.push('encodeWire(decode(b)) differs from b');
    }
  }
  if (!sameEvents(decodeJsonl(encodeJsonl(trace)))) problems.push('JSONL decode(encode(t)) differs from t');
  const canonical = trace.canonical();
  const key = (e: CanonicalEvent): string => `${e.kind} ${e.activation} ${JSON.stringify(e.code)} ${e.flags} ${e.waker ?? '-'}`;
  if (parseCanonical(formatCanonical(canonical)).events.map(key).join('|') !== canonical.map(key).join('|')) problems.push('canonical text parse(format(t)) differs from t');
  // 2. The layout against FORMAT.md read independently (header bytes, every CRC), and our reader against the
  // decoder written from FORMAT.md alone (every event's fields, every checkpoint).
  problems.push(...checkLayout(bytes));
  const layout = chunkLayout(bytes);
  const read = sharedReader(problems);
  const oracle = checkAgainstOracle('valid file', bytes, { everyCheckpoint: true, read });
  problems.push(...oracle);
  // The streaming reader against readWire, its chunks where FORMAT.md's framing puts them.
  const framed = splitChunks(bytes);
  const layoutOf = typeof framed === 'string' ? {} : { layout: framed.map((x) => ({ start: x.start, events: x.events })) };
  problems.push(...(await checkStreamReader('valid file', bytes, c.pieces, { read, ...layoutOf, ...(stream ? { stream } : {}) })));
  problems.push(...(await checkBigStream(stream)));
  // The damaged inputs below, each built once and read by our reader once (`read`) for every check of it.
  // Their records are found by FORMAT.md's field lists: on a file that is not FORMAT.md's (the oracle's line
  // above says so) the mutation may find none.
  let d: DamagedInputs;
  try {
    d = damagedInputs(bytes, c, layout);
  } catch (error) {
    if (oracle.length === 0) throw error;
    return problems;
  }
  // 3. Record-level mutations re-sealed, each judged by what FORMAT.md says of it.
  const prefix = (t: Trace, n: number): boolean => samePrefix(t, trace, n);
  c.mutations.forEach((p, k) => problems.push(...checkRecordMutation(bytes, p.mutation, p.at, prefix, trace.length, d.mutated[k], read)));
  // 4. The oracle and our reader on a cut, a flipped bit, the mutated records, a run of chunks, chunks
  // swapped, noise: the same events and the same stop (on a file they read alike).
  if (oracle.length === 0) for (const [what, input] of d.named) problems.push(...checkAgainstOracle(what, input, { read }));
  // The strict decoder on the same inputs: the reader's loss thrown, or the whole file's events.
  for (const [what, input] of d.named) problems.push(...checkStrictDecode(what, input, read));
  // The streaming reader on the same inputs, its chunks where their own headers put them.
  for (const [what, input] of d.named) problems.push(...(await checkStreamReader(what, input, c.pieces, { read, ...(stream ? { stream } : {}) })));
  // 5. A cut keeps exactly the complete chunks before it (at every offset of every header, and each chunk's ends).
  const cuts = cutOffsets(layout, d.cutAt);
  for (const cut of cuts) {
    const whole = layout.filter((x) => x.end <= cut);
    const kept = whole.reduce((n, x) => n + x.events, 0);
    const r = cut === d.cutAt ? read(d.cut) : readWire(bytes.subarray(0, cut));
    if (r.chunks !== whole.length || !sameEvents(r.trace, kept)) {
      problems.push(`cut at byte ${cut}: want the ${kept} events of ${whole.length} complete chunks, got ${r.trace.length} in ${r.chunks}`);
      break;
    }
  }
  // 6. Any run of whole chunks decodes on its own; swapped chunks give a valid prefix or a typed error.
  const [i, j] = d.run;
  const before = layout.slice(0, i).reduce((n, x) => n + x.events, 0);
  const inRun = layout.slice(i, j + 1).reduce((n, x) => n + x.events, 0);
  const run = read(d.runBytes);
  if (run.loss !== undefined || run.trace.length !== inRun || !samePrefix(run.trace, trace, inRun, before)) {
    problems.push(`chunks ${i}..${j} cut out: want their ${inRun} events on their own, got ${run.trace.length}${run.loss ? ` and ${run.loss.error.message}` : ''}`);
  }
  if (d.swapped !== undefined) {
    const s = read(d.swapped);
    if (s.trace.length > before || !sameEvents(s.trace, s.trace.length)) problems.push(`chunks ${i} and ${j} swapped: want at most the ${before} events before chunk ${i}, got ${s.trace.length}`);
  }
  // 7. A flipped bit, or noise: a valid prefix or a typed error, nothing else.
  for (const input of [c.noise, d.noiseAfter]) {
    try {
      const n = read(input);
      if (!sameEvents(n.trace, n.trace.length) && input !== c.noise) problems.push('noise after a valid prefix: the events read are not a prefix of the trace');
    } catch (error) {
      if (!(error instanceof TraceFormatError)) problems.push(`noise: ${(error as Error).name} escaped the reader`);
    }
  }
  try {
    const f = read(d.flipped);
    if (!sameEvents(f.trace, f.trace.length)) problems.push(`bit ${d.bit} flipped: the events read are not a prefix of the trace`);
  } catch (error) {
    if (!(error instanceof TraceFormatError)) problems.push(`bit ${d.bit} flipped: ${(error as Error).name} escaped the reader`);
  }
  // 8. The text readers on an edited file: a typed error where their rules refuse it, else every line read.
  // Through Chrome JSON and back: the trace itself, or (three cases of four) a partial version of it through every format.
  // (The Chrome encoding model runs on the partial version: the same events and an open set.)
  if (c.partial === undefined) problems.push(...checkChromeRoundTrip(trace));
  else problems.push(...checkPartialRoundTrips(trace, c.partial));
  problems.push(...checkDot(asyncGraph(trace)));
  problems.push(...checkReaderEdit(trace, c.readerEdit));
  for (const r of c.moreReaderEdits ?? []) problems.push(...checkReaderEdit(trace, r));
  for (const f of c.jsonlFields ?? []) problems.push(...checkJsonlFieldEdit(trace, f));
  if (c.jsonlHeader !== undefined) problems.push(...checkJsonlHeaderEdit(trace, c.jsonlHeader));
  problems.push(...checkJsonlHeaderTable());
  problems.push(...checkJsonlFieldTable());
  // First lines that are no header, empty input, and the line bound to the byte (`jsonl-first-lines.ts`), once per process.
  problems.push(...checkJsonlFirstLines());
  // Format detection of every file start of the table (`detect-check.ts`), once per process once it passes.
  problems.push(...checkDetectTable());
  // Every byte where one byte decides the JSON grammar, and UTF-8 at the edges of its table (`chrome-byte-table.ts`), once per process once it passes.
  problems.push(...checkChromeByteTable());
  // Code tables past their first size (`wire-many-codes.ts`), once per process.
  problems.push(...checkManyCodes());
  // The seal rule, seq at 2^53-1, readWire of a cut header (`wire-edge-table.ts`), once per process.
  problems.push(...checkWireEdgeTable());
  problems.push(...checkWireRecordTable());
  // Every field of every entry of our own Chrome file edited (`chrome-own-table.ts`), once per process.
  problems.push(...checkChromeOwnTable());
  // Stream ids at the edges of the merged text rule (`merged-ids-check.ts`), once per process.
  problems.push(...checkMergedIds());
  for (const l of c.textLines ?? []) problems.push(...checkTextLine(l));
  problems.push(...checkTextLineTable());
  // Refusals, RangeErrors and edge outcomes of every reader and writer, their whole messages (`outcome-goldens.ts`), once per process.
  problems.push(...(await checkOutcomeGoldens()));
  if (c.foreign !== undefined) {
    problems.push(...checkForeignChrome(c.foreign));
    // The foreign file through verifyChrome against the model of all its rules (entries as the engine parses them).
    const text = writeForeign(c.foreign).text;
    const parsed = JSON.parse(text) as unknown[] | { traceEvents: unknown[] };
    problems.push(...judgeReport('verifyChrome on the foreign file', () => verifyChrome(text), modelVerifyChrome(Array.isArray(parsed) ? parsed : parsed.traceEvents), false, text));
  }
  if (c.wildChrome !== undefined) problems.push(...checkWildChrome(c.wildChrome), ...checkWildDecode(c.wildChrome));
  problems.push(...checkBigWildChrome());
  problems.push(...checkBadEntries());
  if (c.chromeSyntax !== undefined) {
    const own = new TextEncoder().encode(encodeChrome(trace));
    const files = c.foreign === undefined ? [own] : [new TextEncoder().encode(writeForeign(c.foreign).text), own];
    c.chromeSyntax.forEach((e, i) => problems.push(...checkChromeSyntax(files[i % files.length]!, e)));
  }
  // 9. The writer's API at the edges of its ranges: a RangeError that names the field and leaves the file whole, or the value read back (every row of the table, once per process).
  problems.push(...checkWriterArgumentTable());
  problems.push(...checkWriterCapacity());
  // The writer's suspended activations against a Map, past what random traces reach (`suspended-set-check.ts`), once per process.
  problems.push(...checkSuspendedSet());
  problems.push(...checkWriterSequence());
  // appendTrace's fast path byte for byte against append's, on malformed traces, over long columns, a fractional clock (`wire-fast-path-check.ts`), once per process.
  problems.push(...checkWireFastPath());
  // 10. What every checkpoint declares open (FORMAT.md §4.1) and where the flush options end chunks, on a trace that keeps the stack discipline.
  if (c.walk !== undefined) problems.push(...checkDeclaredOpen(c.walk));
  return problems;
}

/** The damaged and cut-out inputs a case derives from its file. */
interface DamagedInputs {
  readonly cutAt: number;
  readonly cut: Uint8Array;
  readonly bit: number;
  readonly flipped: Uint8Array;
  /** Each of the case's mutations applied (undefined where it has no place in this file). */
  readonly mutated: readonly (MutatedFile | undefined)[];
  /** The first and last chunk of the run cut out. */
  readonly run: readonly [number, number];
  readonly runBytes: Uint8Array;
  /** The file with the run's first and last chunk swapped, when they differ. */
  readonly swapped?: Uint8Array;
  readonly noiseAfter: Uint8Array;
  /** Every input above and the noise, named for a problem line. */
  readonly named: readonly (readonly [string, Uint8Array])[];
}

/** Builds a case's damaged inputs from its file (the record mutation by FORMAT.md's field lists: it throws on a file that is not FORMAT.md's). */
function damagedInputs(bytes: Uint8Array, c: WireCase, layout: ReturnType<typeof chunkLayout>): DamagedInputs {
  const cutAt = Math.floor(c.cut * bytes.length);
  const cut = bytes.subarray(0, cutAt);
  const bit = Math.floor(c.flip * bytes.length * 8);
  const flipped = bytes.slice();
  flipped[bit >> 3]! ^= 1 << (bit & 7);
  // A bit of the file header flipped: the only bytes a reader refuses the whole input for (bad-magic,
  // unsupported-version, bad-header), which a flip anywhere in the file seldom reaches.
  const headerBit = c.headerFlip % (FILE_HEADER_BYTES * 8);
  const headerFlipped = bytes.slice();
  headerFlipped[headerBit >> 3]! ^= 1 << (headerBit & 7);
  const mutated = c.mutations.map((p) => mutateRecords(bytes, p.mutation, p.at[0], p.at[1]));
  const [a, b] = c.chunks.map((f) => Math.min(layout.length - 1, Math.floor(f * layout.length))) as [number, number];
  const [i, j] = a <= b ? [a, b] : [b, a];
  const runBytes = bytes.subarray(layout[i]!.start, layout[j]!.end);
  const swapped = i !== j ? swapChunks(bytes, layout, i, j) : undefined;
  const noiseAfter = new Uint8Array(cutAt + c.noise.length);
  noiseAfter.set(cut);
  noiseAfter.set(c.noise, cutAt);
  // After the end-of-stream chunk (FORMAT.md §5: refused at the byte after it): the noise, and a copy of the last chunk.
  const lastChunk = layout.at(-1)!;
  const afterEnd = (tail: Uint8Array): Uint8Array => Uint8Array.from([...bytes, ...tail]);
  const named: [string, Uint8Array][] = [
    [`cut at byte ${cutAt}`, cut], [`bit ${bit} flipped`, flipped], [`chunks ${i}..${j} cut out`, runBytes], ['noise', c.noise], [`noise after byte ${cutAt}`, noiseAfter], [`header bit ${headerBit} flipped`, headerFlipped],
    ['noise after the end-of-stream chunk', afterEnd(c.noise)], ['the last chunk again after it', afterEnd(bytes.subarray(lastChunk.start, lastChunk.end))],
  ];
  mutated.forEach((m, k) => {
    if (m !== undefined) named.push([`record mutation ${mutationName(c.mutations[k]!.mutation)}`, m.bytes]);
  });
  if (swapped !== undefined) named.push([`chunks ${i} and ${j} swapped`, swapped]);
  return { cutAt, cut, bit, flipped, mutated, run: [i, j], runBytes, ...(swapped ? { swapped } : {}), noiseAfter, named };
}

/**
 * {@link readWire} that reads each input once: the same result (or the same thrown error) for every check of it.
 * @param problems - where a result whose trace's `complete` is not its own `complete` (both: the end-of-stream
 *   record read, nothing lost after it), or whose trace has a column not of its length, is reported
 */
function sharedReader(problems: string[]): (bytes: Uint8Array) => WireReadResult {
  const seen = new Map<Uint8Array, WireReadResult | { readonly threw: unknown }>();
  return (bytes) => {
    let r = seen.get(bytes);
    if (r === undefined) {
      try {
        r = readWire(bytes);
        if (r.trace.complete !== r.complete) problems.push(`readWire of ${bytes.length} bytes: trace.complete ${r.trace.complete}, complete ${r.complete}`);
        // TraceColumns: one array per field, all of the trace's length.
        for (const [name, column] of Object.entries(r.trace.columns)) {
          if (column !== undefined && column.length !== r.trace.length) problems.push(`readWire of ${bytes.length} bytes: column ${name} holds ${column.length} values for ${r.trace.length} events`);
        }
      } catch (error) {
        r = { threw: error };
      }
      seen.set(bytes, r);
    }
    if ('threw' in r) throw r.threw;
    return r;
  };
}

/** The file with chunks `i` and `j` swapped. */
function swapChunks(bytes: Uint8Array, layout: ReturnType<typeof chunkLayout>, i: number, j: number): Uint8Array {
  const parts = layout.map((x) => bytes.subarray(x.start, x.end));
  [parts[i], parts[j]] = [parts[j]!, parts[i]!];
  const swapped = new Uint8Array(bytes.length);
  swapped.set(bytes.subarray(0, layout[0]!.start));
  let at = layout[0]!.start;
  for (const p of parts) {
    swapped.set(p, at);
    at += p.length;
  }
  return swapped;
}

/** What {@link runWireProperty} found: the shrunk failing case and its problems, if any. */
export type WirePropertyReport = ProblemReport<WireCase>;

/**
 * The wire property: random traces (every varint width, timestamps that go back, seq jumps, unicode
 * names) through {@link checkWireCase}, each with a foreign Chrome file read against the model of its mapping.
 * @param runs - cases, >= 1
 * @param seed - fast-check seed
 * @param path - replay path of a counterexample
 * @param onProgress - called before each case is checked, with the count so far (shrinking included)
 */
export async function runWireProperty(runs: number, seed: number, path?: string, onProgress?: (done: number) => void, shard?: Shard): Promise<WirePropertyReport> {
  // Every case makes the readers refuse dozens of files, and each refusal is a TraceFormatError caught and
  // compared by code, offset and message: capturing its stack was an eighth of the part's CPU. Problems are
  // reported by message, so no stack is captured while the property runs (an error that escapes a reader
  // is still named with its message).
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return await runAsyncProblemProperty(wireCaseArbitrary(), (c) => checkWireCase(c), runs, seed, path, onProgress, shard);
  } finally {
    Error.stackTraceLimit = limit;
  }
}

/** The wire property's cases (see {@link runWireProperty}). */
export function wireCaseArbitrary(): fc.Arbitrary<WireCase> {
  return fc.record({
    trace: traceArbitrary(200),
    chunkBytes: fc.constantFrom(256, 1024, 65536),
    flushEveryEvents: fc.oneof(fc.constant(0), { arbitrary: fc.integer({ min: 1, max: 8 }), weight: 2 }),
    cut: fraction(),
    flip: fraction(),
    headerFlip: fc.integer({ min: 0, max: FILE_HEADER_BYTES * 8 - 1 }),
    chunks: fc.tuple(fraction(), fraction()),
    noise: fc.uint8Array({ maxLength: 96 }),
    mutations: mutationBatteryArbitrary(),
    readerEdit: readerEditArbitrary(),
    // A quarter of the cases (about 0.7 ms each: four more files read twice): a hundred-case run meets each edit of each format four times.
    moreReaderEdits: fc.oneof({ arbitrary: fc.constant([]), weight: 3 }, { arbitrary: fc.tuple(readerEditArbitrary('text'), readerEditArbitrary('merged'), readerEditArbitrary('chrome'), readerEditArbitrary('jsonl')), weight: 1 }),
    // Half the cases: the table (jsonl-edit-checks.ts) meets every field's edges on every kind's line once per process.
    jsonlFields: fc.oneof(fc.constant([]), fc.array(jsonlFieldEditArbitrary(), { minLength: 1, maxLength: 1 })),
    // Half the cases: the table (text-line-table.ts) meets every part's values once per process.
    textLines: fc.oneof(fc.constant([]), fc.array(textLineCaseArbitrary(), { minLength: 1, maxLength: 1 })),
    // Three quarters of the cases (fc.option's freq 4: undefined in one case of four; about 0.3 ms each: four formats there and back).
    partial: fc.option(partialDeclarationArbitrary(), { freq: 4, nil: undefined }),
    // One a case: of the trace's file, or of the foreign one in the cases that have one.
    chromeSyntax: fc.array(chromeSyntaxEditArbitrary(), { minLength: 1, maxLength: 1 }),
    // Half the cases (0.4 ms each, all three readers): a hundred-case run still meets fifty foreign files.
    foreign: fc.option(foreignChromeArbitrary(), { freq: 2, nil: undefined }),
    // Five cases of six (fc.option's freq 6: undefined in one case of six; about 0.4 ms each: two reads of the file and decodeChrome per thread).
    wildChrome: fc.option(wildChromeArbitrary(), { freq: 6, nil: undefined }),
    pieces: pieceSplitsArbitrary(),
    walk: frameWalkArbitrary(),
  });
}
