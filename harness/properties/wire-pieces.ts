import fc from 'fast-check';
import { fraction as unitFraction } from './fraction.ts';

/**
 * Where to split an input into the pieces a streaming reader is fed, drawn by the wire property so the
 * split points shrink (towards the whole input as one piece). Positions are relative, so one draw splits
 * every input of a case (the valid file and each damaged one).
 */
export interface PieceSplits {
  /** Cuts at fractions of the input's length, each in [0, 1). */
  readonly at: readonly number[];
  /**
   * Cuts near a chunk start: which chunk (a fraction of the chunks the input's headers lay out, in [0, 1)) and
   * bytes from its first byte, -2..14: just before it, on its marker, inside its 13-byte header, just after it.
   */
  readonly nearChunk: readonly (readonly [number, number])[];
  /** A run of 1-byte pieces: where it starts (a fraction of the input's length, in [0, 1)) and how many, 0..48. */
  readonly ones: readonly [number, number];
}

/** No cut: the whole input as one piece. */
export const WHOLE: PieceSplits = { at: [], nearChunk: [], ones: [0, 0] };

const fraction = unitFraction();

/** Split points for {@link splitPieces}; they shrink to {@link WHOLE}. */
export function pieceSplitsArbitrary(): fc.Arbitrary<PieceSplits> {
  return fc.record({
    at: fc.array(fraction, { maxLength: 4 }),
    nearChunk: fc.array(fc.tuple(fraction, fc.integer({ min: -2, max: 14 })), { maxLength: 4 }),
    ones: fc.tuple(fraction, fc.integer({ min: 0, max: 48 })),
  });
}

/** FORMAT.md §3: a chunk header is 13 bytes, marker `0xC5` first, then the payload length (u32 little-endian). */
const CHUNK_HEADER = 13;
const CHUNK_MARKER = 0xc5;
const FILE_HEADER = 12;

/**
 * Where the chunks of an input start, by FORMAT.md §2-3 alone: after the 12-byte file header (or at 0 for a
 * headerless run of chunks, which starts with the chunk marker), each next one 13 bytes plus its announced
 * payload length further, while a whole header fits. No CRC, marker or record check: on a damaged input
 * these are where a reader would look, not where valid chunks are.
 * @param bytes - any input
 * @returns the chunk starts (byte offsets) and each header's announced event count
 */
export function chunkStarts(bytes: Uint8Array): { readonly start: number; readonly events: number }[] {
  const u32 = (at: number): number => (bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16) | (bytes[at + 3]! << 24)) >>> 0;
  const out: { start: number; events: number }[] = [];
  for (let at = bytes[0] === CHUNK_MARKER ? 0 : FILE_HEADER; at + CHUNK_HEADER <= bytes.length; at += CHUNK_HEADER + u32(at + 1)) out.push({ start: at, events: u32(at + 5) });
  return out;
}

/**
 * Splits an input at the points {@link PieceSplits} draws (duplicates give empty pieces, which any async
 * iterable may yield). The pieces are views of `bytes`, not copies (a reader does not write into its input).
 * @param bytes - the input
 * @returns the pieces in order (their concatenation is `bytes`) and their lengths as a short line (`12, 1x20, 300`)
 */
export function splitPieces(bytes: Uint8Array, s: PieceSplits): { readonly pieces: Uint8Array[]; readonly line: string } {
  const n = bytes.length;
  const cuts = s.at.map((f) => Math.floor(f * n));
  const starts = s.nearChunk.length > 0 ? chunkStarts(bytes) : [];
  for (const [f, delta] of s.nearChunk) {
    const base = starts.length > 0 ? starts[Math.floor(f * starts.length)]!.start : Math.floor(f * n);
    cuts.push(Math.max(0, Math.min(n, base + delta)));
  }
  const first = Math.floor(s.ones[0] * n);
  for (let k = 1; k <= s.ones[1] && first + k < n; k++) cuts.push(first + k);
  if (s.ones[1] > 0 && first > 0) cuts.push(first);
  cuts.sort((a, b) => a - b);
  const pieces: Uint8Array[] = [];
  let at = 0;
  for (const cut of cuts) {
    pieces.push(bytes.subarray(at, cut));
    at = cut;
  }
  pieces.push(bytes.subarray(at));
  return { pieces, line: lengthsLine(pieces) };
}

/** Piece lengths, a run of equal lengths as `length x count`. */
function lengthsLine(pieces: readonly Uint8Array[]): string {
  const parts: string[] = [];
  for (let i = 0; i < pieces.length; ) {
    let j = i;
    while (j < pieces.length && pieces[j]!.length === pieces[i]!.length) j++;
    parts.push(j - i > 1 ? `${pieces[i]!.length}x${j - i}` : String(pieces[i]!.length));
    i = j;
  }
  return parts.join(', ');
}
