// Rows of a trace before it is built (harness/reach/valid-trace.ts `Row`): building a trace from them, where a
// fragment may go, splicing it in, and what a valid trace leaves open: the negative cases' working tools.
import { EventKind, isEntry, isExit } from '../../src/model/kinds.ts';
import { Trace } from '../../src/model/trace.ts';
import { eventText, rowText } from './negative-case.ts';
import type { Row, ValidBase } from './valid-trace.ts';

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

/**
 * The activations rows leave unfinished, in order of first frame event, with their state at the end: a
 * `return`, `unwind` or `abandoned` finishes one for good (what follows is lifecycle's `after-terminal`).
 */
export function unfinished(rows: readonly Row[]): { activation: number; code: number; state: 'running' | 'suspended' }[] {
  const state = new Map<number, { code: number; state: 'running' | 'suspended' | 'finished' }>();
  for (const r of rows) {
    if (!(isEntry(r.kind) || isExit(r.kind) || r.kind === EventKind.Abandoned)) continue;
    const s = state.get(r.activation) ?? { code: r.code, state: 'running' as const };
    if (s.state === 'finished' && state.has(r.activation)) continue;
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
