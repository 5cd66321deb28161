import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { EventKind } from '../../src/model/kinds.ts';
import { Tracer } from '../../src/recorder/tracer.ts';
import { encodeWire } from '../../src/wire/encode.ts';
import { MemorySink } from '../../src/wire/sink.ts';
import { WireWriter } from '../../src/wire/writer.ts';
import { captureCliOutput } from '../fixtures/capture-cli.ts';

// Runs the CLI in-process and captures what it writes.
const io = captureCliOutput();
// eslint-disable-next-line no-control-regex
const plain = (s: string): string => s.replace(/\x1b\[[0-9;]*m/g, '');
const dir = mkdtempSync(join(tmpdir(), 'th-verify-'));

const HEADER = '{"format":"trace-harness-jsonl","version":1}';

/** A JSONL file with our header, one hand-written event a line: `[kind, activation, code]`. */
function jsonl(name: string, rows: readonly (readonly [string, number, string])[]): string {
  const lines = rows.map(([kind, activation, code], seq) => JSON.stringify({ seq, kind, activation, code, flags: 0 }));
  const path = join(dir, name);
  writeFileSync(path, [HEADER, ...lines].join('\n') + '\n');
  return path;
}

function file(name: string, text: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** call main, call g, yield g, return main: g is left suspended. */
const SUSPENDED = [
  ['call', 1, 'main'],
  ['call', 2, 'g'],
  ['yield', 2, 'g'],
  ['return', 1, 'main'],
] as const;

/** The twin: g is thrown into after its yield and unwinds, so everything finishes. */
const CLOSED = [
  ['call', 1, 'main'],
  ['call', 2, 'g'],
  ['yield', 2, 'g'],
  ['throw', 2, 'g'],
  ['unwind', 2, 'g'],
  ['return', 1, 'main'],
] as const;

describe('trace-harness verify --strict', () => {
  it('should pass a generator left suspended without --strict, with a note', async () => {
    const path = jsonl('suspended.jsonl', SUSPENDED);
    expect(await main(['verify', path])).toBe(0);
    expect(plain(io.out)).toContain('note: 1 generator activation(s) left suspended at the end');
  });

  it('should fail a generator left suspended with --strict, naming it under lifecycle/not-finished', async () => {
    const path = jsonl('suspended-strict.jsonl', SUSPENDED);
    expect(await main(['verify', '--strict', path])).toBe(1);
    const out = plain(io.out);
    expect(out).toMatch(/^FAIL {2}.*suspended-strict\.jsonl: jsonl, 4 events, 1 violation\(s\)\n/);
    expect(out).toContain('lifecycle/not-finished at end of trace: want #2 (g) returned or unwound by the end, got suspended');
    expect(out).not.toContain('note:');
  });

  it('should pass the twin whose generator is thrown into and unwinds, with and without --strict', async () => {
    const path = jsonl('closed.jsonl', CLOSED);
    expect(await main(['verify', path])).toBe(0);
    expect(await main(['verify', '--strict', path])).toBe(0);
    expect(plain(io.out)).not.toContain('note:');
  });

  it('should fail a frame still running at the end of a recording not closed yet under --strict only', async () => {
    // A wire file flushed but not closed (no end-of-stream record): main is still running, legal as a
    // prefix of a live recording, but not finished.
    const sink = new MemorySink();
    const w = new WireWriter(sink);
    w.defineCode(0, 'main');
    w.defineCode(1, 'f');
    w.append(EventKind.Call, 1, 0, 0, 0);
    w.append(EventKind.Call, 2, 1, 0, 1);
    w.append(EventKind.Return, 2, 1, 0, 2);
    w.flush();
    const path = file('running.wire', sink.bytes());
    expect(await main(['verify', path])).toBe(0);
    expect(await main(['verify', '--strict', path])).toBe(1);
    expect(plain(io.out)).toContain('lifecycle/not-finished at end of trace: want #1 (main) returned or unwound by the end, got running');
  });

  it('should report a frame still running at the end of a complete trace once, as stack balance does', async () => {
    const path = file('running.trace', 'call main #1\ncall f #2\nreturn f #2\n');
    expect(await main(['verify', '--strict', path])).toBe(1);
    expect(plain(io.out)).toContain('stack-balance/open-at-end at end of trace: want an empty stack at the end, got #1 still running');
    expect(plain(io.out)).not.toContain('lifecycle/not-finished');
  });

  it('should count activations closed by abandoned (a crash-recovered file) as finished', async () => {
    const path = file('recovered.trace', 'call main #1\ncall g #2\nyield g #2\nrecovery from ?\nabandoned g #2\nabandoned main #1\n');
    expect(await main(['verify', '--strict', path])).toBe(0);
  });

  it('should not blame a flight-recorder snapshot for activations open at its start, only for those it starts', async () => {
    const t = new Tracer({ retain: { events: 4 } });
    const gen = t.trace(function* old() {
      yield;
    });
    const f = t.trace(function f() {});
    gen().next(); // call old, yield old: evicted; old is suspended where the window starts
    f();
    f(); // the window: dropped, return f, call f, return f
    const before = file('snapshot.wire', encodeWire(t.snapshot()));
    expect(await main(['verify', '--strict', before])).toBe(0);
    const fresh = t.trace(function* fresh() {
      yield;
    });
    fresh().next(); // started inside the window and left suspended
    const after = file('snapshot-fresh.wire', encodeWire(t.snapshot()));
    io.out = '';
    expect(await main(['verify', after])).toBe(0);
    expect(await main(['verify', '--strict', after])).toBe(1);
    expect(plain(io.out)).toMatch(/lifecycle\/not-finished at end of trace: want #\d+ \(fresh\) returned or unwound by the end, got suspended/);
    expect(plain(io.out)).not.toContain('(old)');
  });

  it('should fail an async slice still open in Chrome JSON under --strict, and note it without', async () => {
    const chrome = file(
      'open-async.json',
      JSON.stringify([
        { ph: 'B', name: 'main', pid: 1, tid: 1, ts: 0 },
        { ph: 'b', name: 'g', cat: 'suspended', id: 2, pid: 1, tid: 1, ts: 1 },
        { ph: 'E', name: 'main', pid: 1, tid: 1, ts: 2 },
      ]),
    );
    expect(await main(['verify', chrome])).toBe(0);
    expect(plain(io.out)).toContain('note: 1 async slice(s) still open at the end (suspended activations)');
    io.out = '';
    expect(await main(['verify', '--strict', chrome])).toBe(1);
    expect(plain(io.out)).toContain('chrome json, 3 events on 1 thread(s), 1 violation(s)');
    expect(plain(io.out)).toContain('chrome/async-open-at-end at event 1');
  });

  it('should fail a generator left suspended in one stream of merged text under --strict', async () => {
    const merged = file('merged.trace', '@a call main #1\n@b call g #1\n@b yield g #1\n@a return main #1\n');
    expect(await main(['verify', merged])).toBe(0);
    expect(await main(['verify', '--strict', merged])).toBe(1);
    expect(plain(io.out)).toContain('stream b: lifecycle/not-finished at end of trace: want #1 (g) returned or unwound by the end, got suspended');
  });

  it('should document --strict in its help', async () => {
    expect(await main(['verify', '--help'])).toBe(0);
    expect(io.out).toContain('--strict');
    expect(io.out).toMatch(/--strict +an activation not finished at the end/);
  });
});

describe('trace-harness verify: JSONL without our header', () => {
  /** The same events as SUSPENDED, as a tracer in another language writes them: events only. */
  const headerless = (name: string, rows: readonly (readonly [string, number, string])[]): string =>
    file(name, rows.map(([kind, activation, code], seq) => JSON.stringify({ seq, kind, activation, code, flags: 0 })).join('\n') + '\n');

  it('should read a headerless JSONL file as JSONL and judge it like one with the header', async () => {
    const path = headerless('foreign.jsonl', SUSPENDED);
    expect(await main(['verify', path])).toBe(0);
    expect(plain(io.out)).toMatch(/^ok {4}.*foreign\.jsonl: jsonl, 4 events\n/);
    io.out = '';
    expect(await main(['verify', '--strict', path])).toBe(1);
    expect(plain(io.out)).toContain('lifecycle/not-finished at end of trace: want #2 (g) returned or unwound by the end, got suspended');
    io.out = '';
    expect(await main(['print', path])).toBe(0);
    expect(io.out).toBe('call main #1\ncall g #2\nyield g #2\nreturn main #1\n');
  });

  it('should report a schema error of a headerless file at its line, not as bad chrome json', async () => {
    const path = file('foreign-bad.jsonl', '{"seq":0,"kind":"call","activation":1,"code":"main","flags":0}\n{"seq":1,"kind":"return","activation":1}\n');
    expect(await main(['verify', path])).toBe(1);
    expect(plain(io.out)).toContain('foreign-bad.jsonl: line 2: want activation, code and flags (and no count, id or from) on a frame event');
  });

  it('should name what it wanted for a file whose first line is no header, no event and no chrome json', async () => {
    const path = file('neither.jsonl', '{"seq":0,"kind":"leap"}\n{"seq":1,"kind":"leap"}\n');
    expect(await main(['verify', path])).toBe(1);
    const out = plain(io.out);
    expect(out).toContain('unknown-format: want a trace-harness-jsonl header line {"format":"trace-harness-jsonl","version":1}, a jsonl event line {"seq":<n>,"kind":"<event kind>",...} or chrome trace json, got first line {"seq":0,"kind":"leap"} ("leap" is not an event kind name)');
    expect(out).not.toContain('want chrome trace json');
    expect(await main(['print', path])).toBe(2);
    expect(io.err).toContain('unknown-format: want a trace-harness-jsonl header line');
  });
});
