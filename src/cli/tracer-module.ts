// Node adapter: loads a user's tracer module for `--tracer`.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { TracerFactory } from '../../harness/targets/js/check-program.ts';
import { UsageError } from './usage-error.ts';

/**
 * Imports a module that exports `createTracer(): TracerUnderTest` (the tracer to check instead of this
 * package's own). The module is the user's own code, loaded like any import.
 * @param path - a file path, relative to the working directory
 * @throws {@link UsageError} when it cannot be imported or lacks a `createTracer` function
 */
export async function loadTracerModule(path: string): Promise<TracerFactory> {
  let mod: { createTracer?: unknown };
  try {
    mod = (await import(pathToFileURL(resolve(path)).href)) as { createTracer?: unknown };
  } catch (error) {
    throw new UsageError(`--tracer ${path}: cannot import: ${(error as Error).message.split('\n')[0]}`);
  }
  if (typeof mod.createTracer !== 'function') throw new UsageError(`--tracer ${path}: the module must export a function createTracer()`);
  return mod.createTracer as TracerFactory;
}
