import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatCanonical } from '../../src/formats/text.ts';
import { decodeWire } from '../../src/wire/reader.ts';
import { checkLayout } from '../properties/wire-mutation-check.ts';
import { oracleRead } from '../wire-oracle/decode.ts';

/** The verdict on one known-answer wire vector (`golden/wire/NAME.trh` and its `NAME.trace`). */
export interface WireVectorResult {
  readonly file: string;
  readonly ok: boolean;
  /** What differs, when not ok. */
  readonly problem?: string;
}

/**
 * Decodes every known-answer vector of `dir` (files built by hand from FORMAT.md, see
 * `golden/wire/README.md`) with our strict reader and compares the canonical text with the expected
 * `.trace` written by hand; checks each vector's layout and CRCs with the independent oracle too, and reads
 * it whole with the independent decoder (`harness/wire-oracle/decode.ts`), so a vector that is itself wrong
 * is reported, not trusted.
 * @param dir - the vectors' directory (`golden/wire`); none there: no results
 * @param decode - the reader under test @defaultValue {@link decodeWire}
 * @returns one result per `.trh` file, sorted by name
 */
export function runWireVectors(dir: string, decode: (bytes: Uint8Array) => Parameters<typeof formatCanonical>[0] = decodeWire): WireVectorResult[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.trh'))
    .sort()
    .map((f) => {
      const file = `wire/${f}`;
      const bytes = new Uint8Array(readFileSync(join(dir, f)));
      const tracePath = join(dir, f.replace(/\.trh$/, '.trace'));
      if (!existsSync(tracePath)) return { file, ok: false, problem: `no expected ${f.replace(/\.trh$/, '.trace')} beside it` };
      const layout = checkLayout(bytes);
      if (layout.length > 0) return { file, ok: false, problem: `the vector itself is not FORMAT.md's: ${layout[0]}` };
      const independent = oracleRead(bytes);
      if (independent.stop !== undefined || !independent.complete) return { file, ok: false, problem: `the vector itself is not FORMAT.md's: ${independent.stop?.reason ?? 'no end-of-stream record'} (harness/wire-oracle/decode.ts)` };
      let got: string;
      try {
        got = formatCanonical(decode(bytes)).trim();
      } catch (error) {
        return { file, ok: false, problem: `the reader threw ${(error as Error).message}` };
      }
      const want = readFileSync(tracePath, 'utf8').trim();
      return got === want ? { file, ok: true } : { file, ok: false, problem: `decoded as\n${got}\nwant (by hand)\n${want}` };
    });
}
