import { readFileSync } from 'node:fs';

/**
 * This package's version, from its package.json (found from `dist/src/cli/` when built, from `src/cli/` when run
 * from source).
 * @throws Error when neither package.json can be read (a broken install)
 */
export function packageVersion(): string {
  try {
    return (JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  } catch {
    return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  }
}
