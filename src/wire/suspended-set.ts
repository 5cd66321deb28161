/**
 * The suspended activations a {@link WireWriter} declares at each checkpoint: activation id to code id, kept in
 * the order they suspended (FORMAT.md §4.1: oldest first, the oldest dropped past `SUSPENDED_DECLARED`).
 *
 * It behaves as a `Map<number, number>` used only through `set`, `delete`, `size` and ordered iteration (a
 * `set` of a key already present changes its code and keeps its place, as `Map.set` does), without the cost
 * of one: a yield and a resume were a third of the encoder's time on the 10 M-event random trace (issue 15).
 * Slots live in typed arrays chained oldest to newest; an open-addressing table (linear probing, deletion by
 * backward shift) finds an activation's slot. No allocation per operation; capacities double when full.
 * @internal
 */
export class SuspendedSet {
  private act = new Uint32Array(16);
  private code = new Uint32Array(16);
  private prev = new Int32Array(16);
  private next = new Int32Array(16);
  /** Slot + 1 by hash position; 0 is empty. Twice the slot capacity or more, a power of two. */
  private table = new Int32Array(32);
  private head = -1;
  private tail = -1;
  /** First free slot (free slots chain through `next`), -1 when the slots above `used` are all that is left. */
  private free = -1;
  private used = 0;
  private count = 0;

  /** Number of activations held. */
  get size(): number {
    return this.count;
  }

  /** Slots allocated: the memory held is four 4-byte arrays of this length and a table of at least twice it. */
  get capacity(): number {
    return this.act.length;
  }

  /** Adds `activation` as the newest, with `code`; when present, changes its code and keeps its place. */
  set(activation: number, code: number): void {
    const mask = this.table.length - 1;
    let h = hash(activation) & mask;
    for (let s = this.table[h]!; s !== 0; s = this.table[h]!) {
      if (this.act[s - 1] === activation) {
        this.code[s - 1] = code;
        return;
      }
      h = (h + 1) & mask;
    }
    let slot = this.free;
    if (slot >= 0) this.free = this.next[slot]!;
    else {
      if (this.used === this.act.length) {
        this.growSlots();
        this.set(activation, code); // the table was rebuilt: probe again
        return;
      }
      slot = this.used++;
    }
    this.table[h] = slot + 1;
    this.act[slot] = activation;
    this.code[slot] = code;
    this.prev[slot] = this.tail;
    this.next[slot] = -1;
    if (this.tail >= 0) this.next[this.tail] = slot;
    else this.head = slot;
    this.tail = slot;
    this.count++;
  }

  /** Removes `activation`; returns whether it was held. */
  delete(activation: number): boolean {
    if (this.count === 0) return false;
    const table = this.table;
    const mask = table.length - 1;
    let h = hash(activation) & mask;
    let s = table[h]!;
    while (s !== 0 && this.act[s - 1] !== activation) {
      h = (h + 1) & mask;
      s = table[h]!;
    }
    if (s === 0) return false;
    this.unlink(s - 1);
    // Backward-shift deletion: pull each later entry of the probe run into the hole when its home allows.
    let hole = h;
    for (let j = (h + 1) & mask; table[j] !== 0; j = (j + 1) & mask) {
      const home = hash(this.act[table[j]! - 1]!) & mask;
      // The entry at j may move to the hole unless its home lies cyclically in (hole, j].
      if (hole <= j ? home <= hole || home > j : home <= hole && home > j) {
        table[hole] = table[j]!;
        hole = j;
      }
    }
    table[hole] = 0;
    return true;
  }

  /** Removes the oldest activation; nothing when empty. */
  deleteOldest(): void {
    if (this.head >= 0) this.delete(this.act[this.head]!);
  }

  /** The activations and their codes, oldest first. */
  *entries(): IterableIterator<[activation: number, code: number]> {
    for (let s = this.head; s >= 0; s = this.next[s]!) yield [this.act[s]!, this.code[s]!];
  }

  /** The held activations as a new `Map` in the same order. */
  toMap(): Map<number, number> {
    return new Map(this.entries());
  }

  private unlink(slot: number): void {
    const p = this.prev[slot]!;
    const n = this.next[slot]!;
    if (p >= 0) this.next[p] = n;
    else this.head = n;
    if (n >= 0) this.prev[n] = p;
    else this.tail = p;
    this.next[slot] = this.free;
    this.free = slot;
    this.count--;
  }

  /** Doubles the slots and rebuilds the table at twice their number (every slot is in use: no free chain). */
  private growSlots(): void {
    const cap = this.act.length * 2;
    this.act = grown(this.act, new Uint32Array(cap));
    this.code = grown(this.code, new Uint32Array(cap));
    this.prev = grown(this.prev, new Int32Array(cap));
    this.next = grown(this.next, new Int32Array(cap));
    const table = new Int32Array(cap * 2);
    const mask = table.length - 1;
    for (let s = this.head; s >= 0; s = this.next[s]!) {
      let h = hash(this.act[s]!) & mask;
      while (table[h] !== 0) h = (h + 1) & mask;
      table[h] = s + 1;
    }
    this.table = table;
  }
}

/** Fibonacci hashing of a u32 (the table masks the low bits after the shift). @internal exported for tests */
export function hash(activation: number): number {
  return Math.imul(activation, 0x9e3779b1) >>> 7;
}

function grown<T extends Uint32Array | Int32Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
