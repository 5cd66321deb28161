import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { runnableBlocks } from './fixtures/readme-blocks.ts';

// Every README block marked ```ts runnable / ```js runnable runs against the built package (dist/, built by
// pretest) with the imports a user writes ('trace-harness', 'trace-harness/harness'): the file is written
// inside this package, so Node resolves the package's own name through its "exports" (self-reference).
const DIR = join('dist', 'readme-examples');
const blocks = runnableBlocks(readFileSync('README.md', 'utf8'));

function run(code: string, lang: 'ts' | 'js', line: number): ReturnType<typeof spawnSync> {
  const js = lang === 'ts' ? ts.transpileModule(code, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText : code;
  mkdirSync(DIR, { recursive: true });
  const file = join(DIR, `readme-line-${line}.mjs`);
  writeFileSync(file, js);
  return spawnSync(process.execPath, [file], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 120_000 });
}

describe('README examples', () => {
  it('should have runnable examples, among them the harness example', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(3);
    expect(blocks.some((b) => b.code.includes("from 'trace-harness/harness'"))).toBe(true);
  });

  it.each(blocks.map((b) => [b.line, b] as const))('should run the example at README line %i and print what it says', (_line, block) => {
    const r = run(block.code, block.lang, block.line);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    if (block.expected.length > 0) expect(String(r.stdout).trimEnd().split('\n')).toEqual(block.expected);
  });

  it('should fail an example that throws (the runner is not vacuous)', () => {
    const r = run("import { Tracer } from 'trace-harness';\nnew Tracer({ capacity: -1 });", 'ts', 0);
    expect(r.status).not.toBe(0);
  });
});
