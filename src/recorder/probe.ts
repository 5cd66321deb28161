import type { ActivationId, CodeId } from '../model/ids.ts';
import { EventFlag, EventKind } from '../model/kinds.ts';
import type { Recorder } from './recorder.ts';

/**
 * The probe API: the calls a source transform inserts into code that wrappers cannot see (the `await`s
 * inside an async function, a hand-rolled iterator, a tracer adapter). Each method records exactly one
 * event of DESIGN §3 and nothing else; the caller keeps the activation id and code id.
 *
 * @example
 * ```ts
 * const code = tracer.probe.code('step');
 * const a = tracer.probe.call(code);   // call step #a
 * tracer.probe.yield(a, code);         // yield step #a
 * tracer.probe.resume(a, code);        // resume step #a
 * tracer.probe.return(a, code);        // return step #a
 * ```
 */
export class Probe {
  /** @param recorder - where events go */
  constructor(private readonly recorder: Recorder) {}

  /** Interns a function name; returns its code id. */
  code(name: string): CodeId {
    return this.recorder.intern(name);
  }

  /** Starts a new activation of `code` and records its `call`; returns the activation id. */
  call(code: CodeId): ActivationId {
    return this.recorder.call(code);
  }

  /** Records `yield` (the activation suspends). */
  yield(activation: ActivationId, code: CodeId): void {
    this.recorder.exit(EventKind.Yield, activation, code, EventFlag.None);
  }

  /**
   * Records `resume`.
   * @param returnCompletion - true when resumed only to return (`g.return(v)`)
   * @defaultValue returnCompletion false
   */
  resume(activation: ActivationId, code: CodeId, returnCompletion = false): void {
    this.recorder.enter(EventKind.Resume, activation, code, returnCompletion ? EventFlag.ReturnCompletion : EventFlag.None);
  }

  /** Records `throw` (resumed with an exception, as CPython PY_THROW). */
  throw(activation: ActivationId, code: CodeId): void {
    this.recorder.enter(EventKind.Throw, activation, code, EventFlag.None);
  }

  /** Records `return` (the activation finished normally). */
  return(activation: ActivationId, code: CodeId): void {
    this.recorder.exit(EventKind.Return, activation, code, EventFlag.None);
  }

  /** Records `unwind` (an exception left the activation). */
  unwind(activation: ActivationId, code: CodeId): void {
    this.recorder.exit(EventKind.Unwind, activation, code, EventFlag.None);
  }
}
