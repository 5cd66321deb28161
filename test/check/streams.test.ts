import { describe, expect, it } from 'vitest';
import { checkStreamsCase, runStreamsProperty } from '../../harness/properties/streams-property.ts';
import { expectStreamsValid } from '../../src/assert/expect-streams.ts';
import { checkStreams } from '../../src/check/streams.ts';
import { encodeChromeStreams } from '../../src/formats/chrome.ts';
import { verifyChrome } from '../../src/formats/chrome-verify.ts';
import { detectFormat } from '../../src/formats/detect.ts';
import { formatMerged, parseMerged } from '../../src/formats/merged-text.ts';
import { EventKind } from '../../src/model/kinds.ts';
import { MAX_STREAMS, MergedTrace, mergeStreams, type TraceStream } from '../../src/model/merged-trace.ts';
import { TraceFormatError } from '../../src/model/errors.ts';
import { Trace } from '../../src/model/trace.ts';
import { simulatedClock } from '../../src/recorder/clock.ts';
import { Tracer } from '../../src/recorder/tracer.ts';

/** A stream of call/return pairs of `main`, with the given seqs and timestamps. */
function stream(id: string, seqs: number[], ts?: number[]): TraceStream {
  const trace = Trace.fromEvents(
    seqs.map((seq, i) => ({ seq, kind: i % 2 === 0 ? EventKind.Call : EventKind.Return, activation: Math.floor(i / 2) + 1, code: 0, flags: 0, ...(ts ? { tsNs: ts[i]! } : {}) })),
    ['main'],
  );
  return { id, trace };
}

describe('mergeStreams', () => {
  it('should interleave by time, ties to the stream listed first, keeping each stream whole and in order', () => {
    const m = mergeStreams([stream('a', [0, 1, 2, 3], [10, 30, 30, 60]), stream('b', [0, 1], [20, 30])]);
    expect(m.by).toBe('time');
    expect([...m].map((e) => `${e.stream}:${e.index}`)).toEqual(['a:0', 'b:0', 'a:1', 'a:2', 'b:1', 'a:3']);
    expect(checkStreams(m)).toEqual([]);
  });

  it('should never reorder a stream whose clock goes back, and fall back to seq without clocks', () => {
    const m = mergeStreams([stream('a', [0, 1], [50, 5]), stream('b', [0, 1], [10, 20])]);
    expect([...m].map((e) => `${e.stream}:${e.index}`)).toEqual(['b:0', 'b:1', 'a:0', 'a:1']);
    const bySeq = mergeStreams([stream('a', [0, 1, 2, 3]), stream('b', [0, 1])]);
    expect(bySeq.by).toBe('seq');
    expect([...bySeq].map((e) => `${e.stream}:${e.index}`)).toEqual(['a:0', 'b:0', 'a:1', 'b:1', 'a:2', 'a:3']);
    expect(() => mergeStreams([stream('a', [0, 1])], { by: 'time' })).toThrow('by time needs timestamps in every stream; a has none');
    expect(() => mergeStreams([stream('a', [0, 1]), stream('a', [0, 1])])).toThrow('stream ids must be unique');
  });
});

describe('checkStreams and expectStreamsValid', () => {
  it('should allow the same seq and activation numbers in different streams', () => {
    expect(() => expectStreamsValid(mergeStreams([stream('a', [0, 1]), stream('b', [0, 1])]))).not.toThrow();
  });

  it('should catch a restart that reuses seq within a stream, naming the stream', () => {
    const m = mergeStreams([stream('a', [0, 1, 0, 1]), stream('b', [0, 1])]);
    expect(checkStreams(m).map((s) => [s.stream, s.violations.map((v) => v.rule)])).toEqual([['a', ['seq/not-increasing', 'seq/not-increasing']]]);
    expect(() => expectStreamsValid(m)).toThrow(/2 violations in 1 of 2 streams\nstream a:\n(.|\n)*seq\/not-increasing at event 2/);
  });

  it('should catch a merged view that reorders or loses a stream\'s events', () => {
    const streams = [stream('a', [0, 1, 2, 3]), stream('b', [0, 1])];
    const swapped = new MergedTrace(streams, Uint16Array.from([0, 0, 1, 0, 0, 1]), Uint32Array.from([1, 0, 0, 2, 3, 1]), 'seq');
    expect(checkStreams(swapped).flatMap((s) => s.violations.map((v) => `${s.stream} ${v.rule} ${v.eventIndex}`))).toEqual(['a streams/order 1', 'a streams/order 0']);
    const short = new MergedTrace(streams, Uint16Array.from([0, 1, 0, 1]), Uint32Array.from([0, 0, 1, 1]), 'seq');
    expect(checkStreams(short).flatMap((s) => s.violations.map((v) => `${s.stream} ${v.rule} ${v.found}`))).toEqual(['a streams/missing 2 missing from event 2']);
  });
});

