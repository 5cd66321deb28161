import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chunkLayout } from '../../harness/properties/wire-layout.ts';
import { validateTrace } from '../../src/check/validate-trace.ts';
import { main } from '../../src/cli/main.ts';
import { encodeChrome } from '../../src/formats/chrome.ts';
import { verifyChrome } from '../../src/formats/chrome-verify.ts';
import { decodeJsonl, encodeJsonl } from '../../src/formats/jsonl.ts';
import { formatCanonical, parseCanonical, traceFromCanonical } from '../../src/formats/text.ts';
import { TraceFormatError } from '../../src/model/errors.ts';
import { EventKind } from '../../src/model/kinds.ts';
import { Trace } from '../../src/model/trace.ts';
import { Tracer } from '../../src/recorder/tracer.ts';
import { WireWriter } from '../../src/wire/writer.ts';
import { MemorySink } from '../../src/wire/sink.ts';
import { encodeWire } from '../../src/wire/encode.ts';
import { decodeWire, readWire } from '../../src/wire/reader.ts';
import { captureCliOutput } from '../fixtures/capture-cli.ts';

// The open set of a partial trace (a flight-recorder snapshot, a wire segment) travels through every
// format, so convert-then-verify agrees with verify.
const io = captureCliOutput();
const dir = mkdtempSync(join(tmpdir(), 'th-open-'));
const GOLDEN = 'golden/traces/retention-yield-star-last-8.trace';

/** A snapshot: main and outer running, middle and inner suspended where it starts (the golden's shape). */
function snapshot(): Trace {
  const tracer = new Tracer({ retain: { events: 6 } });
  const inner = tracer.trace(function* inner() {
    yield 1;
  }, 'inner');
  const middle = tracer.trace(function* middle() {
    yield* inner();
  }, 'middle');
  const outer = tracer.trace(() => {
    const g = middle();
    g.next();
    for (let i = 0; i < 3; i++) tracer.trace(() => 0, 'leaf')();
    g.next();
  }, 'outer');
  tracer.trace(() => outer(), 'main')();
  return tracer.snapshot();
}

describe('open set of a partial trace through every format', () => {
  it('should have a snapshot that declares running and suspended activations (the arrangement)', () => {
    const t = snapshot();
    expect(t.open.map((o) => o.state)).toEqual(['running', 'running', 'suspended', 'suspended']);
    expect(validateTrace(t)).toEqual([]);
  });

  it('should verify the committed golden retention-yield-star-last-8 as it is', async () => {
    expect(await main(['verify', GOLDEN])).toBe(0);
  });

  for (const to of ['wire', 'jsonl', 'text', 'chrome'] as const) {
    it(`should verify the golden retention-yield-star-last-8 converted to ${to}`, async () => {
      const out = join(dir, `golden.${to}`);
      expect(await main(['convert', GOLDEN, '-o', out, '--to', to])).toBe(0);
      io.out = '';
      expect(await main(['verify', out])).toBe(0);
      expect(io.out).not.toContain('violation');
    });
  }

  it('should keep the open set exactly through wire, JSONL and text', () => {
    const t = snapshot();
    const canonicalOpen = (x: Trace) => x.canonicalOpen();
    const viaText = parseCanonical(formatCanonical(t));
    for (const back of [decodeWire(encodeWire(t)), decodeJsonl(encodeJsonl(t)), traceFromCanonical(viaText.events, viaText.open)]) {
      expect(canonicalOpen(back)).toEqual(canonicalOpen(t));
      expect(back.canonical()).toEqual(t.canonical());
      expect(validateTrace(back)).toEqual([]);
    }
  });

  it('should write the open set in text as open lines before the events, numbered first', () => {
    const text = formatCanonical(snapshot());
    expect(text.split('\n').slice(0, 4)).toEqual(['open main #1 running', 'open outer #2 running', 'open inner #3 suspended', 'open middle #4 suspended']);
  });

  it('should balance every slice in Chrome JSON of a snapshot: open activations begin before the first event', () => {
    const r = verifyChrome(encodeChrome(snapshot()));
    expect(r.violations).toEqual([]);
  });

  it('should refuse an open line after the first event, and an unknown state', () => {
    const late = (() => {
      try {
        parseCanonical('call f #1\nopen g #2 running\n');
      } catch (e) {
        return e;
      }
    })();
    expect(late).toBeInstanceOf(TraceFormatError);
    expect((late as TraceFormatError).message).toContain('before the first event');
    expect(() => parseCanonical('open g #2 sleeping\n')).toThrow(TraceFormatError);
  });

  it('should keep a partial open list (older suspended activations omitted) through wire, JSONL and text', () => {
    const t = new Trace(
      Trace.fromEvents([{ seq: 0, kind: EventKind.Resume, activation: 9, code: 0, flags: 0 }, { seq: 1, kind: EventKind.Return, activation: 9, code: 0, flags: 0 }], ['old']).columns,
      ['old'],
      2,
      [],
      true,
    );
    expect(validateTrace(t)).toEqual([]);
    const viaText = parseCanonical(formatCanonical(t));
    for (const back of [decodeWire(encodeWire(t)), decodeJsonl(encodeJsonl(t)), traceFromCanonical(viaText.events, viaText.open, viaText.openPartial)]) {
      expect(back.openPartial).toBe(true);
      expect(validateTrace(back)).toEqual([]);
    }
  });

  it('should verify a wire segment (chunks cut out of a stream) after conversion to every format, as it verifies itself', async () => {
    const sink = new MemorySink();
    const tracer = new Tracer();
    const gen = tracer.trace(function* g() {
      for (let i = 0; i < 500; i++) yield i;
    }, 'g');
    const it = gen();
    it.next();
    tracer.trace(() => {
      for (let i = 0; i < 400; i++) it.next();
    }, 'main')();
    for (const _ of it) {
      // finish
    }
    const w = new WireWriter(sink, { chunkBytes: 256 });
    w.appendTrace(tracer.snapshot());
    w.close();
    const layout = chunkLayout(sink.bytes());
    const seg = join(dir, 'seg.wire');
    writeFileSync(seg, sink.bytes().subarray(layout[3]!.start, layout[6]!.end));
    expect(readWire(new Uint8Array(readFileSync(seg))).checkpoint?.open.length).toBeGreaterThan(0);
    expect(await main(['verify', seg])).toBe(0);
    io.out = '';
    for (const to of ['jsonl', 'text', 'chrome', 'wire'] as const) {
      const out = join(dir, `seg.${to}`);
      expect(await main(['convert', seg, '-o', out, '--to', to])).toBe(0);
      io.out = '';
      const code = await main(['verify', out]);
      expect(io.out).toMatch(/^ok/);
      expect(code).toBe(0);
    }
  });
});

