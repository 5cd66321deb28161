import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hash, SuspendedSet } from '../../src/wire/suspended-set.ts';

type Op = { op: 'set'; activation: number; code: number } | { op: 'delete'; activation: number } | { op: 'deleteOldest' };

/** Few distinct keys (collisions, repeated sets and deletes) or many (growth past 16 slots, long probe runs). */
const activation = fc.oneof(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 0, max: 300 }).map((i) => i * 128));
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ op: fc.constant('set' as const), activation, code: fc.integer({ min: 0, max: 1 << 20 }) }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('delete' as const), activation }) },
  { weight: 1, arbitrary: fc.constant({ op: 'deleteOldest' as const }) },
);

describe('SuspendedSet: the writer\'s suspended activations, as an ordered Map', () => {
  it('should hold what a Map holds, in the same order, after any sequence of set, delete and deleteOldest', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 400 }), (ops) => {
        const set = new SuspendedSet();
        const map = new Map<number, number>();
        for (const o of ops) {
          if (o.op === 'set') {
            set.set(o.activation, o.code);
            map.set(o.activation, o.code);
          } else if (o.op === 'delete') {
            expect(set.delete(o.activation)).toBe(map.delete(o.activation));
          } else {
            set.deleteOldest();
            const oldest = map.keys().next();
            if (oldest.done !== true) map.delete(oldest.value);
          }
          expect(set.size).toBe(map.size);
        }
        expect([...set.entries()]).toEqual([...map.entries()]);
        expect(set.toMap()).toEqual(map);
      }),
      { numRuns: 300 },
    );
  });

  it('should keep the place of an activation set again, changing only its code (as Map.set does)', () => {
    const set = new SuspendedSet();
    set.set(7, 1);
    set.set(9, 2);
    set.set(7, 3);
    expect([...set.entries()]).toEqual([[7, 3], [9, 2]]);
  });

  it('should find every activation after deletions inside probe runs of keys that collide', () => {
    // Multiples of 2^25 share their hash's masked bits in a small table: one long probe run.
    const set = new SuspendedSet();
    const keys = Array.from({ length: 12 }, (_, i) => i * 2 ** 25);
    keys.forEach((k, i) => set.set(k, i));
    for (const k of [keys[0]!, keys[5]!, keys[11]!]) expect(set.delete(k)).toBe(true);
    for (const [i, k] of keys.entries()) expect(set.delete(k)).toBe(![0, 5, 11].includes(i));
    expect(set.size).toBe(0);
    expect([...set.entries()]).toEqual([]);
  });

  it('should find an activation whose probe run wraps past the end of the table after one before it is deleted', () => {
    // Three activations whose home is the last of the first table's 32 positions: at 31, 0 and 1.
    const homeLast: number[] = [];
    for (let a = 0; homeLast.length < 3; a++) if ((hash(a) & 31) === 31) homeLast.push(a);
    const [a, b, c] = homeLast as [number, number, number];
    const set = new SuspendedSet();
    set.set(a, 1);
    set.set(b, 2);
    set.set(c, 3);
    expect(set.delete(b)).toBe(true); // the hole at 0 must take c (home 31 lies before the hole, cyclically)
    expect(set.delete(c)).toBe(true);
    expect(set.delete(a)).toBe(true);
    expect(set.size).toBe(0);
  });

  it('should leave in place an entry just past the wrap whose home is its own position when the last position empties', () => {
    const at = (home: number): number => {
      let a = 0;
      while ((hash(a) & 31) !== home) a++;
      return a;
    };
    const set = new SuspendedSet();
    set.set(at(31), 1);
    set.set(at(0), 2);
    expect(set.delete(at(31))).toBe(true); // the hole at 31 must not take the entry at 0: its home is 0
    expect([...set.entries()]).toEqual([[at(0), 2]]);
    expect(set.delete(at(0))).toBe(true);
  });

  it('should grow past its first 16 slots and reuse freed ones, oldest first throughout', () => {
    const set = new SuspendedSet();
    for (let a = 1; a <= 1000; a++) set.set(a, a % 7);
    for (let a = 1; a <= 1000; a += 2) set.delete(a);
    for (let a = 2001; a <= 2010; a++) set.set(a, 0);
    set.deleteOldest();
    const held = [...set.entries()].map(([a]) => a);
    expect(held).toEqual([...Array.from({ length: 499 }, (_, i) => 4 + 2 * i), ...Array.from({ length: 10 }, (_, i) => 2001 + i)]);
  });
});
