/**
 * Hot-path cases: the recorder's cost per event and per traced call, each against its untraced twin.
 * @module
 */
import { performanceClock, simulatedClock } from '../../src/recorder/clock.ts';
import { Tracer } from '../../src/recorder/tracer.ts';
import { EventKind } from '../../src/model/kinds.ts';
import type { Clock } from '../../src/recorder/clock.ts';
import type { BenchCase, Twins } from './case.ts';
import { recordedCounters } from './counters.ts';

/** Keeps results observable so no twin is optimised away. */
let sink = 0;
/** Read by nothing but the optimiser's doubts. @internal */
export function benchSink(): number {
  return sink;
}

const CAPACITY = 1 << 20;
/** Ring size of the hand-written ring twin (a power of two: index by mask). */
const RING = 1 << 16;

/**
 * The untraced twin of one recorded event: the same five columns written into a typed-array ring
 * (DESIGN §7: about 5 ns), optionally with a clock read into a sixth.
 */
function ringWriter(clock: Clock | undefined): (events: number) => void {
  const kind = new Uint8Array(RING);
  const flags = new Uint8Array(RING);
  const act = new Uint32Array(RING);
  const code = new Uint32Array(RING);
  const seq = new Float64Array(RING);
  const ts = new Float64Array(RING);
  let n = 0;
  return (events) => {
    // Locals in the loop (a captured counter would make the machine code vary between closures).
    let k = n;
    for (let e = 0; e < events; e++) {
      const i = k & (RING - 1);
      kind[i] = (e & 1) + 1;
      flags[i] = 0;
      act[i] = 1;
      code[i] = 0;
      seq[i] = k++;
      if (clock !== undefined) ts[i] = clock();
    }
    n = k;
  };
}

function recordCase(withClock: boolean): BenchCase {
  const events = withClock ? 20_000 : 200_000;
  return {
    id: withClock ? 'hot/record-clock' : 'hot/record',
    group: 'hot path',
    title: withClock ? 'record one event, with a clock' : 'record one event, no clock',
    unit: 'event',
    ops: { plain: events, traced: events },
    samplesPerRound: 5,
    twin: withClock ? 'clock read + typed-array ring write' : 'typed-array ring write',
    setup(): Twins {
      const make = (clock: Clock | undefined): { tracer: Tracer; run: () => void } => {
        const tracer = new Tracer({ capacity: CAPACITY, ...(clock !== undefined ? { clock } : {}) });
        const rec = tracer.recorder;
        return {
          tracer,
          run: () => {
            // Alternating call/return of one activation: the stack stays at depth 0..1.
            for (let e = 0; e < events; e += 2) {
              rec.emit(EventKind.Call, 1, 0, 0);
              rec.emit(EventKind.Return, 1, 0, 0);
            }
          },
        };
      };
      const timed = make(withClock ? performanceClock() : undefined);
      const ring = ringWriter(withClock ? performanceClock() : undefined);
      timed.tracer.probe.code('f');
      return {
        plain: () => ring(events),
        traced: () => {
          timed.run();
          timed.tracer.recorder.clear();
        },
        counters: () => {
          const fresh = make(withClock ? simulatedClock(100) : undefined);
          fresh.tracer.probe.code('f');
          return recordedCounters(fresh.tracer, events, fresh.run);
        },
      };
    },
  };
}

/**
 * The traced function of the call cases: a little real work (an integer hash, a few ns), so the
 * untraced twin is not a bare loop whose cost V8 may halve or double from one process to the next
 * (a 1 ns twin moved its ratio by 2x between processes).
 */
function leaf(x: number): number {
  let h = x | 0;
  for (let k = 0; k < 4; k++) h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
  return h & 0xff;
}

const CALLS = 100_000;
/** Plain calls per sample: a plain call costs a few ns, so it batches more to outlast the timer's grain. */
const PLAIN_CALLS = 400_000;

const syncCall: BenchCase = {
  id: 'hot/sync-call',
  group: 'hot path',
  title: 'wrapped sync call (2 events)',
  unit: 'call',
  ops: { plain: PLAIN_CALLS, traced: CALLS },
  samplesPerRound: 5,
  twin: 'the same function, unwrapped',
  setup(): Twins {
    const make = (): { tracer: Tracer; run: () => void } => {
      const tracer = new Tracer({ capacity: CAPACITY });
      const traced = tracer.trace(leaf);
      return {
        tracer,
        run: () => {
          let s = 0;
          for (let i = 0; i < CALLS; i++) s += traced(i);
          sink += s;
        },
      };
    };
    const t = make();
    return {
      plain: () => {
        let s = 0;
        for (let i = 0; i < PLAIN_CALLS; i++) s += leaf(i);
        sink += s;
      },
      traced: () => {
        t.run();
        t.tracer.recorder.clear();
      },
      counters: () => {
        const f = make();
        return recordedCounters(f.tracer, CALLS, f.run);
      },
    };
  },
};

function* ticker(n: number): Generator<number> {
  for (let i = 0; i < n; i++) yield i;
}
const ITEMS = 20_000;

