import type { CanonicalEvent } from '../model/event.ts';
import type { Trace } from '../model/trace.ts';
import type { CheckedEvent, Validator, Violation } from './violation.ts';

/**
 * Feeds every event of a trace to each validator and collects all violations.
 * @param trace - a {@link Trace}, or canonical events (given seq = index)
 * @param validators - fresh validators; each is ended
 * @returns violations of all validators, in validator order
 */
export function runValidators(trace: Trace | readonly CanonicalEvent[], validators: readonly Validator[]): Violation[] {
  const events = checkedEvents(trace);
  for (let i = 0; i < events.length; i++) for (const v of validators) v.push(events[i]!, i);
  return validators.flatMap((v) => v.end());
}

/**
 * A trace as the events validators read: code names resolved; raw activation ids and seq for a
 * {@link Trace}, seq = index for canonical events. @internal
 */
export function checkedEvents(trace: Trace | readonly CanonicalEvent[]): CheckedEvent[] {
  if (Array.isArray(trace)) return (trace as readonly CanonicalEvent[]).map((e, i) => ({ ...e, seq: i }));
  const t = trace as Trace;
  return t.events().map((e) => ({ ...e, code: t.codeName(e.code) }));
}
