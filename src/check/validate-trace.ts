import { EventKind } from '../model/kinds.ts';
import type { Trace } from '../model/trace.ts';
import { provablyValid } from './fast-validate.ts';
import { LifecycleValidator } from './lifecycle.ts';
import { checkedEvents } from './run.ts';
import { SeqValidator } from './seq.ts';
import { StackBalanceValidator } from './stack-balance.ts';
import type { CheckedEvent, Violation } from './violation.ts';

/** An activation already open where a trace (segment) starts, as a wire checkpoint declares it. */
export interface OpenAtStart {
  readonly activation: number;
  readonly code: number;
  readonly state: 'running' | 'suspended';
}

/** Options of {@link validateTrace}. */
export interface ValidateTraceOptions {
  /** Activations open before the first event (a segment's checkpoint). @defaultValue `trace.open` */
  readonly open?: readonly OpenAtStart[];
  /** The trace is complete: frames still running at its end are violations. @defaultValue true */
  readonly complete?: boolean;
  /** `open` omits older suspended activations: their first event may be a `resume`/`throw`/`wake`. */
  readonly openPartial?: boolean;
}

/**
 * Runs every trace invariant that needs no model: stack balance, lifecycle and seq (DESIGN §4 invariants
 * 1, 2, 6). A segment is checked from the state its checkpoint declares; an incomplete trace (a recording
 * cut short) may end with frames running.
 * @returns every violation; a generator left suspended is not one
 */
export function validateTrace(trace: Trace, options: ValidateTraceOptions = {}): Violation[] {
  const open = options.open ?? trace.open;
  // 0. The columnar fast path proves most traces valid without an object per event; anything else
  //    (a violation, a checkpoint's open activations, records it does not judge) takes the validators.
  if (open.length === 0 && provablyValid(trace, options.complete !== false)) return [];
  const stack = new StackBalanceValidator();
  const lifecycle = new LifecycleValidator();
  const seq = new SeqValidator();
  // 1. Replay the checkpoint as synthetic events (suspended first, then the running stack bottom up).
  const prime = (e: CheckedEvent): void => {
    stack.push(e, -1);
    lifecycle.push(e, -1);
  };
  for (const o of open) if (o.state === 'suspended') for (const kind of [EventKind.Call, EventKind.Yield]) prime({ kind, activation: o.activation, code: trace.codeName(o.code), flags: 0, seq: -1 });
  for (const o of open) if (o.state === 'running') prime({ kind: EventKind.Call, activation: o.activation, code: trace.codeName(o.code), flags: 0, seq: -1 });
  // 2. The events.
  const events = checkedEvents(trace);
  for (let i = 0; i < events.length; i++) {
    stack.push(events[i]!, i);
    lifecycle.push(events[i]!, i);
    seq.push(events[i]!, i);
  }
  const all = [...stack.end(), ...lifecycle.end(), ...seq.end()];
  return all.filter(
    (v) =>
      !(options.complete === false && v.rule === 'stack-balance/open-at-end') &&
      !(options.openPartial === true && v.rule === 'lifecycle/first-not-call' && v.eventIndex >= 0 && events[v.eventIndex]!.kind !== EventKind.Call),
  );
}
