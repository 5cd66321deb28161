import { describe, expect, it } from 'vitest';
import { ExactnessValidator } from '../../src/check/exactness.ts';
import { LifecycleValidator } from '../../src/check/lifecycle.ts';
import { runValidators } from '../../src/check/run.ts';
import { encodeChrome } from '../../src/formats/chrome.ts';
import { decodeJsonl, encodeJsonl } from '../../src/formats/jsonl.ts';
import { formatCanonical, parseCanonical, traceFromCanonical } from '../../src/formats/text.ts';
import { EventKind } from '../../src/model/kinds.ts';
import { Trace } from '../../src/model/trace.ts';
import { Tracer } from '../../src/recorder/tracer.ts';
import { encodeWire } from '../../src/wire/encode.ts';
import { MemorySink } from '../../src/wire/sink.ts';
import { WireWriter } from '../../src/wire/writer.ts';
import { WireRecording } from '../../src/recorder/wire-recording.ts';
import { decodeWire } from '../../src/wire/reader.ts';
import { Record } from '../../src/wire/spec.ts';
import { checkpoint, chunk, define, event, file, FIRST_PAYLOAD, varint } from '../fixtures/wire-builder.ts';

const text = (t: Tracer): string => formatCanonical(t.snapshot());

describe('Tracer.event', () => {
  it('should attribute a user event to the running activation, #0 outside any, generators included', () => {
    const t = new Tracer();
    const gen = t.trace(function* worker() {
      t.event('phase_enter', { phase: 'build' });
      yield 1;
      t.event('phase_enter', { phase: 'test' });
    });
    const main = t.trace(function main() {
      const g = gen();
      g.next();
      t.event('runner_spawn');
      g.next();
    });
    t.event('start', { n: 1 });
    main();
    expect(text(t)).toBe(
      [
        'event start #0 = {"n":1}',
        'call main #1',
        'call worker #2',
        'event phase_enter #2 = {"phase":"build"}',
        'yield worker #2',
        'event runner_spawn #1',
        'resume worker #2',
        'event phase_enter #2 = {"phase":"test"}',
        'return worker #2',
        'return main #1',
        '',
      ].join('\n'),
    );
    expect(runValidators(t.snapshot(), [new ExactnessValidator(), new LifecycleValidator()])).toEqual([]);
  });

  it('should redact before storing: a dropped or hashed secret is nowhere in any output', () => {
    const t = new Tracer({ payloads: { redact: { drop: ['password'], hash: ['user'] } } });
    t.trace(function login() {
      t.event('auth', { user: 'alice@example.com', password: 'hunter2', ok: true });
    })();
    const snap = t.snapshot();
    const outputs = [formatCanonical(snap), encodeJsonl(snap), encodeChrome(snap), new TextDecoder().decode(encodeWire(snap))];
    for (const out of outputs) {
      expect(out).not.toContain('hunter2');
      expect(out).not.toContain('alice@example.com');
    }
    expect(snap.at(1).payload).toMatch(/^\{"user":"sha256:[0-9a-f]{16}","ok":true\}$/);
  });

  it('should reject malformed types with a TypeError and record nothing', () => {
    const t = new Tracer();
    for (const bad of ['', '1phase', 'has space', 'x'.repeat(129), 42 as unknown as string]) expect(() => t.event(bad)).toThrow(TypeError);
    expect(() =>
      new Tracer({
        payloads: {
          redact: () => {
            throw new Error('hook');
          },
        },
      }).event('x', 1),
    ).toThrow('hook');
    expect(t.snapshot().length).toBe(0);
  });

  it('should keep only the retained events payloads in a flight-recorder snapshot', () => {
    const t = new Tracer({ retain: { events: 2 } });
    for (let i = 0; i < 5; i++) t.event('tick', { i });
    expect(formatCanonical(t.snapshot())).toBe('dropped 3\nevent tick #0 = {"i":3}\nevent tick #0 = {"i":4}\n');
  });

  it('should reuse no stale payload after clear()', () => {
    const t = new Tracer();
    t.event('a', 1);
    t.recorder.clear();
    t.event('b');
    expect(formatCanonical(t.snapshot())).toBe('event b #0\n');
  });
});

