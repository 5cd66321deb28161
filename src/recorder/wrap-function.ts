import type { CodeId } from '../model/ids.ts';
import { EventFlag, EventKind } from '../model/kinds.ts';
import type { Recorder } from './recorder.ts';
import { TracedGenerator } from './traced-generator.ts';

type AnyFunction = (...args: never[]) => unknown;

/**
 * Wraps a sync function: `call` before the body, `return` after it, `unwind` when it throws.
 * Keeps `this`, arguments, name, length, the prototype, and `new` (classes too). @internal
 */
export function wrapSync<F extends AnyFunction>(fn: F, recorder: Recorder, code: CodeId): F {
  const wrapped = function (this: unknown): unknown {
    const activation = recorder.call(code);
    let result: unknown;
    try {
      // `apply(this, arguments)` lets V8 pass the arguments through without materialising an array;
      // `new wrapped()` constructs the original (classes included) with the same new.target.
      result = new.target === undefined ? fn.apply(this, arguments as unknown as never[]) : Reflect.construct(fn, arguments, new.target);
    } catch (error) {
      recorder.exit(EventKind.Unwind, activation, code, EventFlag.None);
      if (recorder.values !== undefined) recorder.attachValue(error);
      throw error;
    }
    recorder.exit(EventKind.Return, activation, code, EventFlag.None);
    if (recorder.values !== undefined) recorder.attachValue(result);
    return result;
  };
  wrapped.prototype = fn.prototype; // instanceof and inherited methods work through the wrapper
  return copyIdentity(wrapped, fn) as unknown as F;
}

/**
 * Wraps a generator function: calling it creates the real generator (recording nothing) and returns a
 * {@link TracedGenerator} around it. @internal
 */
export function wrapGenerator<F extends AnyFunction>(fn: F, recorder: Recorder, code: CodeId): F {
  const wrapped = function (this: unknown): unknown {
    const inner = fn.apply(this, arguments as unknown as never[]) as Generator;
    return new TracedGenerator(inner, recorder, code);
  };
  return copyIdentity(wrapped, fn) as unknown as F;
}

function copyIdentity(wrapped: AnyFunction, fn: AnyFunction): AnyFunction {
  Object.defineProperty(wrapped, 'name', { value: fn.name, configurable: true });
  Object.defineProperty(wrapped, 'length', { value: fn.length, configurable: true });
  return wrapped;
}
