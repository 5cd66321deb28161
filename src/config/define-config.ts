// The typed shape of `trace-harness.config.{ts,mjs,js}` (README "Config file"); no runtime dependency.

/**
 * What a config file may set for `trace-harness check`. Every field is optional and is the default of the flag of
 * the same name; a flag given on the command line wins. Paths are relative to the config file.
 */
export interface TraceHarnessConfig {
  /** Random programs per property suite (`--runs`), >= 1. @defaultValue 500 */
  readonly runs?: number;
  /** Random programs of the coroutines suite (`--async-runs`), >= 1. @defaultValue `runs` */
  readonly asyncRuns?: number;
  /** fast-check seed (`--seed`), a 32-bit integer; needed by `shard`. @defaultValue random */
  readonly seed?: number;
  /** Run only this property suite (`--suite`). @defaultValue both */
  readonly suite?: 'generators' | 'coroutines';
  /** Random traces of the wire property (`--wire-runs`). @defaultValue 1000 */
  readonly wireRuns?: number;
  /** Random programs of the retention property (`--retention-runs`). @defaultValue 300 */
  readonly retentionRuns?: number;
  /** Random recordings of the recovery property (`--recovery-runs`). @defaultValue 200 */
  readonly recoveryRuns?: number;
  /** Random recordings of the recording property (`--recording-runs`). @defaultValue 100 */
  readonly recordingRuns?: number;
  /** Random runs of the streams property (`--streams-runs`). @defaultValue 200 */
  readonly streamsRuns?: number;
  /** Random cases of the payload property (`--payload-runs`). @defaultValue 200 */
  readonly payloadRuns?: number;
  /** Generated inputs of the negative-input property (`--negative-runs`). @defaultValue 3 per family */
  readonly negativeRuns?: number;
  /** Threads the property parts run on (`--jobs`): 2 or more runs the wire property on a worker thread beside the rest. @defaultValue 2 on a machine of two or more cores, else 1 */
  readonly jobs?: number;
  /** The tracer module to check (`--tracer`; README "The --tracer contract"). @defaultValue this package's tracer */
  readonly tracer?: string;
  /** The golden directory (`--golden`). @defaultValue the package's `golden/` */
  readonly golden?: string;
  /** Skip the property suites (`--goldens-only`). @defaultValue false */
  readonly goldensOnly?: boolean;
  /** Reporters (`--reporter`): `pretty`, `json`, `junit`, `github`, `html`. @defaultValue `['pretty']` (+ `github` under GitHub Actions) */
  readonly reporters?: readonly ('pretty' | 'json' | 'junit' | 'github' | 'html')[];
  /** Files of the json, junit and html reporters (`--output-file json=...`). */
  readonly outputFile?: { readonly json?: string; readonly junit?: string; readonly html?: string };
  /** Print the full semantic-coverage table (`--coverage`). @defaultValue false */
  readonly coverage?: boolean;
  /**
   * A span tracer's context policies (README "Span tracers"), over those its module exports: which context a
   * generator's or async generator's body runs in. Refused for a tracer without `spans()`.
   * @defaultValue the module's `policies` export, else `resume` for both
   */
  readonly policies?: {
    readonly 'generator-context'?: 'creation' | 'resume';
    readonly 'async-generator-context'?: 'creation' | 'resume';
  };
  /**
   * Thresholds: `requireAll` exits 1 when anything was skipped for a method the tracer lacks (`--require-all`);
   * `minRowHits` exits 1 when a row of the event-semantics table was hit by fewer judged programs
   * (`--min-row-hits`, >= 0).
   */
  readonly thresholds?: { readonly requireAll?: boolean; readonly minRowHits?: number };
}

/**
 * Types a config file; returns its argument unchanged.
 * @example
 * ```ts
 * // trace-harness.config.ts
 * import { defineConfig } from 'trace-harness';
 * export default defineConfig({ runs: 2000, tracer: './src/my-tracer.ts', reporters: ['pretty', 'junit'], outputFile: { junit: 'reports/check.xml' } });
 * ```
 * @param config - the settings; see {@link TraceHarnessConfig}
 * @returns `config`
 */
export function defineConfig(config: TraceHarnessConfig): TraceHarnessConfig {
  return config;
}
