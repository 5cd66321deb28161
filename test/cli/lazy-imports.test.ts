import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const BIN = 'dist/src/cli/bin.js';

/** The packages under node_modules a run of the built CLI loads (issue 15: each command pays only for what it uses). */
function packagesLoaded(...args: string[]): { status: number | null; packages: Set<string> } {
  const file = join(mkdtempSync(join(tmpdir(), 'th-lazy-')), 'packages.txt');
  const r = spawnSync(process.execPath, ['--import', './test/fixtures/record-packages.mjs', BIN, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', TH_RECORD_PACKAGES: file } });
  return { status: r.status, packages: new Set(existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter((l) => l !== '') : []) };
}

describe('what a command loads', () => {
  it('should see the hook record a package (the probe works)', () => {
    const r = packagesLoaded('check', '--goldens-only');
    expect(r.status).toBe(0);
    expect(r.packages).toContain('commander');
  });

  it('should not load fast-check or zod for --version, --help or verify (no property runs, no config file)', () => {
    for (const args of [['--version'], ['--help'], ['verify', 'golden/wire/sync-call-return.trh'], ['verify', 'golden/traces/sync-call-return.trace']]) {
      const r = packagesLoaded(...args);
      expect(r.packages, args.join(' ')).not.toContain('fast-check');
      // zod (97 modules, ~100 ms of CPU) checks config files only: the JSONL header is checked by hand.
      expect(r.packages, args.join(' ')).not.toContain('zod');
    }
  });

  it('should answer --version and -V without loading commander (the command table)', () => {
    for (const flag of ['--version', '-V']) {
      const r = packagesLoaded(flag);
      expect(r.status).toBe(0);
      expect(r.packages, flag).not.toContain('commander');
    }
    expect(packagesLoaded('--help').packages).toContain('commander');
  });

  it('should not load the report renderers (xmlbuilder2) when only the pretty reporter is chosen', () => {
    expect(packagesLoaded('check', '--goldens-only').packages).not.toContain('xmlbuilder2');
    expect(packagesLoaded('check', '--goldens-only', '--reporter', 'junit').packages).toContain('xmlbuilder2');
  });
});
