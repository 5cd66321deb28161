import { EventFlag, EventKind } from '../../src/model/kinds.ts';
import { type Body, Done, ModelThrow, type Resumption, Running, Suspended } from './model-parts.ts';
import type { Machine } from './model.ts';

/** A modelled generator frame: its state (`Start` … `Done`), activation and suspended body. @internal */
export interface Frame {
  state: number;
  readonly activation: number;
  readonly body: Body | undefined;
}

/**
 * One resumption of a generator frame, the same in every profile: the entry event (`call`, `resume` or
 * `throw`), the body run to its next suspension, then `yield`, or `return`, or `unwind` when an exception
 * leaves it (rethrown to the caller). @internal
 * @returns whether the frame finished
 */
export function stepFrame(m: Machine, frame: Frame, code: string, entry: EventKind, flags: number, resumption: Resumption): { done: boolean } {
  m.emit(entry, frame.activation, code, flags);
  frame.state = Running;
  let r: IteratorResult<undefined, unknown>;
  try {
    r = frame.body!.next(resumption);
  } catch (error) {
    frame.state = Done;
    if (error instanceof ModelThrow) m.emit(EventKind.Unwind, frame.activation, code, EventFlag.None);
    throw error;
  }
  frame.state = r.done === true ? Done : Suspended;
  m.emit(r.done === true ? EventKind.Return : EventKind.Yield, frame.activation, code, EventFlag.None);
  return { done: r.done === true };
}
