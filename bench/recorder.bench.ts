/**
 * Hot-path overhead of the recorder: each traced function is measured against its uninstrumented twin in
 * the same process, and the report is the ratio (traced / plain) and the added ns per event.
 * Run: `npm run bench` (builds first). Ratios, not wall times, are what a gate may compare.
 */
import { Bench } from 'tinybench';
import { Tracer } from '../src/recorder/tracer.ts';

const tracer = new Tracer({ capacity: 1 << 20 });
const recorder = tracer.recorder;

function leaf(x: number): number {
  return x + 1;
}
function* ticker(n: number): Generator<number> {
  for (let i = 0; i < n; i++) yield i;
}
const tracedLeaf = tracer.trace(leaf);
const tracedTicker = tracer.trace(ticker);

let sink = 0;
const CALLS = 1000;
const ITEMS = 1000;

// Keep the buffer from growing forever; a fresh tracer per iteration would measure allocation instead.
function drain(): void {
  recorder.clear();
}

const bench = new Bench({ time: 500, warmup: true });
bench
  .add('sync call: plain', () => {
    for (let i = 0; i < CALLS; i++) sink += leaf(i);
  })
  .add('sync call: traced', () => {
    for (let i = 0; i < CALLS; i++) sink += tracedLeaf(i);
    drain();
  })
  .add('generator item: plain', () => {
    for (const v of ticker(ITEMS)) sink += v;
  })
  .add('generator item: traced', () => {
    for (const v of tracedTicker(ITEMS)) sink += v;
    drain();
  });

await bench.run();

const mean = (name: string): number => {
  const task = bench.tasks.find((t) => t.name === name)!;
  const r = task.result as { latency?: { mean: number } } | undefined;
  return r?.latency?.mean ?? NaN; // ms per iteration
};
const rows = [
  ['sync call', CALLS, 2],
  ['generator item', ITEMS, 2],
] as const;
console.log('case            | plain ns/op | traced ns/op | ratio (traced/plain) | added ns/event');
for (const [name, ops, eventsPerOp] of rows) {
  const plain = (mean(`${name}: plain`) * 1e6) / ops;
  const traced = (mean(`${name}: traced`) * 1e6) / ops;
  console.log(
    `${name.padEnd(15)} | ${plain.toFixed(1).padStart(11)} | ${traced.toFixed(1).padStart(12)} | ${(traced / plain).toFixed(2).padStart(20)} | ${((traced - plain) / eventsPerOp).toFixed(1).padStart(14)}`,
  );
}
if (sink === 42) console.log('');
