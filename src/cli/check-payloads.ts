// The `payloads` part of `check` (issue 13): payload values of every shape and the tracer's API at its edges,
// against the model of the payload pipeline and a hand-derived table.
import kleur from 'kleur';
import { runPayloadProperty } from '../../harness/properties/payload-property.ts';
import type { CheckIo, CheckOptions } from './check.ts';
import { passed, recorderPart } from './check-parts.ts';

/** The payload property (values of every shape under random limits and redaction, against the model); true when it failed. */
export function payloadProperty(options: CheckOptions, io: CheckIo): boolean {
  const runs = options.payloadRuns ?? 200;
  const seed = options.seed ?? (Math.random() * 0x7fffffff) | 0;
  io.out(`${kleur.bold('payloads')}  ${runs} random cases of payload values of every shape (strings cut at a surrogate pair, unsafe numbers, bigints, cycles, getters that throw, wide and deep objects, class instances) under random limits and redaction: user events and edge values (off, summary, full) stored as the model renders them, in growing and flight-recorder buffers; the tracer's API at the edges of its ranges (options, trace, event, generators closed early, AsyncFrame's pattern, traceAsync, task dumps, snapshots, WireRecording, the probe API, the clocks)`);
  io.progress?.start('payloads', runs, 'cases');
  const r = runPayloadProperty(runs, seed, undefined, (n) => io.progress?.tick(n), options.shard);
  if (r.failure === undefined) return passed(io, 'payloads', 'cases', r);
  io.out(`  ${kleur.red('FAIL')}  seed ${r.seed}: ${r.failure.problems.slice(0, 5).join('; ')}`);
  io.out(`  case: ${JSON.stringify(r.failure.case, (_, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v))}`);
  io.out(`${kleur.bold('replay:')} npx trace-harness check --seed ${r.seed} (payloads path ${r.failure.path})\n`);
  io.report?.part(recorderPart('payloads', r, `npx trace-harness check --seed ${r.seed} (payloads path ${r.failure.path})`));
  return true;
}
