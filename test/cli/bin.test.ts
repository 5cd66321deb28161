import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// The built executable, as `npx trace-harness` runs it (built by `npm run build`, which `pretest` runs).
const BIN = 'dist/src/cli/bin.js';
const run = (...args: string[]) => spawnSync(BIN, args, { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

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

  it('should exit 2 with a one-line error and no stack for a bad flag', () => {
    const r = run('check', '--runs', 'many');
    expect(r.status).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe("error: option '--runs <n>' argument 'many' is invalid. want a positive integer, got \"many\"");
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
