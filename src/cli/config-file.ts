// Node adapter: finds, loads and validates `trace-harness.config.{ts,mjs,js}` (README "Config file").
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import type { TraceHarnessConfig } from '../config/define-config.ts';
import { REPORTERS } from './reporters/select.ts';
import { UsageError } from './usage-error.ts';

/** The config file names looked for in the working directory, in this order. */
export const CONFIG_NAMES = ['trace-harness.config.ts', 'trace-harness.config.mjs', 'trace-harness.config.js'] as const;

const positive = z.number().int().min(1);
const SCHEMA = z
  .object({
    runs: positive,
    asyncRuns: positive,
    seed: z.number().int().min(-0x80000000).max(0x7fffffff),
    suite: z.enum(['generators', 'coroutines']),
    wireRuns: positive,
    retentionRuns: positive,
    recoveryRuns: positive,
    recordingRuns: positive,
    streamsRuns: positive,
    payloadRuns: positive,
    negativeRuns: positive,
    jobs: positive,
    tracer: z.string().min(1),
    golden: z.string().min(1),
    goldensOnly: z.boolean(),
    reporters: z.array(z.enum(REPORTERS)),
    outputFile: z.object({ json: z.string().min(1), junit: z.string().min(1), html: z.string().min(1) }).partial().strict(),
    coverage: z.boolean(),
    policies: z.object({ 'generator-context': z.enum(['creation', 'resume']), 'async-generator-context': z.enum(['creation', 'resume']) }).partial().strict(),
    thresholds: z.object({ requireAll: z.boolean(), minRowHits: z.number().int().min(0) }).partial().strict(),
  })
  .partial()
  .strict();

/** A loaded config: its settings with paths made absolute, and where it came from. */
export interface LoadedConfig {
  readonly file: string;
  readonly config: TraceHarnessConfig;
}

/**
 * The config file of a directory: the first of {@link CONFIG_NAMES} that exists.
 * @param dir - the working directory
 * @returns its path, or undefined when there is none
 */
export function findConfig(dir: string): string | undefined {
  return CONFIG_NAMES.map((n) => join(dir, n)).find((f) => existsSync(f));
}

/**
 * Loads a config file: `.mjs`/`.js` by `import()`, `.ts` by `import()` on Deno and Bun (which run TypeScript)
 * and through jiti on Node; the default export (or the module itself) is validated.
 * @param file - the config file
 * @returns the settings, with `tracer`, `golden` and output files resolved against the file's directory
 * @throws {@link UsageError} (exit 2) when it cannot be found, loaded, or has a wrong or unknown field
 */
export async function loadConfig(file: string): Promise<LoadedConfig> {
  const path = resolve(file);
  if (!existsSync(path)) throw new UsageError(`--config ${file}: no such file`);
  let mod: { default?: unknown };
  try {
    mod = (await importConfig(path)) as { default?: unknown };
  } catch (error) {
    throw new UsageError(`config ${file}: cannot load: ${(error as Error).message.split('\n')[0]}`);
  }
  const parsed = SCHEMA.safeParse(mod.default ?? mod);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UsageError(`config ${file}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  const dir = dirname(path);
  const abs = (p: string): string => (isAbsolute(p) ? p : join(dir, p));
  const c = parsed.data;
  const config: TraceHarnessConfig = {
    ...c,
    ...(c.tracer !== undefined ? { tracer: abs(c.tracer) } : {}),
    ...(c.golden !== undefined ? { golden: abs(c.golden) } : {}),
    ...(c.outputFile !== undefined ? { outputFile: Object.fromEntries(Object.entries(c.outputFile).map(([k, v]) => [k, abs(v!)])) } : {}),
  };
  return { file: path, config };
}

async function importConfig(path: string): Promise<unknown> {
  const native = !path.endsWith('.ts') || 'Deno' in globalThis || 'Bun' in globalThis;
  if (native) return import(pathToFileURL(path).href);
  const { createJiti } = await import('jiti');
  return createJiti(import.meta.url, { moduleCache: false }).import(path);
}

/** The `check` flags a config sets, keyed as the command's options. */
const FLAG_KEYS = ['runs', 'asyncRuns', 'seed', 'suite', 'wireRuns', 'retentionRuns', 'recoveryRuns', 'recordingRuns', 'streamsRuns', 'payloadRuns', 'negativeRuns', 'jobs', 'tracer', 'golden', 'goldensOnly', 'coverage'] as const;

/**
 * Puts a config's settings into the parsed `check` options where the command line did not set them.
 * @param opts - the parsed options (changed in place)
 * @param config - the loaded settings
 * @param given - whether a flag (an option key) was given on the command line
 */
export function applyConfig(opts: Record<string, unknown>, config: TraceHarnessConfig, given: (key: string) => boolean): void {
  for (const key of FLAG_KEYS) if (config[key] !== undefined && !given(key)) opts[key] = config[key];
  if (config.thresholds?.requireAll !== undefined && !given('requireAll')) opts.requireAll = config.thresholds.requireAll;
  if (config.thresholds?.minRowHits !== undefined && !given('minRowHits')) opts.minRowHits = config.thresholds.minRowHits;
  // No flag sets policies: the config's go over the span tracer module's own declaration.
  if (config.policies !== undefined) opts.policies = config.policies;
  if (config.reporters !== undefined && !given('reporter')) opts.reporter = [...config.reporters];
  // A config's output files go with its reporters: those the command line dropped lose their file too.
  const chosen = (name: string): boolean => (opts.reporter as string[] | undefined)?.includes(name) === true;
  if (config.outputFile !== undefined && !given('outputFile')) opts.outputFile = Object.entries(config.outputFile).filter(([k]) => chosen(k)).map(([k, v]) => `${k}=${v}`);
}
