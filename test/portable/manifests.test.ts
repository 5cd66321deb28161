// Portable suite: deno.json (JSR, Deno) agrees with package.json (npm) on version, dependencies and entries.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';

interface PackageJson {
  version: string;
  dependencies: Record<string, string>;
  exports: Record<string, { default: string }>;
}
interface DenoJson {
  name: string;
  version: string;
  imports: Record<string, string>;
  exports: Record<string, string>;
  tasks: Record<string, string>;
}

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as PackageJson;
const deno = JSON.parse(readFileSync('deno.json', 'utf8')) as DenoJson;

describe('deno.json and package.json (portable)', () => {
  it('should carry the same version and a JSR name', () => {
    assert.equal(deno.version, pkg.version);
    assert.match(deno.name, /^@[a-z0-9-]+\/[a-z0-9-]+$/);
  });

  it('should map every npm dependency to an npm: specifier of the same range, and nothing else', () => {
    const want = Object.fromEntries(Object.entries(pkg.dependencies).map(([name, range]) => [name, `npm:${name}@${range}`]));
    assert.deepEqual(deno.imports, want);
  });

  it('should export on JSR the source of every npm entry except the vitest plugin', () => {
    const npmEntries = Object.entries(pkg.exports)
      .filter(([entry]) => entry !== './vitest')
      .map(([entry, target]) => [entry, target.default.replace(/^\.\/dist\//, './').replace(/\.js$/, '.ts')]);
    assert.deepEqual(Object.entries(deno.exports).sort(), npmEntries.sort());
    for (const file of Object.values(deno.exports)) assert.ok(existsSync(file), `${file} exists`);
  });

  it('should define the test and check tasks', () => {
    assert.match(deno.tasks['test'] ?? '', /^deno test .*test\/portable\/$/);
    assert.match(deno.tasks['check'] ?? '', /^deno run .*src\/cli\/bin\.ts check$/);
  });
});
