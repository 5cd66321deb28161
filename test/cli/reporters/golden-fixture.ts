// A copy of the package's golden corpus with one trace changed, so that exactly that golden fails.
import { cpSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The golden changed by {@link brokenGoldenCopy}. */
export const BROKEN_GOLDEN = 'traces/async-all-two.trace';

/** A copy of `golden/` in a temporary directory. */
export function goldenCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'th-golden-'));
  cpSync('golden', dir, { recursive: true });
  return dir;
}

/** A copy of `golden/` in which {@link BROKEN_GOLDEN} no longer matches what the tracer writes. */
export function brokenGoldenCopy(): string {
  const dir = goldenCopy();
  const file = join(dir, BROKEN_GOLDEN);
  const text = readFileSync(file, 'utf8');
  if (!text.includes('yield b #3')) throw new Error(`fixture: ${BROKEN_GOLDEN} changed; pick another line to break`);
  writeFileSync(file, text.replace('yield b #3', 'return b #3'));
  return dir;
}

/** How many goldens, regressions and wire vectors the package's corpus has (JS part: traces, negatives, regressions, wire/*.trh). */
export function corpusFileCount(dir: string): number {
  const files = ['traces', 'negative', 'regressions'].reduce((n, sub) => n + readdirSync(join(dir, sub)).filter((f) => /\.(trace|json)$/.test(f)).length, 0);
  return files + readdirSync(join(dir, 'wire')).filter((f) => f.endsWith('.trh')).length;
}
