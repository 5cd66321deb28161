import type fc from 'fast-check';
import type { LifecycleOptions } from '../../src/check/lifecycle.ts';
import type { NotFinishedOptions } from '../../src/check/not-finished.ts';
import type { StreamViolations } from '../../src/check/streams.ts';
import type { ValidateTraceOptions } from '../../src/check/validate-trace.ts';
import type { Violation } from '../../src/check/violation.ts';
import type { CanonicalEvent } from '../../src/model/event.ts';
import { EventKind, kindName } from '../../src/model/kinds.ts';
import type { MergedTrace } from '../../src/model/merged-trace.ts';
import type { OpenAtStart, Trace } from '../../src/model/trace.ts';
import type { Row } from './valid-trace.ts';

/**
 * Which validator judges a case, with its options: one of `src/check`'s validators fed every event
 * (`runValidators`), `validateTrace` (the fast path and the per-event validators together), or `checkStreams`.
 * `raw`: the trace's events are pushed as they are, numeric codes and all (a `TraceEvent` is a `CheckedEvent`);
 * `canonical`: the trace's canonical events are (seq = index, activations renumbered), as `expectTraceEqual` does.
 */
export type Judge =
  | { readonly by: 'stack-balance'; readonly raw?: boolean }
  | { readonly by: 'lifecycle'; readonly options?: LifecycleOptions; readonly raw?: boolean }
  | { readonly by: 'seq'; readonly from?: number }
  | { readonly by: 'wake'; readonly open?: readonly OpenAtStart[] }
  | { readonly by: 'exact' }
  | { readonly by: 'recovery' }
  | { readonly by: 'model'; readonly expected: readonly CanonicalEvent[]; readonly canonical?: boolean; readonly raw?: boolean }
  | { readonly by: 'not-finished'; readonly options: NotFinishedOptions }
  | { readonly by: 'validate-trace'; readonly options?: ValidateTraceOptions }
  | { readonly by: 'streams'; readonly merged: MergedTrace; readonly strict?: boolean };

/** What one judge must say of a case: everything it reports, in its order (`checkStreams`: per stream). */
export interface Judgment {
  readonly judge: Judge;
  /** Empty: the judge accepts the input. */
  readonly expected: readonly Violation[] | readonly StreamViolations[];
}

/**
 * One generated input and what its judges must say, derived from the edit by the rules (DESIGN §3–4, the TSDoc
 * of each validator), never by running the validator under test.
 */
export interface NegativeCase {
  /** The variant that made it, e.g. `lifecycle/resume-not-suspended: resume while running`. */
  readonly variant: string;
  /** What was done to the valid trace, for a person reading a failure. */
  readonly edit: string;
  /** The input (for `checkStreams`, the stream that was edited or the first). */
  readonly trace: Trace;
  /** One or more judges and their verdicts (a valid input: several judges, each accepting it). */
  readonly checks: readonly Judgment[];
}

/** A family of negative (or valid) cases: a name and the arbitrary that makes them. */
export interface CaseVariant {
  /** `<rule>: <edit>`, or `valid: <input>`. */
  readonly name: string;
  /** The rules its cases are rejected with (empty for valid inputs); every case reports each of them. */
  readonly rules: readonly string[];
  readonly arbitrary: fc.Arbitrary<NegativeCase>;
}

/**
 * A violation as the validators build it: `message` is `want <expected>, got <found>` (STYLE "Errors").
 * Written here again so that a changed message in `src/check` shows.
 */
export function want(rule: string, eventIndex: number, seq: number, activation: number, expected: string, found: string): Violation {
  return { rule, eventIndex, seq, activation, expected, found, message: `want ${expected}, got ${found}` };
}

/** The fields of an event a violation's text is made from. */
export interface TextEvent {
  readonly kind: number;
  readonly activation: number;
  readonly code: string;
  readonly flags: number;
  readonly waker?: number;
  readonly payload?: string;
}

/**
 * An event as violation text: its canonical text line with raw ids and names unquoted (`resume g #3 return`,
 * `wake f #2 by ?`, `event phase #0 = 1`, `dropped 3`, `recovery from ?`), `kind(N)` for an undefined kind.
 */
export function eventText(e: TextEvent): string {
  const peer = e.waker ?? 0;
  if (e.kind === EventKind.Dropped) return `dropped ${peer}`;
  if (e.kind === EventKind.Checkpoint) return `checkpoint ${peer}`;
  if (e.kind === EventKind.Recovery) return `recovery from ${peer === 0 ? '?' : peer}`;
  const kind = e.kind >= 1 && e.kind <= 14 ? kindName(e.kind) : `kind(${e.kind})`;
  const on = peer === 0 ? '?' : `#${peer}`;
  const tail = e.kind === EventKind.Wake ? ` by ${on}` : e.kind === EventKind.Pending || e.kind === EventKind.Await ? ` on ${on}` : (e.flags & 1) !== 0 ? ' return' : '';
  return `${kind} ${e.code} #${e.activation}${tail}${e.payload === undefined ? '' : ` = ${e.payload}`}`;
}

/** {@link eventText} of a row, its code named by `codes`. */
export function rowText(r: Row, codes: readonly string[]): string {
  return eventText({ ...r, code: codes[r.code] ?? `<code ${r.code}>` });
}

/** `#<top> runs` or `nothing runs`, as the exactness and wake rules write who is running. */
export function running(top: number | undefined): string {
  return top === undefined ? 'nothing runs' : `#${top} runs`;
}
