import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { benchSuitesPresent } from '../../src/cli/bench-present.ts';

describe('bench in an installed package', () => {
  it('should find the suites in a checkout and not in a package layout without bench/', () => {
    expect(benchSuitesPresent()).toBe(true);
    const pkg = mkdtempSync(join(tmpdir(), 'th-installed-'));
    mkdirSync(join(pkg, 'dist', 'src', 'cli'), { recursive: true });
    const moduleUrl = pathToFileURL(join(pkg, 'dist', 'src', 'cli', 'bench.js')).href;
    expect(benchSuitesPresent(moduleUrl)).toBe(false);
    mkdirSync(join(pkg, 'dist', 'bench', 'suites'), { recursive: true });
    writeFileSync(join(pkg, 'dist', 'bench', 'suites', 'index.js'), '');
    expect(benchSuitesPresent(moduleUrl)).toBe(true);
  });
});
