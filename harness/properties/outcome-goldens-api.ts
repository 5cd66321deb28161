import { formatCanonical } from '../../src/formats/text.ts';
import { Trace } from '../../src/model/trace.ts';
import { EventKind } from '../../src/model/kinds.ts';
import { summarizeValue } from '../../src/recorder/payload.ts';
import { Tracer } from '../../src/recorder/tracer.ts';
import { WireRecording } from '../../src/recorder/wire-recording.ts';
import { encodeWire } from '../../src/wire/encode.ts';
import { decodeWire, readWire } from '../../src/wire/reader.ts';
import { MemorySink } from '../../src/wire/sink.ts';
import { readWireStream } from '../../src/wire/stream-reader.ts';
import { WireWriter } from '../../src/wire/writer.ts';
import type { GoldenOutcome } from './golden-outcome.ts';

/**
 * The recorder's and the wire codec's API outcomes at the edges their TSDoc states (issue 13: what `check`'s
 * random programs and tables never reach: a traced class constructed, a task dump of a chain past its
 * bound, a malformed event type's message, a torn loss whose chunk header is gone, a consumer's error thrown
 * into the stream reader, a `continueFrom` that names a code it does not define). Each expected value is
 * written here from the documentation, never read back from the code. Run once per process.
 */
export function apiGoldenOutcomes(): GoldenOutcome[] {
  return [...recorderRows(), ...wireRows()];
}

const CALL_F = Trace.fromEvents([{ seq: 0, kind: EventKind.Call, activation: 1, code: 0, flags: 0 }], ['f']);
/** Activation #5 of code 1 open where the trace starts, then a call and return of f #6; the code table names code 0 (f) only. */
const openUnnamed = (): Trace =>
  Trace.fromEvents([{ seq: 0, kind: EventKind.Call, activation: 6, code: 0, flags: 0 }, { seq: 1, kind: EventKind.Return, activation: 6, code: 0, flags: 0 }], ['f']).withOpen([{ activation: 5, code: 1, state: 'running' }]);

/**
 * A traced async chain `f(n)` awaiting `f(n - 1)` down to `f(0)`, which awaits a promise of no activation;
 * with task dumps after one event, the `pending` records of the outermost activation (#1), in order: the
 * activations it names (FORMAT.md §4: a `pending` carries the awaited activation).
 */
async function outermostDump(depth: number): Promise<number[]> {
  const tracer = new Tracer({ pendingAfter: { events: 1 } });
  let open = (): void => {};
  const gate = new Promise<void>((resolve) => (open = resolve));
  const f = tracer.traceAsync(async (n: number): Promise<void> => {
    const $ = tracer.enterAsync('f');
    await $.suspend(n === 0 ? gate : f(n - 1));
    $.resume();
    $.return();
  });
  const done = f(depth);
  open();
  await done;
  const t = tracer.snapshot();
  const on: number[] = [];
  for (let i = 0; i < t.length; i++) if (t.columns.kind[i] === EventKind.Pending && t.columns.activation[i] === 1) on.push(t.columns.waker![i]!);
  return on;
}

/** The activations `WireRecording.resume` abandons after a crashed stream of these events ([kind, activation, code]; codes a, b). */
function abandonedAfter(events: readonly (readonly [number, number, number])[]): number | undefined {
  const sink = new MemorySink();
  const w = new WireWriter(sink);
  w.defineCode(0, 'a');
  w.defineCode(1, 'b');
  events.forEach(([kind, activation, code], seq) => w.append(kind as EventKind, activation, code, 0, seq));
  w.flush();
  const bytes = sink.bytes();
  return WireRecording.resume(bytes, (keep) => {
    const kept = new MemorySink();
    kept.write(bytes.subarray(0, keep));
    return kept;
  }).recovered?.abandoned;
}

