import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { FILE_HEADER_BYTES, MAGIC } from '../../src/wire/spec.ts';
import { captureCliOutput } from '../fixtures/capture-cli.ts';

// Every degenerate input, through every command that reads a trace file: one verdict, `empty-trace`
// (README "Trace files"): verify fails the file (exit 1, as for any file that does not verify), the
// other commands refuse it as bad input (exit 2), all with the same message.
const io = captureCliOutput();
const dir = mkdtempSync(join(tmpdir(), 'th-degenerate-'));
const wireHeader = new Uint8Array(FILE_HEADER_BYTES);
wireHeader.set(MAGIC, 0);
wireHeader[8] = 1;

const INPUTS: readonly [name: string, bytes: Uint8Array | string, what: string][] = [
  ['empty', '', 'an empty file'],
  ['whitespace-only', ' \n\t\r\n  \n', 'only whitespace'],
  ['bom-only', '\uFEFF', 'only a byte order mark'],
  ['comment-only', '# a comment\n\n# another one\n', 'only comments or header lines'],
  ['text-header-only', '# program: p\n# expect: PASS\n', 'only comments or header lines'],
  ['jsonl-header-only', '{"format":"trace-harness-jsonl","version":1}\n', 'only the jsonl header line'],
  ['wire-header-only', wireHeader, 'only the 12-byte wire file header'],
  ['chrome-no-events', '{"traceEvents":[]}\n', 'chrome json without events'],
];

const COMMANDS: readonly [name: string, args: (file: string) => string[], exit: number][] = [
  ['verify', (f) => ['verify', f], 1],
  ['print', (f) => ['print', f], 2],
  ['convert', (f) => ['convert', f, '-o', join(dir, 'out'), '--to', 'jsonl'], 2],
  ['recover', (f) => ['recover', f, '-o', join(dir, 'out')], 2],
  ['merge', (f) => ['merge', f], 2],
];

describe('degenerate inputs: one verdict from every command', () => {
  for (const [input, bytes, what] of INPUTS) {
    for (const [command, args, exit] of COMMANDS) {
      it(`should refuse ${input} in ${command} with empty-trace (${what}), exit ${exit}`, async () => {
        const file = join(dir, input);
        writeFileSync(file, bytes);
        const code = await main(args(file));
        const said = io.out + io.err;
        expect(said).toContain(`${file}: empty-trace: no events: ${what}`);
        expect(said).not.toContain('kept');
        expect(code).toBe(exit);
      });
    }
  }
});
