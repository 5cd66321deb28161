// @ts-check
/**
 * Span-tracer adapter: a tracer on **node:diagnostics_channel `TracingChannel`** with the span kept in an
 * `AsyncLocalStorage` (issue 12, observe mode), the pattern Node documents for APMs: the library publishes,
 * the tracer subscribes and binds its store to the `start` channel.
 *
 * How it traces:
 * - one `TracingChannel` for sync calls and one for async ones, made once for the module; their `start`
 *   channels carry the store: `channel.start.bindStore(storage, ctx => newSpan(parent = storage.getStore()))`,
 *   so `runStores` runs the traced call with its span as the store (Node 20 has `bindStore` on `start`);
 * - sync functions: `syncChannel.traceSync(fn, ctx, this, ...args)`; the span ends on `end` (a plain
 *   function that returns a promise: when that promise settles);
 * - async functions: `asyncChannel.tracePromise(fn, ctx, this, ...args)`; the span ends on `asyncEnd`,
 *   published when the promise settles. `tracePromise` returns its own `promise.then(...)`, not `fn`'s promise;
 * - generators and async generators: `TracingChannel` has no form for them, so by hand: the call that
 *   creates the generator object goes through `traceSync` (that starts the span, parented where `g()` runs,
 *   and the `end` handler leaves it open), then every `next`/`return`/`throw` runs in
 *   `storage.run(span, ...)`, and the span ends when a step says `done` or throws (rejects).
 *
 * The channels and the store are module-wide (channel names are process-wide in diagnostics_channel); a
 * tracer is only its span list and id counter, which each published context carries (`ctx.tracer`), so a
 * fresh tracer per program needs no new subscription. Span ids are numbers from 1 per tracer.
 *
 * Policies: `generator-context: creation`, `async-generator-context: creation`: the span starts in the
 * call that creates the generator object. (Node itself would run an async generator's body in the context
 * of whoever calls `next()`, nodejs/node#42237; the wrapper overrides that for every step.)
 *
 * Conformance: `npx vitest run test/conformance/tracing-channel.test.ts` (fixed seed, every policy
 * combination, compared with test/conformance/expected/tracing-channel.json); or by hand
 * `npx trace-harness check --tracer test/conformance/tracers/tracing-channel.mjs` (in this repository: after `npm run build`).
 *
 * A plain ES module with JSDoc types: no build step, no dependency but Node (>= 20).
 * @module
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import diagnosticsChannel from 'node:diagnostics_channel';

/**
 * One span as this tracer records it (the harness's `SpanRecord`, harness/observe/span-tracer.ts).
 * @typedef {{ readonly id: number, readonly parentId: number | undefined, readonly name: string, ended: number }} SpanRecord
 */
/** @typedef {{ readonly record: SpanRecord, readonly tracer: ChannelSpanTracer }} Span */
/**
 * What the traced call publishes on the channels.
 * @typedef {{ tracer: ChannelSpanTracer, name: string, generator?: boolean, span?: Span, result?: unknown, error?: unknown }} CallContext
 */
/** @typedef {(this: unknown, ...args: unknown[]) => any} AnyFunction */
/** @typedef {{ readonly 'generator-context': 'creation' | 'resume', readonly 'async-generator-context': 'creation' | 'resume' }} ContextPolicies */

/** @type {AsyncLocalStorage<Span>} */
const storage = new AsyncLocalStorage();
const syncChannel = diagnosticsChannel.tracingChannel('trace-harness:conformance:sync');
const asyncChannel = diagnosticsChannel.tracingChannel('trace-harness:conformance:async');

/** The store a traced call runs with: a new span, child of the span active where the call starts. */
const startSpan = (/** @type {CallContext} */ ctx) => (ctx.span = ctx.tracer.newSpan(ctx.name, storage.getStore()));
syncChannel.start.bindStore(storage, /** @type {(data: unknown) => Span} */ (startSpan));
asyncChannel.start.bindStore(storage, /** @type {(data: unknown) => Span} */ (startSpan));

