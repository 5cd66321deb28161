import { type Shard } from './shard.ts';
import fc from 'fast-check';
import { type ProblemReport, runProblemProperty } from './problem-property.ts';
import { SeqValidator } from '../../src/check/seq.ts';
import { runValidators } from '../../src/check/run.ts';
import { checkStreams } from '../../src/check/streams.ts';
import { formatMerged, parseMerged } from '../../src/formats/merged-text.ts';
import { checkChromeStreamsEncoding } from './chrome-encode-check.ts';
import type { TraceEvent } from '../../src/model/event.ts';
import { mergeStreams, type TraceStream } from '../../src/model/merged-trace.ts';
import { Trace } from '../../src/model/trace.ts';
import { simulatedClock } from '../../src/recorder/clock.ts';
import { Tracer } from '../../src/recorder/tracer.ts';
import { programArbitrary } from '../program/arbitrary.ts';
import type { Program } from '../program/ast.ts';
import { compileProgram } from '../targets/js/compile.ts';

/** One step of a multi-stream run: a program run on one stream, which may first restart its recorder. */
export interface StreamRun {
  readonly stream: number;
  readonly program: Program;
  /** The stream's recorder is replaced by a new one that continues its seq and ids (a restarted process). */
  readonly restart: boolean;
}

/** A multi-stream case: 1..4 streams (workers), the runs in the order they happened. */
export interface StreamsCase {
  readonly streams: number;
  readonly runs: readonly StreamRun[];
}

/** Random multi-stream cases: programs of sync and generator functions spread over streams, some restarted. */
export function streamsCaseArbitrary(): fc.Arbitrary<StreamsCase> {
  return fc.integer({ min: 1, max: 4 }).chain((streams) =>
    fc.record({
      streams: fc.constant(streams),
      runs: fc.array(fc.record({ stream: fc.nat(streams - 1), program: programArbitrary({ async: false, maxFunctions: 3 }), restart: fc.boolean() }), { minLength: 1, maxLength: 8 }),
    }),
  );
}

/**
 * Records a case: one tracer per stream, all reading one shared clock (so the time order across streams
 * is the order things happened); a restart hands the stream to a new tracer that continues its seq,
 * activation ids and code table. Each stream's trace is the events of all its recorders, in order.
 */
export function recordStreams(c: StreamsCase): TraceStream[] {
  const clock = simulatedClock(10);
  const events: TraceEvent[][] = Array.from({ length: c.streams }, () => []);
  const tracers: (Tracer | undefined)[] = new Array(c.streams).fill(undefined);
  const codes: string[][] = Array.from({ length: c.streams }, () => []);
  const taken = new Array<number>(c.streams).fill(0);
  const flush = (k: number): void => {
    const t = tracers[k];
    if (t === undefined) return;
    const snap = t.snapshot();
    events[k]!.push(...snap.events().slice(taken[k]));
    taken[k] = snap.length;
    codes[k] = [...snap.codes];
  };
  for (const run of c.runs) {
    const k = run.stream;
    if (tracers[k] === undefined || run.restart) {
      flush(k);
      const prev = tracers[k]?.recorder;
      tracers[k] = new Tracer({ clock, ...(prev !== undefined ? { continueFrom: { nextSeq: prev.emitted, nextActivation: prev.beginActivation(), codes: codes[k]! } } : {}) });
      taken[k] = 0;
    }
    compileProgram(run.program)(tracers[k]!);
  }
  for (let k = 0; k < c.streams; k++) flush(k);
  return events.map((list, k) => ({ id: `worker-${k + 1}`, trace: Trace.fromEvents(list, codes[k]!) }));
}

/**
 * Checks one multi-stream case (issue 5): every stream validates on its own with seq from 0, unique and
 * gap-free across restarts; merged by time, the view is exactly the order the events happened (the shared
 * clock's order) and keeps each stream's order; merged by seq, each stream's order is kept too; either
 * view's merged text reads back as written, and its Chrome file is the one the model of
 * `encodeChromeStreams` writes.
 * @returns what went wrong, one line each; empty when it holds
 */
export function checkStreamsCase(c: StreamsCase): string[] {
  const problems: string[] = [];
  const streams = recordStreams(c);
  for (const s of streams) {
    const seq = runValidators(s.trace, [new SeqValidator({ from: 0 })]);
    if (seq.length > 0) problems.push(`${s.id}: ${seq[0]!.rule}: ${seq[0]!.message}`);
  }
  for (const by of ['time', 'seq'] as const) {
    const merged = mergeStreams(streams, { by });
    for (const bad of checkStreams(merged)) problems.push(`merged by ${by}, ${bad.stream}: ${bad.violations[0]!.rule}: ${bad.violations[0]!.message}`);
    const text = formatMerged(merged);
    if (formatMerged(parseMerged(text)) !== text) problems.push(`merged by ${by}, the merged text does not read back as written`);
    problems.push(...checkChromeStreamsEncoding(merged));
    if (by !== 'time') continue;
    // The shared clock ticks once per event: the happened-before order is the order of timestamps.
    const happened = streams.flatMap((s, k) => s.trace.events().map((e, i) => ({ k, i, ts: e.tsNs! }))).sort((a, b) => a.ts - b.ts);
    const order = happened.findIndex((h, p) => merged.streamOf[p] !== h.k || merged.indexOf[p] !== h.i);
    if (order >= 0) problems.push(`merged by time, position ${order} is not the event that happened there`);
  }
  return problems;
}

/** What {@link runStreamsProperty} found. */
export type StreamsReport = ProblemReport<StreamsCase>;

/** The multi-stream property: random cases through {@link checkStreamsCase}. */
export function runStreamsProperty(runs: number, seed: number, path?: string, onProgress?: (done: number) => void, shard?: Shard): StreamsReport {
  return runProblemProperty(streamsCaseArbitrary(), checkStreamsCase, runs, seed, path, onProgress, shard);
}
