import { formatCanonical } from '../../src/formats/text.ts';
import { AsyncFrame } from '../../src/recorder/async-frame.ts';
import { PayloadPolicy, summarizeValue } from '../../src/recorder/payload.ts';
import { Recorder } from '../../src/recorder/recorder.ts';
import { Tracer } from '../../src/recorder/tracer.ts';
import { WireRecording } from '../../src/recorder/wire-recording.ts';
import { decodeWire } from '../../src/wire/reader.ts';
import { MemorySink } from '../../src/wire/sink.ts';
import { MAGIC } from '../../src/wire/spec.ts';
import { recording, refuses, type TracerArgument } from './tracer-argument-kinds.ts';

/** A call whose recording must read as the canonical text `want` (activations numbered in order of appearance). */
function canonical(what: string, want: string, run: (t: Tracer) => void, options: ConstructorParameters<typeof Tracer>[0] = {}): TracerArgument {
  return {
    what,
    run: () => {
      const t = new Tracer(options);
      try {
        run(t);
      } catch (e) {
        return [`${what}: threw ${String(e)}`];
      }
      const got = formatCanonical(t.snapshot());
      return got === want ? [] : [`${what}: recorded ${JSON.stringify(got)}, want ${JSON.stringify(want)}`];
    },
  };
}

/** A value `got` that must equal `want` (compared as JSON). */
function gives(what: string, want: unknown, got: () => unknown): TracerArgument {
  return {
    what,
    run: () => {
      let value: unknown;
      try {
        value = got();
      } catch (e) {
        return [`${what}: threw ${String(e)}`];
      }
      return JSON.stringify(value) === JSON.stringify(want) ? [] : [`${what}: got ${JSON.stringify(value)}, want ${JSON.stringify(want)}`];
    },
  };
}

/** Timestamps of a wire recording read back, for a clock that always reads `ns`. */
function clockedCall(ns: number): number[] {
  const sink = new MemorySink();
  const r = WireRecording.start(sink, { clock: () => ns });
  r.tracer.trace(function f() {})();
  r.close();
  return Array.from(decodeWire(sink.bytes()).columns.tsNs ?? []);
}

/**
 * Rows of the tracer API table at edges of the recorder that a default `check` did not reach (issue 13: the
 * surviving mutants of `src/recorder/` named them), each answer from the TSDoc it cites: a flight recorder's
 * `clear()` (Recorder.clear: it "counts what it discards"), rings larger than the capacity, `continueFrom` at
 * seq 0, the probe API's defaults, the wrappers' descriptors, the refusals of `Tracer`'s options and `event`,
 * `WireRecording`'s clock ("a reading below 0 or above 2^53-1 stored as 0") and `resume` (a short prefix of
 * the header "holds nothing: the recording starts anew"; the recovery record read from the clock),
 * `AsyncFrame` without a task registry, and the payload policy's limits, summaries and redaction.
 */