describe('the bound on the open set a text or JSONL file declares', () => {
  const opens = (n: number) => Array.from({ length: n }, (_, i) => `open f #${i + 1} running`).join('\n');
  it('should read 65,536 open activations and refuse one more at its line (limit-exceeded)', () => {
    expect(parseCanonical(`${opens(65536)}\ncall g #65537\n`).open).toHaveLength(65536);
    let error: unknown;
    try {
      parseCanonical(`${opens(65537)}\ncall g #65538\n`);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TraceFormatError);
    expect(error).toMatchObject({ code: 'limit-exceeded', line: 65537 });
    expect((error as Error).message).toContain('65536');
  });

  it('should refuse to write a JSONL header longer than a JSONL line may be, which decodeJsonl would refuse', () => {
    // Found writing this test (issue 13): 65,536 open activations need about 3 MB of header line, past the
    // 1 MiB every JSONL line is bounded to, so encodeJsonl wrote files decodeJsonl refuses.
    const open = (n: number) => Array.from({ length: n }, (_, i) => ({ activation: i + 1, code: 0, state: 'running' as const }));
    const trace = (n: number) => Trace.fromEvents([{ seq: 0, kind: EventKind.Call, activation: n + 1, code: 0, flags: 0 }], ['f']).withOpen(open(n));
    expect(() => encodeJsonl(trace(30000))).toThrow(/encodeJsonl: .*30000 open activations.*1048576/);
    expect(decodeJsonl(encodeJsonl(trace(20000))).open).toHaveLength(20000);
  });

  it('should report such a trace as a usage error when converted to JSONL (exit 2), and convert it to wire', async () => {
    const input = join(dir, 'many-open.trace');
    writeFileSync(input, `${Array.from({ length: 30000 }, (_, i) => `open f #${i + 1} running`).join('\n')}\ncall g #30001\n`);
    io.err = '';
    expect(await main(['convert', input, '-o', join(dir, 'many-open.jsonl'), '--to', 'jsonl'])).toBe(2);
    expect(io.err).toContain('30000 open activations');
    expect(await main(['convert', input, '-o', join(dir, 'many-open.wire'), '--to', 'wire'])).toBe(0);
  });
});
