import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// What a consumer installs: no install-time script (npm warns about those), no dangling source maps.
const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string>; files: string[] };

function jsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? jsFiles(join(dir, e.name)) : e.name.endsWith('.js') ? [join(dir, e.name)] : []));
}

describe('the npm package', () => {
  it('should have no script that runs when a consumer installs it, and build before packing', () => {
    for (const s of ['preinstall', 'install', 'postinstall', 'prepare']) expect(pkg.scripts[s], s).toBeUndefined();
    expect(pkg.scripts.prepack).toBe('npm run build');
  });

  it('should ship no JavaScript that points at a source map it does not ship (built by pretest)', () => {
    const files = [...jsFiles('dist/src'), ...jsFiles('dist/harness')];
    expect(files.length).toBeGreaterThan(50);
    expect(files.filter((f) => readFileSync(f, 'utf8').includes('sourceMappingURL'))).toEqual([]);
  });

  it('should ship the JSON report schema', () => {
    expect(pkg.files).toContain('src/cli/reporters/check-report.v1.schema.json');
  });
});
