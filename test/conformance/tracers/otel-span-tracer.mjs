// @ts-check
/**
 * The OpenTelemetry JS span tracer shared by `otel-als.mjs` and `otel-async-hooks.mjs` (issue 12,
 * observe mode); they differ only in the context manager. Copy this file with the one you use.
 *
 * What it does, the way OTel users wrap their own code:
 * - spans come from a `BasicTracerProvider` (@opentelemetry/sdk-trace-base 2.x) whose only span processor
 *   records what reaches it: `onStart` appends `{ id: spanContext().spanId, parentId, name, ended: 0 }`,
 *   the parent being `parentSpanContext?.spanId` (the 2.x field; 1.x spelled it `parentSpanId`), and
 *   `onEnd` adds 1 to `ended`. The SDK refuses a second `end()` itself ("You can only call end() on a span
 *   once") before the processor sees it, so `ended` counts the `end()` calls that reached the processor;
 * - sync functions: `tracer.startActiveSpan(name, span => { try { return fn() } finally { span.end() } })` (a plain
 *   function that returns a promise: the span ends when the promise settles);
 * - async functions: `tracer.startActiveSpan(name, async span => { try { return await fn() } finally { span.end() } })`,
 *   the form the OTel docs give;
 * - generators and async generators (OTel has no helper for them): capture `context.active()` at the call,
 *   start the span there with that parent, and run every `next`/`return`/`throw` inside
 *   `context.with(contextWithTheSpan, ...)`; end the span when a step says `done` or throws. The wrapper
 *   returns its own iterator object (iterable, with `next`, `return`, `throw`), not the generator object.
 *
 * Policies: `creation` for both generator kinds, because the span's parent is the context captured where
 * the generator object is created (`g()`), as `context.bind` would do.
 *
 * The global context manager: `startActiveSpan` and `context.active()` read OTel's global context manager,
 * and `context.setGlobalContextManager` refuses a second one while one is set. So each adapter module makes
 * ONE context manager, lazily at its first `createTracer()`, registers it, and every tracer reuses it; a
 * tracer is a fresh provider and span list. If another module replaced the global manager meanwhile (the
 * other OTel adapter in the same process), `createTracer()` puts this one back with `context.disable()` (which
 * disables the other one) then `setGlobalContextManager(manager.enable())`. No global tracer provider is set.
 * @module
 */
import { ROOT_CONTEXT, context, createContextKey, trace } from '@opentelemetry/api';
import { AlwaysOnSampler, BasicTracerProvider } from '@opentelemetry/sdk-trace-base';

/**
 * One span as this tracer records it (the harness's `SpanRecord`, harness/observe/span-tracer.ts).
 * @typedef {{ readonly id: string, readonly parentId: string | undefined, readonly name: string, ended: number }} SpanRecord
 */
/**
 * The harness's `SpanTracer` contract (harness/observe/span-tracer.ts).
 * @typedef {object} SpanTracer
 * @property {<F extends Function>(fn: F, name: string) => F} trace - wraps a function of any kind so each call gets a span
 * @property {() => readonly SpanRecord[]} spans - every span so far, in start order
 * @property {() => string | undefined} activeSpan - the span active now
 */
/** @typedef {{ readonly 'generator-context': 'creation' | 'resume', readonly 'async-generator-context': 'creation' | 'resume' }} ContextPolicies */
/** @typedef {import('@opentelemetry/api').ContextManager} ContextManager */
/** @typedef {import('@opentelemetry/api').Context} Context */
/** @typedef {import('@opentelemetry/api').Span} Span */
/** @typedef {import('@opentelemetry/api').Tracer} Tracer */
/** @typedef {import('@opentelemetry/sdk-trace-base').SpanProcessor} SpanProcessor */
/** @typedef {(this: unknown, ...args: unknown[]) => any} AnyFunction */

/** @type {ContextPolicies} */
export const OTEL_POLICIES = Object.freeze({ 'generator-context': 'creation', 'async-generator-context': 'creation' });

const PROBE = createContextKey('trace-harness conformance: which context manager is global');

/**
 * Makes a tracer module (`createTracer`, `policies`) on a context manager.
 * @param {() => ContextManager} makeContextManager - called once, at the first `createTracer()`
 * @returns {{ createTracer: () => SpanTracer, policies: ContextPolicies }}
 */
export function createOtelTracerModule(makeContextManager) {
  /** @type {ContextManager | undefined} */
  let manager;
  /** Makes `manager` OTel's global context manager, unless it already is. */
  function installGlobally() {
    manager ??= makeContextManager().enable();
    const mine = /** @type {ContextManager} */ (manager);
    // The global manager is ours when what the api's `with` sets is what ours reads.
    const mark = ROOT_CONTEXT.setValue(PROBE, true);
    if (context.with(mark, () => mine.active()) === mark) return;
    // disable() disables the manager registered now; a manager of ours disabled that way is enabled again here.
    context.disable();
    if (!context.setGlobalContextManager(mine.enable())) throw new Error('otel adapter: could not register the context manager globally');
  }
  return {
    createTracer() {
      installGlobally();
      return new OtelSpanTracer();
    },
    policies: OTEL_POLICIES,
  };
}

/**
 * A span processor that records every span start and end, in the harness's `SpanRecord` shape.
 * @implements {SpanProcessor}
 */
class RecordingProcessor {
  /** @type {SpanRecord[]} */
  records = [];
  /** @type {Map<string, SpanRecord>} */
  bySpanId = new Map();

