// Negative cases of invariant 6 (DESIGN §4, §3 "Stream"): seq, from edits of a random valid trace's seq column
// (harness/reach/valid-trace.ts): a gap, a repeat or step back, a value that is no seq, a dropped record that
// counts wrong, a stream that does not start where it must.
import fc from 'fast-check';
import { EventKind } from '../../src/model/kinds.ts';
import { type CaseVariant, type NegativeCase, rowText, want } from './negative-case.ts';
import { atLeast, buildTrace, pickOf, row } from './trace-rows.ts';
import { recover, recoveryDraw } from './negative-recovery.ts';
import { type Row, type ValidBase, validBaseArbitrary } from './valid-trace.ts';

const draw = fc.record({ base: validBaseArbitrary(), i: fc.nat(), k: fc.nat(), pick: fc.nat() });

/** A variant editing the seq of a valid trace of at least two rows. */
function seqVariant(
  name: string,
  judge: { readonly from?: number } | ((base: ValidBase, pick: number) => { readonly from?: number }),
  make: (base: ValidBase, d: { i: number; k: number; pick: number }) => { rows?: readonly Row[]; seqOf: (i: number) => number; edit: string; expect: (rows: readonly Row[]) => ReturnType<typeof want>[] },
): CaseVariant {
  const rule = name.slice(0, name.indexOf(':'));
  return {
    name,
    rules: [rule],
    arbitrary: draw.map((d): NegativeCase => {
      const base = atLeast(d.base, 2);
      const m = make(base, d);
      const rows = m.rows ?? base.rows;
      const options = typeof judge === 'function' ? judge(base, d.pick) : judge;
      return { variant: name, edit: m.edit, trace: buildTrace(rows, base.codes, base.seq0, m.seqOf), checks: [{ judge: { by: 'seq', ...options }, expected: m.expect(rows) }] };
    }),
  };
}

/** A seq that is no integer in 0..2^53-1 (one of `bad`) at one event; the events after it continue from the one before. */
function notInteger(what: string, bad: (s0: number, i: number) => number[]): CaseVariant {
  return seqVariant(`seq/not-integer: ${what}`, {}, (base, d) => {
    const i = d.i % base.rows.length;
    const s0 = base.seq0;
    const value = pickOf(bad(s0, i), d.k);
    return {
      seqOf: (j) => (j < i ? s0 + j : j === i ? value : s0 + j - 1),
      edit: `seq ${value} at event ${i}`,
      expect: (rows) => [want('seq/not-integer', i, value, rows[i]!.activation, 'a seq in 0..2^53-1', `seq ${value} on ${rowText(rows[i]!, base.codes)}`)],
    };
  });
}

