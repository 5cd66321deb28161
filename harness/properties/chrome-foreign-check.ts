import fc from 'fast-check';
import { type ChromeThread, decodeChrome } from '../../src/formats/chrome-read.ts';
import { verifyChrome } from '../../src/formats/chrome-verify.ts';
import { loadTrace } from '../../src/formats/load.ts';
import { TraceFormatError } from '../../src/model/errors.ts';
import type { Trace } from '../../src/model/trace.ts';
import { refusalShapeProblems } from './refusal-shape.ts';
import { type ForeignEvent, type ForeignVerdict, modelForeignChrome } from '../model/model-chrome-foreign.ts';

/**
 * A foreign Chrome file (one trace-harness did not write: a browser's, another tracer's) for the wire
 * property: slices built mostly well nested (`B`/`E` around `X` and `B`, `X` inside `X`, async `b`/`e`
 * with colliding keys) over a clock that moves by 0..4 µs, then perturbed now and then (an `E` renamed or
 * dropped, an `X` longer than its parent, an `e` without its `b`, two events swapped), so that both readings
 * and refusals are met. Read by `decodeChrome` and judged by the model of the mapping
 * (`harness/model/model-chrome-foreign.ts`).
 */
export interface ForeignChromeCase {
  readonly events: readonly ForeignEvent[];
  /** Each event's thread (`tid`; `pid` is 1): all 1, or some 2 (a file of two threads). */
  readonly tids?: readonly number[];
  /** The file as an object with `traceEvents` (else a bare array). */
  readonly object: boolean;
}

const NAMES = ['main', 'f', 'g', 'h'];

type Op =
  | { readonly op: 'B'; readonly name: number; readonly named: boolean }
  | { readonly op: 'E'; readonly named: boolean }
  | { readonly op: 'X'; readonly name: number; readonly dur: number }
  | { readonly op: 'b' | 'e'; readonly key: number }
  | { readonly op: 'tick'; readonly by: number };

const opArbitrary: fc.Arbitrary<Op> = fc.oneof(
  { arbitrary: fc.record({ op: fc.constant('B' as const), name: fc.nat({ max: 3 }), named: fc.boolean() }), weight: 3 },
  { arbitrary: fc.record({ op: fc.constant('E' as const), named: fc.boolean() }), weight: 3 },
  { arbitrary: fc.record({ op: fc.constant('X' as const), name: fc.nat({ max: 3 }), dur: fc.nat({ max: 12 }) }), weight: 3 },
  { arbitrary: fc.record({ op: fc.constantFrom('b' as const, 'e' as const), key: fc.nat({ max: 7 }) }), weight: 2 },
  { arbitrary: fc.record({ op: fc.constant('tick' as const), by: fc.nat({ max: 4 }) }), weight: 4 },
);

/** One change that breaks the nesting (or does not: two events swapped), applied to a well-nested file. */
type Perturbation = { readonly what: 'rename-e' | 'drop-e' | 'stray-e' | 'longer-x' | 'stray-async-e' | 'b-outlives-x' | 'swap'; readonly at: number; readonly other: number };

const perturbationArbitrary: fc.Arbitrary<Perturbation> = fc.record({
  what: fc.constantFrom('rename-e' as const, 'drop-e' as const, 'stray-e' as const, 'longer-x' as const, 'stray-async-e' as const, 'b-outlives-x' as const, 'swap' as const),
  at: fc.nat(),
  other: fc.nat(),
});

/** Random foreign files: see {@link ForeignChromeCase}; half of them well nested, half with one perturbation. */
export function foreignChromeArbitrary(): fc.Arbitrary<ForeignChromeCase> {
  const ops = fc.array(opArbitrary, { minLength: 4, maxLength: 60, size: 'medium' });
  // A second thread in half the cases, its events interleaved with the first's by a random bit each.
  const second = fc.option(fc.record({ ops: fc.array(opArbitrary, { minLength: 1, maxLength: 20 }), interleave: fc.array(fc.boolean(), { maxLength: 80 }) }), { freq: 2 });
  return fc
    .record({ ops, start: fc.nat({ max: 3 }), perturb: fc.option(perturbationArbitrary, { freq: 2 }), object: fc.boolean(), second })
    .map(({ ops, start, perturb, object, second }) => {
      const first = perturbed(wellNested(ops, start), perturb);
      // The second thread's async slices get categories of their own: verifyChrome pairs b/e across the
      // threads of a process, decodeChrome within its thread, and the two agree only when keys do not cross.
      const other = second === null ? [] : wellNested(second.ops, 0).map((e) => (e.cat === undefined ? e : { ...e, cat: `${e.cat}.2` }));
      if (other.length === 0) return { events: first, object };
      const events: ForeignEvent[] = [];
      const tids: number[] = [];
      let i = 0;
      let j = 0;
      for (let k = 0; i < first.length || j < other.length; k++) {
        const takeOther = j < other.length && (i === first.length || (second!.interleave[k % Math.max(1, second!.interleave.length)] ?? false));
        events.push(takeOther ? other[j++]! : first[i++]!);
        tids.push(takeOther ? 2 : 1);
      }
      return { events, tids, object };
    });
}