function recorderRows(): GoldenOutcome[] {
  return [
    // Tracer.event's TSDoc: "@throws TypeError for a malformed type"; the type is shown JSON-quoted, cut to 80 characters.
    {
      what: 'Tracer.event of a 101-character type starting with a digit',
      run: () => new Tracer().event(`1${'x'.repeat(100)}`),
      throws: { name: 'TypeError', message: `Tracer.event: type must match /^[A-Za-z_][\\w.:-]{0,127}$/, got "1${'x'.repeat(78)}` },
    },
    // wrapSync: `new wrapped()` constructs the original with the same new.target, classes included.
    {
      what: 'a traced class constructed',
      run: () => {
        const tracer = new Tracer();
        class Point {
          readonly x = 1;
        }
        const Traced = tracer.trace(Point as unknown as () => unknown) as unknown as typeof Point;
        const p = new Traced();
        return { isPoint: p instanceof Point, x: p.x, text: formatCanonical(tracer.snapshot()) };
      },
      gives: { isPoint: true, x: 1, text: 'call Point #1\nreturn Point #1\n' },
    },
    // TraceColumns: the waker column is absent when the trace has no wake.
    {
      what: 'a snapshot without wakes: its waker column',
      run: () => {
        const tracer = new Tracer();
        tracer.trace(function g() {})();
        return tracer.snapshot().columns.waker === undefined;
      },
      gives: true,
    },
    // TraceColumns: the payload column is absent when the trace has none (a user event without payload stores none).
    {
      what: 'a snapshot of a user event without payload: its payload column',
      run: () => {
        const tracer = new Tracer();
        tracer.event('tick');
        return tracer.snapshot().columns.payload === undefined;
      },
      gives: true,
    },
    // summarizeValue's TSDoc: a Map or Set is its type and size.
    { what: 'summarizeValue of a Set of two', run: () => summarizeValue(new Set([1, 2])), gives: '{"type":"Set","size":2}' },
    // WireRecording.resume abandons what the crashed prefix left open; an exit pops down to its activation when
    // it is on the stack, else changes nothing (OpenSet's TSDoc: tolerant of misnested input).
    { what: 'WireRecording.resume of call a, call b, return a', run: () => abandonedAfter([[EventKind.Call, 1, 0], [EventKind.Call, 2, 1], [EventKind.Return, 1, 0]]), gives: 0 },
    { what: 'WireRecording.resume of call a, return #7', run: () => abandonedAfter([[EventKind.Call, 1, 0], [EventKind.Return, 7, 1]]), gives: 1 },
    // A task dump records the await chain, innermost link first, at most 64 links (README "Task dumps"):
    // #1 awaits #2, ..., #65 awaits #66; the links #2..#65 are kept, written from #65 down to #2.
    { what: 'the task dump of an await chain 65 links long', run: () => outermostDump(65), gives: Array.from({ length: 64 }, (_, k) => 65 - k) },
  ];
}

function wireRows(): GoldenOutcome[] {
  const file = encodeWire(CALL_F);
  // The file header (12 bytes) and two bytes of the chunk's header: the chunk header is not intact.
  const torn = file.subarray(0, 14);
  return [
    // WireWriterOptions.continueFrom: every open activation's code is named by `codes` (a checkpoint declares it by name).
    {
      what: 'continueFrom declaring an activation of a code it does not name',
      run: () => new WireWriter(new MemorySink(), { continueFrom: { chunks: 1, events: 1, nextSeq: 1, codes: [undefined, 'g'], open: [{ activation: 3, code: 0, state: 'suspended' }] } }),
      throws: { name: 'RangeError', message: 'WireWriter: continueFrom.open declares activation #3 of code 0, which continueFrom.codes does not name' },
    },
    {
      what: 'continueFrom with an undefined entry in its code table',
      run: () => {
        const sink = new MemorySink();
        const w = new WireWriter(sink, { continueFrom: { chunks: 1, events: 1, nextSeq: 1, codes: [undefined, 'g'], open: [{ activation: 3, code: 1, state: 'running' }] } });
        w.append(EventKind.Return, 3, 1, 0, 1);
        w.close();
        return sink.bytes().length > 0;
      },
      gives: true,
    },
    // appendTrace declares a fresh writer's open set with each open code's name: the trace's (`codeName`: `<code N>`
    // when its table has none), or the one the writer already holds for that id.
    { what: 'encodeWire of a trace whose open code has no name', run: () => formatCanonical(decodeWire(encodeWire(openUnnamed()))), gives: 'open "<code 1>" #1 running\ncall f #2\nreturn f #2\n' },
    {
      what: 'appendTrace of that trace to a writer naming code 1 "g"',
      run: () => {
        const sink = new MemorySink();
        const w = new WireWriter(sink);
        w.defineCode(1, 'g');
        w.appendTrace(openUnnamed());
        w.close();
        return formatCanonical(decodeWire(sink.bytes()));
      },
      gives: 'open g #1 running\ncall f #2\nreturn f #2\n',
    },
    // TraceColumns: no waker column on a decoded trace without wakes.
    { what: 'decodeWire of a call: its waker column', run: () => decodeWire(file).columns.waker === undefined, gives: true },
    // TraceLoss.lostEvents: "when its header was intact" — else there is no such key.
    { what: 'readWire of a file torn in its chunk header: the loss keys', run: () => Object.keys(readWire(torn).loss ?? {}), gives: ['byteOffset', 'lostBytes', 'error'] },
    {
      what: 'readWireStream of a file torn in its chunk header: the loss keys',
      run: async () => {
        const it = readWireStream((async function* () { yield torn; })());
        let r = await it.next();
        while (r.done !== true) r = await it.next();
        return Object.keys(r.value.loss ?? {});
      },
      gives: ['byteOffset', 'lostBytes', 'error'],
    },
    // An error its consumer throws into the stream reader is the consumer's: thrown back, never a loss.
    {
      what: 'readWireStream given a consumer error at a chunk',
      run: async () => {
        const it = readWireStream((async function* () { yield file; })());
        await it.next();
        return await it.throw(new SyntaxError('the consumer stopped'));
      },
      throws: { name: 'SyntaxError', message: 'the consumer stopped' },
    },
  ];
}
