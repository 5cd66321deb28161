import { EventFlag, EventKind } from '../../src/model/kinds.ts';
import { type FnDecl, TYPE_ERROR_TAG } from '../program/ast.ts';
import type { Machine } from './model.ts';
import { stepFrame } from './frame-step.ts';
import { type Body, Done, ModelThrow, NEXT, type Resumption, RETURN, Running, Start, Suspended } from './model-parts.ts';

/** One modelled generator object. */
export class ModelGenerator {
  state = Start;
  activation = 0;
  body: Body | undefined;

  /**
   * @param m - the machine
   * @param fn - the generator function
   * @param async - an async generator: its body may await (probed like an async function's), and an
   *   exception leaving it rejects the pending `next()` (the consumer sees a rejected await)
   */
  constructor(
    private readonly m: Machine,
    private readonly fn: FnDecl,
    private readonly async = false,
  ) {}

  next(): { done: boolean } {
    if (!this.async) this.m.hit(this.state === Start ? 'gen/first-next' : this.state === Suspended ? 'gen/next' : this.state === Running ? 'gen/reenter' : 'gen/finished');
    if (this.state === Start) {
      this.activation = this.m.newActivation();
      this.m.firstResume(this, this.activation);
      this.body = this.m.run(this.fn.body, this.async ? { activation: this.activation, code: this.fn.name, slots: [], awaited: false } : { gen: this });
      return this.step(EventKind.Call, EventFlag.None, NEXT);
    }
    if (this.state === Suspended) return this.step(EventKind.Resume, EventFlag.None, NEXT);
    if (this.state === Running) throw new ModelThrow(TYPE_ERROR_TAG);
    return { done: true };
  }

  throw(tag: string): { done: boolean } {
    if (!this.async) this.m.hit(this.state === Start ? 'gen/not-started' : this.state === Suspended ? 'gen/throw' : this.state === Running ? 'gen/reenter' : 'gen/finished');
    if (this.state === Suspended) return this.step(EventKind.Throw, EventFlag.None, { mode: 'throw', tag });
    if (this.state === Running) throw new ModelThrow(TYPE_ERROR_TAG);
    if (this.state === Start) this.m.closedUnstarted(this);
    this.state = Done; // never started or finished: closes without running, the error reaches the caller
    throw new ModelThrow(tag);
  }

  return(): { done: boolean } {
    if (!this.async) this.m.hit(this.state === Start ? 'gen/not-started' : this.state === Suspended ? 'gen/return' : this.state === Running ? 'gen/reenter' : 'gen/finished');
    if (this.state === Suspended) {
      let r: { done: boolean };
      try {
        r = this.step(EventKind.Resume, EventFlag.ReturnCompletion, RETURN);
      } catch (error) {
        if (!this.async) this.m.hit('gen/return-then-unwind');
        throw error;
      }
      if (!r.done && !this.async) this.m.hit('gen/return-then-yield');
      return r;
    }
    if (this.state === Running) throw new ModelThrow(TYPE_ERROR_TAG);
    if (this.state === Start) this.m.closedUnstarted(this);
    this.state = Done;
    return { done: true };
  }

  private step(entry: EventKind, flags: number, resumption: Resumption): { done: boolean } {
    const r = stepFrame(this.m, this, this.fn.name, entry, flags, resumption);
    if (!r.done) this.m.hit(this.async ? 'asyncgen/yield' : 'gen/yield');
    return r;
  }
}
