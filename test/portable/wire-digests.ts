// The wire bytes of every golden program recorded on this runtime, as SHA-256 digests: the text of
// test/portable/golden-wire.sha256, which must be the same on Node, Deno and Bun.
import { createHash } from 'node:crypto';
import type { Program } from '../../harness/program/ast.ts';
import { checkAnyProgram } from '../../harness/targets/js/check-program.ts';
import { FifoScheduler } from '../../harness/targets/js/scheduler.ts';
import type { GoldenFiles } from '../../harness/goldens/golden.ts';
import { Tracer } from '../../src/recorder/tracer.ts';
import { encodeWire } from '../../src/wire/encode.ts';

/** Where the committed digests live, relative to the repository root. */
export const DIGEST_FILE = 'test/portable/golden-wire.sha256';

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Records each golden program under a fresh default {@link Tracer} (no clock: the trace is deterministic),
 * async ones under a first-in-first-out scheduler, encodes it as wire bytes (256-byte chunks, so traces
 * span several) and digests them.
 * @returns `<sha256>  <program>` lines in program-name order, as `sha256sum` prints them, with a final newline
 */
export async function goldenWireDigests(files: GoldenFiles): Promise<string> {
  const lines: string[] = [];
  for (const name of [...files.programs.keys()].sort()) {
    const program = JSON.parse(files.programs.get(name)!) as Program;
    const check = await checkAnyProgram(program, () => new Tracer(), new FifoScheduler());
    lines.push(`${sha256(encodeWire(check.actual.trace, { chunkBytes: 256 }))}  ${name}`);
  }
  return lines.join('\n') + '\n';
}
