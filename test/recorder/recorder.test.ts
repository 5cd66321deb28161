import { describe, expect, it } from 'vitest';
import { EventKind } from '../../src/model/kinds.ts';
import { Recorder } from '../../src/recorder/recorder.ts';

describe('Recorder', () => {
  it('should grow past its initial capacity without losing or reordering events', () => {
    const r = new Recorder({ capacity: 2 });
    const code = r.intern('f');
    for (let i = 0; i < 100; i++) {
      const a = r.beginActivation();
      r.emit(EventKind.Call, a, code, 0);
      r.emit(EventKind.Return, a, code, 0);
    }
    const t = r.snapshot();
    expect(t.length).toBe(200);
    expect(Array.from(t.columns.seq)).toEqual(Array.from({ length: 200 }, (_, i) => i));
    expect(t.at(199)).toEqual({ seq: 199, kind: EventKind.Return, activation: 100, code: 0, flags: 0 });
  });

  it('should keep the peer of a wake, pending, await or stream record that fills the buffer and makes it grow', () => {
    // The record that meets a full buffer is written after the columns grew: its waker must land in the new column.
    for (const record of ['wake', 'pending', 'await', 'stream'] as const) {
      const r = new Recorder({ capacity: 2 });
      const code = r.intern('f');
      r.emitWake(1, code, 7); // the waker column exists from here on
      r.emit(EventKind.Call, 2, code, 0); // the buffer is full
      if (record === 'wake') r.emitWake(2, code, 9);
      else if (record === 'pending') r.emitPending(2, code, 9);
      else if (record === 'await') r.emitAwait(2, code, 9);
      else r.emitStream(EventKind.Checkpoint, 9);
      const t = r.snapshot();
      expect(t.length).toBe(3);
      expect(Array.from(t.columns.waker!)).toEqual([7, 0, 9]);
    }
  });

  it('should keep a deep running stack beyond its initial size', () => {
    const r = new Recorder();
    const code = r.intern('deep');
    for (let i = 1; i <= 200; i++) r.emit(EventKind.Call, i, code, 0);
    expect(r.currentFrame()).toEqual({ activation: 200, code, name: 'deep' });
    for (let i = 200; i >= 1; i--) r.emit(EventKind.Return, i, code, 0);
    expect(r.currentFrame()).toBeUndefined();
  });

  it('should intern each name once, ids in order of first use', () => {
    const r = new Recorder();
    expect([r.intern('a'), r.intern('b'), r.intern('a')]).toEqual([0, 1, 0]);
    expect(r.snapshot().codes).toEqual(['a', 'b']);
  });

  it('should reject a capacity that is not a positive integer', () => {
    expect(() => new Recorder({ capacity: 0 })).toThrow('Recorder: capacity must be a positive integer, got 0');
    expect(() => new Recorder({ capacity: 1.5 })).toThrow(RangeError);
  });

  it('should give snapshots that later recording does not change', () => {
    const r = new Recorder();
    r.emit(EventKind.Call, r.beginActivation(), r.intern('f'), 0);
    const before = r.snapshot();
    r.emit(EventKind.Return, 1, 0, 0);
    expect(before.length).toBe(1);
    expect(r.length).toBe(2);
  });
});

describe('Recorder.clear', () => {
  it('should drop events but continue seq and activation ids', () => {
    const r = new Recorder();
    const code = r.intern('f');
    r.emit(EventKind.Call, r.beginActivation(), code, 0);
    r.clear();
    r.emit(EventKind.Call, r.beginActivation(), code, 0);
    expect(r.snapshot().events()).toEqual([{ seq: 1, kind: EventKind.Call, activation: 2, code, flags: 0 }]);
  });
});