export const RECORDER_EDGES: readonly TracerArgument[] = [
  canonical('a flight recorder cleared counts what it discards', 'dropped 2\ncall g #1\nreturn g #1\n', (t) => {
    t.trace(function f() {})();
    t.recorder.clear();
    t.recorder.clear(); // clearing an empty ring discards nothing more
    t.trace(function g() {})();
  }, { retain: { events: 4 } }),
  canonical('a flight recorder of a user event cleared', 'dropped 1\n', (t) => {
    t.event('a', 1);
    t.recorder.clear();
  }, { retain: { events: 2 } }),
  // Recorder.clear "discards the events recorded": a later event without a payload has none, not the one cleared.
  canonical('a growing recorder cleared after a user event with a payload', 'event b #0\n', (t) => {
    t.event('a', 1);
    t.recorder.clear();
    t.event('b');
  }),
  canonical('a flight recorder of 8 events over a capacity of 2', 'call f #1\nreturn f #1\ncall f #2\nreturn f #2\ncall f #3\nreturn f #3\n', (t) => {
    for (let i = 0; i < 3; i++) t.trace(function f() {})();
  }, { retain: { events: 8 }, capacity: 2 }),
  gives('Recorder continueFrom at seq 0', 0, () => new Recorder({ continueFrom: { nextSeq: 0, nextActivation: 1, codes: [] } }).length),
  canonical('probe.resume without flags', 'call g #1\nyield g #1\nresume g #1\n', (t) => {
    const c = t.probe.code('g');
    const a = t.probe.call(c);
    t.probe.yield(a, c);
    t.probe.resume(a, c);
  }),
  gives('a traced function\'s and an async wrapper\'s name and length stay configurable, as a function\'s own are', [true, true, true, true], () => {
    const t = new Tracer();
    const w = t.trace(function f(a: number) {
      return a;
    });
    const aw = t.traceAsync(async function h(b: number) {
      return b;
    });
    return [w, aw].flatMap((x) => ['name', 'length'].map((p) => Object.getOwnPropertyDescriptor(x, p)?.configurable));
  }),
  refuses('options pendingAfter events "5"', 'RangeError', ['pendingAfter.events'], () => new Tracer({ pendingAfter: { events: '5' as unknown as number } })),
  refuses('event of an array', 'TypeError', ['Tracer.event: type'], () => new Tracer().event(['tick'] as unknown as string)),
  gives('a redaction hook is not called for an event without a payload', 0, () => {
    let calls = 0;
    const t = new Tracer({ payloads: { redact: (_path, v) => {
      calls++;
      return v;
    } } });
    t.event('e');
    return calls;
  }),
  refuses('WireRecording.start with chunkBytes 100', 'RangeError', ['chunkBytes'], () => WireRecording.start(new MemorySink(), { chunkBytes: 100 })),
  gives('WireRecording with a clock reading 2^60 stores 0', [0, 0], () => clockedCall(2 ** 60)),
  gives('WireRecording with a clock reading 2^53-1 keeps it', [2 ** 53 - 1, 2 ** 53 - 1], () => clockedCall(2 ** 53 - 1)),
  gives('WireRecording.resume of no bytes starts anew', [true, 0], () => {
    let kept = -1;
    const r = WireRecording.resume(new Uint8Array(0), (k) => {
      kept = k;
      return new MemorySink();
    });
    return [r.recovered === undefined, kept];
  }),
  refuses('WireRecording.resume of the magic\'s first byte and 0xff', 'TraceFormatError', ['bad-magic'], () => WireRecording.resume(Uint8Array.of(MAGIC[0]!, 0xff), () => new MemorySink())),
  refuses('WireRecording.resume of "{"', 'TraceFormatError', ['bad-magic'], () => WireRecording.resume(Uint8Array.of(0x7b), () => new MemorySink())),
  gives('WireRecording.resume of a header with reserved bits names byte 10 once', 1, () => {
    try {
      WireRecording.resume(Uint8Array.of(...MAGIC, 1, 0, 1, 0), () => new MemorySink());
    } catch (e) {
      return (e as Error).message.split('at byte 10').length - 1;
    }
    return 'accepted';
  }),
  gives('WireRecording.resume of a clocked recording\'s header alone, with a clock', true, () => {
    const sink = new MemorySink();
    WireRecording.start(sink, { clock: () => 5 });
    return WireRecording.resume(sink.bytes().slice(), () => new MemorySink(), { clock: () => 5 }).recovered !== undefined;
  }),
  gives('WireRecording.resume reads the clock for its recovery record', [7, 7, 9], () => {
    const sink = new MemorySink();
    const r = WireRecording.start(sink, { clock: () => 7 });
    r.tracer.trace(function f() {})();
    r.flush();
    const bytes = sink.bytes().slice();
    const out = new MemorySink();
    const again = WireRecording.resume(bytes, (k) => {
      out.write(bytes.subarray(0, k));
      return out;
    }, { clock: () => 9 });
    again.close();
    return Array.from(decodeWire(out.bytes()).columns.tsNs ?? []);
  }),
  // Its call is recorded by whoever began the activation (the constructor's TSDoc): here nobody. A plain value
  // has no wake; any other promise an await edge `on ?` and a `wake by ?` at resumption (the class's TSDoc).
  canonical('AsyncFrame without a task registry, suspended on a value and on a promise', 'yield f #1\nresume f #1\nyield f #1\nawait f #1 on ?\nwake f #1 by ?\nresume f #1\nreturn f #1\n', (t) => {
    const f = new AsyncFrame(t.recorder, t.recorder.beginActivation(), t.recorder.intern('f'));
    f.suspend(1);
    f.resume();
    void f.suspend(Promise.resolve(1));
    f.resume();
    f.return();
  }),
  refuses('AsyncFrame.throw after return', 'Error', ['AsyncFrame.throw: activation #1 is finished'], () => {
    const a = new Tracer().enterAsync('a');
    a.return();
    a.throw(new Error('late'));
  }),
  canonical('AsyncFrame.suspend(null)', 'call a #1\nyield a #1\nresume a #1\nreturn a #1\n', (t) => {
    const a = t.enterAsync('a');
    if (a.suspend(null) !== null) throw new Error('suspend did not return its value');
    a.resume();
    a.return();
  }),
  gives('a payload of exactly maxBytes is kept', '"abcde"', () => new PayloadPolicy({ limits: { maxBytes: 7 } }).text('abcde')),
  gives('an object whose prototype chain ends in null is an [object]', '{"o":"[object]"}', () => new PayloadPolicy().text({ o: Object.create(Object.create(null) as object) as object })),
  gives('an object met twice, not in a cycle, is written twice', '{"p":{"a":1},"q":{"a":1}}', () => {
    const x = { a: 1 };
    return new PayloadPolicy().text({ p: x, q: x });
  }),
  gives('summaries of a string, a Map, a promise', ['{"type":"string","size":3}', '{"type":"Map","size":0}', '{"type":"promise"}'], () => [summarizeValue('hey'), summarizeValue(new Map()), summarizeValue(Promise.resolve())]),
  gives('the summary of an error whose name getter throws', '{"type":"error","name":"Error"}', () => {
    const e = new Error('m');
    Object.defineProperty(e, 'name', { get: () => {
      throw new Error('no');
    } });
    return summarizeValue(e);
  }),
  gives('strings cut before a surrogate pair at both ends of the high range', ['"a…(+3)"', '"a…(+3)"'], () => ['a\ud800\udc00b', 'a\udbff\udfffb'].map((s) => new PayloadPolicy({ limits: { maxStringChars: 2 } }).text(s))),
  gives('a hashed key holding undefined is left out, as JSON leaves it', '{"n":1}', () => new PayloadPolicy({ redact: { hash: ['k'] } }).text({ k: undefined, n: 1 })),
];

let checked = false;

/**
 * Every row of {@link RECORDER_EDGES}, once per process (a few milliseconds: unlike the random rows of the
 * tracer API table, each of these is met by every run).
 * @returns what went wrong, one line each; empty once it held (then it is not run again)
 */
export function checkRecorderEdges(): string[] {
  if (checked) return [];
  const problems = RECORDER_EDGES.flatMap((r) => r.run());
  checked = problems.length === 0;
  return problems;
}
