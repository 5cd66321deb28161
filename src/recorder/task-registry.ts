import type { AsyncFrame } from './async-frame.ts';

/** When a task dump is recorded: after how many events, or ns (with a clock), suspended. */
export interface PendingThreshold {
  /** Events recorded (by any activation) while it was suspended, > 0. */
  readonly events?: number;
  /** Nanoseconds suspended, by the tracer's clock (needs one), > 0. */
  readonly ns?: number;
}

/**
 * Which promise belongs to which async activation, so that an activation awaiting another's promise is
 * woken by that one's completion (DESIGN §3 "Tasks", dial9's WakeEvent). The frame hangs off the promise, so
 * nothing here keeps a promise alive.
 *
 * {@link TaskRegistry.wrap} wraps an async function whose body starts with `enterAsync`: the frame that
 * body creates first is the activation behind the promise the call returns.
 */
export class TaskRegistry {
  /** Task dumps: off unless set (DESIGN §3 "the task dump"). @internal */
  pendingAfter: PendingThreshold | undefined;
  /** The clock for `pendingAfter.ns`. @internal */
  clock: (() => number) | undefined;

  /**
   * The frame is kept on the promise itself, under a private symbol: a WeakMap of promises measured ten
   * times slower per call here (ephemeron bookkeeping), and the promise is garbage when its frame is.
   */
  private readonly key = Symbol('trace-harness.frame');
  /** One slot per wrapped call in progress; filled by the first frame entered inside it. */
  private readonly calling: (AsyncFrame | undefined)[] = [];

  /** The activation whose completion settles `promise`, if it is one of ours. */
  frameOf(promise: object): AsyncFrame | undefined {
    return (promise as Record<symbol, AsyncFrame | undefined>)[this.key];
  }

  /** Called by `enterAsync`: claims the innermost wrapped call still waiting for its frame. @internal */
  entered(frame: AsyncFrame): void {
    const top = this.calling.length - 1;
    if (top >= 0 && this.calling[top] === undefined) this.calling[top] = frame;
  }

  /**
   * Wraps an async function (its body instrumented with `enterAsync` probes) so its promises are known.
   * @param fn - the async function
   * @returns a function of the same signature
   */
  wrap<F extends (...args: never[]) => unknown>(fn: F): F {
    const registry = this;
    const wrapped = function (this: unknown): unknown {
      registry.calling.push(undefined);
      let result: unknown;
      let frame: AsyncFrame | undefined;
      try {
        result = fn.apply(this, arguments as unknown as never[]);
      } finally {
        frame = registry.calling.pop();
      }
      if (frame !== undefined && typeof result === 'object' && result !== null) {
        (result as Record<symbol, AsyncFrame>)[registry.key] = frame;
      }
      return result;
    };
    Object.defineProperty(wrapped, 'name', { value: fn.name, configurable: true });
    return wrapped as unknown as F;
  }
}
