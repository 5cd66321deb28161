/**
 * What one fuzz case came to, and the rules that decide it. The definitions (README "Fuzzing"):
 *
 * | outcome | meaning |
 * |---|---|
 * | `ok` | the decoder returned (a trace, a report, a tolerant read with its loss) |
 * | `typed` | it threw a {@link TraceFormatError} with a defined code, or reported one (a wire loss): bad input refused by an explicit check |
 * | `untyped` | it threw anything else (`TypeError`, `RangeError`, a `TraceFormatError` with a code not defined, a string...): a bug in the reader |
 * | `masked` | it threw a `TraceFormatError` that wraps an internal exception: a `cause` that is not a `TraceFormatError`, a `byteOffset` that is not a non-negative integer (computed from `undefined`), or a message holding an engine's error text ({@link ENGINE_TEXT}) that the input itself does not hold: a bug passed off as bad input |
 * | `hung` | one case ran longer than {@link HUNG_MS} |
 *
 * A run passes when `untyped`, `masked` and `hung` are all 0.
 * @module
 */
import { TraceFormatError, type TraceFormatErrorCode } from '../../src/model/errors.ts';

/** The outcome of one case. */
export type OutcomeKind = 'ok' | 'typed' | 'untyped' | 'masked' | 'hung';

/** One case's outcome: for `typed` and `masked` the code, for `untyped` and `masked` why. */
export interface Outcome {
  readonly kind: OutcomeKind;
  readonly code?: TraceFormatErrorCode;
  readonly reason?: string;
  /** What was thrown, for a counterexample's report. */
  readonly error?: unknown;
}

/** A case running longer than this (ms) is `hung`: generous, as this is a fuzz tool, not a test. */
export const HUNG_MS = 10_000;

/** Every code of {@link TraceFormatErrorCode} (src/model/errors.ts); the type check keeps the list whole. */
export const ERROR_CODES = [
  'bad-magic', 'unsupported-version', 'bad-header', 'bad-chunk', 'bad-crc', 'truncated', 'unknown-record', 'bad-record', 'undefined-code', 'code-conflict', 'limit-exceeded', 'bad-varint',
  'unsafe-integer', 'bad-line', 'unknown-kind', 'unknown-flag', 'bad-json', 'bad-event', 'unknown-format', 'empty-trace',
] as const satisfies readonly TraceFormatErrorCode[];
// Fails to compile when errors.ts gains a code this list lacks.
const EVERY_CODE: Exclude<TraceFormatErrorCode, (typeof ERROR_CODES)[number]> extends never ? true : never = true;
void EVERY_CODE;

/**
 * Texts of JavaScript engines' own errors (V8, JSC, SpiderMonkey), which no reader writes on purpose: a
 * typed error whose message holds one wraps an internal exception. `undefined` counts except in zod's
 * schema wording "received undefined" (a missing key, reported by the schema as such) and the code
 * name `undefined-code`.
 */
export const ENGINE_TEXT: readonly RegExp[] = [
  /maximum call stack/i,
  /too much recursion/i,
  /cannot read propert/i,
  /cannot set propert/i,
  /is not a function/i,
  /is not iterable/i,
  /is not an object/i,
  /invalid array length/i,
  /invalid typed array length/i,
  /invalid string length/i,
  /array buffer allocation failed/i,
  /out of memory/i,
  /outside the bounds of the dataview/i,
  /offset is out of bounds/i,
  /cannot convert/i,
  /\bNaN\b/,
  /(?<!received |-)\bundefined\b(?!-)/i,
];

/**
 * Classifies what a decoder did with one input.
 * @param thrown - what it threw, or `undefined` when it returned
 * @param reported - a typed error it returned instead of throwing (a tolerant read's loss), if any
 * @param input - the input, to tell an engine text the reader made from one it quotes from the input
 * @param elapsedMs - how long the case ran, ms
 * @returns the outcome
 */
export function classify(thrown: unknown, reported: TraceFormatError | undefined, input: Uint8Array, elapsedMs: number, didThrow = thrown !== undefined): Outcome {
  if (elapsedMs > HUNG_MS) return { kind: 'hung', reason: `ran ${Math.round(elapsedMs)} ms, over ${HUNG_MS} ms`, ...(didThrow ? { error: thrown } : {}) };
  const error = didThrow ? thrown : reported;
  if (!didThrow && reported === undefined) return { kind: 'ok' };
  if (!(error instanceof TraceFormatError)) return { kind: 'untyped', reason: describe(error), error };
  if (!(ERROR_CODES as readonly string[]).includes(error.code)) return { kind: 'untyped', reason: `TraceFormatError with undefined code ${JSON.stringify(error.code)}`, error };
  const masked = maskedReason(error, input);
  if (masked !== undefined) return { kind: 'masked', code: error.code, reason: masked, error };
  return { kind: 'typed', code: error.code, error };
}

/** Why a typed error is a masked internal one, or undefined when it is not. @internal */
export function maskedReason(error: TraceFormatError, input: Uint8Array): string | undefined {
  const cause = (error as { cause?: unknown }).cause;
  if (cause !== undefined && !(cause instanceof TraceFormatError)) return `cause is ${describe(cause)}`;
  if (!(Number.isSafeInteger(error.byteOffset) && error.byteOffset >= 0)) return `byteOffset is ${String(error.byteOffset)}`;
  if (error.line !== undefined && !(Number.isSafeInteger(error.line) && error.line >= 1)) return `line is ${String(error.line)}`;
  for (const pattern of ENGINE_TEXT) {
    const m = pattern.exec(error.message);
    if (m === null) continue;
    // The reader may quote the input: an engine text the input holds is the input's, not the engine's.
    if (new TextDecoder().decode(input).toLowerCase().includes(m[0].toLowerCase())) continue;
    return `message holds engine text ${JSON.stringify(m[0])}: ${error.message.slice(0, 200)}`;
  }
  return undefined;
}

/** One line naming what was thrown. @internal */
export function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message.slice(0, 200)}`;
  return `non-Error thrown: ${typeof error} ${String(error).slice(0, 200)}`;
}
