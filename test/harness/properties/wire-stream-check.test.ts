import { describe, expect, it } from 'vitest';
import { checkWireCase, type WireCase } from '../../../harness/properties/wire-property.ts';
import { chunkStarts, type PieceSplits, splitPieces, WHOLE } from '../../../harness/properties/wire-pieces.ts';
import { checkBigStream, checkStreamReader, type WireStreamReader } from '../../../harness/properties/wire-stream-check.ts';
import { EventKind } from '../../../src/model/kinds.ts';
import { Trace } from '../../../src/model/trace.ts';
import { encodeWire } from '../../../src/wire/encode.ts';
import { readWireStream, type WireChunk, type WireStreamEnd } from '../../../src/wire/stream-reader.ts';

// 600 events over several 256-byte chunks, timestamps on, codes defined in later chunks too.
const trace = Trace.fromEvents(
  Array.from({ length: 600 }, (_, i) => ({ seq: i, kind: i % 3 === 2 ? EventKind.Return : EventKind.Call, activation: i + 1, code: i % 7, flags: 0, tsNs: 1000 + 5 * i })),
  ['a', 'b', 'c', 'd', 'e', 'f', 'g'],
);
const bytes = encodeWire(trace, { chunkBytes: 256, timestamps: true });
const layout = chunkStarts(bytes);
const FILE_HEADER_BYTES = 12;

/** Splits that cut at the end of chunk 1 (the start of chunk 2), inside chunk 3's header, and byte by byte over chunk 0's header. */
const splits: PieceSplits = { at: [0.9], nearChunk: [[2 / layout.length, 0], [3 / layout.length, 5]], ones: [FILE_HEADER_BYTES / bytes.length, 20] };

/** The real reader, with every chunk that a piece ends exactly at dropped (an off-by-one in the buffering). */
const dropsChunkAtPieceEnd: WireStreamReader = async function* (source) {
  const ends = new Set<number>();
  const seen: number[] = [];
  const recorded = async function* (): AsyncGenerator<Uint8Array> {
    for await (const piece of source) {
      seen.push(...piece);
      ends.add(seen.length);
      yield piece;
    }
  };
  const it = readWireStream(recorded());
  for (let r = await it.next(); ; r = await it.next()) {
    if (r.done === true) return r.value;
    const at = r.value.byteOffset + 1;
    const end = at + 12 + (seen[at]! | (seen[at + 1]! << 8) | (seen[at + 2]! << 16) | (seen[at + 3]! << 24));
    if (!ends.has(end)) yield r.value;
  }
};

/** The real reader, with chunk offsets counted from after the file header. */
const offsetAfterHeader: WireStreamReader = async function* (source) {
  const it = readWireStream(source);
  for (let r = await it.next(); ; r = await it.next()) {
    if (r.done === true) return r.value;
    yield { ...r.value, byteOffset: r.value.byteOffset - FILE_HEADER_BYTES } satisfies WireChunk;
  }
};

/** The real reader, never `complete`. */
const losesComplete: WireStreamReader = async function* (source) {
  const it = readWireStream(source);
  for (let r = await it.next(); ; r = await it.next()) {
    if (r.done === true) return { ...r.value, complete: false } satisfies WireStreamEnd;
    yield r.value;
  }
};

/** The real reader, with every chunk's trace said complete (or none), as the stream reader did before. */
const chunksComplete = (complete: boolean): WireStreamReader =>
  async function* (source) {
    const it = readWireStream(source);
    for (let r = await it.next(); ; r = await it.next()) {
      if (r.done === true) return r.value;
      yield { ...r.value, trace: r.value.trace.withComplete(complete) } satisfies WireChunk;
    }
  };

/** The real reader fed a file header whose major version byte reads 1 whatever it is (a reader that ignores the version). */
const ignoresVersion: WireStreamReader = (source) =>
  readWireStream(
    (async function* () {
      let at = 0;
      let headerless: boolean | undefined;
      for await (const piece of source) {
        const p = piece.slice();
        headerless ??= p.length > 0 ? p[0] === 0xc5 : undefined;
        if (headerless === false && at <= 8 && 8 < at + p.length) p[8 - at] = 1;
        at += p.length;
        yield p;
      }
    })(),
  );

/** headerFlip 64: bit 0 of byte 8, the major version (1 becomes 0). */
const aCase: WireCase = { trace, chunkBytes: 256, cut: 0.5, flip: 0.5, headerFlip: 64, chunks: [0, 0.9], noise: new Uint8Array([0x89, 0x54]), mutations: [{ mutation: { kind: 'extension', type: 0x40, length: 1 }, at: [0.5, 0.5] }], readerEdit: { format: 'jsonl', edit: 'swap-lines', at: 0, other: 0.5, streams: 0 }, pieces: splits };

