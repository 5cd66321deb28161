// Node adapter: reading and writing the files the CLI commands name.
import { closeSync, openSync, readFileSync, readSync, writeFileSync } from 'node:fs';
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

/**
 * The first `max` bytes of a file (fewer when it is shorter).
 * @throws {@link UsageError} when it cannot be read (exit 2)
 */
export function readHead(path: string, max: number): Uint8Array {
  let head: Uint8Array | undefined;
  readPieces(path, (piece) => {
    head = piece.slice();
    return false;
  }, max);
  return head ?? new Uint8Array(0);
}

/**
 * Reads a file in pieces of at most `pieceBytes` (1 MiB by default), handing each to `onPiece` (a view
 * reused for the next piece: copy what you keep); stops early when `onPiece` returns false.
 * @throws {@link UsageError} when it cannot be read (exit 2)
 */
export function readPieces(path: string, onPiece: (piece: Uint8Array) => boolean | void, pieceBytes = 1 << 20): void {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    throw new UsageError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  try {
    const buf = new Uint8Array(pieceBytes);
    for (;;) {
      let n: number;
      try {
        n = readSync(fd, buf, 0, buf.length, null);
      } catch (error) {
        throw new UsageError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
      }
      if (n === 0 || onPiece(buf.subarray(0, n)) === false) return;
    }
  } finally {
    closeSync(fd);
  }
}
