import type { ActivationId, CodeId, Seq } from './ids.ts';
import type { EventKind } from './kinds.ts';

/**
 * One frame event, the object view of a row of a {@link Trace}.
 *
 * Shape: `{ seq, kind, activation, code, flags, tsNs? }`; `tsNs` is present only when the recorder had a
 * clock (nanoseconds, relative to the clock's origin).
 */
export interface TraceEvent {
  /** Sequence number, strictly increasing and gap-free. */
  readonly seq: Seq;
  /** Event kind code. */
  readonly kind: EventKind;
  /** The invocation this event belongs to. */
  readonly activation: ActivationId;
  /** Interned function name; resolve with {@link Trace.codeName}. */
  readonly code: CodeId;
  /** Bit set of {@link EventFlag}. */
  readonly flags: number;
  /** Timestamp in ns, when a clock was injected. */
  readonly tsNs?: number;
  /**
   * On `wake` events: the activation whose completion woke this one, 0 when unknown. On `pending`
   * events: the awaited activation of that link of the chain.
   */
  readonly waker?: ActivationId;
  /**
   * JSON text attached to the event: a user event's payload, or the value summary of a `yield`,
   * `return`, `throw` or `unwind` when values are recorded; absent otherwise.
   */
  readonly payload?: string;
}

/**
 * An event in canonical form: code resolved to its name, activation renumbered first-seen from 1.
 * What goldens store, what the model predicts and what equality compares.
 */
export interface CanonicalEvent {
  readonly kind: EventKind;
  /** Activation renumbered in order of first appearance, from 1. */
  readonly activation: number;
  /** The function name. */
  readonly code: string;
  /** Bit set of {@link EventFlag}. */
  readonly flags: number;
  /** On `wake` and `pending` events: the other activation, renumbered like activations; 0 when unknown. */
  readonly waker?: number;
  /** JSON text attached to the event (see {@link TraceEvent.payload}). */
  readonly payload?: string;
}
