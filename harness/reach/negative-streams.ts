// Negative cases of the multi-stream rules (issue 5, `src/check/streams.ts`): a merged view that reorders,
// drops or lacks a stream's events, and streams that fail on their own, from random valid streams.
import fc from 'fast-check';
import type { StreamViolations } from '../../src/check/streams.ts';
import type { Violation } from '../../src/check/violation.ts';
import { EventKind } from '../../src/model/kinds.ts';
import { MergedTrace } from '../../src/model/merged-trace.ts';
import type { Trace } from '../../src/model/trace.ts';
import { type CaseVariant, type NegativeCase, want } from './negative-case.ts';
import { atLeast, buildTrace, freshId, row, unfinished } from './trace-rows.ts';
import { CODES, type Row, validBaseArbitrary } from './valid-trace.ts';

const IDS = ['main', 'worker-2', 'w 3"'];

/** A stream before merging: its rows (seq from 0) and id. */
interface StreamRows {
  readonly id: string;
  readonly rows: readonly Row[];
}

const draw = fc.record({ bases: fc.array(validBaseArbitrary(12), { minLength: 1, maxLength: 3 }), mix: fc.nat(), k: fc.nat(), i: fc.nat() });
type Draw = typeof draw extends fc.Arbitrary<infer T> ? T : never;

/** The streams of a draw, each of at least two rows, seq from 0. */
function streamsOf(d: Draw): StreamRows[] {
  return d.bases.map((b, k) => ({ id: IDS[k]!, rows: atLeast(b, 2).rows }));
}

/** An interleaving of the streams that keeps each stream's order: (stream, index) per merged position. */
function interleave(streams: readonly StreamRows[], mix: number): [number, number][] {
  const next = streams.map(() => 0);
  const out: [number, number][] = [];
  let x = mix >>> 0;
  for (;;) {
    const open = streams.map((s, k) => k).filter((k) => next[k]! < streams[k]!.rows.length);
    if (open.length === 0) return out;
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    const k = open[(x >>> 16) % open.length]!;
    out.push([k, next[k]!++]);
  }
}

function merged(traces: readonly Trace[], streams: readonly StreamRows[], view: readonly [number, number][]): MergedTrace {
  return new MergedTrace(
    streams.map((s, k) => ({ id: s.id, trace: traces[k]! })),
    Uint16Array.from(view.map(([k]) => k)),
    Uint32Array.from(view.map(([, i]) => i)),
    'seq',
  );
}

/**
 * A variant over random streams: `edit` may change a stream's rows, seq and the view; `expect` derives, per
 * stream, what `checkStreams` reports (its own validators' violations first, then the view's).
 */
function streamsVariant(
  name: string,
  rules: readonly string[],
  strict: boolean,
  edit: (streams: StreamRows[], view: [number, number][], d: Draw) => { text: string; seqOf?: (k: number, i: number) => number; incomplete?: number; expect: () => (Violation[] | undefined)[] },
): CaseVariant {
  return {
    name,
    rules,
    arbitrary: draw.map((d): NegativeCase => {
      const streams = streamsOf(d);
      const view = interleave(streams, d.mix);
      const e = edit(streams, view, d);
      const traces = streams.map((s, k) => buildTrace(s.rows, CODES, 0, (i) => e.seqOf?.(k, i) ?? i).withComplete(k !== e.incomplete));
      const m = merged(traces, streams, view);
      const expected: StreamViolations[] = e
        .expect()
        .map((violations, k) => ({ stream: streams[k]!.id, violations: violations ?? [] }))
        .filter((s) => s.violations.length > 0);
      return { variant: name, edit: e.text, trace: traces[0]!, checks: [{ judge: { by: 'streams', merged: m, ...(strict ? { strict } : {}) }, expected }] };
    }),
  };
}

/** Where stream k's event i sits in the view. */
const positionOf = (view: readonly [number, number][], k: number, i: number): number => view.findIndex(([s, j]) => s === k && j === i);

