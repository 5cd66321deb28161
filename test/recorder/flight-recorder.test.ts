import { describe, expect, it } from 'vitest';
import { runValidators } from '../../src/check/run.ts';
import { SeqValidator } from '../../src/check/seq.ts';
import { validateTrace } from '../../src/check/validate-trace.ts';
import { formatCanonical } from '../../src/formats/text.ts';
import { EventKind } from '../../src/model/kinds.ts';
import { Trace } from '../../src/model/trace.ts';
import { bytesPerEvent } from '../../src/recorder/recorder.ts';
import { Tracer } from '../../src/recorder/tracer.ts';
import { runRetentionProperty } from '../../harness/properties/retention-property.ts';

describe('flight recorder (bounded retention)', () => {
  it('should keep the last N events, declare the dropped ones and the activations open at the window start', () => {
    const t = new Tracer({ retain: { events: 4 } });
    const f = t.trace(function f() {});
    t.trace(function main() {
      f();
      f();
    })();
    // Derived by hand: 6 events (call main, call f, return f, call f, return f, return main); the first two
    // are evicted: dropped 2 at seq 1, and main and the first f are open where the window starts (declared
    // first, numbered first: main #1, the first f #2).
    const snap = t.snapshot();
    expect(formatCanonical(snap)).toBe('open main #1 running\nopen f #2 running\ndropped 2\nreturn f #2\ncall f #3\nreturn f #3\nreturn main #1\n');
    expect(snap.at(0)).toEqual({ seq: 1, kind: EventKind.Dropped, activation: 0, code: 0, flags: 0, waker: 2 });
    expect(snap.open).toEqual([
      { activation: 1, code: 1, state: 'running' },
      { activation: 2, code: 0, state: 'running' },
    ]);
    expect([t.recorder.emitted, t.recorder.dropped, t.recorder.length]).toEqual([6, 2, 4]);
    expect(validateTrace(snap)).toEqual([]);
    expect(runValidators(snap, [new SeqValidator({ from: 0 })])).toEqual([]);
  });

  it('should catch a snapshot that lost its dropped record', () => {
    const t = new Tracer({ retain: { events: 2 } });
    t.trace(function f() {})();
    t.trace(function g() {})();
    const snap = t.snapshot();
    const lost = Trace.fromEvents(snap.events().slice(1), snap.codes); // the dropped row removed, as a buggy recorder would
    expect(runValidators(lost, [new SeqValidator({ from: 0 })]).map((x) => x.rule)).toEqual(['seq/start']);
    expect(runValidators(lost, [new SeqValidator()])).toEqual([]); // without a start to hold it to, it looks fine
  });

  it('should size the ring from bytes and refuse a retention that keeps nothing', () => {
    expect(bytesPerEvent(false)).toBe(22);
    const t = new Tracer({ retain: { bytes: 22 * 10 } });
    for (let i = 0; i < 30; i++) t.trace(() => 0, 'f')();
    expect(t.recorder.length).toBe(10);
    expect(() => new Tracer({ retain: { bytes: 10 } })).toThrow('Recorder: retain must keep at least one event');
  });

  it('should catch, in the retention property, a recorder copy that loses its dropped record', () => {
    class LostDropTracer extends Tracer {
      override snapshot(): Trace {
        const s = super.snapshot();
        return Trace.fromEvents(s.events().filter((e) => e.kind !== EventKind.Dropped), s.codes);
      }
    }
    const r = runRetentionProperty(100, 5, undefined, (n) => new LostDropTracer({ retain: { events: n } }));
    expect(r.failure?.problems.join('; ')).toMatch(/^want a dropped record of \d+ first, got none; emitted \d+ != retained \d+ \+ dropped 0/);
  });

  it('should hold for random programs under random retention limits', () => {
    const r = runRetentionProperty(300, 5);
    expect(r.failure).toBeUndefined();
    expect(r.runs).toBe(300);
  });
});
