import type { Outcome, Program } from '../program/ast.ts';
import { Tagged, tagOf, type TaskScheduler } from '../targets/js/compile.ts';
import { ObserveRuntime, TracerFault } from './observe-runtime.ts';
import { renderPlainProgram } from './render-plain.ts';
import type { SpanRecord, SpanTracer } from './span-tracer.ts';

/** What one plain run gives: the runtime's record, the spans at the end, and how `main` ended. */
export interface PlainRun {
  readonly runtime: ObserveRuntime;
  /** A copy of `spans()` after everything the program started has settled. */
  readonly spans: readonly SpanRecord[];
  /** Undefined when the run was cut (see `fault`). */
  readonly outcome: Outcome | undefined;
  /** Why the run could not finish: a tracer fault (`tracer/trace-threw` ...) or `tracer/never-settled`. */
  readonly fault?: { readonly rule: string; readonly message: string };
}

/** Scheduler rounds a run may take at most. */
const MAX_ROUNDS = 10_000;
/** Rounds with nothing scheduled, no callback pending and `main` unsettled, after which the run is cut. */
const STUCK_ROUNDS = 20;

type Factory = ($: ObserveRuntime, trace: (fn: never, name: string) => unknown, tagged: typeof Tagged, tick: () => Promise<void>) => (...args: unknown[]) => unknown;

/**
 * Compiles a program plain ({@link renderPlainProgram}) and runs it once under a span tracer: ticks are
 * released by `scheduler`, callbacks and timers run in real macrotasks, and the run ends when `main` has
 * settled and nothing is scheduled or pending. A run that stops making progress (an await the tracer never
 * settles) is cut after a bounded number of idle rounds — counted in scheduler rounds, never in wall-clock
 * time — and reported as `tracer/never-settled`.
 *
 * Evaluates only source rendered from the validated AST (identifiers checked against a pattern, tags as
 * JSON literals), as `compileProgram` does.
 * @throws {@link ProgramError} for an invalid program
 */
export async function runPlainProgram(program: Program, tracer: SpanTracer, scheduler: TaskScheduler): Promise<PlainRun> {
  const source = renderPlainProgram(program);
  const factory = new Function('$', 'trace', 'Tagged', 'tick', `"use strict";\n${source}`) as Factory;
  const runtime = new ObserveRuntime(tracer);
  const tick = (): Promise<void> => scheduler.schedule(Promise.resolve(), 'tick');
  let main: (...args: unknown[]) => unknown;
  try {
    main = factory(runtime, (fn, name) => tracer.trace(fn as never, name), Tagged, tick);
  } catch (error) {
    if (error instanceof TracerFault) return { runtime, spans: [], outcome: undefined, fault: { rule: error.rule, message: error.message } };
    throw error;
  }
  let outcome: Outcome | undefined;
  let fault: { rule: string; message: string } | undefined;
  const settle = (error: unknown): void => {
    if (error instanceof TracerFault) fault = { rule: error.rule, message: error.message };
    outcome = { kind: 'throw', tag: tagOf(error) };
  };
  const isAsync = program.functions[0]!.kind === 'async';
  if (isAsync) {
    try {
      runtime.callAsync(runtime.root, main).then(
        () => (outcome = { kind: 'return' }),
        (error: unknown) => settle(error),
      );
    } catch (error) {
      settle(error); // a tracer fault before main was called
    }
  } else {
    try {
      runtime.call(runtime.root, main);
      outcome = { kind: 'return' };
    } catch (error) {
      settle(error);
    }
  }
  let idle = 0;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    await scheduler.waitIdle();
    await macrotask();
    if (scheduler.count() > 0 || runtime.pendingCallbacks > 0) idle = 0;
    else if (outcome !== undefined) {
      await macrotask(); // the last settlements' reactions (the result checks) run
      if (scheduler.count() === 0 && runtime.pendingCallbacks === 0) break;
    } else if (++idle >= STUCK_ROUNDS) break;
  }
  if (outcome === undefined && fault === undefined) fault = { rule: 'tracer/never-settled', message: 'the program never finished: a promise the tracer returned never settled (nothing left to run)' };
  let spans: SpanRecord[] = [];
  try {
    runtime.look(undefined, 'the end of the run');
    spans = copySpans(tracer);
  } catch (error) {
    if (!(error instanceof TracerFault)) throw error;
    fault ??= { rule: error.rule, message: error.message };
  }
  return { runtime, spans, outcome, ...(fault !== undefined ? { fault } : {}) };
}

function copySpans(tracer: SpanTracer): SpanRecord[] {
  let all: readonly SpanRecord[];
  try {
    all = tracer.spans();
  } catch (error) {
    throw new TracerFault('tracer/spans', `spans() threw ${(error as Error)?.message ?? String(error)}`);
  }
  return Array.isArray(all) ? all.map((s) => (typeof s === 'object' && s !== null ? { ...s } : s)) : [];
}

/** Lets every pending microtask and ready callback run: `setImmediate` where the runtime has it (a timer of 0 ms waits ~1 ms). */
function macrotask(): Promise<void> {
  const immediate = (globalThis as { setImmediate?: (f: () => void) => unknown }).setImmediate;
  return new Promise((resolve) => (immediate !== undefined ? immediate(resolve) : setTimeout(resolve, 0)));
}