const generatorStep: BenchCase = {
  id: 'hot/generator-step',
  group: 'hot path',
  title: 'generator step (yield + resume)',
  unit: 'step',
  ops: { plain: ITEMS, traced: ITEMS },
  samplesPerRound: 5,
  twin: 'the same generator, unwrapped',
  setup(): Twins {
    const make = (): { tracer: Tracer; run: () => void } => {
      const tracer = new Tracer({ capacity: CAPACITY });
      const traced = tracer.trace(ticker);
      return {
        tracer,
        run: () => {
          let s = 0;
          for (const v of traced(ITEMS)) s += v;
          sink += s;
        },
      };
    };
    const t = make();
    return {
      plain: () => {
        let s = 0;
        for (const v of ticker(ITEMS)) s += v;
        sink += s;
      },
      traced: () => {
        t.run();
        t.tracer.recorder.clear();
      },
      counters: () => {
        const f = make();
        return recordedCounters(f.tracer, ITEMS, f.run);
      },
    };
  },
};

const ASYNC_CALLS = 2000;

async function asyncLeaf(x: number): Promise<number> {
  return x + 1;
}
async function asyncPlain(x: number): Promise<number> {
  const v = await asyncLeaf(x);
  return v * 2;
}

/**
 * The traced twin of {@link asyncPlain}, instrumented with the compact pattern the harness compiler emits
 * for a body whose returns sit at its top (README "The compact pattern"; issue 15), returning values as a
 * source transform would.
 */
function tracedAsync(tracer: Tracer): (x: number) => Promise<number> {
  const LEAF = tracer.probe.code('leaf');
  const TRACED = tracer.probe.code('traced');
  const tracedLeaf = tracer.traceAsync(async function leafT(x: number): Promise<number> {
    const $ = tracer.enterAsync(LEAF);
    try {
      return $.returned(x + 1);
    } catch (e) {
      throw $.unwound(e);
    }
  });
  return tracer.traceAsync(async function tracedT(x: number): Promise<number> {
    const $ = tracer.enterAsync(TRACED);
    try {
      const v = $.resumed(await $.suspend(tracedLeaf(x)));
      return $.returned(v * 2);
    } catch (e) {
      throw $.unwound(e);
    }
  });
}

const asyncAwait: BenchCase = {
  id: 'hot/async-await',
  group: 'hot path',
  title: 'async call with one await (of a traced async call)',
  unit: 'call',
  ops: { plain: ASYNC_CALLS, traced: ASYNC_CALLS },
  samplesPerRound: 5,
  twin: 'the same two async functions, uninstrumented',
  setup(): Twins {
    const make = (): { tracer: Tracer; run: () => Promise<void> } => {
      const tracer = new Tracer({ capacity: CAPACITY });
      const traced = tracedAsync(tracer);
      return {
        tracer,
        run: async () => {
          let s = 0;
          for (let i = 0; i < ASYNC_CALLS; i++) s += await traced(i);
          sink += s;
        },
      };
    };
    const t = make();
    return {
      plain: async () => {
        let s = 0;
        for (let i = 0; i < ASYNC_CALLS; i++) s += await asyncPlain(i);
        sink += s;
      },
      traced: async () => {
        await t.run();
        t.tracer.recorder.clear();
      },
      counters: () => {
        const f = make();
        return recordedCounters(f.tracer, ASYNC_CALLS, f.run);
      },
    };
  },
};

const THROWS = 20_000;
/** Thrown by the unwinding case: preallocated, so the stack capture of `new Error` is not what is measured. */
const FAILURE = { failure: true };

function inner(x: number): number {
  if (x >= 0) throw FAILURE;
  return x;
}
function outer(x: number): number {
  return inner(x) + 1;
}

const exceptionUnwind: BenchCase = {
  id: 'hot/exception-unwind',
  group: 'hot path',
  title: 'exception unwinding through two frames (4 events)',
  unit: 'throw',
  ops: { plain: THROWS, traced: THROWS },
  samplesPerRound: 5,
  twin: 'the same two functions, unwrapped',
  setup(): Twins {
    const make = (): { tracer: Tracer; run: () => void } => {
      const tracer = new Tracer({ capacity: CAPACITY });
      const tInner = tracer.trace(inner);
      const tOuter = tracer.trace(function outer(x: number): number {
        return tInner(x) + 1;
      });
      return {
        tracer,
        run: () => {
          let s = 0;
          for (let i = 0; i < THROWS; i++) {
            try {
              s += tOuter(i);
            } catch {
              s++;
            }
          }
          sink += s;
        },
      };
    };
    const t = make();
    return {
      plain: () => {
        let s = 0;
        for (let i = 0; i < THROWS; i++) {
          try {
            s += outer(i);
          } catch {
            s++;
          }
        }
        sink += s;
      },
      traced: () => {
        t.run();
        t.tracer.recorder.clear();
      },
      counters: () => {
        const f = make();
        return recordedCounters(f.tracer, THROWS, f.run);
      },
    };
  },
};

/** The hot-path cases, in report order. */
export const HOT_PATH_CASES: readonly BenchCase[] = [recordCase(false), recordCase(true), syncCall, generatorStep, asyncAwait, exceptionUnwind];

export { asyncPlain, leaf, PLAIN_CALLS };
