import type { FnKind } from './ast.ts';

/** The leaf statements whose weight depends on the function that holds them. */
export type LeafOp = 'call' | 'yield' | 'yield*' | 'throw' | 'return' | 'reenter' | 'drive' | 'await' | 'start' | 'event';
/** `leaves`: all leaf statements together, against each block statement (at the depth limit only leaves are drawn). */
export type BlockOp = 'leaves' | 'try' | 'for-of' | 'for-await';

/**
 * Leaf statement weights by the kind of the function whose body holds them (issue 13). `any` is the one
 * table every body used before: a statement its function cannot run (a `yield` in a sync function, an
 * `await` in a generator) is dropped by `normalize`, so a generator body spent most of its statements on
 * nothing and `yield*` suspensions were rare; and two of three statements were blocks (`try`, `for-of`). Per kind, a generator body yields and delegates, a sync
 * body drives generators, an async body awaits, and a `throw` or `return` (which makes the rest of its block dead) is rarer. Swarm testing multiplies these by its doses.
 */
export const KIND_WEIGHTS: Readonly<Record<FnKind | 'any', Readonly<Record<LeafOp | BlockOp, number>>>> = {
  any: { call: 3, yield: 5, 'yield*': 2, throw: 1, return: 1, reenter: 1, drive: 3, await: 5, start: 2, event: 1, leaves: 1, try: 1, 'for-of': 1, 'for-await': 1 },
  generator: { call: 4, yield: 10, 'yield*': 12, throw: 2, return: 1, reenter: 2, drive: 4, await: 0, start: 0, event: 1, leaves: 4, try: 2, 'for-of': 1, 'for-await': 0 },
  sync: { call: 6, yield: 0, 'yield*': 0, throw: 1, return: 1, reenter: 0, drive: 9, await: 0, start: 0, event: 1, leaves: 3, try: 1, 'for-of': 2, 'for-await': 0 },
  async: { call: 4, yield: 0, 'yield*': 0, throw: 1, return: 1, reenter: 0, drive: 6, await: 14, start: 4, event: 1, leaves: 3, try: 1, 'for-of': 1, 'for-await': 1 },
  asyncGenerator: { call: 2, yield: 10, 'yield*': 0, throw: 1, return: 1, reenter: 0, drive: 2, await: 10, start: 2, event: 1, leaves: 4, try: 1, 'for-of': 0, 'for-await': 1 },
};
