// The reference span tracer of trace-harness observe mode (README "Span tracers"): spans kept in an
// AsyncLocalStorage, one per call of a traced function, of every kind. Copy it as the start of your own.
//
//   npx trace-harness check --tracer test/conformance/tracers/als-tracer.mjs
//
// Declared policies: a generator's span is started when the generator object is created, as a child of the
// span active there (`creation`), and each resumption (next/throw/return) runs with the generator's span
// active, so its body sees its own span wherever it is resumed from.
import { AsyncLocalStorage } from 'node:async_hooks';

/** @typedef {{ id: number, parentId: number | undefined, name: string, ended: number }} Span */

/** @type {{ 'generator-context': 'creation', 'async-generator-context': 'creation' }} */
export const policies = { 'generator-context': 'creation', 'async-generator-context': 'creation' };

const GeneratorFunction = Object.getPrototypeOf(function* () {}).constructor;
const AsyncFunction = Object.getPrototypeOf(async function () {}).constructor;
const AsyncGeneratorFunction = Object.getPrototypeOf(async function* () {}).constructor;

/** One AsyncLocalStorage for the process: a store per tracer would leak nothing but costs a hook each. */
const als = new AsyncLocalStorage();

export class AlsTracer {
  /** @type {Span[]} */
  #spans = [];

  /** @returns {Span[]} every span, in start order */
  spans() {
    return this.#spans;
  }

  /** @returns {number | undefined} the id of the active span */
  activeSpan() {
    return this.activeSpanRecord()?.id;
  }

  /** @returns {Span | undefined} the active span */
  activeSpanRecord() {
    return als.getStore();
  }

  /** Runs `f` with `span` active. @template T @param {Span} span @param {() => T} f @returns {T} */
  run(span, f) {
    return als.run(span, f);
  }

  /** @param {string} name @param {Span | undefined} parent @returns {Span} */
  start(name, parent) {
    const span = { id: this.#spans.length + 1, parentId: parent?.id, name, ended: 0 };
    this.#spans.push(span);
    return span;
  }

  /**
   * @template {(...args: any[]) => any} F
   * @param {F} fn @param {string} name @returns {F}
   */
  trace(fn, name) {
    const tracer = this;
    const kind = Object.getPrototypeOf(fn).constructor;
    if (kind === GeneratorFunction || kind === AsyncGeneratorFunction) {
      return /** @type {F} */ (
        function (...args) {
          const span = tracer.start(name, tracer.activeSpanRecord());
          const it = tracer.run(span, () => fn.apply(this, args));
          return wrapIterator(it, span, kind === AsyncGeneratorFunction, (f) => tracer.run(span, f));
        }
      );
    }
    if (kind === AsyncFunction) {
      return /** @type {F} */ (
        function (...args) {
          const span = tracer.start(name, tracer.activeSpanRecord());
          const end = () => void span.ended++;
          const p = tracer.run(span, () => fn.apply(this, args));
          p.then(end, end);
          return p;
        }
      );
    }
    return /** @type {F} */ (
      function (...args) {
        const span = tracer.start(name, tracer.activeSpanRecord());
        try {
          return tracer.run(span, () => fn.apply(this, args));
        } finally {
          span.ended++;
        }
      }
    );
  }
}

/**
 * A generator object whose every resumption runs with `span` active (`run`), and which ends `span` once when the
 * generator finishes: returns, throws, or is closed by `return()`/`throw()`.
 */
function wrapIterator(it, span, isAsync, run) {
  let done = false;
  let running = false;
  const finish = () => {
    if (!done) {
      done = true;
      span.ended++;
    }
  };
  const step = (method, arg) => {
    // Re-entered from its own body: the engine throws a TypeError and the generator goes on running.
    if (running && !isAsync) return it[method](arg);
    let r;
    running = true;
    try {
      r = run(() => it[method](arg));
    } catch (error) {
      finish();
      throw error;
    } finally {
      running = false;
    }
    if (!isAsync) {
      if (r.done) finish();
      return r;
    }
    return r.then(
      (v) => {
        if (v.done) finish();
        return v;
      },
      (error) => {
        finish();
        throw error;
      },
    );
  };
  const wrapped = {
    next: (v) => step('next', v),
    throw: (e) => step('throw', e),
    return: (v) => step('return', v),
  };
  if (isAsync) wrapped[Symbol.asyncIterator] = () => wrapped;
  else wrapped[Symbol.iterator] = () => wrapped;
  return wrapped;
}

/** A fresh tracer per program. */
export function createTracer() {
  return new AlsTracer();
}