/** Seq (`src/check/seq.ts`): every rule. */
export const SEQ_VARIANTS: readonly CaseVariant[] = [
  seqVariant('seq/gap: seqs skipped', {}, (base, d) => {
    const i = 1 + (d.i % (base.rows.length - 1));
    const k = 1 + (d.k % 3 === 0 ? d.k : d.k % 5);
    const s0 = base.seq0;
    return {
      seqOf: (j) => s0 + j + (j >= i ? k : 0),
      edit: `${k} seqs skipped before event ${i}`,
      expect: (rows) => [want('seq/gap', i, s0 + i + k, rows[i]!.activation, `seq ${s0 + i}`, `seq ${s0 + i + k} (${k} missing)`)],
    };
  }),
  seqVariant('seq/not-increasing: a seq repeated or going back', {}, (base, d) => {
    const i = 1 + (d.i % (base.rows.length - 1));
    const back = 1 + (d.k % i);
    const s0 = base.seq0;
    const seqOf = (j: number): number => s0 + j - (j >= i ? back : 0);
    const prev = s0 + i - 1;
    return {
      seqOf,
      edit: `from event ${i} on, seq ${back} lower`,
      // Each event until the seq passes the last one seen again.
      expect: (rows) =>
        rows.flatMap((r, j) => (j >= i && seqOf(j) <= prev ? [want('seq/not-increasing', j, seqOf(j), r.activation, `seq ${prev + 1}`, `seq ${seqOf(j)} on ${rowText(r, base.codes)}`)] : [])),
    };
  }),
  notInteger('a negative seq', (s0, i) => [-1, -(2 ** 31), -(s0 + i + 1)]),
  notInteger('a fraction', (s0, i) => [0.5, s0 + i + 0.25, s0 + i - 0.5]),
  notInteger('NaN, an infinity or 2^53', () => [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 2 ** 53]),
  // Below 0 and at a fraction: one family each, so that every run holds a stream starting below 0 (the fast path
  // must not take its first seq for a valid one).
  ...(['below 0', 'at a fraction'] as const).map((what) =>
    seqVariant(`seq/not-integer: a stream whose seqs start ${what}`, {}, (base, d) => {
      const n = base.rows.length;
      const s0 = what === 'below 0' ? -(1 + (d.k % (n - 1))) : (d.k % 100) + 0.5;
      // Below 0: each negative seq; from 0 on the stream is in order (the first integer seq starts it).
      return {
        seqOf: (j) => s0 + j,
        edit: `seqs from ${s0}`,
        expect: (rows) => rows.flatMap((r, j) => (Number.isSafeInteger(s0 + j) && s0 + j >= 0 ? [] : [want('seq/not-integer', j, s0 + j, r.activation, 'a seq in 0..2^53-1', `seq ${s0 + j} on ${rowText(r, base.codes)}`)])),
      };
    }),
  ),
  seqVariant('seq/not-integer: seqs that run past 2^53-1', {}, (base) => {
    const n = base.rows.length;
    const s0 = 2 ** 53 - 1 - (n - 2);
    return {
      seqOf: (j) => s0 + j,
      edit: `the last of ${n} seqs is 2^53`,
      expect: (rows) => [want('seq/not-integer', n - 1, 2 ** 53, rows[n - 1]!.activation, 'a seq in 0..2^53-1', `seq ${2 ** 53} on ${rowText(rows[n - 1]!, base.codes)}`)],
    };
  }),
  seqVariant('seq/drop-mismatch: a dropped record whose seq is not the last dropped one', {}, (base, d) => {
    const i = 1 + (d.i % base.rows.length);
    const count = 1 + (d.k % 40);
    const s0 = base.seq0;
    const prev = s0 + i - 1;
    const off = d.pick % 2 === 0 ? 1 + (d.pick % 97) : -(1 + (d.pick % count));
    const seqDrop = prev + count + off;
    const rows = [...base.rows.slice(0, i), row(EventKind.Dropped, 0, 0, { waker: count }), ...base.rows.slice(i)];
    const after = Math.max(prev, seqDrop) + 1;
    return {
      rows,
      seqOf: (j) => (j < i ? s0 + j : j === i ? seqDrop : after + j - i - 1),
      edit: `dropped ${count} at seq ${seqDrop} after seq ${prev}`,
      expect: () => [want('seq/drop-mismatch', i, seqDrop, 0, `seq ${prev + count} (the last of ${count} dropped after seq ${prev})`, `seq ${seqDrop}`)],
    };
  }),
  seqVariant(
    'seq/start: a stream that does not start at its first seq',
    (base, pick) => ({ from: pick % 3 === 0 ? 0 : base.seq0 + 1 + (pick % 50) }),
    (base, d) => {
      const from = d.pick % 3 === 0 ? 0 : base.seq0 + 1 + (d.pick % 50);
      const s0 = from === 0 && base.seq0 === 0 ? 1 + (d.k % 9) : base.seq0;
      return { seqOf: (j) => s0 + j, edit: `first seq ${s0}, want ${from}`, expect: (rows) => [want('seq/start', 0, s0, rows[0]!.activation, `a stream starting at seq ${from} (or a dropped record covering the seqs before)`, `seq ${s0} on ${rowText(rows[0]!, base.codes)}`)] };
    },
  ),
  seqVariant(
    'seq/start: a dropped record first that does not cover the seqs before',
    (base, pick) => ({ from: pick % 2 === 0 ? 0 : base.seq0 }),
    (base, d) => {
      const count = 1 + (d.k % 20);
      const from = d.pick % 2 === 0 ? 0 : base.seq0;
      // dropped {count} at seq s covers s-count+1..s; off it by 1..5 either way (never below 0).
      const off = d.i % 2 === 0 ? 1 + (d.i % 5) : -(1 + (d.i % 5));
      const covering = from + count - 1;
      const seqDrop = covering + off >= 0 ? covering + off : covering - off;
      const rows = [row(EventKind.Dropped, 0, 0, { waker: count }), ...base.rows];
      return {
        rows,
        seqOf: (j) => seqDrop + j,
        edit: `dropped ${count} at seq ${seqDrop} first, want the stream from ${from}`,
        expect: () => [want('seq/start', 0, seqDrop, 0, `a stream starting at seq ${from} (or a dropped record covering the seqs before)`, `seq ${seqDrop} on dropped ${count}`)],
      };
    },
  ),
];

/** A recovery record may skip seqs (the records lost in the torn tail), never repeat one or go back. */
export const SEQ_RECOVERY_VARIANTS: readonly CaseVariant[] = (['repeats the last seq', 'goes back'] as const).map((what) => {
  const name = `seq/not-increasing: a recovery record that ${what}`;
  return {
    name,
    rules: ['seq/not-increasing'],
    arbitrary: recoveryDraw.map((d): NegativeCase => {
      const r = recover({ ...d, base: atLeast(d.base, 2) }, (c) => c.at(-1) ?? 0);
      const ri = r.recoveryAt;
      const s0 = d.base.seq0;
      const back = what === 'repeats the last seq' ? 1 : 2 + (d.order % (ri - 1));
      const seqOf = (j: number): number => s0 + j - (j >= ri ? back : 0);
      const prev = s0 + ri - 1;
      // Each event from the recovery on until the seq passes the last one before it.
      const expected = r.rows.flatMap((x, j) => (j >= ri && seqOf(j) <= prev ? [want('seq/not-increasing', j, seqOf(j), x.activation, `seq ${prev + 1}`, `seq ${seqOf(j)} on ${rowText(x, r.codes)}`)] : []));
      return { variant: name, edit: `recovery at seq ${seqOf(ri)} after seq ${prev}`, trace: buildTrace(r.rows, r.codes, s0, seqOf), checks: [{ judge: { by: 'seq' }, expected }] };
    }),
  };
});