syncChannel.end.subscribe((data) => {
  const ctx = /** @type {CallContext} */ (data);
  if (ctx.generator === true || ctx.span === undefined) return;
  const span = ctx.span;
  if ('error' in ctx || !(ctx.result instanceof Promise)) endSpan(span);
  else ctx.result.then(() => endSpan(span), () => endSpan(span));
});
asyncChannel.asyncEnd.subscribe((data) => {
  const ctx = /** @type {CallContext} */ (data);
  if (ctx.span !== undefined) endSpan(ctx.span);
});
asyncChannel.end.subscribe((data) => {
  // Only a function that threw before returning its promise gets no asyncEnd.
  const ctx = /** @type {CallContext} */ (data);
  if ('error' in ctx && ctx.span !== undefined) endSpan(ctx.span);
});

/** @param {Span} span */
function endSpan(span) {
  span.record.ended += 1;
}

const GeneratorFunction = Object.getPrototypeOf(function* () {});
const AsyncFunction = Object.getPrototypeOf(async function () {});
const AsyncGeneratorFunction = Object.getPrototypeOf(async function* () {});

/** A tracer: the spans of one program. */
class ChannelSpanTracer {
  /** @type {SpanRecord[]} */
  records = [];

  /**
   * @param {string} name
   * @param {Span | undefined} parent
   * @returns {Span}
   */
  newSpan(name, parent) {
    const record = { id: this.records.length + 1, parentId: parent?.record.id, name, ended: 0 };
    this.records.push(record);
    return { record, tracer: this };
  }

  spans() {
    return this.records;
  }

  activeSpan() {
    return storage.getStore()?.record.id;
  }

  /**
   * @template {Function} F
   * @param {F} fn
   * @param {string} name
   * @returns {F}
   */
  trace(fn, name) {
    const tracer = this;
    const f = /** @type {AnyFunction} */ (/** @type {unknown} */ (fn));
    const proto = Object.getPrototypeOf(fn);
    /** @type {Function} */
    let wrapped;
    if (proto === AsyncFunction) {
      /** @this {unknown} @param {unknown[]} args */
      wrapped = function (...args) {
        return asyncChannel.tracePromise(f, { tracer, name }, this, ...args);
      };
    } else if (proto === GeneratorFunction || proto === AsyncGeneratorFunction) {
      const isAsync = proto === AsyncGeneratorFunction;
      /** @this {unknown} @param {unknown[]} args */
      wrapped = function (...args) {
        /** @type {CallContext} */
        const ctx = { tracer, name, generator: true };
        const it = syncChannel.traceSync(f, ctx, this, ...args);
        const span = /** @type {Span} */ (ctx.span);
        return isAsync ? asyncSteps(/** @type {AsyncGenerator} */ (it), span) : syncSteps(/** @type {Generator} */ (it), span);
      };
    } else {
      /** @this {unknown} @param {unknown[]} args */
      wrapped = function (...args) {
        return syncChannel.traceSync(f, { tracer, name }, this, ...args);
      };
    }
    Object.defineProperty(wrapped, 'name', { value: fn.name });
    return /** @type {F} */ (/** @type {unknown} */ (wrapped));
  }
}

/**
 * The iterator a traced generator returns: each step of `it` runs with `span` as the store; `span` ends
 * when `it` finishes.
 * @param {Generator} it
 * @param {Span} span
 */
function syncSteps(it, span) {
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
      const r = storage.run(span, () => it[method](arg));
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
    endSpan(span);
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
 * The async iterator a traced async generator returns: each step starts with `span` as the store; `span`
 * ends when a step settles `done` or rejected. Steps may be queued (async generators allow it), so the end
 * is guarded.
 * @param {AsyncGenerator} it
 * @param {Span} span
 */
function asyncSteps(it, span) {
  let finished = false;
  const finish = () => {
    if (finished) return;
    finished = true;
    endSpan(span);
  };
  /**
   * @param {'next' | 'return' | 'throw'} method
   * @param {unknown} arg
   */
  const step = (method, arg) => {
    const p = storage.run(span, () => it[method](arg));
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

/** @type {ContextPolicies} */
export const policies = Object.freeze({ 'generator-context': 'creation', 'async-generator-context': 'creation' });

/** A fresh tracer: an empty span list (the channels and the store are the module's). */
export function createTracer() {
  return new ChannelSpanTracer();
}
