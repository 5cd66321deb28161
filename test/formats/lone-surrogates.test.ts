import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { encodeChrome } from '../../src/formats/chrome.ts';
import { decodeJsonl, encodeJsonl } from '../../src/formats/jsonl.ts';
import { parseMerged } from '../../src/formats/merged-text.ts';
import { formatCanonical, parseCanonical, traceFromCanonical } from '../../src/formats/text.ts';
import { EventKind } from '../../src/model/kinds.ts';
import { Trace } from '../../src/model/trace.ts';
import { Tracer } from '../../src/recorder/tracer.ts';
import { encodeWire } from '../../src/wire/encode.ts';
import { decodeWire } from '../../src/wire/reader.ts';
import { formatError } from '../fixtures/format-error.ts';
import { captureCliOutput } from '../fixtures/capture-cli.ts';

// FORMAT.md §4.2 "Strings": a code name (function name, user event type, stream id) holding a lone
// surrogate is refused by every reader and writer; payload strings travel as JSON escapes, kept exactly.
const io = captureCliOutput();
const LONE = 'f\ud800';
const HEADER = '{"format":"trace-harness-jsonl","version":1}';
const named = (name: string): Trace =>
  Trace.fromEvents(
    [
      { seq: 0, kind: EventKind.Call, activation: 1, code: 0, flags: 0 },
      { seq: 1, kind: EventKind.Return, activation: 1, code: 0, flags: 0 },
    ],
    [name],
  );


describe('lone surrogates in names: refused everywhere', () => {
  it('should refuse a quoted text code name with a lone surrogate as bad-line', () => {
    const e = formatError(() => parseCanonical('call "f\\ud800" #1\n'));
    expect(e.code).toBe('bad-line');
    expect(e.message).toContain('lone surrogate');
  });

  it('should refuse a JSONL code with a lone surrogate as bad-event', () => {
    const e = formatError(() => decodeJsonl(`${HEADER}\n{"seq":0,"kind":"call","activation":1,"code":"f\\udc00","flags":0}\n`));
    expect(e.code).toBe('bad-event');
    expect(e.message).toContain('lone surrogate');
  });

  it('should refuse a merged-text stream id with a lone surrogate as bad-line', () => {
    expect(formatError(() => parseMerged('@"s\\ud800" call f #1\n')).message).toContain('lone surrogate');
  });

  it('should refuse to write a name with a lone surrogate in every format, never store U+FFFD', () => {
    const t = named(LONE);
    for (const write of [encodeWire, encodeJsonl, (x: Trace) => formatCanonical(x), encodeChrome]) {
      expect(() => write(t)).toThrow(/lone surrogate/);
    }
  });

  it('should refuse a name with a lone surrogate in the recorder, when it is interned', () => {
    const tracer = new Tracer();
    expect(() => tracer.trace(() => 1, LONE)).toThrow(RangeError);
    expect(() => tracer.probe.code('\udc00x')).toThrow(RangeError);
  });

  it('should keep well-formed names with surrogate pairs exactly in every format', () => {
    const t = named('f😀');
    expect(decodeWire(encodeWire(t)).codes).toEqual(['f😀']);
    expect(decodeJsonl(encodeJsonl(t)).codes).toEqual(['f😀']);
    expect(traceFromCanonical(parseCanonical(formatCanonical(t)).events).codes).toEqual(['f😀']);
  });

  it('should exit 2 from convert --to wire for a text file whose code name holds a lone surrogate', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'th-lone-'));
    writeFileSync(join(dir, 'in.trace'), 'call "f\\ud800" #1\nreturn "f\\ud800" #1\n');
    expect(await main(['convert', join(dir, 'in.trace'), '-o', join(dir, 'out.wire'), '--to', 'wire'])).toBe(2);
    expect(io.err).toContain('lone surrogate');
  });
});

describe('lone surrogates in payload strings: kept exactly everywhere', () => {
  const payload = JSON.stringify({ s: 'a\ud800b', t: '\udfff' });
  const t = Trace.fromEvents([{ seq: 0, kind: EventKind.Event, activation: 0, code: 0, flags: 0, payload }], ['note']);

  it('should store the payload as JSON escapes, never a raw lone surrogate', () => {
    expect(payload).toBe('{"s":"a\\ud800b","t":"\\udfff"}');
  });

  it('should keep it exactly through wire, JSONL, text and Chrome', () => {
    expect(decodeWire(encodeWire(t)).columns.payload?.[0]).toBe(payload);
    expect(decodeJsonl(encodeJsonl(t)).columns.payload?.[0]).toBe(payload);
    expect(parseCanonical(formatCanonical(t)).events[0]!.payload).toBe(payload);
    const chrome = JSON.parse(encodeChrome(t)) as { traceEvents: { args: { payload?: string } }[] };
    expect(chrome.traceEvents.find((e) => e.args.payload !== undefined)!.args.payload).toBe(payload);
  });

  it('should keep it through the CLI: convert text to wire and print it back unchanged', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'th-lone-'));
    const text = `event note #0 = ${payload}\n`;
    writeFileSync(join(dir, 'p.trace'), text);
    expect(await main(['convert', join(dir, 'p.trace'), '-o', join(dir, 'p.wire'), '--to', 'wire'])).toBe(0);
    io.out = '';
    expect(await main(['print', join(dir, 'p.wire')])).toBe(0);
    expect(io.out).toBe(text);
    expect(readFileSync(join(dir, 'p.trace'), 'utf8')).toBe(text);
  });
});
