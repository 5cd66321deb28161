import { describe, expect, it } from 'vitest';
import { EventFlag, EventKind, isEntry, isExit, kindFromName, kindName } from '../../src/model/kinds.ts';
import { Trace } from '../../src/model/trace.ts';

describe('event kinds', () => {
  it('should keep the documented stable codes', () => {
    // These numbers are part of every serialised trace: a change here is a format break.
    expect(EventKind).toEqual({ Call: 1, Return: 2, Yield: 3, Resume: 4, Throw: 5, Unwind: 6, Wake: 7, Pending: 8, Dropped: 9, Abandoned: 10, Checkpoint: 11, Recovery: 12, Await: 13, Event: 14 });
    expect(EventFlag.ReturnCompletion).toBe(1);
  });

  it('should split kinds into entry and exit edges and map names both ways', () => {
    const all = Object.values(EventKind);
    expect(all.filter(isEntry).map(kindName)).toEqual(['call', 'resume', 'throw']);
    expect(all.filter(isExit).map(kindName)).toEqual(['return', 'yield', 'unwind']);
    for (const k of all) expect(kindFromName(kindName(k))).toBe(k);
    expect(kindFromName('start')).toBeUndefined();
    expect(() => kindName(0)).toThrow(RangeError);
  });
});

describe('Trace', () => {
  it('should round-trip event objects through columns', () => {
    const evs = [
      { seq: 3, kind: EventKind.Call, activation: 2, code: 0, flags: 0, tsNs: 5 },
      { seq: 4, kind: EventKind.Unwind, activation: 2, code: 0, flags: 0, tsNs: 9 },
    ];
    const t = Trace.fromEvents(evs, ['f']);
    expect(t.events()).toEqual(evs);
    expect([...t]).toEqual(evs);
    expect(t.codeName(0)).toBe('f');
    expect(t.codeName(3)).toBe('<code 3>');
  });

  it('should reject undefined kinds, unknown flags, codes outside the table and bad indexes', () => {
    expect(() => Trace.fromEvents([{ seq: 0, kind: 15 as EventKind, activation: 1, code: 0, flags: 0 }], ["f"])).toThrow("has kind 15");
    expect(() => Trace.fromEvents([{ seq: 0, kind: EventKind.Call, activation: 1, code: 0, flags: 4 }], ['f'])).toThrow('unknown flags');
    expect(() => Trace.fromEvents([{ seq: 0, kind: EventKind.Call, activation: 1, code: 1, flags: 0 }], ['f'])).toThrow('has code 1');
    expect(() => Trace.fromEvents([], []).at(0)).toThrow(RangeError);
    expect(() => new Trace({ kind: new Uint8Array(1), flags: new Uint8Array(0), activation: new Uint32Array(1), code: new Uint32Array(1), seq: new Float64Array(1) }, [])).toThrow(RangeError);
  });
});