/** The events of `ops` kept well nested: an `E` closes the innermost `B` once the `X` slices above it ended, an `X` fits in its parent `X`, an `e` ends an open `b`, no `B` inside an `X`. */
function wellNested(ops: readonly Op[], start: number): ForeignEvent[] {
  const events: ForeignEvent[] = [];
  let t = start;
  const open: { name: string; end?: number }[] = []; // B by name, X by end
  const asyncOpen: number[] = [];
  for (const o of ops) {
    while (open.length > 0 && open.at(-1)!.end !== undefined && open.at(-1)!.end! <= t) open.pop();
    switch (o.op) {
      case 'tick':
        t += o.by;
        break;
      case 'B':
        if (open.some((x) => x.end !== undefined)) break;
        events.push({ ph: 'B', ts: t, ...(o.named ? { name: NAMES[o.name]! } : {}) });
        open.push({ name: o.named ? NAMES[o.name]! : '' });
        break;
      case 'E': {
        let k = open.length - 1;
        while (k >= 0 && open[k]!.end !== undefined) k--;
        if (k < 0) break;
        for (const x of open.slice(k + 1)) t = Math.max(t, x.end!); // the X slices above it end first
        events.push({ ph: 'E', ts: t, ...(o.named ? { name: open[k]!.name } : {}) });
        open.length = k;
        break;
      }
      case 'X': {
        const parent = open.at(-1);
        const dur = parent?.end !== undefined ? Math.min(o.dur, Math.max(0, parent.end - t)) : o.dur;
        events.push({ ph: 'X', name: NAMES[o.name]!, ts: t, dur });
        open.push({ name: NAMES[o.name]!, end: t + dur });
        break;
      }
      default: {
        if (o.op === 'e' && asyncOpen.length === 0) break;
        const key = o.op === 'e' ? asyncOpen[o.key % asyncOpen.length]! : o.key;
        events.push({ ph: o.op, ...asyncKey(key), ts: t });
        if (o.op === 'b') asyncOpen.push(key);
        else asyncOpen.splice(asyncOpen.lastIndexOf(key), 1);
      }
    }
  }
  return events;
}

/** Async key `k` (0..7) as name, cat and id: colliding keys, so pairing by the latest b is exercised. */
const asyncKey = (k: number): { name: string; cat: string; id: number } => ({ name: ['a', 'b'][k & 1]!, cat: ['c1', 'c2'][(k >> 1) & 1]!, id: k >> 2 });

