/**
 * The fuzz loop in a worker thread, so the driver's main thread stays free to notice a case that never
 * returns (see `supervisor.ts`): it runs one decoder's cases `[from, from + cases)`, writes each case index
 * to the shared heartbeat before running it, saves failing inputs, and posts its counts.
 * @module
 */
import { parentPort, workerData } from 'node:worker_threads';
import { runCampaign, type Tally } from './campaign.ts';
import { buildCorpus } from './corpus.ts';
import { saveCounterexample } from './save.ts';
import { TARGETS } from './targets.ts';

/** What the supervisor gives a worker. @internal */
export interface WorkerJob {
  readonly targetIndex: number;
  readonly seed: number;
  readonly from: number;
  readonly cases: number;
  readonly out: string;
  /** Int32 slot 0: the index of the case running. */
  readonly heartbeat: SharedArrayBuffer;
}

/** What a worker posts: counts so far (every {@link POST_EVERY} cases and at the end), and each file saved. @internal */
export type WorkerMessage = { readonly type: 'progress' | 'done'; readonly tally: Tally } | { readonly type: 'saved'; readonly file: string; readonly kind: string };

/** Cases between two posts of the counts: what a hung worker's replacement runs again. */
export const POST_EVERY = 1000;

const job = workerData as WorkerJob;
const beat = new Int32Array(job.heartbeat);
const target = TARGETS[job.targetIndex]!;
const post = (m: WorkerMessage): void => parentPort!.postMessage(m);
const tally = await runCampaign(target, {
  seed: job.seed,
  cases: job.cases,
  from: job.from,
  corpus: buildCorpus(job.seed),
  targetIndex: job.targetIndex,
  onCase: (index) => Atomics.store(beat, 0, index),
  onCounterexample: (c) => post({ type: 'saved', file: saveCounterexample(c, job.out), kind: c.outcome.kind }),
  onProgress: (t) => post({ type: 'progress', tally: t }),
  progressEvery: POST_EVERY,
});
post({ type: 'done', tally });
