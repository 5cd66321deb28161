/**
 * The wire writer across calls, where what it declares depends on what it wrote before (issue 13: the
 * surviving mutants of `src/wire/writer.ts` named them; every file of the wire property comes from one
 * `appendTrace` on a fresh writer): a second `appendTrace` whose trace declares activations open, and a
 * writer continuing a stream (`continueFrom`) with running and suspended activations, a code table with a
 * hole, and next seq 0. Each verdict is the writer's TSDoc and FORMAT.md §4.1's continuity, read back by the
 * decoder written from FORMAT.md.
 * @module
 */
import { EventKind } from '../../src/model/kinds.ts';
import { Trace } from '../../src/model/trace.ts';
import { MemorySink } from '../../src/wire/sink.ts';
import { WireWriter } from '../../src/wire/writer.ts';
import { oracleRead } from '../wire-oracle/decode.ts';

/** Each chunk's checkpoint as `next seq N; #a code state, ...[; partial]`. */
function checkpoints(bytes: Uint8Array): string[] {
  return oracleRead(bytes).chunks.map((c) => {
    const cp = c.checkpoint;
    return `next seq ${cp.nextSeq}; ${cp.open.map((o) => `#${o.activation} ${o.name} ${o.state}`).join(', ') || 'none open'}${cp.partial ? '; partial' : ''}`;
  });
}

/**
 * `appendTrace(t1)`, then `appendTrace(t2)` where t2 declares #5 `g` running and open partial: the writer has
 * written events, so what is open is what it saw (`appendTrace`'s TSDoc), and t2's declaration is not taken.
 * A chunk a event: chunk 1 starts with #1 `f` running only, not partial.
 */
function secondTraceDeclaresOpen(): string[] {
  const sink = new MemorySink();
  const w = new WireWriter(sink, { flushEveryEvents: 1 });
  w.appendTrace(Trace.fromEvents([{ seq: 0, kind: EventKind.Call, activation: 1, code: 0, flags: 0 }], ['f']));
  const t2 = Trace.fromEvents([{ seq: 1, kind: EventKind.Call, activation: 6, code: 0, flags: 0 }], ['f', 'g']).withOpen([{ activation: 5, code: 1, state: 'running' }], true);
  w.appendTrace(t2);
  w.close();
  const got = checkpoints(sink.bytes());
  const want = ['next seq 0; none open', 'next seq 1; #1 f running', 'next seq 2; #1 f running, #6 f running'];
  return JSON.stringify(got) === JSON.stringify(want) ? [] : [`writer sequence, a second appendTrace declaring #5 open and partial: checkpoints ${JSON.stringify(got)}, want ${JSON.stringify(want)}`];
}

/**
 * A writer continuing a stream after chunk 0 (`continueFrom`): #1 `f` running and #2 `h` suspended open, code 1
 * without a name (an explicit hole), next seq 0. Its first chunk's checkpoint is chunk 1, 0 events before, next
 * seq 0 (FORMAT.md §4.1: each checked against the chunk before), declaring #1 running then #2 suspended; its
 * event at seq 5 gets a seq-set.
 */
function continuedStream(): string[] {
  const sink = new MemorySink();
  let threw: unknown;
  try {
    const w = new WireWriter(sink, { continueFrom: { chunks: 1, events: 0, nextSeq: 0, codes: ['f', undefined, 'h'], open: [{ activation: 1, code: 0, state: 'running' }, { activation: 2, code: 2, state: 'suspended' }] } });
    w.append(EventKind.Return, 1, 0, 0, 5);
    w.close();
  } catch (error) {
    threw = error;
  }
  if (threw !== undefined) return [`writer sequence, a continued stream: ${String(threw)}`];
  const r = oracleRead(sink.bytes());
  const first = r.chunks[0]?.checkpoint;
  const got = first === undefined ? 'no chunk' : `chunk ${first.chunkIndex}, ${first.eventsBefore} before, ${checkpoints(sink.bytes())[0]}; seqs ${r.events.map((e) => e.seq).join(' ')}`;
  const want = 'chunk 1, 0 before, next seq 0; #1 f running, #2 h suspended; seqs 5';
  return got === want ? [] : [`writer sequence, a continued stream: ${got}, want ${want}`];
}

let passed = false;

/**
 * Both cases, once per process once they pass.
 * @returns what went wrong, one line each
 */
export function checkWriterSequence(): string[] {
  if (passed) return [];
  const problems = [...secondTraceDeclaresOpen(), ...continuedStream()];
  passed = problems.length === 0;
  return problems;
}