describe('values on yield, return, throw and unwind', () => {
  const program = (t: Tracer): void => {
    const gen = t.trace(function* g() {
      try {
        yield 'hello';
      } catch {
        return [1, 2];
      }
    });
    const fail = t.trace(function fail() {
      throw new RangeError('secret detail');
    });
    const it = gen();
    it.next();
    it.throw(new TypeError('stop'));
    try {
      fail();
    } catch {
      // expected
    }
  };

  it('should record none by default', () => {
    const t = new Tracer();
    program(t);
    expect(t.snapshot().columns.payload).toBeUndefined();
  });

  it('should record a summary of type and size when on', () => {
    const t = new Tracer({ payloads: { values: 'summary' } });
    program(t);
    expect(text(t)).toBe(
      [
        'call g #1',
        'yield g #1 = {"type":"string","size":5}',
        'throw g #1 = {"type":"error","name":"TypeError"}',
        'return g #1 = {"type":"array","size":2}',
        'call fail #2',
        'unwind fail #2 = {"type":"error","name":"RangeError"}',
        '',
      ].join('\n'),
    );
  });

  it('should record full values through redaction and limits when asked', () => {
    const t = new Tracer({ payloads: { values: 'full', limits: { maxStringChars: 3 } } });
    program(t);
    expect(text(t)).toContain('yield g #1 = "hel…(+2)"\n');
    // Keys are strings too: cut at the same limit.
    expect(text(t)).toContain('unwind fail #2 = {"nam…(+1)":"Ran…(+7)","mes…(+4)":"sec…(+10)"}\n');
  });
});

describe('payloads in every format', () => {
  const recorded = (): Trace => {
    const t = new Tracer({ payloads: { values: 'summary' } });
    t.trace(function main() {
      t.event('phase_enter', { phase: 'build', 'odd key': 'a"b\n', n: [1, null] });
      return 5;
    })();
    t.event('done');
    return t.snapshot();
  };

  it('should round-trip through wire, JSONL and canonical text, byte for byte', () => {
    const trace = recorded();
    const wire = encodeWire(trace);
    expect(encodeWire(decodeWire(wire))).toEqual(wire);
    expect(formatCanonical(decodeWire(wire))).toBe(formatCanonical(trace));
    expect(formatCanonical(decodeJsonl(encodeJsonl(trace)))).toBe(formatCanonical(trace));
    const textForm = formatCanonical(trace);
    expect(formatCanonical(traceFromCanonical(parseCanonical(textForm).events))).toBe(textForm);
    expect(encodeJsonl(trace).split('\n')[2]).toBe('{"seq":1,"kind":"event","activation":1,"code":"phase_enter","flags":0,"payload":{"phase":"build","odd key":"a\\"b\\n","n":[1,null]}}');
  });

  it('should show user events as Chrome instants with the payload in args', () => {
    const chrome = JSON.parse(encodeChrome(recorded())) as { traceEvents: { ph: string; name: string; args?: Record<string, unknown> }[] };
    const instant = chrome.traceEvents.find((e) => e.name === 'phase_enter')!;
    expect(instant.ph).toBe('i');
    expect(JSON.parse(instant.args!['payload'] as string)).toEqual({ phase: 'build', 'odd key': 'a"b\n', n: [1, null] });
  });

  it('should reject bad payloads in text and JSONL with typed errors', () => {
    expect(() => parseCanonical('event x #1 = {nope')).toThrow('payload is not JSON');
    expect(() => parseCanonical('call f #0')).toThrow('activation #0 belongs to user events only');
    const header = '{"format":"trace-harness-jsonl","version":1}\n';
    const code = (input: string): string | undefined => {
      try {
        decodeJsonl(input);
      } catch (e) {
        return (e as { code?: string }).code;
      }
      return undefined;
    };
    expect(code(`${header}{"seq":0,"kind":"event","activation":0,"code":"x","flags":0,"payload":"${'a'.repeat(5000)}"}\n`)).toBe('limit-exceeded');
    expect(code(`${header}{"seq":0,"kind":"dropped","count":1,"payload":1}\n`)).toBe('bad-event');
  });
});

