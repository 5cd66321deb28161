import { type Shard } from './shard.ts';
import fc from 'fast-check';
import { type ProblemReport, runProblemProperty } from './problem-property.ts';
import { checkResumedOpen } from './resumed-open-check.ts';
import { checkRecoverable, chunkEnds } from '../../src/assert/expect-recoverable.ts';
import { WireRecording } from '../../src/recorder/wire-recording.ts';
import { MemorySink } from '../../src/wire/sink.ts';
import { programArbitrary } from '../program/arbitrary.ts';
import type { Program } from '../program/ast.ts';
import { compileProgram } from '../targets/js/compile.ts';

/** One run of a recovery case: a program, then a `checkpoint()` or a plain flush, or neither. */
export interface RecoveryStep {
  readonly program: Program;
  readonly after: 'checkpoint' | 'flush' | 'none';
}

/** A recovery case: steps recorded into one wire stream, and where it is crashed. */
export interface RecoveryCase {
  readonly steps: readonly RecoveryStep[];
  /** Writer chunk size, bytes. */
  readonly chunkBytes: number;
  /** Random crash points, as numbers reduced modulo the file length (chunk boundaries are always cut). */
  readonly cuts: readonly number[];
  /**
   * A first crash (at `cut` modulo the file length, then resumed, `step` recorded and flushed) before the
   * crash points are tried on the resumed file: a recording that crashes again after its recovery.
   */
  readonly again?: { readonly cut: number; readonly step: RecoveryStep } | null;
}

/**
 * Records a case's steps into memory, one wire stream (`checkpoint` ids 1, 2, ... in order), and
 * crashes it at every chunk boundary, one byte either side, and the case's random cuts
 * ({@link checkRecoverable}).
 * @param resume - how a crashed recording is resumed (this package's by default)
 * @returns what went wrong, one line each; empty when every crash point recovers
 */
export function checkRecovery(c: RecoveryCase, resume?: typeof WireRecording.resume): string[] {
  const sink = new MemorySink();
  const rec = WireRecording.start(sink, { chunkBytes: c.chunkBytes });
  let id = 0;
  for (const step of c.steps) {
    compileProgram(step.program)(rec.tracer);
    if (step.after === 'checkpoint') rec.checkpoint(++id);
    else if (step.after === 'flush') rec.flush();
  }
  rec.flush(); // the process is then killed: no end of stream
  let bytes = sink.bytes();
  if (c.again) {
    const prefix = bytes.slice(0, 1 + (c.again.cut % bytes.length));
    const resumed = new MemorySink();
    const again = (resume ?? WireRecording.resume)(prefix, (keep) => {
      resumed.write(prefix.subarray(0, keep));
      return resumed;
    }, { chunkBytes: c.chunkBytes });
    compileProgram(c.again.step.program)(again.tracer);
    if (c.again.step.after === 'checkpoint') again.checkpoint(++id);
    again.flush(); // and killed again
    bytes = resumed.bytes();
  }
  // What a resumed file's chunks declare open, against FORMAT.md §4.1 computed from its events: the file
  // resumed once already, and the file resumed at each chunk end (where a crash leaves activations open).
  const open = c.again ? checkResumedOpen(bytes).map((p) => `resumed after ${1 + (c.again!.cut % sink.bytes().length)} bytes: ${p}`) : [];
  const cuts = new Set<number>();
  for (const end of chunkEnds(bytes)) {
    for (const cut of [end - 1, end, end + 1]) if (cut >= 1 && cut <= bytes.length) cuts.add(cut);
    const prefix = bytes.subarray(0, end);
    const resumed = new MemorySink();
    const rec = (resume ?? WireRecording.resume)(prefix, (keep) => {
      resumed.write(prefix.subarray(0, keep));
      return resumed;
    }, { chunkBytes: c.chunkBytes });
    rec.flush();
    open.push(...checkResumedOpen(resumed.bytes()).map((p) => `resumed after ${end} bytes (a chunk end): ${p}`));
  }
  for (const n of c.cuts) cuts.add(1 + (n % bytes.length));
  return [...open, ...checkRecoverable(bytes, { cuts: [...cuts].sort((a, b) => a - b), ...(resume !== undefined ? { resume } : {}) }).map((p) => `crash after ${p.cut} of ${bytes.length} bytes: ${p.problem}`)];
}

/** What {@link runRecoveryProperty} found. */
export type RecoveryReport = ProblemReport<RecoveryCase>;

/**
 * The arbitrary of {@link RecoveryCase}s: 1..4 random sync/generator programs, chunks of 256..1024 bytes,
 * and in about two cases of three a first crash and recovery before the crash points are tried.
 */
export function recoveryCaseArbitrary(): fc.Arbitrary<RecoveryCase> {
  const step = fc.record({ program: programArbitrary({ async: false }), after: fc.constantFrom('checkpoint' as const, 'flush' as const, 'none' as const) });
  return fc.record({
    steps: fc.array(step, { minLength: 1, maxLength: 4 }),
    chunkBytes: fc.integer({ min: 256, max: 1024 }),
    cuts: fc.array(fc.nat(), { maxLength: 12 }),
    again: fc.option(fc.record({ cut: fc.nat(), step }), { freq: 3 }),
  });
}

/**
 * The recovery property (issue 5, DESIGN §4 invariants 6 and 8): random programs recorded into one wire
 * stream with random checkpoints and flushes (often crashed and resumed once already), crashed at every
 * chunk boundary and at random bytes, then
 * resumed: every crash point recovers without loss of a durable event, without seq reuse, from the last
 * committed checkpoint, with every open activation abandoned ({@link checkRecovery}).
 * @param runs - cases, >= 1
 * @param seed - fast-check seed
 * @param path - fast-check replay path of a counterexample
 * @param resume - how a crashed recording is resumed (tests inject broken copies)
 */
export function runRecoveryProperty(runs: number, seed: number, path?: string, resume?: typeof WireRecording.resume, onProgress?: (done: number) => void, shard?: Shard): RecoveryReport {
  return runProblemProperty(recoveryCaseArbitrary(), (c) => checkRecovery(c, resume), runs, seed, path, onProgress, shard);
}
