/**
 * Wire codec throughput: encode and decode in M events/s and bytes/event, for the golden corpus and for a
 * 10 M-event random call-stack trace, next to JSONL (JSON.stringify per event) measured in the same run.
 * Run: `npm run bench:wire` (builds first). Targets (issue 3, 2-core machine, Node 20): >= 20 M events/s
 * both ways, <= 6 bytes/event for call-stack events.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { decodeJsonl, encodeJsonl } from '../src/formats/jsonl.ts';
import { parseCanonical, traceFromCanonical } from '../src/formats/text.ts';
import { EventKind } from '../src/model/kinds.ts';
import { Trace } from '../src/model/trace.ts';
import { encodeWire } from '../src/wire/encode.ts';
import { decodeWire } from '../src/wire/reader.ts';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 10_000_000);
const REPEATS = 5;

/** A random call-stack trace: nested calls and returns, some generators suspending and resuming. */
function randomTrace(n: number, seed = 1): Trace {
  let s = seed >>> 0;
  const rand = (k: number): number => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s % k;
  };
  const kind = new Uint8Array(n);
  const activation = new Uint32Array(n);
  const code = new Uint32Array(n);
  const seq = new Float64Array(n);
  const stack: number[] = [];
  const stackCode: number[] = [];
  const suspended: [number, number][] = [];
  let next = 1;
  for (let i = 0; i < n; i++) {
    seq[i] = i;
    const r = rand(100);
    if (stack.length > 0 && (r < 45 || stack.length > 40 || n - i <= stack.length)) {
      const a = stack.pop()!;
      const c = stackCode.pop()!;
      const k = rand(10) === 0 ? EventKind.Yield : rand(20) === 0 ? EventKind.Unwind : EventKind.Return;
      if (k === EventKind.Yield && suspended.length < 100) suspended.push([a, c]);
      kind[i] = k;
      activation[i] = a;
      code[i] = c;
    } else if (suspended.length > 0 && r < 55) {
      const [a, c] = suspended.splice(rand(suspended.length), 1)[0]!;
      kind[i] = rand(8) === 0 ? EventKind.Throw : EventKind.Resume;
      activation[i] = a;
      code[i] = c;
      stack.push(a);
      stackCode.push(c);
    } else {
      const a = next++;
      const c = rand(200);
      kind[i] = EventKind.Call;
      activation[i] = a;
      code[i] = c;
      stack.push(a);
      stackCode.push(c);
    }
  }
  const codes = Array.from({ length: 200 }, (_, i) => `module${i % 7}.function_${i}`);
  return new Trace({ kind, flags: new Uint8Array(n), activation, code, seq }, codes, n);
}

function goldenCorpus(): Trace {
  const events = readdirSync('golden/traces')
    .filter((f) => f.endsWith('.trace'))
    .flatMap((f) => parseCanonical(readFileSync(`golden/traces/${f}`, 'utf8')).events);
  const one = traceFromCanonical(events);
  // Repeat the corpus so one measurement spans milliseconds, not microseconds.
  const times = Math.max(1, Math.floor(200_000 / one.length));
  const all = [];
  for (let t = 0; t < times; t++) for (let i = 0; i < one.length; i++) all.push({ ...one.at(i), seq: t * one.length + i, activation: t * 1000 + one.at(i).activation });
  return Trace.fromEvents(all, one.codes);
}

/** Best of REPEATS runs, in ms. */
function best(fn: () => unknown): number {
  let min = Infinity;
  for (let r = 0; r < REPEATS; r++) {
    const t0 = performance.now();
    fn();
    min = Math.min(min, performance.now() - t0);
  }
  return min;
}

function measure(label: string, trace: Trace): void {
  const bytes = encodeWire(trace);
  const encMs = best(() => encodeWire(trace));
  const decMs = best(() => decodeWire(bytes));
  // JSONL on at most 1 M events (it is ~50x slower), rate scaled per event.
  const sample = trace.length > 1_000_000 ? new Trace(sliceColumns(trace, 1_000_000), trace.codes, 1_000_000) : trace;
  const jsonl = encodeJsonl(sample);
  const jEncMs = best(() => encodeJsonl(sample));
  const jDecMs = best(() => decodeJsonl(jsonl));
  const rate = (n: number, ms: number): string => ((n / ms) * 1e3 / 1e6).toFixed(1).padStart(6);
  console.log(`${label} (${trace.length} events)`);
  console.log('  codec | encode M events/s | decode M events/s | bytes/event');
  console.log(`  wire  | ${rate(trace.length, encMs).padStart(17)} | ${rate(trace.length, decMs).padStart(17)} | ${(bytes.length / trace.length).toFixed(2).padStart(11)}`);
  console.log(`  jsonl | ${rate(sample.length, jEncMs).padStart(17)} | ${rate(sample.length, jDecMs).padStart(17)} | ${(new TextEncoder().encode(jsonl).length / sample.length).toFixed(2).padStart(11)}`);
}

function sliceColumns(t: Trace, n: number): Trace['columns'] {
  const c = t.columns;
  return { kind: c.kind.subarray(0, n), flags: c.flags.subarray(0, n), activation: c.activation.subarray(0, n), code: c.code.subarray(0, n), seq: c.seq.subarray(0, n) };
}

measure('golden corpus, repeated', goldenCorpus());
measure('random call-stack trace', randomTrace(EVENTS));
