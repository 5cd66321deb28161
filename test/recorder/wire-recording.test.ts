import { describe, expect, it } from 'vitest';
import { TraceAssertionError } from '../../src/assert/assertion-error.ts';
import { checkRecoverable, chunkEnds, expectRecoverable } from '../../src/assert/expect-recoverable.ts';
import { formatCanonical } from '../../src/formats/text.ts';
import { TraceFormatError } from '../../src/model/errors.ts';
import { simulatedClock } from '../../src/recorder/clock.ts';
import { WireRecording } from '../../src/recorder/wire-recording.ts';
import { decodeWire, readWire } from '../../src/wire/reader.ts';
import { MemorySink } from '../../src/wire/sink.ts';
import { runRecoveryProperty } from '../../harness/properties/recovery-property.ts';
import { buggyResume } from '../fixtures/mutant-recordings.ts';

/** A recording of 200 steps with checkpoints every 25, main left running and a generator suspended. */
function recording(): Uint8Array {
  const sink = new MemorySink();
  const rec = WireRecording.start(sink, { chunkBytes: 256 });
  const t = rec.tracer;
  const step = t.trace(function step() {});
  const gen = t.trace(function* gen() {
    yield;
  });
  t.probe.call(t.probe.code('main'));
  gen().next();
  for (let i = 0; i < 200; i++) {
    step();
    if (i % 25 === 0) rec.checkpoint(i + 1);
  }
  rec.flush();
  return sink.bytes().slice();
}

const resumeInMemory = (bytes: Uint8Array): { rec: WireRecording; sink: MemorySink } => {
  const sink = new MemorySink();
  const rec = WireRecording.resume(bytes, (keep) => {
    sink.write(bytes.subarray(0, keep));
    return sink;
  });
  return { rec, sink };
};

describe('WireRecording.resume', () => {
  it('should start anew from a crash inside the file header (it held nothing yet)', () => {
    const torn = recording().subarray(0, 10);
    const { rec, sink } = resumeInMemory(torn);
    expect(rec.recovered).toBeUndefined();
    rec.tracer.trace(function f() {})();
    rec.close();
    expect(formatCanonical(decodeWire(sink.bytes()))).toBe('call f #1\nreturn f #1\n');
  });

  it('should cut a torn chunk and recover from the last checkpoint before it', () => {
    const bytes = recording();
    const ends = chunkEnds(bytes);
    expect(ends.length).toBeGreaterThan(5);
    const cut = ends[3]! + 7; // 7 bytes into chunk 5
    const { rec } = resumeInMemory(bytes.subarray(0, cut));
    const kept = readWire(bytes.subarray(0, ends[3]!)).trace;
    const checkpoints = kept.events().filter((e) => e.kind === 11).map((e) => e.waker);
    expect(rec.recovered).toEqual({ events: kept.length, lostBytes: 7, fromCheckpoint: checkpoints.at(-1), abandoned: 2, recoverySeq: kept.length });
  });

  it('should refuse a closed stream and bytes that are no wire stream, without touching the sink', () => {
    const sink = new MemorySink();
    const rec = WireRecording.start(sink);
    rec.close();
    let opened = false;
    const open = (): MemorySink => {
      opened = true;
      return new MemorySink();
    };
    expect(() => WireRecording.resume(sink.bytes(), open, {}, 'run.trace')).toThrow(/run.trace was closed/);
    let error: unknown;
    try {
      WireRecording.resume(new TextEncoder().encode('call main #1\n'), open, {}, 'run.txt');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TraceFormatError);
    expect((error as TraceFormatError).code).toBe('bad-magic');
    expect((error as Error).message).toBe('bad-magic: run.txt is not a wire stream to resume: not a trace-harness wire file (byte 0x63) (at byte 0)');
    expect(opened).toBe(false);
  });
});