describe('the streaming reader against readWire', () => {
  it('should split an input where the draw says, 1-byte pieces included, and keep every byte', () => {
    const { pieces, line } = splitPieces(bytes, splits);
    expect(layout.length).toBeGreaterThan(4);
    expect(Buffer.concat(pieces)).toEqual(Buffer.from(bytes));
    expect(pieces.filter((p) => p.length === 1)).toHaveLength(20);
    expect(line).toMatch(/^12, 1x20, \d+/);
    expect(splitPieces(bytes, WHOLE).pieces).toHaveLength(1);
  });

  it('should pass the real reader on a valid file, whole, split and byte by byte', async () => {
    expect(await checkStreamReader('valid file', bytes, WHOLE)).toEqual([]);
    expect(await checkStreamReader('valid file', bytes, splits)).toEqual([]);
    expect(await checkStreamReader('valid file', bytes, { at: [], nearChunk: [], ones: [0, 48] })).toEqual([]);
  });

  it('should pass the real reader on a cut file and on input that is not this format', async () => {
    expect(await checkStreamReader('cut', bytes.subarray(0, layout[3]!.start + 7), splits)).toEqual([]);
    expect(await checkStreamReader('noise', Uint8Array.of(0x89, 0x54, 0x52, 0x00), { at: [0.5], nearChunk: [], ones: [0, 0] })).toEqual([]);
  });

  it('should report a reader that drops the chunk a piece ends at', async () => {
    const problems = await checkStreamReader('valid file', bytes, splits, { stream: dropsChunkAtPieceEnd });
    // pieces end at the end of chunk 1 and at the end of the file: chunks 1 and 9 are dropped
    expect(problems).toContain(`stream: valid file in pieces ${splitPieces(bytes, splits).line}: yielded ${layout.length - 2} chunks, readWire read ${layout.length}`);
    expect(problems.some((p) => /: chunk 1: at byte \d+ with \d+ events, the layout has it at byte \d+ with \d+$/.test(p))).toBe(true);
  });

  it('should report a reader whose chunk offsets miss the file header', async () => {
    const problems = await checkStreamReader('valid file', bytes, WHOLE, { stream: offsetAfterHeader });
    expect(problems[0]).toBe(`stream: valid file in pieces ${bytes.length}: chunk 0: at byte 0 with ${layout[0]!.events} events, the layout has it at byte 12 with ${layout[0]!.events}`);
  });

  it('should report a reader that never says complete', async () => {
    expect(await checkStreamReader('valid file', bytes, WHOLE, { stream: losesComplete })).toEqual([`stream: valid file in pieces ${bytes.length}: complete: stream false, readWire true`]);
    // a torn file is not complete for either: the same bug passes there
    expect(await checkStreamReader('cut', bytes.subarray(0, 100), WHOLE, { stream: losesComplete })).toEqual([]);
  });

  it('should report chunk traces said complete before the end record, or none when the stream ended', async () => {
    const n = layout.length;
    expect(await checkStreamReader('valid file', bytes, WHOLE, { stream: chunksComplete(true) })).toEqual([
      `stream: valid file in pieces ${bytes.length}: chunk traces say complete at [${[...Array(n).keys()].join(', ')}] of ${n} chunks, the stream returns complete true: only the chunk with the end record ends the stream`,
    ]);
    expect(await checkStreamReader('valid file', bytes, WHOLE, { stream: chunksComplete(false) })).toEqual([
      `stream: valid file in pieces ${bytes.length}: chunk traces say complete at [] of ${n} chunks, the stream returns complete true: only the chunk with the end record ends the stream`,
    ]);
    // a torn file never ended: no chunk may say complete, and none says it is fine
    expect(await checkStreamReader('cut', bytes.subarray(0, 100), WHOLE, { stream: chunksComplete(false) })).toEqual([]);
  });

  it('should fail the wire property through the stream lines only, and pass it with the real reader', async () => {
    expect(await checkWireCase(aCase)).toEqual([]);
    for (const broken of [dropsChunkAtPieceEnd, offsetAfterHeader, losesComplete]) {
      const problems = await checkWireCase(aCase, broken);
      expect(problems.some((p) => p.startsWith('stream: valid file in pieces '))).toBe(true);
      expect(problems.filter((p) => !p.startsWith('stream: '))).toEqual([]);
    }
  });

  it('should report a reader that reads a file of another major version instead of refusing it', async () => {
    const problems = await checkWireCase(aCase, ignoresVersion);
    expect(problems).toEqual([expect.stringMatching(/^stream: header bit 64 flipped in pieces [\d, x]+: readWireStream reads it \(\d+ chunks, 600 events\); readWire threw unsupported-version at byte 8$/)]);
  });
});

describe('a stream past the reader\'s first buffer', () => {
  it('should hold readWireStream on a 60,000-event file in one piece and in two', async () => {
    expect(await checkBigStream()).toEqual([]);
  });

  it('should catch a stream reader whose buffer never grows past 64 KiB', async () => {
    const capped: WireStreamReader = async function* (source) {
      async function* cut(): AsyncGenerator<Uint8Array> {
        for await (const piece of source) yield piece.subarray(0, 65536);
      }
      return yield* readWireStream(cut());
    };
    const problems = await checkBigStream(capped);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]).toMatch(/^stream: a file of 60,000 events \(\d+ bytes\) in pieces /);
  });
});
