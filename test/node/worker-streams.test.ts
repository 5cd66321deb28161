import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { checkStreams } from '../../src/check/streams.ts';
import { verifyChrome } from '../../src/formats/chrome-verify.ts';
import { parseMerged } from '../../src/formats/merged-text.ts';
import { mergeStreams } from '../../src/model/merged-trace.ts';
import { decodeWire } from '../../src/wire/reader.ts';

const ITEMS = 40;

function worker(path: string, name: string, origin: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const w = new Worker(new URL('../fixtures/stream-worker.mjs', import.meta.url), { workerData: { path, origin, items: ITEMS, name } });
    let done = false;
    w.on('message', (m) => (done = m === 'done'));
    w.on('error', reject);
    w.on('exit', (code) => (code === 0 && done ? resolve() : reject(new Error(`worker ${name} exited ${code}`))));
  });
}

describe('streams of real worker threads', () => {
  it('should merge per-thread recordings by a shared clock, each stream whole and in order, happened-before kept', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'th-streams-'));
    const origin = performance.timeOrigin;
    const files = ['a', 'b', 'c'].map((n) => join(dir, `${n}.trh`));
    // a and b run at the same time; c starts only after both finished.
    await Promise.all([worker(files[0]!, 'a', origin), worker(files[1]!, 'b', origin)]);
    await worker(files[2]!, 'c', origin);

    const streams = files.map((f, k) => ({ id: 'abc'[k]!, trace: decodeWire(readFileSync(f)) }));
    for (const s of streams) expect(s.trace.length).toBe(2 + ITEMS * 5 + ITEMS / 10); // call/return run; per item call work, event, return work, yield run, resume run; checkpoints
    const merged = mergeStreams(streams);
    expect(merged.by).toBe('time');
    expect(checkStreams(merged)).toEqual([]);

    // The CLI: merged text and Chrome JSON, exit 0.
    const bin = 'dist/src/cli/bin.js';
    const text = spawnSync(process.execPath, [bin, 'merge', ...files], { encoding: 'utf8' });
    expect(text.stderr).toBe('');
    expect(text.status).toBe(0);
    const view = parseMerged(text.stdout);
    // Streams in order of first appearance: a or b first (they ran together), c last.
    expect(view.streams.map((s) => [s.id, s.trace.length]).sort()).toEqual(streams.map((s) => [s.id, s.trace.length]));
    expect(view.streams.at(-1)!.id).toBe('c');
    const lines = text.stdout.trimEnd().split('\n');
    const lastAB = Math.max(lines.map((l) => l.slice(0, 3)).lastIndexOf('@a '), lines.map((l) => l.slice(0, 3)).lastIndexOf('@b '));
    expect(lines.findIndex((l) => l.startsWith('@c '))).toBeGreaterThan(lastAB);
    // run is #1, the work of item k is #(k + 1): the last one is #41.
    expect(lines.filter((l) => l.startsWith('@c event work_done')).at(-1)).toBe(`@c event work_done #${ITEMS + 1} = {"item":${ITEMS},"worker":"c"}`);
    const chrome = spawnSync(process.execPath, [bin, 'merge', '--to', 'chrome', ...files], { encoding: 'utf8' });
    expect(chrome.status).toBe(0);
    expect(verifyChrome(chrome.stdout).violations).toEqual([]);
  });

  it('should refuse repeated stream names and --by time without timestamps, exit 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'th-streams-'));
    const f = join(dir, 'x.trace');
    writeFileSync(f, 'call main #1\nreturn main #1\n');
    const bin = 'dist/src/cli/bin.js';
    const twice = spawnSync(process.execPath, [bin, 'merge', f, f], { encoding: 'utf8' });
    expect([twice.status, twice.stderr.trim()]).toEqual([2, 'trace-harness: stream names must be unique, got x, x; name them with --names']);
    const named = spawnSync(process.execPath, [bin, 'merge', '--names', 'p,q', f, f], { encoding: 'utf8' });
    expect([named.status, named.stdout]).toEqual([0, '@p call main #1\n@q call main #1\n@p return main #1\n@q return main #1\n']);
    const byTime = spawnSync(process.execPath, [bin, 'merge', '--by', 'time', f], { encoding: 'utf8' });
    expect([byTime.status, byTime.stderr.trim()]).toEqual([2, 'trace-harness: mergeStreams: by time needs timestamps in every stream; x has none']);
    // verify reads merged text stream by stream; print and convert take one stream and say so.
    const merged = join(dir, 'merged.txt');
    writeFileSync(merged, named.stdout);
    const plain = { encoding: 'utf8' as const, env: { ...process.env, NO_COLOR: '1' } }; // CI=true turns colors on
    const ok = spawnSync(process.execPath, [bin, 'verify', merged], plain);
    expect([ok.status, ok.stdout.trim()]).toEqual([0, `ok    ${merged}: merged text, 4 events of 2 stream(s)`]);
    writeFileSync(merged, '# two streams\n@p call main #1\n@q call main #1\n@p return main #1\n@p return main #1\n');
    const bad = spawnSync(process.execPath, [bin, 'verify', merged], plain);
    expect(bad.status).toBe(1);
    expect(bad.stdout).toContain('stream p: stack-balance/exit-on-empty at event 2');
    const print = spawnSync(process.execPath, [bin, 'print', merged], { encoding: 'utf8' });
    expect([print.status, print.stderr]).toEqual([2, expect.stringContaining('merged text holds several streams')]);
  });
});
