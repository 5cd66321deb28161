import { EventKind } from '../../src/model/kinds.ts';
import { performanceClock, simulatedClock } from '../../src/recorder/clock.ts';
import { Tracer } from '../../src/recorder/tracer.ts';
import { WireRecording } from '../../src/recorder/wire-recording.ts';
import { MemorySink } from '../../src/wire/sink.ts';
import { refuses, recording, records, type TracerArgument } from './tracer-argument-kinds.ts';
import { RECORDER_ARGUMENTS } from './recorder-arguments.ts';

export type { TracerArgument } from './tracer-argument-kinds.ts';

/** The table: `Tracer`'s constructor options, `trace`, `event`, `enterAsync` with a code id, `AsyncFrame`'s pattern, `WireRecording`, the probe API, the clocks. */
export const TRACER_ARGUMENTS: readonly TracerArgument[] = [
  refuses('options maxStringChars 0', 'RangeError', ['payloads.limits.maxStringChars'], () => new Tracer({ payloads: { limits: { maxStringChars: 0 } } })),
  refuses('options maxItems 1.5', 'RangeError', ['payloads.limits.maxItems'], () => new Tracer({ payloads: { limits: { maxItems: 1.5 } } })),
  refuses('options maxDepth -1', 'RangeError', ['payloads.limits.maxDepth'], () => new Tracer({ payloads: { limits: { maxDepth: -1 } } })),
  refuses('options maxBytes 4097', 'RangeError', ['payloads.limits.maxBytes'], () => new Tracer({ payloads: { limits: { maxBytes: 4097 } } })),
  refuses('options values "all"', 'TypeError', ['payloads.values'], () => new Tracer({ payloads: { values: 'all' as 'off' } })),
  refuses('options capacity 0', 'RangeError', ['capacity'], () => new Tracer({ capacity: 0 })),
  refuses('options capacity 2.5', 'RangeError', ['capacity'], () => new Tracer({ capacity: 2.5 })),
  refuses('options retain 0 events', 'RangeError', ['retain'], () => new Tracer({ retain: { events: 0 } })),
  refuses('options retain 21 bytes', 'RangeError', ['retain'], () => new Tracer({ retain: { bytes: 21 } })), // 22 bytes an event without a clock
  refuses('options retain 29 bytes with a clock', 'RangeError', ['retain'], () => new Tracer({ retain: { bytes: 29 }, clock: () => 0 })), // 30 with one
  records('options retain 30 bytes with a clock keeps 1 event (after the dropped record)', ['9#0 - 0', '2#1 f 0'], (t) => t.trace(function f() {})(), { retain: { bytes: 30 }, clock: () => 0 }),
  refuses('options continueFrom seq -1', 'RangeError', ['continueFrom'], () => new Tracer({ continueFrom: { nextSeq: -1, nextActivation: 1, codes: [] } })),
  refuses('options continueFrom activation 0', 'RangeError', ['continueFrom'], () => new Tracer({ continueFrom: { nextSeq: 0, nextActivation: 0, codes: [] } })),
  refuses('options pendingAfter 0 events', 'RangeError', ['pendingAfter.events'], () => new Tracer({ pendingAfter: { events: 0 } })),
  refuses('options pendingAfter ns without a clock', 'RangeError', ['pendingAfter.ns', 'clock'], () => new Tracer({ pendingAfter: { ns: 5 } })),
  records('options pendingAfter ns with a clock', [], () => {}, { pendingAfter: { ns: 5 }, clock: simulatedClock() }),
  refuses('trace of a number', 'TypeError', ['trace', 'function'], () => new Tracer().trace(42 as unknown as () => void)),
  refuses('trace of an async function', 'TypeError', ['trace: af is async'], () => new Tracer().trace(async function af() {})),
  refuses('trace of an anonymous async generator function', 'TypeError', ['trace: fn is async'], () => new Tracer().trace((() => async function* () {})())),
  records('trace of an anonymous function', ['1#1 <anonymous> 0', '2#1 <anonymous> 0'], (t) => t.trace((() => () => 1)())()),
  records('trace with a name', ['1#1 custom 0', '2#1 custom 0'], (t) => t.trace(function f() {}, 'custom')()),
  records('a traced constructor called with new', ['1#1 Point 0', '2#1 Point 0'], (t) => {
    const P = t.trace(function Point(this: { x: number }) {
      this.x = 1;
    } as unknown as () => void);
    const p = new (P as unknown as new () => { x: number })();
    if (p.x !== 1) throw new Error('the constructed object lost its field');
  }),
  {
    what: 'a traced function keeps its name and length',
    run: () => {
      const w = new Tracer().trace(function named(a: number, b: number) {
        return a + b;
      });
      return w.name === 'named' && w.length === 2 ? [] : [`a traced function keeps its name and length: got ${w.name}/${w.length}`];
    },
  },
  records('a throw with values summary', ['1#1 f 0', '6#1 f 0 {"type":"error","name":"RangeError"}'], (t) => {
    try {
      t.trace(function f() {
        throw new RangeError('r');
      })();
    } catch {
      // the unwind is what is checked
    }
  }, { payloads: { values: 'summary' } }),
  records('a return with values full', ['1#1 f 0', '2#1 f 0 {"a":[1]}'], (t) => t.trace(function f() {
    return { a: [1] };
  })(), { payloads: { values: 'full' } }),
  // A value that throws when looked at (payload.ts: `{"type":"unknown"}` summarised, `{"…":"unrecordable"}` in full).
  records('a return of a revoked proxy with values summary', ['1#1 f 0', '2#1 f 0 {"type":"unknown"}'], (t) => t.trace(function f() {
    const p = Proxy.revocable({}, {});
    p.revoke();
    return p.proxy;
  })(), { payloads: { values: 'summary' } }),
  records('an unwind of a revoked proxy with values full', ['1#1 f 0', '6#1 f 0 {"…":"unrecordable"}'], (t) => {
    const p = Proxy.revocable({}, {});
    p.revoke();
    try {
      t.trace(function f() {
        throw p.proxy;
      })();
    } catch {
      // the unwind is what is checked
    }
  }, { payloads: { values: 'full' } }),
  refuses('event type empty', 'TypeError', ['Tracer.event'], () => new Tracer().event('')),
  refuses('event type starting with a digit', 'TypeError', ['Tracer.event'], () => new Tracer().event('1a')),
  refuses('event type with a leading space', 'TypeError', ['Tracer.event'], () => new Tracer().event(' a')),
  refuses('event type with a space inside', 'TypeError', ['Tracer.event'], () => new Tracer().event('a b')),
  refuses('event type of 129 characters', 'TypeError', ['Tracer.event'], () => new Tracer().event(`a${'b'.repeat(128)}`)),
  refuses('event type not a string', 'TypeError', ['Tracer.event'], () => new Tracer().event(42 as unknown as string)),
  records('event type of 128 characters and every allowed character', [`14#0 _a.b:c-d9${'x'.repeat(115)} 0`], (t) => t.event(`_a.b:c-d9${'x'.repeat(115)}`)),
  records('event with an undefined payload stores none', ['14#0 e 0'], (t) => t.event('e', undefined)),
  records('enterAsync with a code id from probe.code', ['1#1 job 0', '2#1 job 0'], (t) => {
    const frame = t.enterAsync(t.probe.code('job'));
    frame.return();
  }),
  records('the probe API', ['1#1 g 0', '3#1 g 0', '4#1 g 1', '3#1 g 0', '5#1 g 0', '6#1 g 0', '1#2 h 0', '2#2 h 0'], (t) => {
    const p = t.probe;
    const g = p.code('g');
    const a = p.call(g);
    p.yield(a, g);
    p.resume(a, g, true);
    p.yield(a, g);
    p.throw(a, g);
    p.unwind(a, g);
    const h = p.code('h');
    p.return(p.call(h), h);
  }),
  // AsyncFrame: the suspend/resume pattern enforced, values attached, thenables told from values, task dumps past their threshold.
  refuses('AsyncFrame.resume while running', 'Error', ['AsyncFrame.resume: activation #1 is running'], () => new Tracer().enterAsync('a').resume()),
  refuses('AsyncFrame.resumeReturn while running', 'Error', ['AsyncFrame.resumeReturn: activation #1 is running'], () => new Tracer().enterAsync('a').resumeReturn()),
  refuses('AsyncFrame.suspend while suspended', 'Error', ['AsyncFrame.suspend: activation #1 is suspended'], () => {
    const a = new Tracer().enterAsync('a');
    a.suspend(1);
    a.suspend(2);
  }),
  refuses('AsyncFrame.suspend after return', 'Error', ['AsyncFrame.suspend: activation #1 is finished'], () => {
    const a = new Tracer().enterAsync('a');
    a.return();
    a.suspend(1);
  }),
  records('AsyncFrame: throw while running records nothing; return and unwind after return record nothing', ['1#1 a 0', '2#1 a 0'], (t) => {
    const a = t.enterAsync('a');
    const e = new Error('x');
    if (a.throw(e) !== e) throw new Error('throw did not hand the error back');
    a.return();
    a.return();
    a.unwind();
  }),
  records('AsyncFrame: a thenable function is an unknown promise (await ~0, wake ~0 at resume); an object whose then is no function is a value', ['1#1 a 0', '3#1 a 0', '13#1 a 0~0', '7#1 a 0~0', '4#1 a 0', '3#1 a 0', '4#1 a 0', '2#1 a 0'], (t) => {
    const a = t.enterAsync('a');
    a.suspend(Object.assign(() => {}, { then: () => {} }));
    a.resume();
    a.suspend({ then: 1 });
    a.resume();
    a.return();
  }),
  records('AsyncFrame with values full: return(value) and throw(error) carry them, return() none', ['1#1 a 0', '3#1 a 0', '5#1 a 0 {"name":"Error","message":"x"}', '2#1 a 0 {"a":1}', '1#2 b 0', '2#2 b 0'], (t) => {
    const a = t.enterAsync('a');
    a.suspend(1);
    a.throw(new Error('x'));
    a.return({ a: 1 });
    t.enterAsync('b').return();
  }, { payloads: { values: 'full' } }),
  records('AsyncFrame with values summary: unwind(error) carries it, unwind() none', ['1#1 a 0', '6#1 a 0 {"type":"error","name":"TypeError"}', '1#2 b 0', '6#2 b 0'], (t) => {
    t.enterAsync('a').unwind(new TypeError('x'));
    t.enterAsync('b').unwind();
  }, { payloads: { values: 'summary' } }),
  records('pendingAfter 2 events: resumed after 2 events, no dump', ['1#1 a 0', '3#1 a 0', '14#0 x 0', '14#0 y 0', '4#1 a 0'], (t) => {
    const a = t.enterAsync('a');
    a.suspend(1);
    t.event('x');
    t.event('y');
    a.resume();
  }, { pendingAfter: { events: 2 } }),
  records('pendingAfter 2 events: resumed after 3 events, a pending dump first (awaiting nothing traced: ~0)', ['1#1 a 0', '3#1 a 0', '14#0 x 0', '14#0 y 0', '14#0 z 0', '8#1 a 0~0', '4#1 a 0'], (t) => {
    const a = t.enterAsync('a');
    a.suspend(1);
    t.event('x');
    t.event('y');
    t.event('z');
    a.resume();
  }, { pendingAfter: { events: 2 } }),
  // A simulated clock of 1000 ns a read: one read an event, one when suspending, one when resuming.
  records('pendingAfter 2000 ns: resumed 2000 ns after suspending, no dump', ['1#1 a 0', '3#1 a 0', '14#0 x 0', '4#1 a 0'], (t) => {
    const a = t.enterAsync('a');
    a.suspend(1);
    t.event('x');
    a.resume();
  }, { pendingAfter: { ns: 2000 }, clock: simulatedClock(1000) }),
  records('pendingAfter 2000 ns: resumed 3000 ns after suspending, a pending dump first', ['1#1 a 0', '3#1 a 0', '14#0 x 0', '14#0 y 0', '8#1 a 0~0', '4#1 a 0'], (t) => {
    const a = t.enterAsync('a');
    a.suspend(1);
    t.event('x');
    t.event('y');
    a.resume();
  }, { pendingAfter: { ns: 2000 }, clock: simulatedClock(1000) }),
  // Generators: closed before their first next() (nothing recorded, nothing run after), values on throw-in, return and unwind.
  records('a generator closed by return() or throw() before its first next() records nothing and stays closed', [], (t) => {
    const g = t.trace(function* g() {
      yield 1;
    });
    const a = g();
    const r = (a as Generator<number, unknown>).return(5);
    const after = a.next();
    const b = g();
    let threw = false;
    try {
      b.throw(new Error('e'));
    } catch {
      threw = true;
    }
    if (r.value !== 5 || !r.done || !after.done || !threw || !b.next().done) throw new Error('not closed as JS closes it');
    if (Object.prototype.toString.call(a) !== '[object Generator]') throw new Error(`the wrapper's tag is ${Object.prototype.toString.call(a)}`);
  }),
  records('values full on a generator: the yielded value, the error thrown in, the return value', ['1#1 g 0', '3#1 g 0 1', '5#1 g 0 {"name":"Error","message":"x"}', '2#1 g 0 7'], (t) => {
    const g = t.trace(function* g() {
      try {
        yield 1;
      } catch {
        return 7;
      }
    })();
    g.next();
    g.throw(new Error('x'));
  }, { payloads: { values: 'full' } }),
  records('values summary on a generator that throws: the unwind carries the error', ['1#1 g 0', '3#1 g 0 {"type":"number"}', '4#1 g 0', '6#1 g 0 {"type":"error","name":"TypeError"}'], (t) => {
    const g = t.trace(function* g() {
      yield 1;
      throw new TypeError('y');
    })();
    g.next();
    try {
      g.next();
    } catch {
      // the unwind is what is checked
    }
  }, { payloads: { values: 'summary' } }),
  // traceAsync: which promise belongs to which activation (await ~awaited, wake by it at its completion).
  records('traceAsync: awaiting the promise of an activation still running, woken by its completion', ['1#1 b 0', '1#2 outer 0', '2#2 outer 0', '1#3 a 0', '3#3 a 0', '13#3 a 0~1', '7#3 a 0~1', '2#1 b 0', '4#3 a 0', '2#3 a 0'], (t) => {
    let frame: ReturnType<Tracer['enterAsync']> | undefined;
    const b = t.traceAsync(function bjob() {
      frame = t.enterAsync('b'); // the first activation entered in the call is the promise's
      t.enterAsync('outer').return();
      return { then: () => {} };
    });
    if (b.name !== 'bjob') throw new Error(`traceAsync's wrapper is named ${b.name}`);
    const promise = b();
    const a = t.enterAsync('a');
    a.suspend(promise);
    frame!.return();
    a.resume();
    a.return();
  }),
  records('traceAsync of functions returning 5, null, or an object without entering an activation: returned as they are, nothing added', ['1#1 k 0', '2#1 k 0', '1#2 k 0', '2#2 k 0'], (t) => {
    const five = t.traceAsync(() => {
      t.enterAsync('k').return();
      return 5;
    })();
    const none = t.traceAsync(() => {
      t.enterAsync('k').return();
      return null;
    })();
    const plain = {};
    const same = t.traceAsync(() => plain)();
    if (five !== 5 || none !== null || same !== plain || Object.getOwnPropertySymbols(plain).length !== 0) throw new Error('traceAsync changed what the function returned');
  }),
  {
    what: 'a snapshot is a copy: recording more (new events, a new code, a payload), or clearing and recording again, changes no snapshot taken before; its columns hold its events only',
    run: () => {
      for (const options of [{ capacity: 16 }, { retain: { events: 16 } }, { capacity: 16, clock: simulatedClock() }]) {
        const t = new Tracer(options);
        t.trace(function f() {})();
        t.event('e', { a: 1 });
        t.recorder.emitStream(EventKind.Dropped, 3); // a peer value: the waker column exists
        const before = t.snapshot();
        const text = JSON.stringify([before.events(), before.codes]);
        t.trace(function g() {})();
        t.event('e', { b: 2 });
        // Cleared (as WireRecording.flush does) and recorded again: the same slots get other values in every column.
        t.recorder.clear();
        t.recorder.emitStream(EventKind.Dropped, 7);
        t.event('x', { c: 3 });
        const after = JSON.stringify([before.events(), before.codes]);
        if (after !== text) return [`a snapshot is a copy (${JSON.stringify(options)}): it changed from ${text} to ${after}`];
        const c = before.columns;
        const lengths = [c.kind, c.flags, c.activation, c.code, c.seq, c.waker, c.payload, c.tsNs].filter((x) => x !== undefined).map((x) => x.length);
        if (before.length !== 4 || lengths.some((n) => n !== 4) || c.waker === undefined) return [`a snapshot is a copy (${JSON.stringify(options)}): ${before.length} events in columns of ${lengths.join(', ')}, want 4 and a waker column`];
      }
      return [];
    },
  },
  ...RECORDER_ARGUMENTS,
  // WireRecording: options handed to the writer and the tracer, checkpoints, and resume's refusals.
  recording('WireRecording.start with chunkBytes, flushEveryEvents 2, values full and a clock read as -5 and 1.6 ns', (sink) => {
    let reads = 0;
    const r = WireRecording.start(sink, { chunkBytes: 256, flushEveryEvents: 2, payloads: { values: 'full' }, clock: () => (reads++ === 0 ? -5 : 1.6) });
    r.tracer.trace(function f() {
      return { a: 1 };
    })();
    r.tracer.trace(function g() {})();
    r.close();
  }, (t, chunks) => {
    const got = t.events().map((e) => `${e.kind} ${e.tsNs} ${e.payload ?? '-'}`).join(' | ');
    // -5 is no time: 0; 1.6 rounds to 2. Four events, flushed two by two, then the end chunk.
    const want = '1 0 - | 2 2 {"a":1} | 1 2 - | 2 2 {"type":"undefined"}';
    return [...(got === want ? [] : [`events ${got}, want ${want}`]), ...(chunks === 3 ? [] : [`${chunks} chunks, want 3 (2 + 2 events, then the end)`])];
  }),
  recording('WireRecording.start with chunkBytes 256 alone: 200 events (over 400 bytes) end several chunks', (sink) => {
    const r = WireRecording.start(sink, { chunkBytes: 256 });
    const f = r.tracer.trace(function f() {});
    for (let i = 0; i < 100; i++) f();
    r.close();
  }, (t, chunks) => (t.length === 200 && chunks >= 2 ? [] : [`${t.length} events in ${chunks} chunks, want 200 in 2 or more (a chunk sealed once its events reach 256 bytes)`])),
  refuses('WireRecording.checkpoint(0)', 'RangeError', ['checkpoint: id'], () => WireRecording.start(new MemorySink()).checkpoint(0)),
  refuses('WireRecording.checkpoint(2^32)', 'RangeError', ['checkpoint: id'], () => WireRecording.start(new MemorySink()).checkpoint(2 ** 32)),
  refuses('WireRecording.checkpoint(1.5)', 'RangeError', ['checkpoint: id'], () => WireRecording.start(new MemorySink()).checkpoint(1.5)),
  recording('WireRecording.checkpoint(2^32 - 1)', (sink) => {
    const r = WireRecording.start(sink);
    r.checkpoint(2 ** 32 - 1);
    r.close();
  }, (t) => (t.length === 1 && t.columns.kind[0] === EventKind.Checkpoint && t.columns.waker?.[0] === 2 ** 32 - 1 ? [] : [`want one checkpoint mark 4294967295, got ${JSON.stringify(t.events())}`])),
  refuses('WireRecording.resume of a closed recording', 'TraceFormatError', ['bad-record: x.wire was closed: a finished recording is not resumed'], () => {
    const sink = new MemorySink();
    WireRecording.start(sink).close();
    WireRecording.resume(sink.bytes(), () => new MemorySink(), {}, 'x.wire');
  }),
  refuses('WireRecording.resume of chunks without the file header', 'TraceFormatError', ['bad-header: the stream has no file header: a segment is not resumed (at byte 0)'], () => {
    const sink = new MemorySink();
    const r = WireRecording.start(sink);
    r.tracer.trace(function f() {})();
    r.flush();
    WireRecording.resume(sink.bytes().subarray(12), () => new MemorySink());
  }),
  refuses('WireRecording.resume of text', 'TraceFormatError', ['bad-magic: the stream is not a wire stream to resume: not a trace-harness wire file (byte 0x68) (at byte 0)'], () => WireRecording.resume(new TextEncoder().encode('hello world!'), () => new MemorySink())),
  refuses('WireRecording.resume with a clock of a recording without timestamps', 'RangeError', ['WireRecording.resume: the stream has no timestamps: resume it without a clock'], () => {
    const sink = new MemorySink();
    const r = WireRecording.start(sink);
    r.tracer.trace(function f() {})();
    r.flush();
    WireRecording.resume(sink.bytes(), () => new MemorySink(), { clock: () => 1 });
  }),
  refuses('WireRecording.resume without a clock of a recording with timestamps', 'RangeError', ['WireRecording.resume: the stream has timestamps: resume it with a clock'], () => {
    const sink = new MemorySink();
    const r = WireRecording.start(sink, { clock: () => 1 });
    r.tracer.trace(function f() {})();
    r.flush();
    WireRecording.resume(sink.bytes(), () => new MemorySink());
  }),
  {
    what: 'WireRecording.resume of 5 bytes of the header starts afresh; of a flushed prefix and 5 bytes of junk loses those 5',
    run: () => {
      const problems: string[] = [];
      const fresh = WireRecording.resume(Uint8Array.of(0x89, 0x54, 0x52, 0x48, 0x0d), () => new MemorySink());
      if (fresh.recovered !== undefined) problems.push(`a header prefix: recovered ${JSON.stringify(fresh.recovered)}, want a fresh start`);
      const sink = new MemorySink();
      const r = WireRecording.start(sink);
      r.tracer.trace(function f() {})();
      r.flush();
      const bytes = Uint8Array.from([...sink.bytes(), 0xc5, 1, 2, 3, 4]);
      let kept = -1;
      const resumed = WireRecording.resume(bytes, (keep) => {
        kept = keep;
        return new MemorySink();
      });
      if (kept !== bytes.length - 5 || resumed.recovered?.lostBytes !== 5 || resumed.recovered.events !== 2) problems.push(`a prefix and junk: kept ${kept} of ${bytes.length}, recovered ${JSON.stringify(resumed.recovered)}`);
      return problems;
    },
  },
  {
    what: 'simulatedClock(1000, 5000) reads 5000, 6000, 7000; performanceClock starts near 0 ns, never goes back and counts ns',
    run: () => {
      const s = simulatedClock(1000, 5000);
      const got = [s(), s(), s()];
      const p = performanceClock();
      const [a, b] = [p(), p()];
      const problems: string[] = [];
      if (got.join() !== '5000,6000,7000') problems.push(`simulatedClock(1000, 5000) read ${got.join(', ')}`);
      // 1 s of slack: the reading is ns since the clock was made, not ms nor the time since some other origin.
      if (!(Number.isInteger(a) && a >= 0 && a < 1e9 && b >= a)) problems.push(`performanceClock read ${a} then ${b} ns`);
      // After at least 2 ms of performance.now(), a reading in ns is at least 2e6 (however busy the machine).
      const start = performance.now();
      while (performance.now() - start < 2);
      const c = p();
      if (!(c >= 2e6)) problems.push(`performanceClock read ${c} ns after 2 ms`);
      return problems;
    },
  },
];

let tablePassed = false;

/**
 * Every row of {@link TRACER_ARGUMENTS}, once per process once it passes (the rows are fixed: drawn three to
 * five a case, a default run checked each about ten times and a short one could miss a row).
 * @returns what went wrong, one line each
 */
export function checkTracerArgumentTable(): string[] {
  if (tablePassed) return [];
  const problems = TRACER_ARGUMENTS.flatMap((a) => a.run());
  tablePassed = problems.length === 0;
  return problems;
}
