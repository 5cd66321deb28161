import { EventKind } from '../model/kinds.ts';
import type { Trace } from '../model/trace.ts';
import { provenValid } from './fast-validate.ts';
import { LifecycleValidator } from './lifecycle.ts';
import { NotFinishedValidator } from './not-finished.ts';
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
  /** The trace is complete: frames still running at its end are violations. @defaultValue `trace.complete` */
  readonly complete?: boolean;
  /**
   * `open` omits older suspended activations: their first event may be a `resume`/`throw`/`wake`.
   * @defaultValue `trace.openPartial`
   */
  readonly openPartial?: boolean;
  /**
   * Every activation the trace starts is finished by its end: a generator or coroutine left suspended,
   * or a frame still running in an incomplete trace, is a `lifecycle/not-finished` violation (see
   * {@link NotFinishedValidator}). Activations open where the trace starts (`open`, and with
   * `openPartial` those first seen without a `call`) are exempt; `abandoned` finishes an activation.
   * @defaultValue false
   */
  readonly strict?: boolean;
}

/**
 * Runs every trace invariant that needs no model: stack balance, lifecycle and seq (DESIGN §4 invariants
 * 1, 2, 6). A segment is checked from the state its checkpoint declares; an incomplete trace (a recording
 * cut short) may end with frames running.
 * @param trace - the trace
 * @param options - see {@link ValidateTraceOptions}
 * @returns every violation; a generator left suspended is not one unless `strict`
 */
export function validateTrace(trace: Trace, options: ValidateTraceOptions = {}): Violation[] {
  const open = options.open ?? trace.open;
  const openPartial = options.openPartial ?? trace.openPartial;
  const complete = options.complete ?? trace.complete;
  // 0. The columnar fast path proves most traces valid without an object per event; anything else
  //    (a violation, a checkpoint's open activations, records it does not judge) takes the validators.
  if (provenValid(trace, options)) return [];
  const stack = new StackBalanceValidator();
  const lifecycle = new LifecycleValidator();
  const seq = new SeqValidator();
  // Running frames at the end of a complete trace are stack balance's open-at-end already: reported once.
  const unfinished = options.strict === true ? new NotFinishedValidator({ open, openPartial, running: !complete }) : undefined;
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
    unfinished?.push(events[i]!, i);
  }
  const all = [...stack.end(), ...lifecycle.end(), ...seq.end(), ...(unfinished?.end() ?? [])];
  return all.filter(
    (v) =>
      !(!complete && v.rule === 'stack-balance/open-at-end') &&
      !(openPartial && v.rule === 'lifecycle/first-not-call' && v.eventIndex >= 0 && events[v.eventIndex]!.kind !== EventKind.Call),
  );
}
