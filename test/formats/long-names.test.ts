import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { decodeChrome } from '../../src/formats/chrome-read.ts';
import { decodeJsonl } from '../../src/formats/jsonl.ts';
import { parseCanonical } from '../../src/formats/text.ts';
import { formatError } from '../fixtures/format-error.ts';
import { captureCliOutput } from '../fixtures/capture-cli.ts';

// FORMAT.md §4.2 and §8: names are at most 4096 bytes of UTF-8 in every format. A longer name was read by the
// text, JSONL and Chrome readers and then refused by the wire writer: `convert --to wire` failed with an
// internal error (exit 3) on bad input. Found by `npm run fuzz`'s author probing read-then-write.
const io = captureCliOutput();
const HEADER = '{"format":"trace-harness-jsonl","version":1}';
// 4096 bytes exactly (2048 two-byte characters), and one byte over.
const AT_LIMIT = 'é'.repeat(2048);
const OVER = `${AT_LIMIT}x`;

const text = (name: string): string => `call ${name} #1\nreturn ${name} #1\n`;
const jsonl = (name: string): string => `${HEADER}\n{"seq":0,"kind":"call","activation":1,"code":"${name}","flags":0}\n{"seq":1,"kind":"return","activation":1,"code":"${name}","flags":0}\n`;
const jsonlOpen = (name: string): string => `{"format":"trace-harness-jsonl","version":1,"open":[{"activation":1,"code":"${name}","state":"running"}]}\n{"seq":0,"kind":"return","activation":1,"code":"${name}","flags":0}\n`;
const chrome = (name: string): Uint8Array => new TextEncoder().encode(`[{"ph":"B","name":"${name}","pid":1,"tid":1,"ts":0},{"ph":"E","pid":1,"tid":1,"ts":1}]`);


describe('names over 4096 bytes (FORMAT.md §8), alike in every reader', () => {
  it('should read a name of exactly 4096 bytes in text, JSONL and Chrome JSON', () => {
    expect(parseCanonical(text(AT_LIMIT)).events[0]!.code).toBe(AT_LIMIT);
    expect(decodeJsonl(jsonl(AT_LIMIT)).codes).toEqual([AT_LIMIT]);
    expect(decodeChrome(chrome(AT_LIMIT)).codes).toEqual([AT_LIMIT]);
  });

  it('should refuse a 4097-byte name with limit-exceeded, on its line or at its event', () => {
    expect([formatError(() => parseCanonical(text(OVER)))].map((e) => [e.code, e.line])).toEqual([['limit-exceeded', 1]]);
    expect([formatError(() => parseCanonical(`open ${OVER} #1 running\nreturn f #1\n`))].map((e) => [e.code, e.line])).toEqual([['limit-exceeded', 1]]);
    expect([formatError(() => decodeJsonl(jsonl(OVER)))].map((e) => [e.code, e.line])).toEqual([['limit-exceeded', 2]]);
    expect([formatError(() => decodeJsonl(jsonlOpen(OVER)))].map((e) => [e.code, e.line])).toEqual([['limit-exceeded', 1]]);
    expect([formatError(() => decodeChrome(chrome(OVER)))].map((e) => [e.code, e.byteOffset])).toEqual([['limit-exceeded', 1]]);
  });

  it('should make convert exit 2 on such a file (bad input), never 3 (an internal error)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'th-long-name-'));
    for (const [ext, body] of [['trace', text(OVER)], ['jsonl', jsonl(OVER)]] as const) {
      const file = join(dir, `long.${ext}`);
      writeFileSync(file, body);
      expect(await main(['convert', file, '-o', join(dir, `${ext}.wire`), '--to', 'wire'])).toBe(2);
      expect(io.err).toContain('names hold at most 4096');
      expect(io.err).not.toContain('internal error');
    }
  });
});
