import { describe, expect, it } from 'vitest';
import { checkWireFastPath } from '../../../harness/properties/wire-fast-path-check.ts';
import { EventKind } from '../../../src/model/kinds.ts';
import { Trace } from '../../../src/model/trace.ts';
import { WireWriter } from '../../../src/wire/writer.ts';

/** Writes every entry its trace's columns hold, past the trace's length. */
class WritesPastLength extends WireWriter {
  override appendTrace(trace: Trace): void {
    super.appendTrace(new Trace(trace.columns, trace.codes, trace.columns.kind.length));
  }
}

/** Writes awaits without their awaited activation (waker 0), as a fast path that forgot the await's field would. */
class AwaitsWithoutPeer extends WireWriter {
  override appendTrace(trace: Trace): void {
    const waker = trace.columns.waker?.slice();
    if (waker !== undefined) for (let i = 0; i < trace.length; i++) if (trace.columns.kind[i] === EventKind.Await) waker[i] = 0;
    super.appendTrace(new Trace({ ...trace.columns, waker }, trace.codes, trace.length));
  }
}

/** Rounds a timestamp that is not an integer instead of refusing it. */
class RoundsTheClock extends WireWriter {
  override appendTrace(trace: Trace): void {
    const tsNs = trace.columns.tsNs?.map(Math.round);
    super.appendTrace(new Trace({ ...trace.columns, tsNs }, trace.codes, trace.length));
  }
}

describe('checkWireFastPath (the wire part of check)', () => {
  it('should pass on the package\'s writer: both paths write the same bytes, the length bounds the columns, a fractional clock is refused', () => {
    expect(checkWireFastPath()).toEqual([]);
  });

  it('should name the case a broken appendTrace fails', () => {
    expect(checkWireFastPath(WritesPastLength)).toEqual(['wire fast path, a trace of 100 events over columns of 300: read back 300 events (last #300), want 100 (last #100)']);
    expect(checkWireFastPath(AwaitsWithoutPeer)[0]).toMatch(/^wire fast path, malformed trace \d+ \(seed 15, \d+ events, timestamps false\): appendTrace and append differ from byte \d+ \(\d+ and \d+ bytes\)$/);
    expect(checkWireFastPath(RoundsTheClock)).toEqual(['wire fast path, a timestamp of 505.5 ns: want RangeError "WireWriter.append: tsNs must be an integer in 0..2^53-1, got 505.5", got no error']);
  });
});
