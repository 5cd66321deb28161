/**
 * Runs one decoder's campaign in worker threads and watches it: a case that runs longer than
 * {@link HUNG_MS} (its index unchanged in the shared heartbeat) is `hung`: the worker is ended, the input
 * made again from `(seed, decoder, index)` and saved, the cases after the last counts the worker posted
 * are run again by a new worker, and the run goes on after the hung case.
 * @module
 */
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { count, emptyTally, makeCase, type Counterexample, type Tally } from './campaign.ts';
import { buildCorpus } from './corpus.ts';
import { HUNG_MS } from './outcome.ts';
import { caseSeed, Rng } from './rng.ts';
import { saveCounterexample } from './save.ts';
import { TARGETS } from './targets.ts';
import type { WorkerJob, WorkerMessage } from './worker.ts';

/** Options of {@link supervise}. */
export interface SuperviseOptions {
  readonly seed: number;
  readonly cases: number;
  readonly out: string;
  /** Called with the counts so far (about every 1000 cases). */
  readonly onProgress?: (t: Tally) => void;
  /** Called with each saved input's path and outcome. */
  readonly onSaved?: (file: string, kind: string) => void;
}

/** The worker module next to this one (`.js` when built, `.ts` under a TS runner). */
const WORKER = new URL(`./worker${extname(fileURLToPath(import.meta.url))}`, import.meta.url);

/**
 * Runs all cases of one decoder.
 * @param targetIndex - the decoder's index in {@link TARGETS}
 * @returns the counts, hung cases included
 */
export async function supervise(targetIndex: number, options: SuperviseOptions): Promise<Tally> {
  const target = TARGETS[targetIndex]!;
  const total = emptyTally(target.name);
  const started = performance.now();
  const hungAt = new Set<number>();
  let next = 0;
  while (next < options.cases) {
    if (hungAt.has(next)) {
      // 1. A hung case: counted and saved, never run again.
      count(total, { kind: 'hung', reason: `ran over ${HUNG_MS} ms` });
      const input = makeCase(target, target.seeds(buildCorpus(options.seed)), new Rng(caseSeed(options.seed, targetIndex, next)));
      const c: Counterexample = { decoder: target.name, seed: options.seed, index: next, outcome: { kind: 'hung', reason: `ran over ${HUNG_MS} ms (the worker was ended)` }, input };
      options.onSaved?.(saveCounterexample(c, options.out), 'hung');
      next++;
      continue;
    }
    // 2. The cases up to the next hung one (or the end) in a worker.
    const stop = Math.min(options.cases, ...[...hungAt].filter((h) => h > next));
    const r = await runWorker({ targetIndex, seed: options.seed, from: next, cases: stop - next, out: options.out, heartbeat: new SharedArrayBuffer(4) }, (t) => options.onProgress?.(merged(total, t, started)), options.onSaved);
    add(total, r.tally);
    next += r.tally.cases;
    if (r.hungAt !== undefined) hungAt.add(r.hungAt);
  }
  total.elapsedMs = performance.now() - started;
  return total;
}

/** One worker's run: its counts (exactly cases `[from, from + tally.cases)`), and the case it hung on, if it did. */
function runWorker(job: WorkerJob, onProgress: (t: Tally) => void, onSaved?: (file: string, kind: string) => void): Promise<{ tally: Tally; hungAt?: number }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, { workerData: job });
    const beat = new Int32Array(job.heartbeat);
    Atomics.store(beat, 0, -1);
    let last = emptyTally(TARGETS[job.targetIndex]!.name);
    let seen = -1;
    let since = performance.now();
    const watchdog = setInterval(() => {
      const now = Atomics.load(beat, 0);
      if (now !== seen) {
        seen = now;
        since = performance.now();
      } else if (now >= 0 && performance.now() - since > HUNG_MS) {
        clearInterval(watchdog);
        resolve({ tally: last, hungAt: now });
        void worker.terminate();
      }
    }, 250);
    worker.on('message', (m: WorkerMessage) => {
      if (m.type === 'saved') onSaved?.(m.file, m.kind);
      else {
        last = m.tally;
        if (m.type === 'progress') onProgress(m.tally);
        else {
          clearInterval(watchdog);
          resolve({ tally: m.tally });
        }
      }
    });
    worker.on('error', (e) => {
      clearInterval(watchdog);
      reject(e);
    });
    // A worker that dies without its counts (out of memory, say) fails the run rather than hanging it.
    worker.on('exit', (code) => {
      clearInterval(watchdog);
      reject(new Error(`fuzz: the ${TARGETS[job.targetIndex]!.name} worker exited with code ${code} before its counts`));
    });
  });
}

/** Adds a worker's counts to the total. */
function add(total: Tally, t: Tally): void {
  total.cases += t.cases;
  total.ok += t.ok;
  total.untyped += t.untyped;
  total.masked += t.masked;
  total.hung += t.hung;
  total.slowestMs = Math.max(total.slowestMs, t.slowestMs);
  for (const [code, n] of Object.entries(t.typed)) total.typed[code as keyof Tally['typed']] = (total.typed[code as keyof Tally['typed']] ?? 0) + n!;
}

/** The total so far with a running worker's counts: for progress lines. */
function merged(total: Tally, t: Tally, started: number): Tally {
  const m = { ...total, typed: { ...total.typed } };
  add(m, t);
  m.elapsedMs = performance.now() - started;
  return m;
}
