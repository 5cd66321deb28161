// Deterministic shards of a property run or a corpus (`check --shard i/n`, README "Sharding").

/** One of `count` parts of a run: `index` from 1 to `count` inclusive, as `--shard index/count` says. */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/**
 * Whether item `i` (0-based, in a fixed order) belongs to a shard: item i goes to shard (i mod count) + 1, so
 * the shards of one run are disjoint and together hold every item.
 * @param i - the item's position, >= 0
 * @param shard - the shard; undefined for the whole run (every item)
 */
export function inShard(i: number, shard: Shard | undefined): boolean {
  return shard === undefined || i % shard.count === shard.index - 1;
}

/**
 * Splits the runs of one fast-check property across shards. fast-check draws run k's value from the seed and k
 * alone, so with the same seed and run count every shard sees the same values in the same order; a shard
 * checks runs k with {@link inShard}(k) and passes the others unchecked. After a failure every call is a shrink
 * step of this shard's counterexample, and all are checked.
 */
export class ShardFilter {
  readonly #shard: Shard | undefined;
  #drawn = 0;
  #shrinking = false;
  /** Values this shard checked before any failure (the failing one included; shrink steps not). */
  checked: number = 0;

  constructor(shard: Shard | undefined) {
    this.#shard = shard;
  }

  /** Called once per predicate call: true when this shard checks the value. */
  take(): boolean {
    if (this.#shrinking) return true;
    const mine = inShard(this.#drawn++, this.#shard);
    if (mine) this.checked++;
    return mine;
  }

  /** The property failed on a value this shard checked: what follows is shrinking. */
  failed(): void {
    this.#shrinking = true;
  }
}

/**
 * Parses `--shard` text.
 * @param text - `index/count`, e.g. `2/3`
 * @returns the shard
 * @throws RangeError unless 1 <= index <= count
 */
export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text);
  const [index, count] = m === null ? [NaN, NaN] : [Number(m[1]), Number(m[2])];
  if (!(Number.isSafeInteger(index) && Number.isSafeInteger(count) && index >= 1 && index <= count)) throw new RangeError(`want index/count with 1 <= index <= count, e.g. 2/3, got "${text}"`);
  return { index, count };
}
