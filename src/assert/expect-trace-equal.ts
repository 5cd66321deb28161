import { EventKind } from '../model/kinds.ts';
import { ModelEqualityValidator } from '../check/model-equality.ts';
import { checkedEvents, runValidators } from '../check/run.ts';
import type { Violation } from '../check/violation.ts';
import { formatCanonical, parseCanonical } from '../formats/text.ts';
import type { CanonicalEvent } from '../model/event.ts';
import { Trace } from '../model/trace.ts';
import { TraceAssertionError } from './assertion-error.ts';
import { formatViolations } from './report.ts';

/** What {@link expectTraceEqual} accepts as either side. */
export type TraceLike = Trace | readonly CanonicalEvent[] | string;

/**
 * Canonical events of a trace-like value: a {@link Trace} is canonicalised, canonical text is parsed;
 * activations are renumbered first-seen either way.
 * @throws {@link TraceFormatError} for text that does not parse
 * @throws TypeError for anything else
 */
export function toCanonical(value: TraceLike): CanonicalEvent[] {
  if (value instanceof Trace) return value.canonical();
  if (typeof value === 'string') return renumbered(parseCanonical(value).events);
  if (Array.isArray(value)) return renumbered(value as readonly CanonicalEvent[]);
  throw new TypeError(`expectTraceEqual: want a Trace, canonical events or canonical text, got ${typeof value}`);
}

/**
 * Compares two traces in canonical form (activations renumbered first-seen, codes by name).
 * @returns every violation (`model/mismatch`, `model/missing`, `model/extra`); empty when equal
 */
export function compareTraces(actual: TraceLike, expected: TraceLike): Violation[] {
  return runValidators(toCanonical(actual), [new ModelEqualityValidator(toCanonical(expected))]);
}

/**
 * Asserts that two traces are equal in canonical form (DESIGN §4 invariant 3).
 *
 * @example
 * ```ts
 * expectTraceEqual(tracer.snapshot(), 'call main #1\nreturn main #1\n');
 * // on a difference it throws, with actual/expected canonical text for the runner's diff:
 * //   expectTraceEqual: 1 violation in 2 events
 * //   model/mismatch at event 1 (seq 1, activation #1): want return main #1, got unwind main #1
 * ```
 * @param actual - the recorded trace
 * @param expected - the trace it must equal
 * @throws {@link TraceAssertionError} listing the differences, with `actual`/`expected` as canonical text
 */
export function expectTraceEqual(actual: TraceLike, expected: TraceLike): void {
  const a = toCanonical(actual);
  const e = toCanonical(expected);
  const violations = runValidators(a, [new ModelEqualityValidator(e)]);
  if (violations.length === 0) return;
  const n = violations.length;
  throw new TraceAssertionError(
    `expectTraceEqual: ${n} violation${n === 1 ? '' : 's'} in ${a.length} events\n${formatViolations(violations, checkedEvents(a))}`,
    formatCanonical(a),
    formatCanonical(e),
  );
}

function renumbered(events: readonly CanonicalEvent[]): CanonicalEvent[] {
  const ids = new Map<number, number>();
  const idOf = (raw: number): number => {
    let id = ids.get(raw);
    if (id === undefined) ids.set(raw, (id = ids.size + 1));
    return id;
  };
  return events.map((e) => {
    const id = e.kind === EventKind.Event && e.activation === 0 ? 0 : idOf(e.activation); // #0: a user event outside every activation
    const waker = e.waker === undefined || e.waker === 0 ? e.waker : idOf(e.waker);
    return id === e.activation && waker === e.waker ? e : { ...e, activation: id, ...(waker !== undefined ? { waker } : {}) };
  });
}
