/**
 * One broken invariant: data, not an exception (STYLE "Errors", Go's testtrace `errAccumulator`).
 *
 * `eventIndex` is the 0-based position of the offending event, or -1 for a violation found at the end of
 * the trace; `seq` and `activation` are those of that event (-1 / the open activation at the end).
 */
export interface Violation {
  /** `<validator>/<rule>`, e.g. `stack-balance/exit-not-top`. */
  readonly rule: string;
  readonly eventIndex: number;
  readonly seq: number;
  readonly activation: number;
  /** What the invariant required, e.g. `exit of #2 (top of stack)`. */
  readonly expected: string;
  /** What the trace held, e.g. `return g #3`. */
  readonly found: string;
  /** Lowercase one-liner: `want <expected>, got <found>`. */
  readonly message: string;
}

/**
 * The event shape every validator reads: a {@link TraceEvent} (numeric code) or a canonical event given
 * a seq (code name).
 */
export interface CheckedEvent {
  readonly kind: number;
  readonly activation: number;
  readonly code: number | string;
  readonly flags: number;
  readonly seq: number;
  /** On `wake` events: the waker (0 unknown). */
  readonly waker?: number;
  /** Payload JSON text, when the event carries one. */
  readonly payload?: string;
}

/**
 * A streaming validator: feed every event in order with `push`, then call `end` once.
 * It never stops at the first violation.
 */
export interface Validator {
  /** Short name, the prefix of its rules. */
  readonly name: string;
  /** Consumes the next event; `index` is its 0-based position. */
  push(event: CheckedEvent, index: number): void;
  /** Finishes the stream; returns every violation found, in order. */
  end(): Violation[];
}

/** Builds a {@link Violation} with the standard message. @internal */
export function violation(rule: string, eventIndex: number, seq: number, activation: number, expected: string, found: string): Violation {
  return { rule, eventIndex, seq, activation, expected, found, message: `want ${expected}, got ${found}` };
}
