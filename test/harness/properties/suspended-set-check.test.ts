import { describe, expect, it } from 'vitest';
import { checkSuspendedSet, type SuspendedSetLike } from '../../../harness/properties/suspended-set-check.ts';
import { SuspendedSet } from '../../../src/wire/suspended-set.ts';

/** A set that forgets the code change of an activation set again (keeps the first code). */
class KeepsFirstCode extends SuspendedSet {
  override set(activation: number, code: number): void {
    if (![...this.entries()].some(([a]) => a === activation)) super.set(activation, code);
  }
}

/** A set whose delete makes the next of a run of colliding activations unfindable, as a delete without backward shift would. */
class LosesRunSuccessor implements SuspendedSetLike {
  private readonly inner = new SuspendedSet();
  private readonly lost = new Set<number>();
  get size(): number {
    return this.inner.size;
  }
  get capacity(): number {
    return this.inner.capacity;
  }
  set(activation: number, code: number): void {
    this.inner.set(activation, code);
  }
  delete(activation: number): boolean {
    const had = this.inner.delete(activation);
    // The collision case's keys (multiples of 2^25) all share one run: the next one becomes unfindable.
    if (had && activation % 2 ** 25 === 0 && activation !== 0) this.lost.add(activation + 2 ** 25);
    return this.lost.has(activation) ? false : had;
  }
  deleteOldest(): void {
    this.inner.deleteOldest();
  }
  entries(): IterableIterator<[number, number]> {
    return this.inner.entries();
  }
  toMap(): Map<number, number> {
    return this.inner.toMap();
  }
}

/** A set that never reuses a freed slot: its slots double whenever as many sets as slots were made. */
class NeverReuses extends SuspendedSet {
  private sets = 0;
  override set(activation: number, code: number): void {
    this.sets++;
    super.set(activation, code);
  }
  override get capacity(): number {
    let slots = 16;
    while (slots < this.sets) slots *= 2;
    return slots;
  }
}

describe('checkSuspendedSet (the wire part of check)', () => {
  it('should pass on the package\'s suspended set', () => {
    expect(checkSuspendedSet()).toEqual([]);
  });

  it('should name the case and the operation where a broken set departs from the Map', () => {
    expect(checkSuspendedSet(() => new KeepsFirstCode())[0]).toBe('suspended set, a code changed in place: entries: want [[7,3],[9,2]], got [[7,1],[9,2]]');
    expect(checkSuspendedSet(() => new LosesRunSuccessor())[0]).toMatch(/^suspended set, deletions inside a probe run of colliding activations: op 1[0-9], delete\(\d+\): want true, got false$/);
  });

  it('should name a set that grows instead of reusing its freed slots', () => {
    const problems = checkSuspendedSet(() => new NeverReuses());
    // 16 sets, the oldest freed, a 17th set: 16 slots suffice.
    expect(problems[0]).toBe('suspended set, a freed first slot reused before growing: slots allocated: want 16, got 32');
    // 2,000 sets, never more than 5 held.
    expect(problems[1]).toBe('suspended set, freed slots reused over a long run: slots allocated: want 16, got 2048');
  });
});
