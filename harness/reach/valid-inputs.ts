// Valid inputs every validator must accept (no false positives): random traces of the machine, traces this
// package's recorder writes for random programs, crash-recovered recordings, flight-recorder snapshots.
import fc from 'fast-check';
import { EventKind, isStreamRecord } from '../../src/model/kinds.ts';
import type { Trace } from '../../src/model/trace.ts';
import { Tracer } from '../../src/recorder/tracer.ts';
import { programArbitrary } from '../program/arbitrary.ts';
import { compileProgram } from '../targets/js/compile.ts';
import { type CaseVariant, type Judgment, type NegativeCase } from './negative-case.ts';
import { atLeast, buildTrace, freshId, row } from './trace-rows.ts';
import { recordsBaseArbitrary } from './negative-model.ts';
import { recover, recoveryDraw } from './negative-recovery.ts';
import { CODES, validBaseArbitrary } from './valid-trace.ts';

/**
 * Every validator with its default options, each accepting the trace: stack balance, lifecycle, seq (also
 * from its first seq, `from`), wake causality, exactness, recovery, equality with its own canonical form (also
 * fed the events as they are, numeric codes), and `validateTrace`.
 * @param trace - a complete trace that declares nothing open
 * @param from - where its stream starts (the first seq, or what a leading `dropped` covers)
 */
export function acceptedByAll(trace: Trace, from: number): Judgment[] {
  return [
    { judge: { by: 'stack-balance' }, expected: [] },
    { judge: { by: 'lifecycle' }, expected: [] },
    { judge: { by: 'seq' }, expected: [] },
    { judge: { by: 'seq', from }, expected: [] },
    { judge: { by: 'wake' }, expected: [] },
    { judge: { by: 'exact' }, expected: [] },
    { judge: { by: 'recovery' }, expected: [] },
    { judge: { by: 'model', expected: trace.canonical() }, expected: [] },
    // Events pushed as they are name their codes `code<id>`.
    { judge: { by: 'model', expected: trace.canonical().map((e) => (isStreamRecord(e.kind) ? e : { ...e, code: `code${trace.codes.indexOf(e.code)}` })), raw: true }, expected: [] },
    { judge: { by: 'validate-trace' }, expected: [] },
  ];
}

const valid = (name: string, arbitrary: fc.Arbitrary<{ trace: Trace; from: number; edit: string }>): CaseVariant => ({
  name,
  rules: [],
  arbitrary: arbitrary.map((c): NegativeCase => ({ variant: name, edit: c.edit, trace: c.trace, checks: acceptedByAll(c.trace, c.from) })),
});

