/**
 * Recorder overhead per `await`: an async function that awaits once, against its uninstrumented twin,
 * measured in the same process; reported as a ratio (target, issue 4: at most 2x on Node 20).
 * Run: `npm run bench:async` (builds first).
 */
import { Bench } from 'tinybench';
import { Tracer } from '../src/recorder/tracer.ts';

const CALLS = 1000;
const tracer = new Tracer({ capacity: 1 << 20 });

async function leaf(x: number): Promise<number> {
  return x + 1;
}
async function plain(x: number): Promise<number> {
  const v = await leaf(x);
  return v * 2;
}

// Code ids interned once, as a source transform would emit them.
const LEAF = tracer.probe.code('leaf');
const TRACED = tracer.probe.code('traced');
const tracedLeaf = tracer.traceAsync(async function leafT(x: number): Promise<number> {
  const $ = tracer.enterAsync(LEAF);
  try {
    return x + 1;
  } catch (e) {
    $.unwind();
    throw e;
  } finally {
    $.return();
  }
});
const traced = tracer.traceAsync(async function tracedT(x: number): Promise<number> {
  const $ = tracer.enterAsync(TRACED);
  try {
    let v: number;
    try {
      v = await $.suspend(tracedLeaf(x));
    } catch (e) {
      throw $.throw(e);
    }
    $.resume();
    return v * 2;
  } catch (e) {
    $.unwind();
    throw e;
  } finally {
    $.return();
  }
});

let sink = 0;
const bench = new Bench({ time: 1000, warmup: true });
bench
  .add('one await per call: plain', async () => {
    for (let i = 0; i < CALLS; i++) sink += await plain(i);
  })
  .add('one await per call: traced', async () => {
    for (let i = 0; i < CALLS; i++) sink += await traced(i);
    tracer.recorder.clear();
  });
await bench.run();

const mean = (name: string): number => (bench.tasks.find((t) => t.name === name)!.result as { latency: { mean: number } }).latency.mean;
const p = (mean('one await per call: plain') * 1e6) / CALLS;
const t = (mean('one await per call: traced') * 1e6) / CALLS;
console.log('case               | plain ns/call | traced ns/call | ratio (traced/plain)');
console.log(`one await per call | ${p.toFixed(0).padStart(13)} | ${t.toFixed(0).padStart(14)} | ${(t / p).toFixed(2).padStart(20)}`);
if (sink === 42) console.log('');
