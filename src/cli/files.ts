// Node adapter: reading and writing the files the CLI commands name.
import { readFileSync, writeFileSync } from 'node:fs';
import { UsageError } from './usage-error.ts';

/**
 * Reads a whole file, or standard input for `-`.
 * @throws {@link UsageError} when it cannot be read (exit 2)
 */
export function readInput(path: string): Uint8Array {
  try {
    return new Uint8Array(readFileSync(path === '-' ? 0 : path));
  } catch (error) {
    throw new UsageError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

/**
 * Writes a whole file, or standard output for `-`.
 * @throws {@link UsageError} when it cannot be written (exit 2)
 */
export function writeOutput(path: string, data: Uint8Array | string): void {
  try {
    if (path === '-') process.stdout.write(data);
    else writeFileSync(path, data);
  } catch (error) {
    throw new UsageError(`cannot write ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}
