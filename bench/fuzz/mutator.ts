/**
 * What a mutator is, and the size bounds every generated input keeps.
 * @module
 */
import type { Rng } from './rng.ts';

/**
 * A mutation: takes an input and returns a changed copy (never changes its argument).
 * @param input - the input so far
 * @param rng - the case's generator
 * @param seeds - the target's seed files (for splicing)
 */
export type Mutator = (input: Uint8Array, rng: Rng, seeds: readonly Uint8Array[]) => Uint8Array;

/** A mutator with its weight among a target's mutators (relative, > 0) and a name for statistics. */
export interface WeightedMutator {
  readonly name: string;
  readonly weight: number;
  readonly mutate: Mutator;
}

/** The size a mutator grows an input to at most, bytes (a typical case stays below it). */
export const TYPICAL_INPUT_BYTES = 64 * 1024;

/**
 * The hard bound of any input, bytes: a few mutators make large inputs on purpose (100 000 levels of `[`,
 * a JSONL line over its 1 MiB limit, 65 537 `open` lines); everything is cut to this.
 */
export const MAX_INPUT_BYTES = 2 * 1024 * 1024;
