import { describe, expect, it } from 'vitest';
import { PACKAGE_RECORDING, type RecordingUnderTest, runRecordingProperty } from '../../../harness/properties/recording-property.ts';
import { Trace } from '../../../src/model/trace.ts';
import { Tracer } from '../../../src/recorder/tracer.ts';
import { WireRecording, type WireRecordingOptions } from '../../../src/recorder/wire-recording.ts';
import { MemorySink } from '../../../src/wire/sink.ts';
import { WireWriter } from '../../../src/wire/writer.ts';

/** A recording on this package's tracer whose writer is `writer` (a broken subclass of {@link WireWriter}). */
function withWriter(make: (sink: MemorySink, options: { chunkBytes?: number; flushEveryEvents?: number; timestamps: boolean }) => WireWriter): RecordingUnderTest {
  return {
    ...PACKAGE_RECORDING,
    start: (sink, o: WireRecordingOptions) => {
      const tracer = new Tracer(o.clock !== undefined ? { clock: o.clock } : {});
      const writer = make(sink, { ...(o.chunkBytes !== undefined ? { chunkBytes: o.chunkBytes } : {}), ...(o.flushEveryEvents !== undefined ? { flushEveryEvents: o.flushEveryEvents } : {}), timestamps: o.clock !== undefined });
      return WireRecording.assemble(tracer, writer, undefined);
    },
  };
}

/** A writer whose checkpoints declare the suspended activations newest first (FORMAT.md §4.1: in the order they suspended). */
class NewestFirstWriter extends WireWriter {
  protected override declaredSuspended(): ReadonlyMap<number, number> {
    return new Map([...super.declaredSuspended()].reverse());
  }
}

/** A writer whose checkpoints leave out the activation that suspended first. */
class ForgetfulWriter extends WireWriter {
  protected override declaredSuspended(): ReadonlyMap<number, number> {
    return new Map([...super.declaredSuspended()].slice(1));
  }
}

/** A writer that, after a flush, gives the next event the seq of the last one before the flush. */
class SeqRepeatingWriter extends WireWriter {
  private flushed = false;

  override flush(): void {
    super.flush();
    this.flushed = this.eventCount > 0;
  }

  override appendTrace(trace: Trace): void {
    if (this.flushed && trace.length > 0) {
      const seq = trace.columns.seq.slice();
      seq[0] = seq[0]! - 1;
      trace = new Trace({ ...trace.columns, seq }, trace.codes, trace.length, trace.open, trace.openPartial, trace.complete);
      this.flushed = false;
    }
    super.appendTrace(trace);
  }
}

/** A recording whose `close()` loses the chunk it writes last (the end-of-stream chunk). */
const LOSES_LAST_CHUNK_ON_CLOSE: RecordingUnderTest = {
  ...PACKAGE_RECORDING,
  start: (sink, options) => {
    const inner = new MemorySink();
    const rec = WireRecording.start(inner, options);
    const copy = (upTo: number): void => sink.write(inner.bytes().subarray(sink.length, upTo));
    return {
      tracer: rec.tracer,
      flush: () => {
        rec.flush();
        copy(inner.length);
      },
      checkpoint: (id) => {
        rec.checkpoint(id);
        copy(inner.length);
      },
      close: () => {
        rec.flush();
        copy(inner.length);
        rec.close(); // the end-of-stream chunk it writes stays in `inner`
      },
    };
  },
};

/** A flight recorder whose snapshot does not declare the activations open where its window starts. */
const SNAPSHOT_WITHOUT_OPEN: RecordingUnderTest = {
  ...PACKAGE_RECORDING,
  flightRecorder: (retain, clock) =>
    new (class extends Tracer {
      override snapshot(): Trace {
        return super.snapshot().withOpen([]);
      }
    })({ retain: { events: retain }, ...(clock !== undefined ? { clock } : {}) }),
};

describe('the recording property', () => {
  it.each([1, 2, 3])('should hold for random recordings, seed %i', (seed) => {
    const r = runRecordingProperty(120, seed);
    expect(r.failure?.problems).toBeUndefined();
    expect(r.runs).toBe(120);
  });

  it.each([
    ['declares suspended activations newest first', withWriter((s, o) => new NewestFirstWriter(s, o)), /chunk \d+ .*checkpoint declares open \[.*\], want \[.*\]/],
    ['leaves the first suspended activation out of its checkpoints', withWriter((s, o) => new ForgetfulWriter(s, o)), /chunk \d+ .*checkpoint declares open \[.*\], want \[.*\]/],
    ['repeats a seq across a flush', withWriter((s, o) => new SeqRepeatingWriter(s, o)), /seq\/not-increasing/],
    ['loses the last chunk on close', LOSES_LAST_CHUNK_ON_CLOSE, /complete: want true, got false/],
    ['writes flight-recorder snapshots without their open list', SNAPSHOT_WITHOUT_OPEN, /declares open \[\], want \[.+\]/],
  ] as const)('should fail, naming the problem, for a recording that %s', (_, impl, problem) => {
    const r = runRecordingProperty(200, 1, undefined, impl);
    expect(r.failure).toBeDefined();
    expect(r.failure!.problems.join('\n')).toMatch(problem);
  });
});