  /** @param {import('@opentelemetry/sdk-trace-base').Span} span */
  onStart(span) {
    const id = span.spanContext().spanId;
    const record = { id, parentId: span.parentSpanContext?.spanId, name: span.name, ended: 0 };
    this.records.push(record);
    this.bySpanId.set(id, record);
  }

  /** @param {import('@opentelemetry/sdk-trace-base').ReadableSpan} span */
  onEnd(span) {
    const record = this.bySpanId.get(span.spanContext().spanId);
    if (record !== undefined) record.ended += 1;
  }

  forceFlush() {
    return Promise.resolve();
  }

  shutdown() {
    return Promise.resolve();
  }
}

const GeneratorFunction = Object.getPrototypeOf(function* () {});
const AsyncFunction = Object.getPrototypeOf(async function () {});
const AsyncGeneratorFunction = Object.getPrototypeOf(async function* () {});

/** @implements {SpanTracer} */
class OtelSpanTracer {
  processor = new RecordingProcessor();
  /** @type {Tracer} */
  tracer = new BasicTracerProvider({ spanProcessors: [this.processor], sampler: new AlwaysOnSampler() }).getTracer('trace-harness-conformance');

  spans() {
    return this.processor.records;
  }

  activeSpan() {
    return trace.getSpan(context.active())?.spanContext().spanId;
  }

  /**
   * @template {Function} F
   * @param {F} fn
   * @param {string} name
   * @returns {F}
   */
  trace(fn, name) {
    const f = /** @type {AnyFunction} */ (/** @type {unknown} */ (fn));
    const proto = Object.getPrototypeOf(fn);
    const wrapped =
      proto === GeneratorFunction
        ? this.traceGenerator(f, name, false)
        : proto === AsyncGeneratorFunction
          ? this.traceGenerator(f, name, true)
          : proto === AsyncFunction
            ? this.traceAsync(f, name)
            : this.traceSync(f, name);
    Object.defineProperty(wrapped, 'name', { value: fn.name });
    return /** @type {F} */ (/** @type {unknown} */ (wrapped));
  }

  /**
   * A plain function; one that returns a promise has its span ended when the promise settles.
   * @param {AnyFunction} fn
   * @param {string} name
   */
  traceSync(fn, name) {
    const tracer = this.tracer;
    /** @this {unknown} @param {unknown[]} args */
    return function (...args) {
      return tracer.startActiveSpan(name, (span) => {
        let result;
        try {
          result = fn.apply(this, args);
        } catch (error) {
          span.end();
          throw error;
        }
        if (result instanceof Promise) result.then(() => span.end(), () => span.end());
        else span.end();
        return result;
      });
    };
  }

  /**
   * @param {AnyFunction} fn
   * @param {string} name
   */
  traceAsync(fn, name) {
    const tracer = this.tracer;
    /** @this {unknown} @param {unknown[]} args */
    return function (...args) {
      return tracer.startActiveSpan(name, async (span) => {
        try {
          return await fn.apply(this, args);
        } finally {
          span.end();
        }
      });
    };
  }

  /**
   * A generator function (`isAsync`: an async one): the span starts at the call, with the context active
   * there as its parent, and every step runs with it active.
   * @param {AnyFunction} fn
   * @param {string} name
   * @param {boolean} isAsync
   */
  traceGenerator(fn, name, isAsync) {
    const tracer = this.tracer;
    /** @this {unknown} @param {unknown[]} args */
    return function (...args) {
      const parent = context.active();
      const span = tracer.startSpan(name, undefined, parent);
      const active = trace.setSpan(parent, span);
      const it = context.with(active, () => fn.apply(this, args));
      return isAsync ? asyncSteps(it, active, span) : syncSteps(it, active, span);
    };
  }
}

/**
 * The iterator a traced generator returns: each step of `it` runs in `active`; `span` ends when `it` finishes.
 * @param {Generator} it
 * @param {Context} active
 * @param {Span} span
 */
function syncSteps(it, active, span) {
  let running = false;
  let finished = false;
  /**
   * @param {'next' | 'return' | 'throw'} method
   * @param {unknown} arg
   */
  const step = (method, arg) => {
    // Re-entering a running generator: let the engine throw its TypeError; the generator is still running.
    if (running || finished) return it[method](arg);
    running = true;
    try {
      const r = context.with(active, () => it[method](arg));
      if (r.done === true) finish();
      return r;
    } catch (error) {
      finish();
      throw error;
    } finally {
      running = false;
    }
  };
  const finish = () => {
    finished = true;
    span.end();
  };
  return {
    next: (/** @type {unknown} */ v) => step('next', v),
    return: (/** @type {unknown} */ v) => step('return', v),
    throw: (/** @type {unknown} */ e) => step('throw', e),
    [Symbol.iterator]() {
      return this;
    },
  };
}

/**
 * The async iterator a traced async generator returns: each step starts in `active`; `span` ends when a
 * step settles `done` or rejected. Steps may be queued (async generators allow it), so the end is guarded.
 * @param {AsyncGenerator} it
 * @param {Context} active
 * @param {Span} span
 */
function asyncSteps(it, active, span) {
  let finished = false;
  const finish = () => {
    if (finished) return;
    finished = true;
    span.end();
  };
  /**
   * @param {'next' | 'return' | 'throw'} method
   * @param {unknown} arg
   */
  const step = (method, arg) => {
    const p = context.with(active, () => it[method](arg));
    p.then((r) => (r.done === true ? finish() : undefined), finish);
    return p;
  };
  return {
    next: (/** @type {unknown} */ v) => step('next', v),
    return: (/** @type {unknown} */ v) => step('return', v),
    throw: (/** @type {unknown} */ e) => step('throw', e),
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
