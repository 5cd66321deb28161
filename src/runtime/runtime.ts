/** The JavaScript runtimes trace-harness runs on, by the name each gives itself. */
export type RuntimeName = 'node' | 'deno' | 'bun' | 'unknown';

/** Which runtime this is, and its own version (not the Node version it emulates). */
export interface RuntimeInfo {
  /** `deno` and `bun` are named before `node`: both also define `process.versions.node`. */
  readonly name: RuntimeName;
  /** The runtime's version without a leading `v`, e.g. `20.20.2`, `2.9.5`, `1.4.5`; `''` when unknown. */
  readonly version: string;
}

interface RuntimeGlobals {
  readonly Deno?: { readonly version?: { readonly deno?: string } };
  readonly Bun?: { readonly version?: string };
  readonly process?: { readonly versions?: { readonly node?: string } };
}

/**
 * Detects the runtime from its globals, without importing anything: `Deno.version.deno`, then
 * `Bun.version`, then `process.versions.node` (Deno 2 and Bun define `process` too, so order matters).
 * @example
 * ```ts
 * detectRuntime(); // { name: 'bun', version: '1.4.5' } under `bun test`
 * ```
 * @returns the runtime's name and version; `{ name: 'unknown', version: '' }` anywhere else (a browser)
 */
export function detectRuntime(): RuntimeInfo {
  const g = globalThis as RuntimeGlobals;
  const deno = g.Deno?.version?.deno;
  if (typeof deno === 'string') return { name: 'deno', version: deno };
  const bun = g.Bun?.version;
  if (typeof bun === 'string') return { name: 'bun', version: bun };
  const node = g.process?.versions?.node;
  if (typeof node === 'string') return { name: 'node', version: node };
  return { name: 'unknown', version: '' };
}