/** Valid inputs, each judged by every validator. */
export const VALID_VARIANTS: readonly CaseVariant[] = [
  valid(
    'valid: a random trace',
    validBaseArbitrary().map((b) => ({ trace: buildTrace(b.rows, b.codes, b.seq0), from: b.seq0, edit: `${b.rows.length} events` })),
  ),
  valid(
    'valid: the trace this package records for a random program',
    programArbitrary({ async: false, maxFunctions: 3, maxStatements: 3 }).map((p) => {
      const trace = compileProgram(p)(new Tracer()).trace;
      return { trace, from: 0, edit: `${trace.length} events recorded` };
    }),
  ),
  {
    name: 'valid: a crash-recovered recording',
    rules: [],
    // A frame running at the crash, and user events after it (outside every activation and in a new call).
    arbitrary: recoveryDraw.map((d): NegativeCase => {
      const r = recover({ ...d, running: Math.max(d.running, 1), continued: 2 }, (c) => c.at(-1) ?? 0);
      const trace = buildTrace(r.rows, r.codes, 0, r.seqOf);
      // Strict too: abandoned finishes what was open at the crash.
      return {
        variant: 'valid: a crash-recovered recording',
        edit: `recovered at event ${r.recoveryAt}`,
        trace,
        checks: [...acceptedByAll(trace, r.seqOf(0)), { judge: { by: 'validate-trace', options: { strict: true } }, expected: [] }, { judge: { by: 'not-finished', options: {} }, expected: [] }],
      };
    }),
  },
  valid(
    'valid: frames of activation #0 (renumbered like any activation; only a user event of #0 keeps #0)',
    validBaseArbitrary().map((b) => {
      const rows = [...b.rows, row(EventKind.Call, 0, 1), row(EventKind.Return, 0, 1)];
      return { trace: buildTrace(rows, b.codes, b.seq0), from: b.seq0, edit: 'call and return of #0 appended' };
    }),
  ),
  valid('valid: an empty trace', fc.constant({ trace: buildTrace([], CODES, 0), from: 0, edit: 'no events' })),
  {
    name: 'valid: unknown flag bits (the validators ignore them; the fast path declines)',
    rules: [],
    arbitrary: fc.tuple(validBaseArbitrary().map((b) => atLeast(b, 2)), fc.nat()).map(([b, i]): NegativeCase => {
      // Bit 1 on any event; on a return-completion resume, both bits.
      const at = i % b.rows.length;
      const rows = b.rows.map((r, j) => (j === at ? { ...r, flags: r.flags | 2 } : r));
      const trace = buildTrace(rows, b.codes, b.seq0);
      return { variant: 'valid: unknown flag bits (the validators ignore them; the fast path declines)', edit: `flags |= 2 at event ${at}`, trace, checks: [{ judge: { by: 'validate-trace' }, expected: [] }] };
    }),
  },
  ...[65536, 65537, 2 ** 32 - 1].map((top) =>
    valid(
      `valid: activation ids up to ${top} (the fast path ${top > 65536 ? 'declines' : 'takes'} ids above 65536 in short traces)`,
      validBaseArbitrary().map((b) => atLeast(b, 2)).map((b) => {
        // Every id moved up so that the largest is `top` (0 stays: a user event outside every activation).
        const max = freshId(b.rows) - 1;
        const moved = (id: number | undefined): number | undefined => (id === undefined || id === 0 ? id : id + top - max);
        const rows = b.rows.map((r) => ({ ...r, activation: moved(r.activation)!, ...(r.waker !== undefined ? { waker: moved(r.waker)! } : {}) }));
        return { trace: buildTrace(rows, b.codes, b.seq0), from: b.seq0, edit: `ids up to ${top}` };
      }),
    ),
  ),
  valid(
    'valid: a stack deeper than 64 frames, of calls and resumes',
    fc.tuple(fc.integer({ min: 33, max: 70 }), validBaseArbitrary(8)).map(([half, b]) => {
      const first = freshId(b.rows);
      const gens = Array.from({ length: half }, (_, i) => first + i);
      const calls = Array.from({ length: half }, (_, i) => first + half + i);
      const code = (a: number): number => (a - first) % 7;
      // Generators suspended first, then nested: calls, then each generator resumed above the last.
      const rows = [
        ...b.rows,
        ...gens.flatMap((a) => [row(EventKind.Call, a, code(a)), row(EventKind.Yield, a, code(a))]),
        ...calls.map((a) => row(EventKind.Call, a, code(a))),
        ...gens.map((a) => row(EventKind.Resume, a, code(a))),
        row(EventKind.Event, gens.at(-1)!, 7),
        ...[...gens].reverse().map((a) => row(EventKind.Return, a, code(a))),
        ...[...calls].reverse().map((a) => row(EventKind.Return, a, code(a))),
      ];
      return { trace: buildTrace(rows, b.codes, b.seq0), from: b.seq0, edit: `${2 * half} frames deep` };
    }),
  ),
  valid(
    'valid: seqs up to 2^53-1',
    validBaseArbitrary().map((b) => {
      const rows = b.rows.length > 0 ? b.rows : [row(EventKind.Event, 0, 7)];
      const s0 = 2 ** 53 - rows.length;
      return { trace: buildTrace(rows, b.codes, s0), from: s0, edit: `seqs ${s0}..2^53-1` };
    }),
  ),
  valid(
    'valid: a dropped record in the middle, the seq jumping by its count',
    fc.tuple(validBaseArbitrary().map((b) => atLeast(b, 1)), fc.nat(), fc.integer({ min: 2, max: 5000 })).map(([b, where, count]) => {
      const q = 1 + (where % b.rows.length);
      const rows = [...b.rows.slice(0, q), row(EventKind.Dropped, 0, 0, { waker: count }), ...b.rows.slice(q)];
      // dropped {count} carries the seq of the last evicted record: count - 1 seqs beyond the next one.
      return { trace: buildTrace(rows, b.codes, b.seq0, (j) => b.seq0 + j + (j >= q ? count - 1 : 0)), from: b.seq0, edit: `dropped ${count} at event ${q}` };
    }),
  ),
  valid(
    'valid: a snapshot whose dropped record covers the seqs before it, with checkpoints',
    recordsBaseArbitrary.map((b) => {
      const first = b.rows[0];
      const from = first?.kind === EventKind.Dropped ? b.seq0 - first.waker! + 1 : b.seq0;
      return { trace: buildTrace(b.rows.length > 0 ? b.rows : [row(EventKind.Checkpoint, 0, 0, { waker: 1 })], b.codes, b.seq0), from, edit: first?.kind === EventKind.Dropped ? `dropped ${first.waker}` : 'no drop' };
    }),
  ),
];