describe('payload records in the wire format', () => {
  const utf8 = (s: string): number[] => [...new TextEncoder().encode(s)];
  const payload = (s: string): number[] => [Record.Payload, ...varint(utf8(s).length), ...utf8(s)];
  const userEvent = (delta: number, code: number): number[] => [Record.UserEvent, ...varint(delta * 2), ...varint(code)];
  const prefix = [...define(0, 'phase'), ...checkpoint()];
  const at = (bytes: Uint8Array): [string, number] => {
    try {
      decodeWire(bytes);
    } catch (e) {
      const err = e as { code: string; byteOffset: number };
      return [err.code, err.byteOffset];
    }
    throw new Error('expected an error');
  };

  it('should decode a user event with its payload, taking no seq and no event count', () => {
    const t = decodeWire(file(chunk([...prefix, ...userEvent(0, 0), ...payload('{"a":1}'), ...event(EventKind.Call, 1, 0), Record.End, ...varint(2)], 2)));
    expect(formatCanonical(t)).toBe('event phase #0 = {"a":1}\ncall phase #1\n');
    expect([t.at(0).seq, t.at(1).seq]).toEqual([0, 1]);
  });

  it('should reject a payload with no event before it, a second one, non-canonical or oversized text, at its offset', () => {
    const start = FIRST_PAYLOAD + prefix.length;
    expect(at(file(chunk([...prefix, ...payload('1')], 0)))).toEqual(['bad-record', start]);
    const twice = [...prefix, ...userEvent(0, 0), ...payload('1'), ...payload('2')];
    expect(at(file(chunk(twice, 1)))).toEqual(['bad-record', start + userEvent(0, 0).length + payload('1').length]);
    expect(at(file(chunk([...prefix, ...userEvent(0, 0), ...payload('{ "a": 1 }')], 1)))).toEqual(['bad-record', start + userEvent(0, 0).length + 2]); // at the text (FORMAT.md §7)
    const huge = [...prefix, ...userEvent(0, 0), Record.Payload, ...varint(4097)];
    expect(at(file(chunk(huge, 1)))).toEqual(['limit-exceeded', start + userEvent(0, 0).length]);
  });
});

describe('checkers on user events', () => {
  const rows = (list: [number, number, number][]): Trace =>
    Trace.fromEvents(
      list.map(([kind, activation, code], seq) => ({ seq, kind: kind as EventKind, activation, code, flags: 0 })),
      ['main', 'g', 'phase'],
    );

  it('should flag an event not attributed to the current activation, or to one not running', () => {
    const wrong = rows([
      [EventKind.Call, 1, 0],
      [EventKind.Event, 2, 2],
      [EventKind.Return, 1, 0],
      [EventKind.Event, 1, 2],
    ]);
    expect(runValidators(wrong, [new ExactnessValidator()]).map((v) => [v.rule, v.eventIndex])).toEqual([
      ['exact/event-not-current', 1],
      ['exact/event-not-current', 3],
    ]);
    expect(runValidators(wrong, [new LifecycleValidator()]).map((v) => [v.rule, v.eventIndex])).toEqual([
      ['lifecycle/first-not-call', 1],
      ['lifecycle/after-terminal', 3],
    ]);
    const suspended = rows([
      [EventKind.Call, 2, 1],
      [EventKind.Yield, 2, 1],
      [EventKind.Event, 2, 2],
    ]);
    expect(runValidators(suspended, [new LifecycleValidator()]).map((v) => v.rule)).toEqual(['lifecycle/event-not-running']);
  });
});

