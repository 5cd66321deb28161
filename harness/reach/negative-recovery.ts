// Negative cases of invariant 8 (DESIGN §4, README "Crash recovery"): recovery records and abandoned ones,
// around a crash at the end of a random valid trace (harness/reach/valid-trace.ts) with checkpoints in it.
import fc from 'fast-check';
import { EventKind } from '../../src/model/kinds.ts';
import { type CaseVariant, type NegativeCase, want } from './negative-case.ts';
import { buildTrace, freshId, pickOf, row } from './trace-rows.ts';
import { type Row, validBaseArbitrary } from './valid-trace.ts';

/** What a crash-recovered recording holds, and how the recovery validator must see it. */
export interface Recovered {
  readonly rows: Row[];
  readonly codes: readonly string[];
  /** Seq of row i: `seq0 + i`, plus `jump` from the recovery record on (the records lost in the torn tail). */
  seqOf(i: number): number;
  /** Index of the `recovery` record. */
  readonly recoveryAt: number;
  /** Checkpoint ids before the crash, in order. */
  readonly checkpoints: readonly number[];
  /** Activations open at the crash, in the validator's order: running bottom first, then suspended by last yield. */
  readonly open: readonly number[];
  /** Index of the first row after the run of abandoned records (rows.length when none follows). */
  readonly afterRun: number;
}

const CHECKPOINT_IDS = [1, 2, 3, 7, 2 ** 32 - 1];

/** The random parts of a crash-recovered recording. */
export type RecoveryDraw = typeof recoveryDraw extends fc.Arbitrary<infer T> ? T : never;

/** {@link RecoveryDraw} values. */
export const recoveryDraw = fc.record({
  base: validBaseArbitrary(16),
  checkpoints: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 3 }),
  running: fc.nat(2),
  suspended: fc.nat(2),
  jump: fc.nat(5),
  continued: fc.nat(2),
  midWake: fc.boolean(),
  order: fc.nat(),
  pick: fc.nat(),
});

/**
 * A recording killed and resumed (README "Crash recovery"): checkpoints at random points of a valid trace, a
 * crash while `running` frames run and `suspended` more are suspended, then `recovery from <id>`, one
 * `abandoned` per open activation (running ones innermost first, the suspended in a random order) but those in
 * `omit`, and optionally a new call. With `midWake`, the crash comes right after a `wake … by ?`.
 */
export function recover(d: RecoveryDraw, from: (checkpoints: readonly number[]) => number, omit: (open: readonly number[]) => ReadonlySet<number> = () => new Set()): Recovered {
  const rows: Row[] = [...d.base.rows];
  for (const [where, id] of d.checkpoints) rows.splice(where % (rows.length + 1), 0, row(EventKind.Checkpoint, 0, 0, { waker: pickOf(CHECKPOINT_IDS, id) }));
  const checkpoints = rows.filter((r) => r.kind === EventKind.Checkpoint).map((r) => r.waker!);
  let next = freshId(rows);
  for (let k = 0; k < d.suspended; k++, next++) rows.push(row(EventKind.Call, next, 2), row(EventKind.Yield, next, 2));
  const running: number[] = [];
  for (let k = 0; k < d.running; k++, next++) {
    rows.push(row(EventKind.Call, next, 3));
    running.push(next);
  }
  // Killed right after a continuation recorded its wake by ?, before its resume: the crash owes no resume.
  if (d.midWake) {
    rows.push(row(EventKind.Call, next, 1), row(EventKind.Yield, next, 1), row(EventKind.Wake, next, 1, { waker: 0 }));
    next++;
  }
  // Suspended at the crash, by last yield (the order the recovery validator keeps them in).
  const lastYield = new Map<number, number>();
  rows.forEach((r, i) => {
    if (r.kind === EventKind.Yield) lastYield.set(r.activation, i);
    else if (r.kind === EventKind.Resume || r.kind === EventKind.Throw) lastYield.delete(r.activation);
  });
  const suspended = [...lastYield].sort((x, y) => x[1] - y[1]).map(([a]) => a);
  const open = [...running, ...suspended];
  const omitted = omit(open);
  const recoveryAt = rows.length;
  rows.push(row(EventKind.Recovery, 0, 0, { waker: from(checkpoints) }));
  const codeOf = (a: number): number => rows.find((r) => r.activation === a && r.kind === EventKind.Call)!.code;
  const shuffled = [...suspended].sort((x, y) => ((x * 2654435761 + d.order) >>> 0) % 1009 - ((y * 2654435761 + d.order) >>> 0) % 1009);
  for (const a of [...[...running].reverse(), ...shuffled]) if (!omitted.has(a)) rows.push(row(EventKind.Abandoned, a, codeOf(a)));
  const afterRun = rows.length;
  // The recording goes on: a new call, with user events outside every activation and in it.
  if (d.continued === 1) rows.push(row(EventKind.Call, next, 4), row(EventKind.Return, next, 4));
  if (d.continued === 2) rows.push(row(EventKind.Event, 0, 7), row(EventKind.Call, next, 4), row(EventKind.Event, next, 8, { payload: '1' }), row(EventKind.Return, next, 4), row(EventKind.Event, 0, 8));
  const seq0 = d.base.seq0;
  return { rows, codes: d.base.codes, seqOf: (i) => seq0 + i + (i >= recoveryAt ? d.jump : 0), recoveryAt, checkpoints, open, afterRun };
}

