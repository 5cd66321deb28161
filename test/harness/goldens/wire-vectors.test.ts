import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runWireVectors } from '../../../harness/goldens/wire-vectors.ts';
import { sealChunk, splitChunks } from '../../../harness/wire-oracle/layout.ts';

describe('known-answer wire vectors (golden/wire)', () => {
  it('should decode every committed vector to the canonical text written by hand', () => {
    const results = runWireVectors('golden/wire');
    expect(results.map((r) => r.file)).toEqual(['wire/sync-call-return.trh', 'wire/two-chunks-return-flag-extension.trh']);
    expect(results.filter((r) => !r.ok)).toEqual([]);
  });

  it('should fail a vector whose expected text differs, showing both', () => {
    const dir = mkdtempSync(join(tmpdir(), 'th-vectors-'));
    cpSync('golden/wire', dir, { recursive: true });
    writeFileSync(join(dir, 'sync-call-return.trace'), 'call main #1\ncall leaf #2\nreturn main #1\nreturn leaf #2\n');
    const bad = runWireVectors(dir).find((r) => r.file === 'wire/sync-call-return.trh')!;
    expect(bad.ok).toBe(false);
    expect(bad.problem).toContain('decoded as\ncall main #1\ncall leaf #2\nreturn leaf #2\nreturn main #1\nwant (by hand)');
  });

  it('should report a vector whose CRC is not FORMAT.md\'s before trusting the reader on it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'th-vectors-'));
    cpSync('golden/wire', dir, { recursive: true });
    const bytes = new Uint8Array(readFileSync(join(dir, 'sync-call-return.trh')));
    bytes[21]! ^= 0xff; // a CRC byte (file header 12 + chunk header bytes 9..12)
    writeFileSync(join(dir, 'sync-call-return.trh'), bytes);
    expect(runWireVectors(dir)[0]!.problem).toMatch(/^the vector itself is not FORMAT.md's: chunk at byte 12: CRC/);
  });

  it('should report a vector FORMAT.md does not read whole (a record broken, the CRC sealed again) before trusting the reader on it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'th-vectors-'));
    cpSync('golden/wire', dir, { recursive: true });
    const bytes = new Uint8Array(readFileSync(join(dir, 'sync-call-return.trh')));
    const chunk = splitChunks(bytes) as Exclude<ReturnType<typeof splitChunks>, string>;
    const payload = chunk[0]!.payload.slice();
    payload[payload.length - 2] = 0x2a; // the end-of-stream record's type: a type FORMAT.md does not define
    writeFileSync(join(dir, 'sync-call-return.trh'), Uint8Array.from([...bytes.subarray(0, 12), ...sealChunk(payload, chunk[0]!.events)]));
    expect(runWireVectors(dir)[0]!.problem).toMatch(/^the vector itself is not FORMAT.md's: unknown-record at byte \d+: record type 0x2a/);
  });
});
