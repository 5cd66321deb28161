/**
 * The decoders the fuzz driver runs, one target each: its seed files, its mutators, and how one input is
 * fed to it. Every reader of a trace file is here: the strict wire decoder, the streaming wire reader (fed
 * in random-sized pieces), JSONL, canonical text, merged text, Chrome JSON (the streaming verifier, as
 * `verify` runs it, and `decodeChrome`), and `loadTrace`, the front door that detects the format. Every
 * trace a decoder returns is written back as wire, JSONL and text ({@link writeBack}).
 * @module
 */
import { decodeChrome } from '../../src/formats/chrome-read.ts';
import { ChromeVerifier } from '../../src/formats/chrome-verify.ts';
import { decodeJsonl } from '../../src/formats/jsonl.ts';
import { loadTrace } from '../../src/formats/load.ts';
import { parseMerged } from '../../src/formats/merged-text.ts';
import { encodeJsonl } from '../../src/formats/jsonl.ts';
import { formatCanonical, parseCanonical, traceFromCanonical } from '../../src/formats/text.ts';
import type { TraceFormatError } from '../../src/model/errors.ts';
import type { Trace } from '../../src/model/trace.ts';
import { encodeWire } from '../../src/wire/encode.ts';
import { decodeWire } from '../../src/wire/reader.ts';
import { readWireStream } from '../../src/wire/stream-reader.ts';
import { BYTE_MUTATORS } from './byte-mutators.ts';
import type { Corpus } from './corpus.ts';
import { JSON_MUTATORS } from './json-mutators.ts';
import { MERGED_MUTATORS, TEXT_MUTATORS } from './line-mutators.ts';
import type { WeightedMutator } from './mutator.ts';
import { pieceRng } from './rng.ts';
import { WIRE_MUTATORS } from './wire-mutators.ts';

/**
 * One decoder under fuzz.
 * `run` returns a typed error the decoder reported without throwing (a tolerant read's loss), if any; it
 * throws whatever the decoder throws.
 */
export interface FuzzTarget {
  /** The name `--decoder` selects and the report shows. */
  readonly name: string;
  /** What it calls, for `--help`. */
  readonly describe: string;
  /** Its seed files. */
  seeds(corpus: Corpus): readonly Uint8Array[];
  readonly mutators: readonly WeightedMutator[];
  run(input: Uint8Array): TraceFormatError | undefined | Promise<TraceFormatError | undefined>;
}

const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);

/**
 * Writes a decoded trace back as wire, JSONL and canonical text, as `convert` and `print` do: a writer that
 * throws on what a reader accepted is an untyped error of that reader (it let through what the formats
 * forbid, e.g. a name over 4096 bytes; `convert` would fail with an internal error, exit 3).
 */
function writeBack(trace: Trace): undefined {
  encodeWire(trace);
  encodeJsonl(trace);
  formatCanonical(trace);
  return undefined;
}

/** Yields the input in pieces of 1 byte to a few KiB, the sizes drawn from the input itself (a replay feeds it alike). */
async function* pieces(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  const rng = pieceRng(bytes);
  for (let at = 0; at < bytes.length; ) {
    const n = rng.chance(0.3) ? rng.range(1, 16) : rng.range(1, 4096);
    yield bytes.subarray(at, at + n);
    at += n;
  }
}

/** Every target, in report order. */
export const TARGETS: readonly FuzzTarget[] = [
  {
    name: 'wire',
    describe: 'decodeWire (strict wire decode: readWire, ChunkDecoder)',
    seeds: (c) => c.wire,
    mutators: WIRE_MUTATORS,
    run: (input) => writeBack(decodeWire(input)),
  },
  {
    name: 'wire-stream',
    describe: 'readWireStream fed in random-sized pieces (its loss report counts as typed)',
    seeds: (c) => c.wire,
    mutators: WIRE_MUTATORS,
    run: async (input) => {
      const it = readWireStream(pieces(input));
      for (;;) {
        const r = await it.next();
        if (r.done === true) return r.value.loss?.error;
      }
    },
  },
  {
    name: 'jsonl',
    describe: 'decodeJsonl (header optional; required for one input length in eight)',
    seeds: (c) => c.jsonl,
    mutators: JSON_MUTATORS,
    run: (input) => {
      // Optional, a header is still held to its rules: events-only seeds reach the event schema too.
      return writeBack(decodeJsonl(text(input), { requireHeader: input.length % 8 === 0 }));
    },
  },
  {
    name: 'text',
    describe: 'parseCanonical + traceFromCanonical (canonical text)',
    seeds: (c) => c.text,
    mutators: TEXT_MUTATORS,
    run: (input) => {
      const t = parseCanonical(text(input));
      return writeBack(traceFromCanonical(t.events, t.open, t.openPartial, t.complete));
    },
  },
  {
    name: 'merged',
    describe: 'parseMerged (merged text of several streams)',
    seeds: (c) => c.merged,
    mutators: MERGED_MUTATORS,
    run: (input) => {
      for (const s of parseMerged(text(input)).streams) writeBack(s.trace);
      return undefined;
    },
  },
  {
    name: 'chrome-verify',
    describe: 'ChromeVerifier fed in random-sized pieces, with a replay (as verify runs it)',
    seeds: (c) => c.chrome,
    mutators: JSON_MUTATORS,
    run: (input) => {
      const feed = (push: (bytes: Uint8Array) => void): void => {
        const rng = pieceRng(input);
        for (let at = 0; at < input.length; ) {
          const n = rng.chance(0.3) ? rng.range(1, 16) : rng.range(1, 4096);
          push(input.subarray(at, at + n));
          at += n;
        }
      };
      const v = new ChromeVerifier({ replay: feed });
      feed((bytes) => v.push(bytes));
      v.end();
      return undefined;
    },
  },
  {
    name: 'chrome-decode',
    describe: 'decodeChrome (Chrome JSON read into a trace; thread pid 1 tid 1 named for odd input lengths)',
    seeds: (c) => c.chrome,
    mutators: JSON_MUTATORS,
    run: (input) => {
      // Naming a thread reads one of several: the mapping is reached past the several-threads refusal.
      return writeBack(decodeChrome(input, input.length % 2 === 1 ? { thread: { pid: 1, tid: 1 } } : {}));
    },
  },
  {
    name: 'load',
    describe: 'loadTrace (format detection, then the reader it picks; a wire loss counts as typed)',
    seeds: (c) => c.all,
    mutators: [...BYTE_MUTATORS, ...JSON_MUTATORS.filter((m) => m.name.startsWith('json-')), ...TEXT_MUTATORS.filter((m) => m.name.startsWith('text-') || m.name.startsWith('line-')), ...WIRE_MUTATORS.filter((m) => m.name.startsWith('wire-'))],
    run: (input) => {
      const loaded = loadTrace(input);
      writeBack(loaded.trace);
      return loaded.wire?.loss?.error;
    },
  },
];

/**
 * The targets named, or all.
 * @param names - target names (`--decoder`), or empty for all
 * @throws RangeError naming the known targets for a name that is none
 */
export function selectTargets(names: readonly string[]): FuzzTarget[] {
  if (names.length === 0) return [...TARGETS];
  return names.map((n) => {
    const t = TARGETS.find((x) => x.name === n);
    if (t === undefined) throw new RangeError(`fuzz: --decoder ${n} is not a decoder; decoders: ${TARGETS.map((x) => x.name).join(', ')}`);
    return t;
  });
}