describe('payload edge cases found in review', () => {
  it('should never let a value summary change what traced code does', () => {
    const t = new Tracer({ payloads: { values: 'summary' } });
    const thenThrows = {
      get then(): never {
        throw new Error('boom');
      },
    };
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    const give = t.trace(function give(v: unknown) {
      return v;
    });
    expect(give(thenThrows)).toBe(thenThrows);
    expect(give(proxy)).toBe(proxy);
    const gen = t.trace(function* g() {
      try {
        yield 1;
      } catch {
        return 'caught';
      }
    });
    const it = gen();
    it.next();
    expect(it.throw(proxy)).toEqual({ value: 'caught', done: true });
    t.event('after');
    const text = formatCanonical(t.snapshot());
    expect(text).toContain('return give #1 = {"type":"unknown"}\n');
    expect(text).toContain('throw g #3 = {"type":"unknown"}\n');
    expect(text.endsWith('event after #0\n')).toBe(true);
  });

  it('should refuse, in the writer, payload text its reader would refuse; and keep a leading BOM', () => {
    const w = () => {
      const sink = new MemorySink();
      const writer = new WireWriter(sink);
      writer.defineCode(0, 'x');
      return { sink, writer };
    };
    for (const bad of ['not json', '{ "a": 1 }', '']) expect(() => w().writer.append(EventKind.Event, 0, 0, 0, 0, 0, 0, bad)).toThrow('payload must be compact JSON text');
    const { sink, writer } = w();
    writer.append(EventKind.Event, 0, 0, 0, 0, 0, 0, '"\uFEFFa"');
    writer.close();
    expect(decodeWire(sink.bytes()).at(0).payload).toBe('"\uFEFFa"');
    expect(encodeWire(decodeWire(sink.bytes()))).toEqual(sink.bytes());
    const named = Trace.fromEvents([{ seq: 0, kind: EventKind.Call, activation: 1, code: 0, flags: 0 }], ['\uFEFFbom']);
    expect(decodeWire(encodeWire(named)).codes).toEqual(['\uFEFFbom']);
  });

  it('should parse its own text for payloads holding U+2028 and U+2029', () => {
    const t = new Tracer();
    t.trace(function f() {
      t.event('x', { s: 'a\u2028b\u2029c' });
    })();
    const text = formatCanonical(t.snapshot());
    expect(formatCanonical(traceFromCanonical(parseCanonical(text).events))).toBe(text);
  });

  it('should refuse payload numbers JSON cannot keep, in text and JSONL, with typed errors', () => {
    expect(() => parseCanonical('event x #0 = {"n":1e400}')).toThrow('payload is not compact JSON');
    expect(() => parseCanonical('event x #0 = {"n":1.0}')).toThrow('payload is not compact JSON');
    const header = '{"format":"trace-harness-jsonl","version":1}\n';
    for (const p of ['{"n":1e400}', '{"id":12345678901234567890}', '[-1e999]']) {
      expect(() => decodeJsonl(`${header}{"seq":0,"kind":"event","activation":0,"code":"x","flags":0,"payload":${p}}\n`)).toThrow(/payload holds a number JSON text cannot keep/);
    }
  });
});

describe('WireRecording with a clock', () => {
  it('should keep every event when the clock gives fractional or negative ns (rounded, clamped to 0)', () => {
    let now = -3000;
    const sink = new MemorySink();
    const rec = WireRecording.start(sink, { clock: () => (now += 1500.5) });
    const f = rec.tracer.trace(function f() {});
    f();
    f();
    rec.flush();
    rec.close();
    const trace = decodeWire(sink.bytes());
    expect(formatCanonical(trace)).toBe('call f #1\nreturn f #1\ncall f #2\nreturn f #2\n');
    expect(Array.from(trace.columns.tsNs!)).toEqual([0, 1, 1502, 3002]); // reads -1499.5 (below 0: stored as 0), 1, 1501.5 (rounded), 3002
  });
});

describe('payload numbers', () => {
  it('should store integers past 2^53 as text, so every format keeps them, and refuse them as numbers everywhere', () => {
    const t = new Tracer();
    t.event('big', { n: 2 ** 60, ok: 1 });
    const trace = t.snapshot();
    expect(trace.at(0).payload).toBe(`{"n":"${String(2 ** 60)}","ok":1}`); // JS's own text for the number
    expect(formatCanonical(decodeJsonl(encodeJsonl(trace)))).toBe(formatCanonical(trace));
    const w = new WireWriter(new MemorySink());
    w.defineCode(0, 'x');
    expect(() => w.append(EventKind.Event, 0, 0, 0, 0, 0, 0, '{"n":1e+21}')).toThrow('payload must be compact JSON text');
    expect(() => parseCanonical('event x #0 = {"n":1e+21}')).toThrow('payload is not compact JSON');
  });
});
