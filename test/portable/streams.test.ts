// Portable suite: several streams in one trace (workers, processes, restarts) merged with each stream's
// order kept, on Node, Deno and Bun.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runStreamsProperty } from '../../harness/properties/streams-property.ts';
import { checkStreams } from '../../src/check/streams.ts';
import { formatMerged, parseMerged } from '../../src/formats/merged-text.ts';
import { mergeStreams } from '../../src/model/merged-trace.ts';
import { simulatedClock } from '../../src/recorder/clock.ts';
import { Tracer } from '../../src/recorder/tracer.ts';

describe('streams (portable)', () => {
  it('should merge two timed recordings by time, keep each whole and in order, and round-trip as text', () => {
    const clock = simulatedClock(10);
    const a = new Tracer({ clock });
    const b = new Tracer({ clock });
    const fa = a.trace(function fa() {});
    const fb = b.trace(function fb() {});
    fa();
    fb();
    fa();
    const merged = mergeStreams([
      { id: 'main', trace: a.snapshot() },
      { id: 'worker', trace: b.snapshot() },
    ]);
    assert.equal(merged.by, 'time');
    assert.deepEqual(
      [...merged].map((e) => `${e.stream}:${e.index}`),
      ['main:0', 'main:1', 'worker:0', 'worker:1', 'main:2', 'main:3'],
    );
    assert.deepEqual(checkStreams(merged), []);
    const text = formatMerged(merged);
    assert.equal(formatMerged(parseMerged(text)), text);
  });

  it('should hold the streams property for 100 random cases (seed 5)', () => {
    const report = runStreamsProperty(100, 5);
    assert.equal(report.failure, undefined, report.failure?.problems.join('\n'));
    assert.equal(report.runs, 100);
  });
});
