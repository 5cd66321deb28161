/**
 * Once per process, wire files at edges the generated traces reach too rarely to count on (issue 13: the
 * surviving mutants of `src/wire/` named them):
 * - where the writer ends chunks when nothing flushes (FORMAT.md §9, {@link checkSealRule}): the generated
 *   traces that span chunks do so by flushing, so a writer that never sealed for size passed;
 * - seq at 2^53-1: the implicit successor saturates there (FORMAT.md §4.4), for events and stream records,
 *   within a chunk and across one, and the writer spends no seq-set on it (§9's economy);
 * - what `readWire` returns for a file cut inside its header or right after it: no events, no codes, no open
 *   set, no clock, not complete, the version only once the header is whole (its TSDoc).
 * @module
 */
import type { TraceEvent } from '../../src/model/event.ts';
import { EventKind } from '../../src/model/kinds.ts';
import { Trace } from '../../src/model/trace.ts';
import { encodeWire } from '../../src/wire/encode.ts';
import { readWire } from '../../src/wire/reader.ts';
import { checkAgainstOracle } from './wire-oracle-check.ts';
import { samePrefix } from './same-event.ts';
import { checkSealRule } from './wire-seal-check.ts';
import { checkWriterEconomy } from './wire-economy-check.ts';

const MAX = Number.MAX_SAFE_INTEGER;

/** 400 calls and returns, each call of its own activation; with a clock and a payload on every 7th event when `rich`. */
function calls(rich: boolean): Trace {
  return Trace.fromEvents(
    Array.from({ length: 400 }, (_, i) => ({
      seq: i,
      kind: i % 2 === 0 ? EventKind.Call : EventKind.Return,
      activation: 1 + (i >> 1),
      code: (i >> 1) % 3,
      flags: 0,
      ...(rich ? { tsNs: 1000 + 7 * i, ...(i % 7 === 0 ? { payload: JSON.stringify('x'.repeat(i % 40)) } : {}) } : {}),
    })),
    ['f', 'g', 'h'],
  );
}

/** Calls and returns from seq 2^53-40 on, the last ones all at 2^53-1 (each seq written implicitly), a dropped record among them. */
function saturated(): Trace {
  const events: TraceEvent[] = Array.from({ length: 60 }, (_, i) => ({ seq: Math.min(MAX - 40 + i, MAX), kind: i % 2 === 0 ? EventKind.Call : EventKind.Return, activation: 1 + (i >> 1), code: 0, flags: 0 }));
  events.splice(50, 0, { seq: MAX, kind: EventKind.Dropped, activation: 0, code: 0, flags: 0 }, { seq: MAX, kind: EventKind.Dropped, activation: 0, code: 0, flags: 0 });
  return Trace.fromEvents(events.map((e) => (e.kind === EventKind.Dropped ? { ...e, waker: 3 } : e)), ['f']);
}

let checked = false;

/**
 * The edges above.
 * @returns what went wrong, one line each; empty once it held (then it is not run again)
 */
export function checkWireEdgeTable(): string[] {
  if (checked) return [];
  const problems: string[] = [];
  for (const rich of [false, true]) {
    for (const chunkBytes of [256, 257, 300, 1024]) problems.push(...checkSealRule(encodeWire(calls(rich), { chunkBytes }), chunkBytes).map((p) => `${rich ? 'clock and payloads' : 'calls'}, chunkBytes ${chunkBytes}: ${p}`));
  }
  const top = saturated();
  for (const chunkBytes of [65536, 256]) {
    const bytes = encodeWire(top, { chunkBytes });
    const what = `seq up to 2^53-1, chunks of ${chunkBytes} bytes`;
    problems.push(...checkWriterEconomy(bytes).map((p) => `${what}: ${p}`));
    const r = readWire(bytes);
    if (r.loss !== undefined || !r.complete || r.trace.length !== top.length || !samePrefix(r.trace, top, top.length)) {
      const at = [...Array(Math.min(r.trace.length, top.length)).keys()].find((i) => r.trace.columns.seq[i] !== top.columns.seq[i]);
      problems.push(`${what}: read back ${r.trace.length} of ${top.length} events${r.loss ? `, lost: ${r.loss.error.message}` : ''}${at === undefined ? '' : `, event ${at} at seq ${r.trace.columns.seq[at]}, written at ${top.columns.seq[at]}`}`);
    }
    problems.push(...checkAgainstOracle(what, bytes, { everyCheckpoint: true }));
  }
  const file = encodeWire(Trace.fromEvents([{ seq: 0, kind: EventKind.Call, activation: 1, code: 0, flags: 0, tsNs: 5 }], ['f']));
  for (const cut of [0, 1, 8, 11, 12]) {
    const r = readWire(file.subarray(0, cut));
    const t = r.trace;
    const got = JSON.stringify({ events: t.length, codes: t.codes.length, open: t.open.length, clock: t.columns.tsNs !== undefined, complete: [r.complete, t.complete], chunks: r.chunks, version: r.version ?? null });
    const want = JSON.stringify({ events: 0, codes: 0, open: 0, clock: false, complete: [false, false], chunks: 0, version: cut === 12 ? { major: 1, minor: 0 } : null });
    if (got !== want) problems.push(`readWire of the first ${cut} bytes of a file: got ${got}, want ${want}`);
  }
  checked = problems.length === 0;
  return problems;
}
