// The worker thread's entry for `check --jobs 2` (wire-thread.ts): runs the wire property with the
// arguments it is given and posts its progress and outcome. Node adapter: node:worker_threads.
import { parentPort, workerData } from 'node:worker_threads';
import { runWireProperty } from '../../harness/properties/wire-property.ts';
import { wireOutcome } from './wire-outcome.ts';
import type { WireThreadArgs, WireThreadMessage } from './wire-thread.ts';

const args = workerData as WireThreadArgs;
const post = (m: WireThreadMessage): void => parentPort!.postMessage(m);
const report = await runWireProperty(args.runs, args.seed, args.path, (tick) => post({ tick }), args.shard);
post({ outcome: wireOutcome(report) });
