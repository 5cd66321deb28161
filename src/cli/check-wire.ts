// The wire part of `check`: its arguments, its header line, and its outcome printed and reported, whether the
// property ran here or on a worker thread (`--jobs 2`, wire-thread.ts).
import kleur from 'kleur';
import type { CheckIo, CheckOptions } from './check.ts';
import { recorderPart } from './check-parts.ts';
import type { WireOutcome, WireThread, WireThreadArgs } from './wire-thread.ts';

/** The wire property's arguments in a run. */
export function wireArgs(options: CheckOptions, seed: number): WireThreadArgs {
  return { runs: options.wireRuns ?? 1000, seed, ...(options.wirePath !== undefined ? { path: options.wirePath } : {}), ...(options.shard !== undefined ? { shard: options.shard } : {}) };
}

/**
 * The wire property (round trips, cuts, bit flips, record mutations of random traces, our reader against the
 * independent one, the streaming reader against readWire); true when it failed.
 * @param thread - the property already running on a worker thread (`--jobs 2`); else it runs here
 */
export async function wireProperty(args: WireThreadArgs, io: CheckIo, thread: WireThread | undefined): Promise<boolean> {
  const { runs, seed } = args;
  io.out(`${kleur.bold('wire')}      ${runs} random traces: round trips (wire, JSONL, text), cuts, chunk runs and swaps, bit flips (file header too), noise, a record mutation of every family (records and fields the writer never writes, records torn by their chunk's end, records before the checkpoint, chunk header edges) re-sealed with a correct CRC, CRCs recomputed from FORMAT.md, every event, checkpoint and loss report as a decoder written from FORMAT.md alone reads it, the streaming reader fed each file in random pieces reading what readWire reads, decodeWire throwing every loss readWire reports, edited JSONL, text, merged text and Chrome files (also through loadTrace), JSONL event lines and headers with one field at an edge of its type, canonical and merged text lines built at the edges of their grammar, every refusal's message held to its shape (a one-line detail naming the offending field, kind, event or thread), format detection of 894 file starts, byte edits of Chrome JSON through its streaming scanner whole and in pieces against JSON.parse and every byte where one byte decides its grammar, the trace and a partial version of it (open set, open partial, incomplete) through JSONL, text, Chrome JSON and wire and back, our Chrome files against a model of the encoder's mapping, foreign Chrome files against a model of their mapping and Chrome files of any tool against a model of verifyChrome's rules, the writer's API at the edges of its ranges, the bytes it spends (a code defined once a chunk, no needless seq-set or timestamp-reset) and the sizes it must grow for (4 KB names and payloads, 65,536 open activations, 32,768 suspended), its fast path byte for byte against its per-event path (malformed traces too), its set of suspended activations against a Map, hand-built chunks at the record decoder's edges, 116 outcomes written out whole by hand (every reader's refusals word for word, the writers' RangeErrors, the bounds of 65,536 open lines, 65,535 merged streams and 65,536 Chrome slices, the recorder's and the wire codec's API at their edges), the open activations every checkpoint declares and the chunks the flush options end`);
  io.progress?.start('wire', runs, 'traces');
  let r: WireOutcome;
  if (thread !== undefined) {
    if (thread.done() > 0) io.progress?.tick(thread.done());
    thread.onTick((n) => io.progress?.tick(n));
    r = await thread.outcome;
  } else {
    const [{ runWireProperty }, { wireOutcome }] = await Promise.all([import('../../harness/properties/wire-property.ts'), import('./wire-outcome.ts')]);
    r = wireOutcome(await runWireProperty(runs, seed, args.path, (n) => io.progress?.tick(n), args.shard));
  }
  if (r.failure === undefined) {
    io.out(`  ${kleur.green('ok')}    ${r.runs} traces passed in ${(r.elapsedMs / 1000).toFixed(2)} s, seed ${r.seed}`);
    io.out('');
    io.report?.part(recorderPart('wire', r));
    return false;
  }
  io.out(`  ${kleur.red('FAIL')}  seed ${r.seed}: ${r.failure.problems.join('; ')}`);
  io.out(r.failure.caseLines.map((l) => `  ${l}`).join('\n'));
  io.out(`${kleur.bold('replay:')} npx trace-harness check --seed ${r.seed} --wire-path ${r.failure.path} --wire-runs ${runs}`);
  io.out('');
  io.report?.part(recorderPart('wire', r, `npx trace-harness check --seed ${r.seed} --wire-path ${r.failure.path} --wire-runs ${runs}`));
  return true;
}
