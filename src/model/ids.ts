/**
 * An activation id: one per invocation of a function (one per generator object, from its first `next()`).
 * Positive integers; {@link NO_ACTIVATION} (0) means "none".
 */
export type ActivationId = number;

/** An interned code id: the index of a function name in a trace's code table, from 0. */
export type CodeId = number;

/** A sequence number: strictly increasing and gap-free within one stream, from 0 (DESIGN §3 "Stream"). */
export type Seq = number;

/** The sentinel for "no activation", e.g. the current frame when nothing runs. */
export const NO_ACTIVATION: ActivationId = 0;
