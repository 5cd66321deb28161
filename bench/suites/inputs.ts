/**
 * The large inputs of the throughput cases, built once per process and shared between cases.
 * @module
 */
import type { Trace } from '../../src/model/trace.ts';
import { encodeWire } from '../../src/wire/encode.ts';
import { goldenCorpus } from './golden-corpus.ts';
import { prefix, randomTrace } from './random-trace.ts';

/** Events of the random trace (the issue: a 10 M-event random trace). */
export const RANDOM_EVENTS = 10_000_000;
/** Events the golden corpus is repeated to. */
export const GOLDEN_EVENTS = 200_000;

let random: { trace: Trace; wire: Uint8Array } | undefined;
let golden: { trace: Trace; wire: Uint8Array } | undefined;

/** The 10 M-event random call-stack trace (seed 1) and its wire encoding. */
export function randomInput(): { readonly trace: Trace; readonly wire: Uint8Array } {
  if (random === undefined) {
    const trace = randomTrace(RANDOM_EVENTS, 1);
    random = { trace, wire: encodeWire(trace) };
  }
  return random;
}

/** The golden corpus repeated to {@link GOLDEN_EVENTS} events, and its wire encoding. */
export function goldenInput(goldenDir: string): { readonly trace: Trace; readonly wire: Uint8Array } {
  if (golden === undefined) {
    const trace = prefix(goldenCorpus(goldenDir, GOLDEN_EVENTS), GOLDEN_EVENTS);
    golden = { trace, wire: encodeWire(trace) };
  }
  return golden;
}

/**
 * The reference twin of a throughput case over a trace: one plain pass reading every event's columns,
 * the least work any codec or checker must do. Returns a checksum so it is not optimised away.
 */
export function scanColumns(t: Trace): number {
  const c = t.columns;
  let sum = 0;
  for (let i = 0; i < t.length; i++) sum = (sum + c.kind[i]! + c.activation[i]! + c.code[i]! + c.seq[i]!) | 0;
  return sum;
}

/** The reference twin of a decoding case: one plain pass reading every input byte (or UTF-16 unit). */
export function scanInput(input: Uint8Array | string): number {
  let sum = 0;
  if (typeof input === 'string') for (let i = 0; i < input.length; i++) sum = (sum + input.charCodeAt(i)) | 0;
  else for (let i = 0; i < input.length; i++) sum = (sum + input[i]!) | 0;
  return sum;
}
