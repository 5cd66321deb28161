/**
 * The seed corpus: valid files of every format, written by our own encoders from {@link seedTraces}
 * (wire in one chunk and in many, a run of chunks without the file header, JSONL with and without its
 * header, canonical text, merged text of two streams, Chrome JSON of one trace and of several streams),
 * plus foreign Chrome files. Mutators start from these, so most cases are nearly valid and reach deep
 * into a reader rather than failing at its first byte.
 * @module
 */
import { encodeChrome, encodeChromeStreams } from '../../src/formats/chrome.ts';
import { encodeJsonl } from '../../src/formats/jsonl.ts';
import { formatMerged } from '../../src/formats/merged-text.ts';
import { formatCanonical } from '../../src/formats/text.ts';
import { mergeStreams } from '../../src/model/merged-trace.ts';
import type { Trace } from '../../src/model/trace.ts';
import { encodeWire } from '../../src/wire/encode.ts';
import { foreignChrome } from './chrome-foreign-seeds.ts';
import { Rng } from './rng.ts';
import { seedTraces } from './seed-traces.ts';
import { chunkBytes, concat, frames } from './wire-frames.ts';

/** Seed files by format. */
export interface Corpus {
  readonly wire: readonly Uint8Array[];
  readonly jsonl: readonly Uint8Array[];
  readonly text: readonly Uint8Array[];
  readonly merged: readonly Uint8Array[];
  readonly chrome: readonly Uint8Array[];
  /** Every seed above: the front door (`loadTrace`) gets them all. */
  readonly all: readonly Uint8Array[];
}

/** Seed traces per corpus. @defaultValue 48 */
export const SEED_TRACES = 48;

/**
 * Builds the corpus, deterministic in `seed`.
 * @param seed - the run's seed
 * @param traces - seed traces to encode
 */
export function buildCorpus(seed: number, traces = SEED_TRACES): Corpus {
  const rng = new Rng(seed ^ 0xc0de);
  const list = seedTraces(seed, traces);
  const enc = new TextEncoder();
  const wire: Uint8Array[] = [];
  const jsonl: Uint8Array[] = [];
  const text: Uint8Array[] = [];
  const merged: Uint8Array[] = [];
  const chrome: Uint8Array[] = [];
  // An encoder refuses some traces (a name it cannot store): that seed is skipped for that format.
  const add = (to: Uint8Array[], make: () => Uint8Array | string): void => {
    try {
      const made = make();
      to.push(typeof made === 'string' ? enc.encode(made) : made);
    } catch (e) {
      if (!(e instanceof RangeError)) throw e;
    }
  };
  list.forEach((t: Trace, i) => {
    add(wire, () => encodeWire(t));
    add(wire, () => encodeWire(t, { chunkBytes: 256 }));
    add(wire, () => {
      // A run of chunks cut out of a stream: no file header, starting at a later chunk.
      const f = frames(encodeWire(t, { chunkBytes: 256 }));
      const from = rng.int(f.frames.length);
      return concat(f.frames.slice(from).map((c) => chunkBytes(c)));
    });
    add(jsonl, () => encodeJsonl(t));
    add(jsonl, () => encodeJsonl(t).replace(/^[^\n]*\n/, '')); // events only: a tracer writing no header
    add(text, () => formatCanonical(t, i % 3 === 0 ? new Map([['program', `seed-${i}`], ['expect', 'PASS']]) : new Map()));
    const other = list[(i + 1) % list.length]!;
    add(merged, () => formatMerged(mergeStreams([{ id: 'main', trace: t }, { id: i % 2 === 0 ? 'worker 2' : 'w2', trace: other }])));
    add(chrome, () => encodeChrome(t));
    if (i % 4 === 0) add(chrome, () => encodeChromeStreams(mergeStreams([{ id: 'main', trace: t }, { id: 'worker', trace: other }])));
    add(chrome, () => foreignChrome(rng));
  });
  return { wire, jsonl, text, merged, chrome, all: [...wire, ...jsonl, ...text, ...merged, ...chrome] };
}

