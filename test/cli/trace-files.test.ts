import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { captureCliOutput } from '../fixtures/capture-cli.ts';
import { decodeWire, readWire } from '../../src/wire/reader.ts';
import { chunkLayout } from '../../harness/properties/wire-layout.ts';

// Runs the CLI in-process and captures what it writes.
const io = captureCliOutput();
// eslint-disable-next-line no-control-regex
const plain = (s: string): string => s.replace(/\x1b\[[0-9;]*m/g, '');
const dir = mkdtempSync(join(tmpdir(), 'th-files-'));
const golden = 'golden/traces/yield-star-two-levels.trace';

describe('trace-harness convert, print, verify, recover', () => {
  it('should convert text to wire, JSONL and Chrome JSON, and print any of them back as the same text', async () => {
    const events = readFileSync(golden, 'utf8').split('\n').filter((l) => l !== '' && !l.startsWith('#')).join('\n') + '\n';
    for (const to of ['wire', 'jsonl', 'text']) {
      const path = join(dir, `t.${to}`);
      expect(await main(['convert', golden, '-o', path, '--to', to])).toBe(0);
      io.out = '';
      expect(await main(['print', path])).toBe(0);
      expect(io.out).toBe(events);
    }
    expect(await main(['convert', join(dir, 't.wire'), '-o', join(dir, 't.json'), '--to', 'chrome'])).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 't.json'), 'utf8')).traceEvents.length).toBeGreaterThan(0);
    io.out = '';
    expect(await main(['print', join(dir, 't.json')])).toBe(0);
    expect(io.out).toBe(events);
  });

  it('should print and convert foreign Chrome JSON by the B/E/X, b/e mapping, exit 0', async () => {
    const chrome = join(dir, 'profile.json');
    const on = { pid: 4, tid: 9 };
    writeFileSync(chrome, JSON.stringify({ traceEvents: [
      { ph: 'M', name: 'thread_name', ...on, args: { name: 'CrRendererMain' } },
      { ph: 'X', name: 'layout', ...on, ts: 12, dur: 3 }, // written when it ended, inside "task"
      { ph: 'B', name: 'task', ...on, ts: 10 },
      { ph: 'b', cat: 'net', id: '0x1', name: 'fetch', ...on, ts: 11 },
      { ph: 'E', name: 'task', ...on, ts: 20 },
      { ph: 'e', cat: 'net', id: '0x1', name: 'fetch', ...on, ts: 25 },
    ] }));
    // Hand-derived: by ts, task 10, fetch b 11, layout 12..15, task E 20, fetch e 25.
    const want = 'call task #1\ncall fetch #2\nyield fetch #2\ncall layout #3\nreturn layout #3\nreturn task #1\nresume fetch #2\nreturn fetch #2\n';
    io.out = '';
    expect(await main(['print', chrome])).toBe(0);
    expect(io.out).toBe(want);
    expect(await main(['convert', chrome, '-o', join(dir, 'profile.trace'), '--to', 'text'])).toBe(0);
    expect(readFileSync(join(dir, 'profile.trace'), 'utf8')).toBe(want);
  });

  it('should refuse Chrome JSON of several threads and slices that do not nest, exit 2', async () => {
    const two = join(dir, 'two.json');
    writeFileSync(two, JSON.stringify([{ ph: 'B', name: 'a', pid: 1, tid: 1, ts: 0 }, { ph: 'B', name: 'b', pid: 1, tid: 2, ts: 0 }]));
    expect(await main(['print', two])).toBe(2);
    expect(io.err).toContain('limit-exceeded: want chrome json with the slices of one thread to read as one trace, got 2 threads: pid 1 tid 1, pid 1 tid 2');
    expect(io.err).toContain('--thread pid:tid');
    io.err = '';
    // --thread picks one: each B left open is a running frame (canonical text says so at its end)
    expect(await main(['print', two, '--thread', '1:2'])).toBe(0);
    expect(io.out).toBe('call b #1\n');
    io.out = '';
    expect(await main(['convert', two, '--thread', '1:1', '-o', '-', '--to', 'text'])).toBe(0);
    expect(io.out).toBe('call a #1\n');
    expect(await main(['print', two, '--thread', '1'])).toBe(2); // not pid:tid
    io.err = '';
    const crossed = join(dir, 'crossed.json');
    writeFileSync(crossed, JSON.stringify([{ ph: 'B', name: 'a', pid: 1, tid: 1, ts: 0 }, { ph: 'E', name: 'b', pid: 1, tid: 1, ts: 1 }]));
    expect(await main(['convert', crossed, '-o', join(dir, 'y'), '--to', 'jsonl'])).toBe(2);
    expect(io.err).toMatch(/crossed\.json: bad-event: want e "a" \(top open slice\) on pid 1 tid 1, got e "b" at ts 1 at traceEvents\[1\].* \(at byte 46\)\n$/);
  });

  it('should export the async graph as DOT', async () => {
    const src = join(dir, 'async.trace');
    writeFileSync(src, 'call main #1\ncall a #2\nyield a #2\nyield main #1\nwake a #2 by ?\nresume a #2\nwake main #1 by #2\nreturn a #2\nresume main #1\nreturn main #1\n');
    expect(await main(['convert', src, '-o', join(dir, 'g.dot'), '--to', 'dot'])).toBe(0);
    const dot = readFileSync(join(dir, 'g.dot'), 'utf8');
    expect(dot).toContain('n1 [label="main #1 (finished)"];');
    expect(dot).toContain('n1 -> n2 [style=dashed, label="call"];');
    expect(dot).toContain('n1 -> n2 [label="awaits"];');
  });

  it('should verify good files of every format with exit 0', async () => {
    expect(await main(['verify', join(dir, 't.wire'), join(dir, 't.jsonl'), join(dir, 't.text'), join(dir, 't.json'), golden])).toBe(0);
    expect(plain(io.out)).toContain('5 of 5 files verified');
    expect(plain(io.out)).toMatch(/ok {4}.*t\.wire: wire v1\.0, 22 events in 1 chunk\(s\)\n/);
  });

  it('should fail verification of a malformed trace with its violations, exit 1', async () => {
    const bad = join(dir, 'bad.trace');
    writeFileSync(bad, 'call main #1\ncall f #2\nreturn main #1\n');
    expect(await main(['verify', bad])).toBe(1);
    expect(plain(io.out)).toContain('stack-balance/exit-not-top at event 2 (seq 2, activation #1): want exit of #2 (top of stack), got return main #1');
  });

  it('should fail an empty file rather than call it a valid empty trace', async () => {
    const empty = join(dir, 'empty.trace');
    writeFileSync(empty, '');
    expect(await main(['verify', empty])).toBe(1);
    expect(plain(io.out)).toContain('empty-trace: no events: an empty file');
  });

  it('should report unbalanced slices per thread in foreign Chrome JSON', async () => {
    const chrome = join(dir, 'foreign.json');
    writeFileSync(chrome, JSON.stringify([{ ph: 'B', name: 'a', pid: 1, tid: 7, ts: 0 }, { ph: 'E', name: 'b', pid: 1, tid: 7, ts: 1 }, { ph: 'X', name: 'c', pid: 1, tid: 8, ts: 0, dur: 2 }]));
    expect(await main(['verify', chrome])).toBe(1);
    expect(plain(io.out)).toContain('chrome/end-name-mismatch at event 1');
    expect(plain(io.out)).toContain('pid 1 tid 7');
  });

  it('should refuse to convert a torn wire file, and recover its valid prefix', async () => {
    const big = join(dir, 'big.trace');
    writeFileSync(big, Array.from({ length: 30000 }, (_, i) => `call f #${i + 1}\nreturn f #${i + 1}\n`).join(''));
    const wire = join(dir, 'big.wire');
    expect(await main(['convert', big, '-o', wire, '--to', 'wire'])).toBe(0);
    const bytes = readFileSync(wire);
    const torn = join(dir, 'torn.wire');
    writeFileSync(torn, bytes.subarray(0, bytes.length - 5));
    expect(await main(['verify', torn])).toBe(1);
    expect(plain(io.out)).toMatch(/truncated: .*; lost \d+ bytes \(\d+\+ events\) from byte \d+/);
    expect(await main(['convert', torn, '-o', join(dir, 'x.jsonl'), '--to', 'jsonl'])).toBe(2);
    expect(io.err).toMatch(/run trace-harness recover to keep the valid prefix\n$/);
    io.out = '';
    const fixed = join(dir, 'fixed.wire');
    expect(await main(['recover', torn, '-o', fixed])).toBe(0);
    const kept = readWire(new Uint8Array(bytes.subarray(0, bytes.length - 5))).trace.length;
    expect(kept).toBeGreaterThan(0);
    expect(plain(io.out)).toMatch(new RegExp(`^kept ${kept} events in \\d+ chunk\\(s\\); lost \\d+ bytes from byte \\d+ \\(at least \\d+ events\\): truncated`));
    expect(decodeWire(new Uint8Array(readFileSync(fixed))).length).toBe(kept);
  });

  it('should recover a torn segment cut out of a stream as a segment that still verifies', async () => {
    const big = readFileSync(join(dir, 'big.wire'));
    const layout = chunkLayout(new Uint8Array(big));
    expect(layout.length).toBeGreaterThanOrEqual(3);
    const seg = join(dir, 'seg.wire');
    writeFileSync(seg, big.subarray(layout[1]!.start, layout[2]!.end - 7)); // chunks 1..2, the last one torn
    expect(await main(['recover', seg, '-o', join(dir, 'seg-fixed.wire')])).toBe(0);
    expect(plain(io.out)).toMatch(/^kept \d+ events in 1 chunk\(s\) \(a segment: copied as it was\); lost/);
    io.out = '';
    expect(await main(['verify', join(dir, 'seg-fixed.wire')])).toBe(0);
    expect(plain(io.out)).toMatch(/ok {4}.*seg-fixed\.wire: wire segment, \d+ events in 1 chunk\(s\), no end-of-stream record/);
  });

  it('should exit 2 with one line for unreadable or unconvertible input', async () => {
    expect(await main(['print', join(dir, 'missing.wire')])).toBe(2);
    expect(io.err).toMatch(/^trace-harness: cannot read .*missing\.wire: ENOENT\n$/);
    io.err = '';
    expect(await main(['convert', golden, '-o', join(dir, 'y'), '--to', 'yaml'])).toBe(2);
    expect(io.err).toContain("argument 'yaml' is invalid");
    io.err = '';
    const notWire = join(dir, 'not.wire');
    writeFileSync(notWire, 'hello');
    expect(await main(['recover', notWire, '-o', join(dir, 'z')])).toBe(2);
    expect(io.err).toMatch(/^trace-harness: .*not\.wire: bad-magic/);
  });
});