/** `checkStreams`: its own rules, and the per-stream validators it runs (seq, stack balance, strict lifecycle). */
export const STREAMS_VARIANTS: readonly CaseVariant[] = [
  streamsVariant('streams/order: two events of a stream swapped in the merged view', ['streams/order'], false, (streams, view, d) => {
    const k = d.k % streams.length;
    const i = d.i % (streams[k]!.rows.length - 1);
    const p1 = positionOf(view, k, i);
    const p2 = positionOf(view, k, i + 1);
    view[p1] = [k, i + 1];
    view[p2] = [k, i];
    const id = streams[k]!.id;
    return {
      text: `events ${i} and ${i + 1} of ${id} swapped (merged positions ${p1}, ${p2})`,
      expect: () =>
        streams.map((_, s) =>
          s !== k
            ? undefined
            : [
                want('streams/order', i + 1, i + 1, streams[k]!.rows[i + 1]!.activation, `event ${i} of stream ${id} at merged position ${p1}`, `event ${i + 1}`),
                want('streams/order', i, i, streams[k]!.rows[i]!.activation, `event ${i + 2} of stream ${id} at merged position ${p2}`, `event ${i}`),
              ],
        ),
    };
  }),
  streamsVariant('streams/order: an event of a stream left out of the merged view', ['streams/order'], false, (streams, view, d) => {
    const k = d.k % streams.length;
    const i = d.i % (streams[k]!.rows.length - 1);
    const p = positionOf(view, k, i);
    view.splice(p, 1);
    const at = positionOf(view, k, i + 1);
    const id = streams[k]!.id;
    // The next event shows the hole; the stream is not missing at the end (its last event is there).
    return {
      text: `event ${i} of ${id} left out`,
      expect: () => streams.map((_, s) => (s !== k ? undefined : [want('streams/order', i + 1, i + 1, streams[k]!.rows[i + 1]!.activation, `event ${i} of stream ${id} at merged position ${at}`, `event ${i + 1}`)])),
    };
  }),
  streamsVariant('streams/missing: the tail of a stream absent from the merged view', ['streams/missing'], false, (streams, view, d) => {
    const k = d.k % streams.length;
    const n = streams[k]!.rows.length;
    const from = d.i % n;
    const kept = view.filter(([s, i]) => s !== k || i < from);
    view.length = 0;
    view.push(...kept);
    const id = streams[k]!.id;
    return {
      text: `${id} from event ${from} on absent`,
      expect: () => streams.map((_, s) => (s !== k ? undefined : [want('streams/missing', -1, -1, 0, `all ${n} events of stream ${id} in the merged view`, `${n - from} missing from event ${from}`)])),
    };
  }),
  streamsVariant('seq/gap: a stream with a gap, in a merged view', ['seq/gap'], false, (streams, _view, d) => {
    const k = d.k % streams.length;
    const i = 1 + (d.i % (streams[k]!.rows.length - 1));
    const gap = 1 + (d.mix % 4);
    return {
      text: `${gap} seqs skipped in ${streams[k]!.id} before event ${i}`,
      seqOf: (s, j) => j + (s === k && j >= i ? gap : 0),
      expect: () => streams.map((st, s) => (s !== k ? undefined : [want('seq/gap', i, i + gap, st.rows[i]!.activation, `seq ${i}`, `seq ${i + gap} (${gap} missing)`)])),
    };
  }),
  streamsVariant('stack-balance/open-at-end: a stream ending with a frame running, in a merged view', ['stack-balance/open-at-end'], false, (streams, view, d) => {
    const k = d.k % streams.length;
    const a = freshId(streams[k]!.rows);
    streams[k] = { ...streams[k]!, rows: [...streams[k]!.rows, row(EventKind.Call, a, 1)] };
    view.push([k, streams[k]!.rows.length - 1]);
    // checkStreams takes every stream as complete unless told, whatever its trace declares.
    return { text: `${streams[k]!.id} ends with #${a} running`, incomplete: d.mix % 2 === 0 ? k : undefined, expect: () => streams.map((_, s) => (s !== k ? undefined : [want('stack-balance/open-at-end', -1, -1, a, 'an empty stack at the end', `#${a} still running`)])) };
  }),
  streamsVariant('lifecycle/not-finished: strict, streams leaving activations suspended', ['lifecycle/not-finished'], true, (streams, view, d) => {
    const k = d.k % streams.length;
    const a = freshId(streams[k]!.rows);
    const rows = streams[k]!.rows;
    streams[k] = { ...streams[k]!, rows: [...rows, row(EventKind.Call, a, 2), row(EventKind.Yield, a, 2)] };
    view.push([k, rows.length], [k, rows.length + 1]);
    return {
      text: `${streams[k]!.id} leaves #${a} suspended`,
      expect: () => streams.map((st) => unfinished(st.rows).map((u) => want('lifecycle/not-finished', -1, -1, u.activation, `#${u.activation} (${CODES[u.code]}) returned or unwound by the end`, u.state))),
    };
  }),
];

/** A valid multi-stream case: streams merged keeping each one's order; `checkStreams` must report nothing. */
export const VALID_STREAMS: CaseVariant = streamsVariant('valid: streams merged in order', [], false, (streams) => ({ text: `${streams.length} streams merged`, expect: () => streams.map(() => undefined) }));
