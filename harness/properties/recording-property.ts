import fc from 'fast-check';
import { type ProblemReport, runProblemProperty } from './problem-property.ts';
import { checkRecorded, type Recorded } from './recording-check.ts';
import type { Shard } from './shard.ts';
import type { CanonicalEvent } from '../../src/model/event.ts';
import { EventKind } from '../../src/model/kinds.ts';
import type { Trace } from '../../src/model/trace.ts';
import { type Clock, simulatedClock } from '../../src/recorder/clock.ts';
import { Tracer } from '../../src/recorder/tracer.ts';
import { WireRecording, type WireRecordingOptions } from '../../src/recorder/wire-recording.ts';
import { MemorySink } from '../../src/wire/sink.ts';
import { WireWriter, type WireWriterOptions } from '../../src/wire/writer.ts';
import { ModelBudgetError, modelTrace } from '../model/model.ts';
import { programArbitrary } from '../program/arbitrary.ts';
import type { Program } from '../program/ast.ts';
import { type CompiledProgram, compileProgram } from '../targets/js/compile.ts';

/** One step of a recording case: a program, then a flush, a `checkpoint(id)` (ids 1, 2, ... in order), or nothing. */
export interface RecordingStep {
  readonly program: Program;
  readonly after: 'flush' | 'checkpoint' | 'none';
}

/**
 * How a recording ends: `close` (end-of-stream written), `flush` (flushed, never closed: an incomplete
 * stream), `crash` (flushed, then the bytes are cut at `cut`), `retain` (the steps recorded by a flight
 * recorder of `retain` events, whose snapshot is then written to the wire).
 */
export type RecordingEnding = 'close' | 'flush' | 'crash' | 'retain';

/** A recording case: steps recorded into one wire stream, the writer's settings, and how it ends. */
export interface RecordingCase {
  readonly steps: readonly RecordingStep[];
  /** Writer chunk size, bytes (256..1024). */
  readonly chunkBytes: number;
  /** The writer flushes after this many events; 0 for never. */
  readonly flushEveryEvents: number;
  /** Step of the deterministic clock read once per event, ns; 0 for no clock (no timestamps). */
  readonly clockStepNs: number;
  readonly ending: RecordingEnding;
  /** `crash`: the bytes kept are `1 + cut % length` (1..length). */
  readonly cut: number;
  /** `retain`: events the flight recorder keeps (1..64). */
  readonly retain: number;
}

/** The WireRecording surface the property drives. */
export type RecordingHandle = Pick<WireRecording, 'tracer' | 'flush' | 'checkpoint' | 'close'>;

/** How a case is recorded: this package's recorder and writer by default; tests inject broken ones. */
export interface RecordingUnderTest {
  /** Starts a wire recording into `sink` (as {@link WireRecording.start}). */
  readonly start: (sink: MemorySink, options: WireRecordingOptions) => RecordingHandle;
  /** A flight recorder keeping the last `retain` events (as `new Tracer({ retain: { events } })`). */
  readonly flightRecorder: (retain: number, clock: Clock | undefined) => Tracer;
  /** Writes a flight-recorder snapshot to `sink` (as `encodeWire`, with the writer's `flushEveryEvents` too). */
  readonly writeSnapshot: (snapshot: Trace, sink: MemorySink, options: WireWriterOptions) => void;
}

/** This package's recording: {@link WireRecording}, the flight recorder, {@link WireWriter}. */
export const PACKAGE_RECORDING: RecordingUnderTest = {
  start: (sink, options) => WireRecording.start(sink, options),
  flightRecorder: (retain, clock) => new Tracer({ retain: { events: retain }, ...(clock !== undefined ? { clock } : {}) }),
  writeSnapshot: (snapshot, sink, options) => {
    const w = new WireWriter(sink, options);
    w.appendTrace(snapshot);
    if (snapshot.complete) w.close();
    else w.flush();
  },
};

/** Runs the case's steps on `tracer`: each program, then its checkpoint mark (as `WireRecording.checkpoint` records it) or flush. */
function runSteps(c: RecordingCase, programs: readonly CompiledProgram[], tracer: Tracer, flush: () => void, checkpoint: (id: number) => void): void {
  let id = 0;
  for (const [i, step] of c.steps.entries()) {
    programs[i]!(tracer);
    if (step.after === 'checkpoint') checkpoint(++id);
    else if (step.after === 'flush') flush();
  }
}

