// Portable suite: deno.json (JSR, Deno) agrees with package.json (npm) on version, dependencies and entries.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';

interface PackageJson {
  version: string;
  dependencies: Record<string, string>;
  exports: Record<string, { default: string } | string>;
}
interface DenoJson {
  name: string;
  version: string;
  imports: Record<string, string>;
  exports: Record<string, string>;
  tasks: Record<string, string>;
  publish: { exclude: string[] };
}

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? tsFiles(`${dir}/${d.name}`) : d.name.endsWith('.ts') ? [`${dir}/${d.name}`] : [],
  );
}

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as PackageJson;
const deno = JSON.parse(readFileSync('deno.json', 'utf8')) as DenoJson;

describe('deno.json and package.json (portable)', () => {
  it('should carry the same version and a JSR name', () => {
    assert.equal(deno.version, pkg.version);
    assert.match(deno.name, /^@[a-z0-9-]+\/[a-z0-9-]+$/);
  });

  it('should map every npm dependency to an npm: specifier of the same range (and its subpaths, if mapped), and nothing else', () => {
    const want: Record<string, string> = {};
    for (const [name, range] of Object.entries(pkg.dependencies)) {
      want[name] = `npm:${name}@${range}`;
      // A package imported by subpath (`@noble/hashes/sha2.js`) needs the trailing-slash entry too.
      if (`${name}/` in deno.imports) want[`${name}/`] = `npm:/${name}@${range}/`;
    }
    assert.deepEqual(deno.imports, want);
  });

  it('should map every npm package that the published src/ and harness/ import, by name or by subpath', () => {
    const imported = new Set<string>();
    const unpublished = (file: string) => deno.publish.exclude.some((x) => file.startsWith(x));
    for (const file of [...tsFiles('src'), ...tsFiles('harness')].filter((f) => !unpublished(f))) {
      for (const [, spec] of readFileSync(file, 'utf8').matchAll(/^import [^;]*? from '([^.'][^']*)';$/gm)) {
        if (spec!.startsWith('node:')) continue;
        const parts = spec!.split('/');
        const name = spec!.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
        imported.add(spec === name ? name : `${name}/`);
      }
    }
    assert.ok(imported.has('fast-check'), `the scan finds the harness's fast-check import (found ${[...imported].join(', ')})`);
    for (const key of imported) assert.ok(key in deno.imports, `deno.json imports maps "${key}"`);
  });

  it('should export on JSR the source of every npm code entry except the vitest plugin', () => {
    // A string target is a data file (the check report's JSON Schema, used by npm consumers' CI), not a module.
    const npmEntries = Object.entries(pkg.exports)
      .flatMap(([entry, target]) => (entry !== './vitest' && typeof target === 'object' ? [[entry, target] as const] : []))
      .map(([entry, target]) => [entry, target.default.replace(/^\.\/dist\//, './').replace(/\.js$/, '.ts')]);
    assert.deepEqual(Object.entries(deno.exports).sort(), npmEntries.sort());
    for (const file of Object.values(deno.exports)) assert.ok(existsSync(file), `${file} exists`);
  });

  it('should define the test and check tasks', () => {
    assert.match(deno.tasks['test'] ?? '', /^deno test .*test\/portable\/$/);
    assert.match(deno.tasks['check'] ?? '', /^deno run .*src\/cli\/bin\.ts check$/);
  });
});