function recoveryVariant(name: string, draw: fc.Arbitrary<RecoveryDraw>, make: (d: RecoveryDraw) => { r: Recovered; edit: string; expected: ReturnType<typeof want>[] }): CaseVariant {
  const rule = name.slice(0, name.indexOf(':'));
  return {
    name,
    rules: [rule],
    arbitrary: draw.map((d): NegativeCase => {
      const { r, edit, expected } = make(d);
      return { variant: name, edit, trace: buildTrace(r.rows, r.codes, 0, r.seqOf), checks: [{ judge: { by: 'recovery' }, expected }] };
    }),
  };
}

const UNCOMMITTED = [5, 6, 100, 2 ** 32 - 2];

/** Recovery (`src/check/recovery.ts`): every rule. */
export const RECOVERY_VARIANTS: readonly CaseVariant[] = [
  recoveryVariant('recovery/unknown-checkpoint: recovery from a checkpoint never committed', recoveryDraw, (d) => {
    const id = pickOf(UNCOMMITTED, d.pick);
    const r = recover(d, () => id);
    return { r, edit: `recovery from ${id}`, expected: [want('recovery/unknown-checkpoint', r.recoveryAt, r.seqOf(r.recoveryAt), 0, `a checkpoint committed before the crash, id ${id} never was`, `recovery from ${id}`)] };
  }),
  recoveryVariant(
    'recovery/not-last-checkpoint: recovery from an older checkpoint, or from none',
    recoveryDraw.map((d) => ({ ...d, checkpoints: [[d.pick, d.pick >> 3] as [number, number], ...d.checkpoints] })),
    (d) => {
      let id = 0;
      const r = recover(d, (c) => {
        const older = [...new Set(c)].filter((x) => x !== c.at(-1));
        id = pickOf([0, ...older], d.pick >> 1);
        return id;
      });
      const last = r.checkpoints.at(-1)!;
      return { r, edit: `recovery from ${id || '?'}, last checkpoint ${last}`, expected: [want('recovery/not-last-checkpoint', r.recoveryAt, r.seqOf(r.recoveryAt), 0, `recovery from ${last} (the last checkpoint before it)`, `recovery from ${id === 0 ? '?' : id}`)] };
    },
  ),
  recoveryVariant('recovery/not-last-checkpoint: the last checkpoint has id 0, written ?', recoveryDraw, (d) => {
    const id = pickOf(CHECKPOINT_IDS, d.pick);
    // Checkpoint `id` first and checkpoint 0 last: the recovery from `id` names a committed checkpoint, not the last.
    const base = { ...d.base, rows: [row(EventKind.Checkpoint, 0, 0, { waker: id }), ...d.base.rows, row(EventKind.Checkpoint, 0, 0, { waker: 0 })] };
    const r = recover({ ...d, base, checkpoints: [] }, () => id);
    return { r, edit: `checkpoint ${id}, checkpoint 0, recovery from ${id}`, expected: [want('recovery/not-last-checkpoint', r.recoveryAt, r.seqOf(r.recoveryAt), 0, 'recovery from ? (the last checkpoint before it)', `recovery from ${id}`)] };
  }),
  recoveryVariant('recovery/not-abandoned: an activation open at the crash left open', recoveryDraw.map((d) => ({ ...d, running: Math.max(d.running, d.pick % 2), suspended: Math.max(d.suspended, 1 - (d.pick % 2)) })), (d) => {
    let left: number[] = [];
    const r = recover(
      d,
      (c) => c.at(-1) ?? 0,
      (open) => {
        left = open.filter((_, i) => ((d.order >> i) & 1) === 1);
        if (left.length === 0) left = [pickOf(open, d.order)];
        return new Set(left);
      },
    );
    const at = r.afterRun < r.rows.length ? r.afterRun : -1;
    return {
      r,
      edit: `${left.map((a) => `#${a}`).join(', ')} not abandoned`,
      // Reported at the first event after the run of abandoned records (the end: -1); seq -1 either way.
      expected: [want('recovery/not-abandoned', at, -1, left[0]!, `every activation open at the crash abandoned after the recovery at event ${r.recoveryAt}`, `${left.map((a) => `#${a}`).join(', ')} left open`)],
    };
  }),
  recoveryVariant('recovery/not-abandoned: the trace ends before every activation open at the crash is abandoned', recoveryDraw.map((d) => ({ ...d, running: Math.max(d.running, 1), continued: 0 })), (d) => {
    let left: number[] = [];
    const r = recover(d, (c) => c.at(-1) ?? 0, (open) => new Set((left = [open[d.order % open.length]!])));
    return {
      r,
      edit: `#${left[0]} not abandoned, the trace ends`,
      // Found at the end: event -1, seq -1.
      expected: [want('recovery/not-abandoned', -1, -1, left[0]!, `every activation open at the crash abandoned after the recovery at event ${r.recoveryAt}`, `#${left[0]} left open`)],
    };
  }),
  recoveryVariant('recovery/not-abandoned: left open, then a second crash recovered well', recoveryDraw.map((d) => ({ ...d, running: Math.max(d.running, 1) })), (d) => {
    let left: number[] = [];
    const r0 = recover(d, (c) => c.at(-1) ?? 0, (open) => new Set((left = [open[d.order % open.length]!])));
    // Once reported, what was left open counts as closed: the second crash owes only what ran since.
    const second = freshId(r0.rows) + 1;
    const rows = [...r0.rows, row(EventKind.Call, second, 4), row(EventKind.Recovery, 0, 0, { waker: r0.checkpoints.at(-1) ?? 0 }), row(EventKind.Abandoned, second, 4)];
    const r: Recovered = { ...r0, rows };
    const at = r0.afterRun;
    return {
      r,
      edit: `#${left[0]} not abandoned, then a second crash while #${second} runs`,
      expected: [want('recovery/not-abandoned', at, -1, left[0]!, `every activation open at the crash abandoned after the recovery at event ${r0.recoveryAt}`, `#${left[0]} left open`)],
    };
  }),
  recoveryVariant('recovery/stray-abandoned: an abandoned record where no crash is', recoveryDraw, (d) => {
    if (d.pick % 2 === 0) {
      // In the middle of a recording: no recovery before it.
      const base = d.base;
      const a = freshId(base.rows);
      const at = d.order % (base.rows.length + 1);
      const rows = [...base.rows.slice(0, at), row(EventKind.Call, a, 5), row(EventKind.Abandoned, a, 5), ...base.rows.slice(at)];
      const r: Recovered = { rows, codes: base.codes, seqOf: (i) => base.seq0 + i, recoveryAt: -1, checkpoints: [], open: [], afterRun: -1 };
      return { r, edit: `#${a} abandoned at event ${at + 1}, no crash`, expected: [want('recovery/stray-abandoned', at + 1, base.seq0 + at + 1, a, 'abandoned only right after a recovery, for an activation open at the crash', `abandoned ${base.codes[5]} #${a}`)] };
    }
    // Right after a recovery, for an activation that was not open at the crash.
    const r0 = recover(d, (c) => c.at(-1) ?? 0);
    const z = freshId(r0.rows);
    const at = r0.recoveryAt + 1 + (d.order % (r0.afterRun - r0.recoveryAt));
    const rows = [...r0.rows.slice(0, at), row(EventKind.Abandoned, z, 6), ...r0.rows.slice(at)];
    const r: Recovered = { ...r0, rows, seqOf: r0.seqOf };
    return { r, edit: `#${z}, never open, abandoned after the recovery`, expected: [want('recovery/stray-abandoned', at, r.seqOf(at), z, 'abandoned only right after a recovery, for an activation open at the crash', `abandoned ${r.codes[6]} #${z}`)] };
  }),
];
