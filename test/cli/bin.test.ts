import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// The built executable, as `npx trace-harness` runs it (built by `npm run build`, which `pretest` runs).
const BIN = 'dist/src/cli/bin.js';
const run = (...args: string[]) => spawnSync(BIN, args, { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
const runWith = (env: Record<string, string>, ...args: string[]) => spawnSync(BIN, args, { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env } });

describe('the trace-harness executable', () => {
  it('should be executable after the build', () => {
    expect(statSync(BIN).mode & 0o111).not.toBe(0);
  });

  it('should run check and exit 0', () => {
    const r = run('check', '--runs', '60', '--seed', '3');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('ok    60 programs passed');
  });

  it('should print the version as commander does, also when it answers --version alone without loading it', () => {
    const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
    // Through commander (another argument first) and through the executable's short cut: the same bytes.
    const viaCommander = run('--no-color', '--version');
    expect([viaCommander.status, viaCommander.stdout, viaCommander.stderr]).toEqual([0, `${version}\n`, '']);
    for (const flag of ['--version', '-V']) {
      const r = run(flag);
      expect([r.status, r.stdout, r.stderr], flag).toEqual([0, viaCommander.stdout, '']);
    }
  });

  it('should exit 2 with a one-line error and no stack for a bad flag', () => {
    const r = run('check', '--runs', 'many');
    expect(r.status).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe("error: option '--runs <n>' argument 'many' is invalid. want a positive integer, got \"many\"");
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('the executable on a bug inside a reader', () => {
  it('should exit 3 with "internal error", not 2 with a bad-input message, when a reader throws unexpectedly', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'th-bin-')), 'bug.jsonl');
    writeFileSync(file, '{"format":"trace-harness-jsonl","version":1}\n{"seq":0,"kind":"call","activation":1,"code":"BREAK-ME","flags":0}\n');
    const r = spawnSync(process.execPath, ['--import', './test/fixtures/break-reader.mjs', BIN, 'print', file], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(r.stderr).toContain('trace-harness: internal error: TypeError: injected reader bug');
    expect(r.status).toBe(3);
  });
});

describe('the executable against a buggy tracer module', () => {
  it('should exit 1 with the shrunk program, the diff and the replay line', () => {
    const r = run('check', '--tracer', 'test/fixtures/buggy-tracer.mjs', '--seed', '42');
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('-throw g');
    expect(r.stdout).toContain('+resume g');
    expect(r.stdout).toMatch(/replay: npx trace-harness check --suite generators --seed 42 --path [\d:]+ --runs 500 --tracer test\/fixtures\/buggy-tracer.mjs\n/);
    // The buggy tracer has no enterAsync: its coroutine suite is skipped, not failed.
    expect(r.stdout).toContain('coroutines  skipped: the tracer under test has no enterAsync(name)');
  });
});

describe('the executable against a tracer module that is broken outside its traces', () => {
  it('should exit 2 with a named verdict, not an internal error, when createTracer() throws', () => {
    const r = run('check', '--tracer', 'test/fixtures/bad-tracer.mjs');
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(
      'tracer    FAIL  tracer/create-threw (--tracer test/fixtures/bad-tracer.mjs): want createTracer() to return a tracer, got a throw of Error: no licence key\n' +
        'summary   the module cannot be used as a tracer: nothing was checked; exit 2\n',
    );
  });

  it('should exit 1 with a named verdict, not an internal error, when trace() throws', () => {
    const r = runWith({ BAD_TRACER: 'trace-throws' }, 'check', '--tracer', 'test/fixtures/bad-tracer.mjs');
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('tracer    FAIL  tracer/trace-threw (--tracer test/fixtures/bad-tracer.mjs): want trace(probe, "probe") to return a wrapper, got a throw of TypeError: cannot wrap\n');
  });
});