/** `events` with the perturbation applied (none: unchanged). */
function perturbed(events: ForeignEvent[], p: Perturbation | null): ForeignEvent[] {
  if (p === null || events.length === 0) return events;
  const out = [...events];
  const of = (ph: string): number[] => out.flatMap((e, i) => (e.ph === ph ? [i] : []));
  const last = out.at(-1)!.ts;
  switch (p.what) {
    case 'rename-e': {
      const es = of('E');
      if (es.length > 0) out[es[p.at % es.length]!] = { ...out[es[p.at % es.length]!]!, name: 'renamed' };
      break;
    }
    case 'drop-e': {
      const es = of('E');
      if (es.length > 0) out.splice(es[p.at % es.length]!, 1);
      break;
    }
    case 'stray-e':
      out.push({ ph: 'E', ts: last + (p.other % 3) });
      break;
    case 'longer-x': {
      const xs = of('X');
      if (xs.length > 0) out[xs[p.at % xs.length]!] = { ...out[xs[p.at % xs.length]!]!, dur: (out[xs[p.at % xs.length]!]!.dur ?? 0) + 1 + (p.other % 20) };
      break;
    }
    case 'stray-async-e':
      out.splice(p.at % (out.length + 1), 0, { ph: 'e', ...asyncKey(p.other % 8), ts: out[Math.min(out.length - 1, p.at % (out.length + 1))]!.ts });
      break;
    case 'b-outlives-x': {
      // A B opened where an X starts and closed after the X ended.
      const xs = of('X');
      if (xs.length === 0) break;
      const i = xs[p.at % xs.length]!;
      const x = out[i]!;
      out.splice(i + 1, 0, { ph: 'B', name: 'in', ts: x.ts });
      out.push({ ph: 'E', name: 'in', ts: Math.max(last, x.ts + (x.dur ?? 0) + 1) });
      break;
    }
    case 'swap': {
      const i = p.at % out.length;
      const j = p.other % out.length;
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
  }
  return out;
}

/** The file's text and each event's first byte (its UTF-8 offset; the names are ASCII). */
export function writeForeign(c: ForeignChromeCase): { text: string; offsets: number[] } {
  let text = c.object ? '{"traceEvents":[' : '[';
  const offsets: number[] = [];
  c.events.forEach((e, i) => {
    if (i > 0) text += ',\n';
    offsets.push(text.length);
    text += JSON.stringify({ ph: e.ph, ...(e.name !== undefined ? { name: e.name } : {}), ...(e.cat !== undefined ? { cat: e.cat, id: e.id } : {}), pid: 1, tid: c.tids?.[i] ?? 1, ts: e.ts, ...(e.dur !== undefined ? { dur: e.dur } : {}) });
  });
  text += c.object ? ']}' : ']';
  return { text, offsets };
}

/**
 * `decodeChrome` on the case's file against the model of the foreign mapping: the same events (kind,
 * activation, code name, tsNs), or `bad-event` at the byte the model names; and `verifyChrome`'s
 * violations as its TSDoc names them for that file.
 * @returns what differs, one line
 */
export function checkForeignChrome(c: ForeignChromeCase): string[] {
  const { text, offsets } = writeForeign(c);
  const tids = c.tids ?? c.events.map(() => 1);
  // The model reads each thread on its own (decodeChrome: one thread a trace), indices mapped back to the file's.
  const threads = [...new Set(tids.length > 0 ? tids : [1])].map((tid) => {
    const at = tids.flatMap((t, i) => (t === tid ? [i] : []));
    const v = modelForeignChrome(at.map((i) => c.events[i]!), at.map((i) => offsets[i]!));
    const file = (k: number): number => at[k]!;
    const verdict: ForeignVerdict = 'refusedAt' in v ? { ...v, index: file(v.index) } : { ...v, openB: v.openB.map(file), openAsync: v.openAsync.map(file) };
    return { tid, verdict };
  });
  const problems: string[] = [];
  // A refusal names the event at fault and its thread (decodeChrome's TSDoc: `traceEvents[<index>]`, `pid <p> tid <t>`).
  const names = (v: ForeignVerdict): string[] => ('refusedAt' in v ? [`traceEvents[${v.index}]`, `pid 1 tid ${tids[v.index] ?? 1}`] : []);
  if (threads.length === 1) problems.push(...checkDecoded(text, threads[0]!.verdict, names(threads[0]!.verdict)));
  else {
    // Several threads without options.thread: limit-exceeded at the first event of the second thread in
    // file order, naming the threads it found.
    const second = tids.findIndex((t) => t !== tids[0]);
    problems.push(...checkDecoded(text, { refusedAt: offsets[second]!, index: second, rule: '' }, [`${threads.length} threads`, ...threads.map((t) => `pid 1 tid ${t.tid}`)], undefined, 'limit-exceeded'));
    for (const t of threads) problems.push(...checkDecoded(text, t.verdict, names(t.verdict), { pid: 1, tid: t.tid }));
    // loadTrace reads Chrome JSON with decodeChrome, the thread its option names (its TSDoc).
    for (const t of threads) problems.push(...sameThroughLoadTrace(text, { pid: 1, tid: t.tid }));
  }
  return [...problems, ...checkVerified(text, threads.map((t) => t.verdict))];
}

/**
 * `verifyChrome` on the same file, by its TSDoc: a file the mapping refuses has the violation of that rule
 * at that event among its violations; a file it reads has exactly one `chrome/open-at-end` at each `B`
 * still open and one `chrome/async-open-at-end` at each `b` still open, nothing else.
 */
function checkVerified(text: string, verdicts: readonly ForeignVerdict[]): string[] {
  let got: string[];
  try {
    got = verifyChrome(text).violations.map((v) => `${v.rule} at ${v.eventIndex}`);
  } catch (error) {
    return [`foreign chrome: verifyChrome threw ${(error as Error).name}: ${(error as Error).message}: ${text}`];
  }
  // Every thread is verified: a refused thread's violation is among them; a read thread's open slices are
  // reported exactly (all of them, and nothing else when no thread is refused).
  const expected = verdicts.flatMap((v) => ('refusedAt' in v ? [`${v.rule} at ${v.index}`] : [...v.openB.map((i) => `chrome/open-at-end at ${i}`), ...v.openAsync.map((i) => `chrome/async-open-at-end at ${i}`)])).sort();
  const sorted = [...got].sort();
  const refused = verdicts.some((v) => 'refusedAt' in v);
  const holds = refused ? expected.every((x) => got.includes(x)) : JSON.stringify(sorted) === JSON.stringify(expected);
  return holds ? [] : [`foreign chrome: verifyChrome reports ${sorted.join(', ') || 'nothing'}, want ${refused ? 'among them ' : ''}${expected.join(', ') || 'nothing'}: ${text}`];
}

/** `decodeChrome` on the file (one thread of it) against the model's events or refusal (`bad-event`, or `code`). */
function checkDecoded(text: string, want: ForeignVerdict, says: readonly string[], thread?: ChromeThread, code = 'bad-event'): string[] {
  let got: string[];
  try {
    const t = decodeChrome(new TextEncoder().encode(text), thread ? { thread } : {});
    got = t.events().map((e) => `${e.kind} #${e.activation} ${t.codeName(e.code)} ${e.tsNs}`);
    // Another tool's file declares nothing (decodeChrome's TSDoc): no open set, not partial, complete; every code a name.
    if (t.open.length > 0 || t.openPartial || !t.complete || t.codes.some((c) => typeof c !== 'string')) {
      return [`foreign chrome: decodeChrome read ${t.open.length} open, openPartial ${t.openPartial}, complete ${t.complete}, codes ${JSON.stringify(t.codes)}; want none open, complete, names only: ${text}`];
    }
  } catch (error) {
    if (!(error instanceof TraceFormatError)) return [`foreign chrome: ${(error as Error).name} escaped decodeChrome: ${(error as Error).message}`];
    if ('refusedAt' in want && error.code === code && error.byteOffset === want.refusedAt) return refusalShapeProblems(error, 'foreign chrome: decodeChrome', says);
    return [`foreign chrome: decodeChrome threw ${error.code} at byte ${error.byteOffset} (${error.message}); the mapping ${'refusedAt' in want ? `refuses it at byte ${want.refusedAt}` : `reads ${want.events.length} events`}: ${text}`];
  }
  if ('refusedAt' in want) return [`foreign chrome: decodeChrome${thread ? ` of tid ${thread.tid}` : ''} read ${got.length} events; want ${code} at byte ${want.refusedAt}: ${text}`];
  const at = got.findIndex((g, i) => g !== want.events[i]);
  if (at < 0 && got.length === want.events.length) return [];
  const k = at < 0 ? Math.min(got.length, want.events.length) : at;
  return [`foreign chrome: event ${k}: decodeChrome ${got[k] ?? '(none)'}, the mapping ${want.events[k] ?? '(none)'} (${got.length} and ${want.events.length} events): ${text}`];
}

/** `loadTrace(bytes, { chromeThread })` against `decodeChrome(bytes, { thread })`: the same events, or the same refusal. */
function sameThroughLoadTrace(text: string, thread: ChromeThread): string[] {
  const bytes = new TextEncoder().encode(text);
  const outcome = (read: () => Trace): string => {
    try {
      const t = read();
      return t.events().map((e) => `${e.kind} #${e.activation} ${t.codeName(e.code)}`).join('; ');
    } catch (error) {
      if (!(error instanceof TraceFormatError)) throw error;
      return `${error.code} at ${error.byteOffset}`;
    }
  };
  const direct = outcome(() => decodeChrome(bytes, { thread }));
  const loaded = outcome(() => loadTrace(bytes, { chromeThread: thread }).trace);
  // A thread without events is empty-trace through loadTrace (a file without events is no trace).
  return loaded === direct || (direct === '' && loaded === 'empty-trace at 0') ? [] : [`foreign chrome: loadTrace with chromeThread tid ${thread.tid} gives ${loaded.slice(0, 120)}, decodeChrome ${direct.slice(0, 120)}`];
}
