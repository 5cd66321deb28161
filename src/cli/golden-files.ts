// Node adapter: reads and writes the golden directory with node:fs (Deno and Bun provide it too).
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GoldenFiles } from '../../harness/goldens/golden.ts';
import { UsageError } from './usage-error.ts';

const KINDS = [
  ['programs', '.json'],
  ['traces', '.trace'],
  ['negative', '.trace'],
  ['regressions', '.json'],
] as const;

/**
 * Reads a golden directory: `programs/*.json`, `traces/*.trace`, `negative/*.trace`, `regressions/*.json`
 * (each folder optional). Other files are ignored except stray `.new` files, which are listed.
 * @param dir - the golden directory
 * @throws {@link UsageError} when the directory or a file cannot be read
 */
export function readGoldenDir(dir: string): GoldenFiles {
  if (!isDir(dir)) throw new UsageError(`golden directory not found: ${dir}`);
  const maps = KINDS.map(([sub, ext]) => {
    const map = new Map<string, string>();
    const path = join(dir, sub);
    if (!isDir(path)) return map;
    for (const name of readdirSync(path).sort()) {
      if (!name.endsWith(ext)) continue;
      try {
        map.set(name.slice(0, -ext.length), readFileSync(join(path, name), 'utf8'));
      } catch (error) {
        throw new UsageError(`cannot read golden ${join(sub, name)}: ${(error as Error).message}`);
      }
    }
    return map;
  });
  return { programs: maps[0]!, traces: maps[1]!, negatives: maps[2]!, regressions: maps[3]! };
}

/**
 * Writes `<file>.new` beside a golden.
 * @param dir - the golden directory
 * @param file - relative golden path, e.g. `traces/gen-basic.trace`
 * @param text - the new contents
 * @returns the path written
 * @throws {@link UsageError} when it cannot be written
 */
export function writeNewGolden(dir: string, file: string, text: string): string {
  const path = join(dir, `${file}.new`);
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  } catch (error) {
    throw new UsageError(`cannot write ${path}: ${(error as Error).message}`);
  }
  return path;
}

/** The `golden/` directory that ships with this package (found by walking up to its package.json). */
export function packageGoldenDir(): string {
  let here = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    try {
      const pkg = JSON.parse(readFileSync(join(here, 'package.json'), 'utf8')) as { name?: string };
      if (pkg.name === 'trace-harness') return join(here, 'golden');
    } catch {
      // no package.json here: keep walking up
    }
    here = dirname(here);
  }
  return resolve('golden');
}

function isDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