/** Records a case with `impl`, and the same steps under a plain in-memory tracer (the twin). */
function record(c: RecordingCase, impl: RecordingUnderTest): Recorded {
  const clock = (): Clock | undefined => (c.clockStepNs > 0 ? simulatedClock(c.clockStepNs) : undefined);
  const programs = c.steps.map((s) => compileProgram(s.program)); // compiled once, run twice
  const twinClock = clock();
  const twin = new Tracer(twinClock !== undefined ? { clock: twinClock } : {});
  runSteps(c, programs, twin, () => {}, (id) => twin.recorder.emitStream(EventKind.Checkpoint, id));
  const sink = new MemorySink(4096);
  const writer = { chunkBytes: c.chunkBytes, flushEveryEvents: c.flushEveryEvents };
  if (c.ending === 'retain') {
    const tracer = impl.flightRecorder(c.retain, clock());
    runSteps(c, programs, tracer, () => {}, (id) => tracer.recorder.emitStream(EventKind.Checkpoint, id));
    const snapshot = tracer.snapshot();
    impl.writeSnapshot(snapshot, sink, { ...writer, timestamps: c.clockStepNs > 0 });
    return { twin: twin.snapshot(), bytes: sink.bytes(), snapshot };
  }
  const recClock = clock();
  const rec = impl.start(sink, { ...writer, ...(recClock !== undefined ? { clock: recClock } : {}) });
  runSteps(c, programs, rec.tracer, () => rec.flush(), (id) => rec.checkpoint(id));
  if (c.ending === 'close') rec.close();
  else rec.flush(); // flush, crash: never closed
  return { twin: twin.snapshot(), bytes: sink.bytes() };
}

/** The model's events of each step; undefined when a program is over the model's event budget. */
function modelSteps(c: RecordingCase): CanonicalEvent[][] | undefined {
  try {
    return c.steps.map((s) => modelTrace(s.program).events);
  } catch (error) {
    if (error instanceof ModelBudgetError) return undefined;
    throw error;
  }
}

/**
 * Records a case through the wire recording path and checks what decodes against the twin (the same
 * steps under a plain in-memory `Tracer`) and the model (issue 13 part 6): the events exactly, each
 * step's slice against `modelTrace`, seq and every chunk's checkpoint counters, every chunk's declared
 * open set against one computed from the twin's events by FORMAT.md §4.1, and `complete`.
 * @param c - the case
 * @param impl - how it is recorded ({@link PACKAGE_RECORDING} by default)
 * @returns what went wrong, one line each (naming the step, chunk or event); empty when it holds
 */
export function checkRecording(c: RecordingCase, impl: RecordingUnderTest = PACKAGE_RECORDING): string[] {
  return checkRecorded(c, record(c, impl), modelSteps(c));
}

/** What {@link runRecordingProperty} found. */
export type RecordingReport = ProblemReport<RecordingCase>;

/**
 * The arbitrary of {@link RecordingCase}s: 1..4 random sync/generator programs each followed by a flush,
 * a checkpoint or nothing; chunks of 256..1024 bytes; `flushEveryEvents` 0 or 1..32; a clock in about
 * half the cases; each ending equally often.
 */
export function recordingCaseArbitrary(): fc.Arbitrary<RecordingCase> {
  const step = fc.record({ program: programArbitrary({ async: false }), after: fc.constantFrom('flush' as const, 'checkpoint' as const, 'none' as const) });
  return fc.record({
    steps: fc.array(step, { minLength: 1, maxLength: 4 }),
    chunkBytes: fc.integer({ min: 256, max: 1024 }),
    flushEveryEvents: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 32 })),
    clockStepNs: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 1_000_000 })),
    ending: fc.constantFrom('close' as const, 'flush' as const, 'crash' as const, 'retain' as const),
    cut: fc.nat(),
    retain: fc.integer({ min: 1, max: 64 }),
  });
}

/**
 * The recording property (issue 13 part 6): random programs recorded through the wire recording path
 * with every way a recording ends (close, flush, crash, flight-recorder retention), checked by
 * {@link checkRecording}.
 * @param runs - cases, >= 1
 * @param seed - fast-check seed
 * @param path - fast-check replay path of a counterexample
 * @param impl - how cases are recorded (tests inject broken recordings and writers)
 * @param onProgress - called before each case with the count so far
 * @param shard - check only this shard's cases (`--shard`)
 */
export function runRecordingProperty(runs: number, seed: number, path?: string, impl?: RecordingUnderTest, onProgress?: (done: number) => void, shard?: Shard): RecordingReport {
  return runProblemProperty(recordingCaseArbitrary(), (c) => checkRecording(c, impl), runs, seed, path, onProgress, shard);
}
