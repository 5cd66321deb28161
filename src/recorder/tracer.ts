import type { CodeId } from '../model/ids.ts';
import type { Trace } from '../model/trace.ts';
import { AsyncFrame, type AsyncProbes } from './async-frame.ts';
import { Probe } from './probe.ts';
import { type PendingThreshold, TaskRegistry } from './task-registry.ts';
import type { PayloadOptions } from './payload.ts';
import { type Frame, Recorder, type RecorderOptions } from './recorder.ts';
import { wrapGenerator, wrapSync } from './wrap-function.ts';

/**
 * What the harness needs of a tracer: wrap functions, then hand back the trace. Implement it to run the
 * property suite against your own tracer (`trace-harness check --tracer <module>`).
 */
export interface TracerUnderTest {
  /**
   * Wraps a sync function or generator function so its frame events are recorded.
   * @param fn - the function
   * @param name - the code name to record
   */
  trace<F extends (...args: never[]) => unknown>(fn: F, name?: string): F;
  /** Everything recorded so far. */
  snapshot(): Trace;
  /**
   * Starts an activation of an async function and returns its probes (see {@link AsyncFrame}); needed
   * only to run programs with async functions.
   */
  enterAsync?(name: string): AsyncProbes;
  /** Wraps an async function so its promises are known (wakes name their waker); optional. */
  traceAsync?<F extends (...args: never[]) => unknown>(fn: F): F;
  /** Records a user event attributed to the running activation; needed only for programs with events. */
  event?(type: string, payload?: unknown): void;
  /** Which activation runs now; when present, async runs check it at every entry, resume and end. */
  currentFrame?(): { readonly activation: number; readonly name: string } | undefined;
}

/** User event types: identifiers with `.`, `:` and `-` (`phase_enter`, `lease.renew`). */
const EVENT_TYPE = /^[A-Za-z_][\w.:-]{0,127}$/;

const GeneratorFunction = Object.getPrototypeOf(function* () {}).constructor as unknown;
const AsyncFunction = Object.getPrototypeOf(async function () {}).constructor as unknown;
const AsyncGeneratorFunction = Object.getPrototypeOf(async function* () {}).constructor as unknown;

/**
 * The tracer core: a {@link Recorder} plus wrappers for sync functions and generator functions, the
 * {@link Probe} API, and {@link Tracer.currentFrame}.
 *
 * @example
 * ```ts
 * const tracer = new Tracer();
 * const gen = tracer.trace(function* gen() { yield 1; });
 * for (const _ of gen()) {}
 * printCanonical(tracer.snapshot()); // call gen #1, yield gen #1, resume gen #1, return gen #1
 * ```
 */
export class Tracer implements TracerUnderTest {
  /** The event buffer. */
  readonly recorder: Recorder;
  /** Probes for code that wrappers cannot see. */
  readonly probe: Probe;
  /** Which promise belongs to which async activation. */
  readonly tasks: TaskRegistry = new TaskRegistry();

  /**
   * @param options - buffer capacity, optional clock, payloads (redaction, limits, values; see
   *   {@link RecorderOptions.payloads}), and task dumps: `pendingAfter` records, when an async
   *   activation resumes after staying suspended past the threshold, its await chain (`pending` events,
   *   at most 64: the links nearest to it)
   * @throws RangeError for a threshold that is not positive, or one in ns without a clock
   */
  constructor(options: RecorderOptions & { readonly pendingAfter?: PendingThreshold } = {}) {
    this.recorder = new Recorder(options);
    this.probe = new Probe(this.recorder);
    const t = options.pendingAfter;
    if (t !== undefined) {
      for (const [k, v] of Object.entries(t)) if (!(typeof v === 'number' && v > 0)) throw new RangeError(`Tracer: pendingAfter.${k} must be > 0, got ${String(v)}`);
      if (t.ns !== undefined && options.clock === undefined) throw new RangeError('Tracer: pendingAfter.ns needs a clock');
      this.tasks.pendingAfter = t;
      this.tasks.clock = options.clock;
    }
  }

  /**
   * Wraps `fn` so every invocation records its frame events (DESIGN §3).
   * @param fn - a sync function or a generator function
   * @param name - the code name; defaults to `fn.name`, or `<anonymous>`
   * @returns a function of the same signature
   * @throws TypeError when `fn` is not a function, or is an async function or async generator function
   *   (wrappers cannot see `await`: use the probe API)
   */
  trace<F extends (...args: never[]) => unknown>(fn: F, name?: string): F {
    if (typeof fn !== 'function') throw new TypeError(`trace: fn must be a function, got ${typeof fn}`);
    const ctor = Object.getPrototypeOf(fn)?.constructor as unknown;
    if (ctor === AsyncFunction || ctor === AsyncGeneratorFunction) {
      throw new TypeError(`trace: ${fn.name || 'fn'} is async; wrappers cannot see its awaits, record it with tracer.probe`);
    }
    const code = this.recorder.intern(name ?? (fn.name || '<anonymous>'));
    return ctor === GeneratorFunction ? wrapGenerator(fn, this.recorder, code) : wrapSync(fn, this.recorder, code);
  }

  /**
   * Starts an activation of an async function: records its `call` and returns the probes its body uses
   * at each `await` and at its end (see {@link AsyncFrame} for the pattern).
   * @param name - the code name, or its code id from `tracer.probe.code(name)` (skips the lookup: the
   *   hot-path form a source transform emits)
   */
  enterAsync(name: string | CodeId): AsyncFrame {
    const code = typeof name === 'number' ? name : this.recorder.intern(name);
    const frame = new AsyncFrame(this.recorder, this.recorder.call(code), code, this.tasks);
    this.tasks.entered(frame);
    return frame;
  }

  /**
   * Wraps an async function whose body uses {@link Tracer.enterAsync}, so the promise each call returns is
   * known as that activation's: whoever awaits it is recorded as woken by it (`wake`). Records nothing
   * itself.
   * @param fn - an async function instrumented with probes
   */
  traceAsync<F extends (...args: never[]) => unknown>(fn: F): F {
    return this.tasks.wrap(fn);
  }

  /**
   * Records a user event (kind `event`; seed 004's `runner_spawn`, `phase_enter`, `checkpoint_commit`),
   * attributed to the activation running now (0 outside any). The payload is redacted and bounded by the
   * tracer's `payloads` options before it is stored (see {@link PayloadOptions}).
   * @param type - the event type: a letter or `_`, then up to 127 letters, digits, `_`, `.`, `:` or `-`
   * @param payload - any value; `undefined` (or a payload the redaction drops) stores none
   * @throws TypeError for a malformed type; whatever the redaction hook throws (nothing is recorded then)
   */
  event(type: string, payload?: unknown): void {
    if (typeof type !== 'string' || !EVENT_TYPE.test(type)) throw new TypeError(`Tracer.event: type must match ${String(EVENT_TYPE)}, got ${JSON.stringify(String(type)).slice(0, 80)}`);
    const text = payload === undefined ? undefined : this.recorder.payloads.text(payload);
    this.recorder.emitEvent(this.recorder.intern(type), text);
  }

  /** Which activation runs now, or `undefined` outside any traced frame. */
  currentFrame(): Frame | undefined {
    return this.recorder.currentFrame();
  }

  /** A snapshot of everything recorded so far. */
  snapshot(): Trace {
    return this.recorder.snapshot();
  }
}
