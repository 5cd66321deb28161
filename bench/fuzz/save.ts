/**
 * Failing inputs on disk: `<out>/<decoder>-seed<seed>-case<index>.bin` (the input, byte for byte) and a
 * `.txt` next to it (outcome, reason, the replay command, the stack).
 * @module
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Counterexample } from './campaign.ts';
import { counterexampleReport } from './report.ts';

/**
 * Saves one counterexample.
 * @param c - the case
 * @param out - the directory (created when missing)
 * @returns the path of the `.bin` file
 */
export function saveCounterexample(c: Counterexample, out: string): string {
  mkdirSync(out, { recursive: true });
  const file = join(out, `${c.decoder}-seed${c.seed}-case${c.index}.bin`);
  writeFileSync(file, c.input);
  writeFileSync(file.replace(/\.bin$/, '.txt'), counterexampleReport(c, file));
  return file;
}
