// The wire property of `check` on a worker thread beside the other parts (`check --jobs 2`): it is the
// longest part (about 60% of a default run) and shares nothing with the others, so on two cores the run
// takes about as long as the wire part alone. Node adapter: node:worker_threads (Deno and Bun provide it).
import { Worker } from 'node:worker_threads';
import type { Shard } from '../../harness/properties/shard.ts';

/** What the wire part runs: {@link runWireProperty}'s arguments. */
export interface WireThreadArgs {
  /** Random traces, >= 1. */
  readonly runs: number;
  readonly seed: number;
  /** fast-check replay path of a counterexample. */
  readonly path?: string;
  readonly shard?: Shard;
}

/**
 * The wire part's outcome in a form that crosses threads (structured clone): the failing case as the
 * lines `check` prints, not as a trace object.
 */
export interface WireOutcome {
  readonly runs: number;
  readonly seed: number;
  /** Wall time of the property on its thread, ms. */
  readonly elapsedMs: number;
  readonly failure?: {
    readonly problems: readonly string[];
    /** fast-check replay path of the shrunk counterexample. */
    readonly path: string;
    /** The case, one line each, unindented: its parameters, then the trace's canonical text. */
    readonly caseLines: readonly string[];
  };
}

/** Messages from the worker: progress (cases so far, shrinking included), then the outcome. */
export type WireThreadMessage = { readonly tick: number } | { readonly outcome: WireOutcome };

/** A wire part started on a worker thread. */
export interface WireThread {
  /** The outcome; rejects with the worker's error when it throws or exits without one (a bug, not a failed case). */
  readonly outcome: Promise<WireOutcome>;
  /** Cases checked so far (shrinking included), as the worker last said. */
  readonly done: () => number;
  /** Called with each later progress count (one listener; replaces the last). */
  onTick(listener: (done: number) => void): void;
  /** Stops the worker (a run that ends early: the outcome is no longer awaited). */
  terminate(): void;
}

/**
 * True when the wire part can run on a worker thread: this module is the build's JavaScript. From the
 * TypeScript sources (vitest) the worker module could not be loaded by Node, so the part runs on the main thread.
 */
export const WIRE_THREADS = import.meta.url.endsWith('.js');

/**
 * Starts the wire property on a worker thread.
 * @param args - what the property runs
 * @param entry - the worker module @defaultValue `wire-worker.js` beside this module (see {@link WIRE_THREADS})
 */
export function startWireThread(args: WireThreadArgs, entry: URL = new URL('./wire-worker.js', import.meta.url)): WireThread {
  const worker = new Worker(entry, { workerData: args });
  let done = 0;
  let listener: ((n: number) => void) | undefined;
  let settled = false;
  const outcome = new Promise<WireOutcome>((resolve, reject) => {
    worker.on('message', (m: WireThreadMessage) => {
      if ('tick' in m) {
        done = m.tick;
        listener?.(done);
      } else {
        settled = true;
        resolve(m.outcome);
      }
    });
    worker.on('error', (error) => {
      settled = true;
      reject(error);
    });
    worker.on('exit', (code) => {
      if (!settled) reject(new Error(`the wire property's worker thread exited with code ${code} before its outcome`));
    });
  });
  // Awaited only when check reaches the wire part: a worker that fails before is not an unhandled rejection.
  outcome.catch(() => undefined);
  return {
    outcome,
    done: () => done,
    onTick: (l) => {
      listener = l;
    },
    terminate: () => {
      settled = true;
      void worker.terminate();
    },
  };
}
