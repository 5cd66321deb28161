import type fc from 'fast-check';
import type { LifecycleOptions } from '../../src/check/lifecycle.ts';
import type { NotFinishedOptions } from '../../src/check/not-finished.ts';
import type { StreamViolations } from '../../src/check/streams.ts';
import type { ValidateTraceOptions } from '../../src/check/validate-trace.ts';
import type { Violation } from '../../src/check/violation.ts';
import type { CanonicalEvent } from '../../src/model/event.ts';
import { EventKind, isEntry, isExit, kindName } from '../../src/model/kinds.ts';
import type { MergedTrace } from '../../src/model/merged-trace.ts';
import { type OpenAtStart, Trace } from '../../src/model/trace.ts';
import type { Row, ValidBase } from './valid-trace.ts';

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

/**
 * A trace of rows, row i at seq `seq0 + i` (or the seq `seqOf` gives). Undefined kinds (outside 1..14) are
 * written into the columns directly, which `Trace.fromEvents` refuses.
 */
export function buildTrace(rows: readonly Row[], codes: readonly string[], seq0: number, seqOf: (i: number) => number = (i) => seq0 + i): Trace {
  const n = rows.length;
  const columns = {
    kind: new Uint8Array(n),
    flags: new Uint8Array(n),
    activation: new Uint32Array(n),
    code: new Uint32Array(n),
    seq: new Float64Array(n),
    waker: new Uint32Array(n),
    ...(rows.some((r) => r.payload !== undefined) ? { payload: rows.map((r) => r.payload) } : {}),
  };
  rows.forEach((r, i) => {
    columns.kind[i] = r.kind;
    columns.flags[i] = r.flags;
    columns.activation[i] = r.activation;
    columns.code[i] = r.code;
    columns.seq[i] = seqOf(i);
    columns.waker[i] = r.waker ?? 0;
  });
  return new Trace(columns, codes, n);
}

/** The running stack (bottom first) just before row `at` of a valid trace: entries push, exits pop. */
export function stackAt(rows: readonly Row[], at: number): number[] {
  const stack: number[] = [];
  for (let i = 0; i < at; i++) {
    const r = rows[i]!;
    if (isEntry(r.kind)) stack.push(r.activation);
    else if (isExit(r.kind) || r.kind === EventKind.Abandoned) stack.splice(stack.lastIndexOf(r.activation), 1);
  }
  return stack;
}

/**
 * Where a fragment may go into a valid trace without breaking it: anywhere but between a `wake` or `pending`
 * and what must follow it, or between a `yield` and its `await` record.
 * @returns the positions 0..rows.length (inclusive) that qualify, optionally only those with an empty stack
 */
export function insertionPoints(rows: readonly Row[], emptyStack = false): number[] {
  const out: number[] = [];
  let depth = 0;
  for (let p = 0; p <= rows.length; p++) {
    const before = rows[p - 1];
    const ok = before === undefined || !(before.kind === EventKind.Wake || before.kind === EventKind.Pending || (before.kind === EventKind.Yield && rows[p]?.kind === EventKind.Await));
    if (ok && (!emptyStack || depth === 0)) out.push(p);
    const r = rows[p];
    if (r !== undefined) depth += isEntry(r.kind) ? 1 : isExit(r.kind) ? -1 : 0;
  }
  return out;
}

/** Picks one of `choices` by a natural. */
export function pickOf<T>(choices: readonly T[], n: number): T {
  return choices[n % choices.length]!;
}

/** The first activation id above every id (activation, waker, await and pending target) of the rows. */
export function freshId(rows: readonly Row[]): number {
  let max = 0;
  for (const r of rows) max = Math.max(max, r.activation, r.kind === EventKind.Wake || r.kind === EventKind.Await || r.kind === EventKind.Pending ? (r.waker ?? 0) : 0);
  return max + 1;
}

/** A fragment spliced into a valid base: the rows, where it starts, and text helpers for its expectations. */
export interface Spliced {
  readonly rows: Row[];
  /** Index of the fragment's first row. */
  readonly at: number;
  /** The seq of row i. */
  seq(i: number): number;
  /** {@link eventText} of row i. */
  text(i: number): string;
  /** {@link eventText} of row i with its numeric code, as `describeEvent` writes an event pushed as it is (`code3`). */
  raw(i: number): string;
}

/** Inserts `fragment` at `at` into the base's rows. */
export function splice(base: ValidBase, at: number, fragment: readonly Row[]): Spliced {
  const rows = [...base.rows.slice(0, at), ...fragment, ...base.rows.slice(at)];
  return { rows, at, seq: (i) => base.seq0 + i, text: (i) => rowText(rows[i]!, base.codes), raw: (i) => eventText({ ...rows[i]!, code: `code${rows[i]!.code}` }) };
}

/** A row of activation `activation` with code `code`. */
export function row(kind: number, activation: number, code: number, extra: { flags?: number; waker?: number; payload?: string } = {}): Row {
  return { kind, activation, code, flags: extra.flags ?? 0, ...(extra.waker !== undefined ? { waker: extra.waker } : {}), ...(extra.payload !== undefined ? { payload: extra.payload } : {}) };
}

/** `#<top> runs` or `nothing runs`, as the exactness and wake rules write who is running. */
export function running(top: number | undefined): string {
  return top === undefined ? 'nothing runs' : `#${top} runs`;
}

/** The activations a valid trace leaves unfinished, in order of first event, with their state at the end. */
export function unfinished(rows: readonly Row[]): { activation: number; code: number; state: 'running' | 'suspended' }[] {
  const state = new Map<number, { code: number; state: 'running' | 'suspended' | 'finished' }>();
  for (const r of rows) {
    if (!(isEntry(r.kind) || isExit(r.kind) || r.kind === EventKind.Abandoned)) continue;
    const s = state.get(r.activation) ?? { code: r.code, state: 'running' as const };
    state.set(r.activation, { code: s.code, state: r.kind === EventKind.Yield ? 'suspended' : isEntry(r.kind) ? 'running' : 'finished' });
  }
  return [...state].filter(([, s]) => s.state !== 'finished').map(([activation, s]) => ({ activation, code: s.code, state: s.state as 'running' | 'suspended' }));
}

/** A valid base with at least `n` rows: fresh `call`/`return` pairs appended as needed. */
export function atLeast(base: ValidBase, n: number): ValidBase {
  const rows = [...base.rows];
  for (let a = freshId(rows); rows.length < n; a++) rows.push(row(EventKind.Call, a, 1), row(EventKind.Return, a, 1));
  return { ...base, rows };
}