describe('merged views in text and Chrome', () => {
  const recorded = (): MergedTrace => {
    const clock = simulatedClock(10);
    const [main, worker] = [new Tracer({ clock }), new Tracer({ clock })];
    const job = worker.trace(function* job() {
      yield 1;
    });
    const it = job();
    main.trace(function run() {
      it.next();
      main.event('spawned');
      it.next();
    })();
    return mergeStreams([
      { id: 'main', trace: main.snapshot() },
      { id: 'worker-1', trace: worker.snapshot() },
    ]);
  };

  it('should tell merged text from canonical text by its first event line', () => {
    const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);
    expect(detectFormat(bytes('# a comment\n\n@main call f #1\n'))).toBe('merged');
    expect(detectFormat(bytes('# program: x\ncall f #1\n'))).toBe('text');
  });

  it('should write and parse merged text, each stream renumbered on its own', () => {
    const text = formatMerged(recorded());
    expect(text).toBe(['@main call run #1', '@worker-1 call job #1', '@worker-1 yield job #1', '@main event spawned #1', '@worker-1 resume job #1', '@worker-1 return job #1', '@main return run #1', ''].join('\n'));
    expect(formatMerged(parseMerged(text))).toBe(text);
    expect(() => parseMerged('@a call f #1\ncall f #2\n')).toThrow('line 2: want "@<stream> <event>"');
    expect(() => parseMerged('@a leap f #1\n')).toThrow('line 1: unknown event kind "leap"');
    expect(() => parseMerged('@a call f #1\n@a #comment\n')).toThrow('line 2: want one event after "@a "');
    const spaced = mergeStreams([{ id: 'my trace', trace: stream('x', [0, 1]).trace }, { id: 'q"x', trace: stream('y', [0, 1]).trace }]);
    const quoted = formatMerged(spaced);
    expect(quoted.split('\n')[0]).toBe('@"my trace" call main #1');
    expect(formatMerged(parseMerged(quoted))).toBe(quoted);
    expect(parseMerged(quoted).streams.map((s) => s.id)).toEqual(['my trace', 'q"x']);
  });

  it('should refuse merged text of more than MAX_STREAMS streams as limit-exceeded, never wrap its 16-bit stream column', () => {
    // Found by npm run fuzz (merged, seed 5, case 5061): stream 65 535 was read as stream 0, which threw a
    // RangeError when stream 0 had fewer events, and silently took stream 0's place when it had as many.
    const many = (n: number): string => Array.from({ length: n }, (_, k) => `@${k.toString(36)} call f #1\n`).join('');
    const thrown = (text: string): unknown => {
      try {
        parseMerged(text);
      } catch (e) {
        return e;
      }
      return undefined;
    };

    expect(parseMerged(many(MAX_STREAMS)).streams).toHaveLength(MAX_STREAMS);
    for (const text of [many(MAX_STREAMS + 1), `${many(MAX_STREAMS)}@${MAX_STREAMS.toString(36)} call f #1\n@${MAX_STREAMS.toString(36)} return f #1\n`]) {
      const e = thrown(text);
      expect(e).toBeInstanceOf(TraceFormatError);
      expect(e).toMatchObject({ code: 'limit-exceeded', line: MAX_STREAMS + 1 });
      expect((e as Error).message).toContain(`want at most ${MAX_STREAMS} streams`);
    }
  });

  it('should put each stream on its own Chrome thread, named by its id, and verify', () => {
    const json = encodeChromeStreams(recorded());
    const events = (JSON.parse(json) as { traceEvents: { ph: string; tid: number; name: string; args: { name?: string } }[] }).traceEvents;
    expect(events.filter((e) => e.ph === 'M' && e.name === 'thread_name').map((e) => [e.tid, e.args.name])).toEqual([
      [1, 'main'],
      [2, 'worker-1'],
    ]);
    expect(events.filter((e) => e.ph === 'B').map((e) => `${e.tid}:${e.name}`)).toEqual(['1:run', '2:job', '2:job']);
    expect(verifyChrome(json).violations).toEqual([]);
  });
});

describe('the multi-stream property', () => {
  it('should hold for 300 random cases', () => {
    const r = runStreamsProperty(300, 20261122);
    expect(r.failure).toBeUndefined();
    expect(r.runs).toBe(300);
  });

  it('should hold a restarted stream to one seq sequence across its recorders', () => {
    const program = { functions: [{ name: 'main', kind: 'sync' as const, body: [] }] };
    expect(checkStreamsCase({ streams: 2, runs: [0, 1, 0, 0].map((stream) => ({ stream, program, restart: true })) })).toEqual([]);
  });
});