describe('expectRecoverable', () => {
  it('should pass for every prefix of a recording made by this package', () => {
    const bytes = recording();
    expect(bytes.length).toBeLessThan(4096); // so every prefix is cut
    expect(checkRecoverable(bytes)).toEqual([]);
    expect(() => expectRecoverable(bytes)).not.toThrow();
  });

  it('should pass for a file that crashed and recovered once already (its first record is a recovery)', () => {
    const torn = recording().subarray(0, 12); // the header only: nothing kept
    const { rec, sink } = resumeInMemory(torn.slice(0, 12));
    rec.tracer.trace(function step() {})();
    rec.checkpoint(1);
    rec.flush();
    const bytes = sink.bytes().slice();
    // Flushed, not closed: the trace says it stops before its stream ends.
    expect(formatCanonical(readWire(bytes).trace)).toBe('incomplete\nrecovery from ?\ncall step #1\nreturn step #1\ncheckpoint 1\n');
    expect(checkRecoverable(bytes)).toEqual([]);
  });

  it('should pass for a closed file (its full length is no crash) and cut a large file at its chunk boundaries', () => {
    const sink = new MemorySink();
    const rec = WireRecording.start(sink, { chunkBytes: 256 });
    const step = rec.tracer.trace(function step() {});
    for (let i = 0; i < 3000; i++) {
      step();
      if (i % 500 === 499) rec.checkpoint(i + 1);
    }
    rec.close();
    const bytes = sink.bytes();
    expect(bytes.length).toBeGreaterThan(4096);
    expect(checkRecoverable(bytes)).toEqual([]);
    expect(checkRecoverable(bytes.subarray(0, 4000))).toEqual([]);
  });

  it('should report the crash points of a resume that reuses seq, naming the cut and the rule', () => {
    const bytes = recording();
    const problems = checkRecoverable(bytes, { resume: buggyResume('seq-reuse'), cuts: [chunkEnds(bytes)[2]!] });
    expect(problems).toHaveLength(1);
    // The reader refuses the resumed chunk: its checkpoint declares a seq already used.
    expect(problems[0]!.problem).toMatch(/^the resumed file does not decode whole: bad-record: chunk seq want (\d+), got (?!\1)\d+/);
    expect(() => expectRecoverable(bytes, { resume: buggyResume('seq-reuse') })).toThrow(TraceAssertionError);
    expect(() => expectRecoverable(bytes, { resume: buggyResume('seq-reuse') })).toThrow(/crash after \d+ bytes: .*chunk seq want/);
  });

  it('should refuse bytes with no wire header', () => {
    expect(() => checkRecoverable(new Uint8Array([1, 2, 3]))).toThrow(TraceFormatError);
  });
});

describe('the recovery property', () => {
  it('should hold for random programs, checkpoints and crash points', () => {
    const r = runRecoveryProperty(150, 11);
    expect(r.failure).toBeUndefined();
    expect(r.runs).toBe(150);
  });

  it.each([
    ['seq-reuse', /chunk seq want \d+, got \d+|seq\/not-increasing/],
    ['uncommitted-checkpoint', /recovery\/(unknown|not-last)-checkpoint/],
    ['no-abandoned', /recovery\/not-abandoned|lifecycle\/not-finished/],
  ] as const)('should catch a resume with the bug %s', (bug, rule) => {
    const r = runRecoveryProperty(150, 11, undefined, buggyResume(bug));
    expect(r.failure).toBeDefined();
    expect(r.failure!.problems.join('\n')).toMatch(rule);
  });
});

describe('timestamped recordings', () => {
  it('should carry the clock through a crash: resumed with it, refused without it', () => {
    const clock = simulatedClock(10, 1000);
    const sink = new MemorySink();
    const options = { chunkBytes: 256, clock, payloads: { redact: { drop: ['secret'] } } };
    const rec = WireRecording.start(sink, options);
    const t = rec.tracer;
    t.trace(function step() {
      t.event('tick', { secret: 'x', n: 1 });
    })();
    rec.checkpoint(1);
    const bytes = sink.bytes().slice();
    const keep = (b: Uint8Array) => (k: number) => {
      const s = new MemorySink();
      s.write(b.subarray(0, k));
      return s;
    };
    expect(() => WireRecording.resume(bytes, keep(bytes))).toThrow('WireRecording.resume: the stream has timestamps: resume it with a clock');
    const out = new MemorySink();
    const again = WireRecording.resume(bytes, (k) => {
      out.write(bytes.subarray(0, k));
      return out;
    }, options);
    again.tracer.event('tick', { secret: 'y', n: 2 });
    again.close();
    const trace = decodeWire(out.bytes());
    expect(formatCanonical(trace)).toBe('call step #1\nevent tick #1 = {"n":1}\nreturn step #1\ncheckpoint 1\nrecovery from 1\nevent tick #0 = {"n":2}\n');
    expect(Array.from(trace.columns.tsNs!)).toEqual([1000, 1010, 1020, 1030, 1040, 1050]);
  });
});
