// Portable suite: the wire codec (round trips, truncation), on Node, Deno and Bun.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { traceArbitrary } from '../../harness/properties/trace-arbitrary.ts';
import { TraceFormatError } from '../../src/model/errors.ts';
import { EventKind } from '../../src/model/kinds.ts';
import { Trace } from '../../src/model/trace.ts';
import { encodeWire } from '../../src/wire/encode.ts';
import { decodeWire, readWire } from '../../src/wire/reader.ts';
import { MAGIC } from '../../src/wire/spec.ts';

const chunkBytes = fc.constantFrom(256, 1024, 65536);

/** A call tree of `n` calls and returns, big enough to span several 256-byte chunks. */
function callTree(n: number): Trace {
  const events = [];
  for (let i = 0; i < n; i++) {
    events.push({ seq: 2 * i + 1, kind: EventKind.Call, activation: i + 1, code: i % 3, flags: 0 });
    events.push({ seq: 2 * i + 2, kind: EventKind.Return, activation: i + 1, code: i % 3, flags: 0 });
  }
  return Trace.fromEvents(events, ['main', 'f', 'ünïcode']);
}

describe('wire codec (portable)', () => {
  it('should decode what it encodes, and re-encode decoded bytes to the same bytes', () => {
    fc.assert(
      fc.property(traceArbitrary(120), chunkBytes, (trace, size) => {
        const bytes = encodeWire(trace, { chunkBytes: size });
        const back = decodeWire(bytes);
        assert.deepEqual(back.events(), trace.events());
        assert.deepEqual([...back.codes], [...trace.codes]);
        assert.deepEqual(encodeWire(back, { chunkBytes: size }), bytes);
      }),
      { numRuns: 150, seed: 7 },
    );
  });

  it('should give exactly the complete chunks before a cut at every byte, and report the cut as truncated', () => {
    const trace = callTree(300);
    const bytes = encodeWire(trace, { chunkBytes: 256 });
    const all = trace.events();
    let chunksSeen = 0;
    for (let cut = 0; cut < bytes.length; cut++) {
      let result;
      try {
        result = readWire(bytes.subarray(0, cut));
      } catch (error) {
        // Only a cut inside the file header may fail outright, and only as a typed error.
        assert.ok(error instanceof TraceFormatError, `cut ${cut}: ${String(error)}`);
        continue;
      }
      const got = result.trace.events();
      assert.deepEqual(got, all.slice(0, got.length), `cut ${cut}: a prefix of the events`);
      assert.equal(result.complete, false, `cut ${cut}`);
      if (result.loss !== undefined) {
        assert.equal(result.loss.error.code, 'truncated', `cut ${cut}`);
        assert.equal(result.loss.byteOffset + result.loss.lostBytes, cut, `cut ${cut}: lost bytes end at the cut`);
      }
      chunksSeen = Math.max(chunksSeen, result.chunks);
    }
    assert.ok(chunksSeen >= 3, `the file spans several chunks (saw ${chunksSeen})`);
    const whole = readWire(bytes);
    assert.equal(whole.complete, true);
    assert.equal(whole.loss, undefined);
    assert.deepEqual(whole.trace.events(), all);
  });

  it('should reject an unknown major version with a typed error, never a guess', () => {
    const bytes = encodeWire(callTree(1));
    const bad = bytes.slice();
    bad[MAGIC.length] = 0xff; // the major version byte follows the magic (FORMAT.md)
    assert.throws(() => readWire(bad), (e) => e instanceof TraceFormatError && e.code === 'unsupported-version');
  });
});
