/**
 * Wire codec cases: encode and decode throughput and bytes/event of the golden corpus and of the 10 M-event
 * random trace, with JSONL side by side. The "twin" of a throughput case is a plain pass over the same data
 * ({@link scanColumns}, {@link scanInput}): the ratio is the codec's cost relative to reading its input,
 * which is what stays comparable across machines.
 * @module
 */
import { decodeJsonl, encodeJsonl } from '../../src/formats/jsonl.ts';
import type { Trace } from '../../src/model/trace.ts';
import { encodeWire } from '../../src/wire/encode.ts';
import { decodeWire } from '../../src/wire/reader.ts';
import type { BenchCase, SuiteContext, Twins } from './case.ts';
import { goldenInput, randomInput, scanColumns, scanInput } from './inputs.ts';
import { prefix } from './random-trace.ts';

/** JSONL is about 30x slower than the wire codec: its cases run on a prefix of this many events. */
const JSONL_EVENTS = 50_000;

let sink = 0;

type Corpus = 'golden' | 'random';

function input(corpus: Corpus, context: SuiteContext): { readonly trace: Trace; readonly wire: Uint8Array } {
  return corpus === 'golden' ? goldenInput(context.goldenDir) : randomInput();
}

function corpusTitle(corpus: Corpus): string {
  return corpus === 'golden' ? 'golden corpus (repeated to 200 k events)' : 'random trace, 10 M events';
}

function wireCase(corpus: Corpus, direction: 'encode' | 'decode'): BenchCase {
  const events = corpus === 'golden' ? 200_000 : 10_000_000;
  return {
    id: `wire/${direction}-${corpus}`,
    group: 'wire',
    title: `wire ${direction}, ${corpusTitle(corpus)}`,
    unit: 'event',
    ops: { plain: events, traced: events },
    samplesPerRound: corpus === 'golden' ? 5 : 1,
    twin: direction === 'encode' ? 'one pass over the columns' : 'one pass over the bytes',
    setup(context): Twins {
      const { trace, wire } = input(corpus, context);
      if (trace.length !== events) throw new Error(`wire case: want ${events} events, got ${trace.length}`);
      return direction === 'encode'
        ? {
            plain: () => (sink += scanColumns(trace)),
            traced: () => (sink += encodeWire(trace).length),
            counters: () => ({ 'wire bytes/event': encodeWire(trace).length / events }),
          }
        : {
            plain: () => (sink += scanInput(wire)),
            traced: () => (sink += decodeWire(wire).length),
            counters: () => ({ 'events decoded/event': decodeWire(wire).length / events, 'wire bytes/event': wire.length / events }),
          };
    },
  };
}

function jsonlCase(corpus: Corpus, direction: 'encode' | 'decode'): BenchCase {
  return {
    id: `wire/jsonl-${direction}-${corpus}`,
    group: 'wire',
    title: `JSONL ${direction}, ${corpusTitle(corpus)} (first 50 k events)`,
    unit: 'event',
    ops: { plain: JSONL_EVENTS, traced: JSONL_EVENTS },
    samplesPerRound: 2,
    twin: direction === 'encode' ? 'one pass over the columns' : 'one pass over the text',
    setup(context): Twins {
      const trace = prefix(input(corpus, context).trace, JSONL_EVENTS);
      const text = encodeJsonl(trace);
      const bytes = new TextEncoder().encode(text).length;
      return direction === 'encode'
        ? {
            plain: () => (sink += scanColumns(trace)),
            traced: () => (sink += encodeJsonl(trace).length),
            counters: () => ({ 'jsonl bytes/event': new TextEncoder().encode(encodeJsonl(trace)).length / JSONL_EVENTS }),
          }
        : {
            plain: () => (sink += scanInput(text)),
            traced: () => (sink += decodeJsonl(text).length),
            counters: () => ({ 'events decoded/event': decodeJsonl(text).length / JSONL_EVENTS, 'jsonl bytes/event': bytes / JSONL_EVENTS }),
          };
    },
  };
}

/** The wire cases, in report order. */
export const WIRE_CASES: readonly BenchCase[] = (['golden', 'random'] as const).flatMap((c) => [wireCase(c, 'encode'), wireCase(c, 'decode'), jsonlCase(c, 'encode'), jsonlCase(c, 'decode')]);

/** @internal */
export function wireSink(): number {
  return sink;
}
