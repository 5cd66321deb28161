import type { GeneratorModel } from './profile.ts';

/**
 * The model's internal vocabulary: exceptions, completions, resumptions and contexts. @internal
 * @module
 */

/** An exception of the modelled program (a `throw` statement, a thrown-in tag, or the re-entry TypeError). */
export class ModelThrow {
  constructor(readonly tag: string) {}
}

/** How an awaited promise settles. For `Promise.all`/`race` the tag is one of the rejections (which one depends on the schedule). */
export type Settlement = ({ readonly ok: true } | { readonly ok: false; readonly tag: string }) & {
  /**
   * Who wakes an activation awaiting this: nobody (already settled), an unknown waker (a timer, an
   * external or combined promise), or an activation that was still suspended when its promise was
   * handed over (`maybe` when the schedule decides whether it finished first).
   */
  readonly waker?: 'unknown' | { readonly activation: number; readonly maybe: boolean };
};
/** A fulfilment whose waker is the awaited activation (or none for a settled value). */
export const FULFILLED: Settlement = { ok: true };
/** A fulfilment by a promise that is no activation's: the model predicts `wake … by ?`. */
export const UNKNOWN_WAKER: Settlement = { ok: true, waker: 'unknown' };

/** Flag the model sets on a `wake` it cannot be sure of (a started promise awaited later). */
export const MAYBE_FLAG = 0x80;

/** What a body runs with: its generator object (generators), or its activation and promise slots (async). */
export interface Ctx {
  readonly gen?: GeneratorModel;
  /** Async: set once the activation has awaited (then its completion wakes its awaiter). */
  awaited?: boolean;
  readonly activation?: number;
  readonly code?: string;
  readonly slots?: (Settlement | undefined)[];
}
/** The context of a sync function body: no generator object, no slots. */
export const NO_CTX: Ctx = {};

/** A statement's completion; throw completions travel as {@link ModelThrow} exceptions. */
export type Completion = 'normal' | 'return';
/** What a suspended activation is resumed with. */
export type Resumption =
  | { readonly mode: 'next' }
  | { readonly mode: 'throw'; readonly tag: string }
  | { readonly mode: 'return' }
  /** CPython: the generator a `yield from` delegates to finished after a `throw()`; the delegating frame goes on after its `yield from`. */
  | { readonly mode: 'delegate-done' };
/** A modelled body: yields at each suspension, returns its completion, is resumed with a {@link Resumption}. */
export type Body = Generator<undefined, Completion, Resumption>;

/** Resumption by `next()`. */
export const NEXT: Resumption = { mode: 'next' };
/** Resumption by `return()` (the return-completion resume). */
export const RETURN: Resumption = { mode: 'return' };
/** Resumption of a CPython frame whose `yield from` target finished during a `throw()` (see {@link Resumption}). */
export const DELEGATE_DONE: Resumption = { mode: 'delegate-done' };

/** Generator state: created, not started (ECMAScript suspendedStart). */
export const Start = 0;
/** Generator state: stopped at a `yield` (ECMAScript suspendedYield). */
export const Suspended = 1;
/** Generator state: running its body (ECMAScript executing). */
export const Running = 2;
/** Generator state: finished (ECMAScript completed). */
export const Done = 3;
