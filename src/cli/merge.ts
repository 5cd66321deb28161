import { formatViolations } from '../assert/report.ts';
import { checkedEvents } from '../check/run.ts';
import { checkStreams } from '../check/streams.ts';
import { encodeChromeStreams } from '../formats/chrome.ts';
import { formatMerged } from '../formats/merged-text.ts';
import { mergeStreams, type TraceStream } from '../model/merged-trace.ts';
import { readTraceFile } from './convert.ts';
import { writeOutput } from './files.ts';
import { UsageError } from './usage-error.ts';

import type { MERGE_TARGETS } from './format-targets.ts';

export { MERGE_TARGETS } from './format-targets.ts';

/** Options of {@link runMerge}. */
export interface MergeCliOptions {
  readonly output: string;
  readonly to: (typeof MERGE_TARGETS)[number];
  readonly by: 'time' | 'seq' | 'auto';
  /** Stream ids, one per file; default: each file's name without its directory and extension. */
  readonly names?: readonly string[];
}

/**
 * `trace-harness merge <file...>`: one stream per file (a worker's, a process's recording), merged into
 * one view keeping each stream's order, checked stream by stream (seq, stack balance, lifecycle; a
 * recording may end with frames running), written as merged text or Chrome JSON (a thread per stream).
 * @returns 0 when every stream holds, 1 when one has violations (listed on `err`; the output is written
 *   all the same)
 * @throws {@link UsageError} for unreadable input, repeated or miscounted names, `--by time` without
 *   timestamps (exit 2)
 */
export function runMerge(files: readonly string[], options: MergeCliOptions, io: { out(text: string): void; err(text: string): void }): number {
  const names = options.names ?? files.map((f) => f.replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, '') || f);
  if (names.length !== files.length) throw new UsageError(`--names gives ${names.length} names for ${files.length} files`);
  if (new Set(names).size !== names.length) throw new UsageError(`stream names must be unique, got ${names.join(', ')}; name them with --names`);
  const streams: TraceStream[] = files.map((f, k) => ({ id: names[k]!, trace: readTraceFile(f) }));
  let merged;
  try {
    merged = mergeStreams(streams, { by: options.by });
  } catch (error) {
    if (error instanceof RangeError) throw new UsageError(error.message);
    throw error;
  }
  writeOutput(options.output, options.to === 'chrome' ? encodeChromeStreams(merged) : formatMerged(merged));
  const bad = checkStreams(merged, { complete: false });
  for (const s of bad) io.err(`stream ${s.stream}: ${s.violations.length} violation(s)\n${formatViolations(s.violations, checkedEvents(merged.stream(s.stream)!))}`);
  if (options.output !== '-') io.out(`merged ${merged.length} events of ${streams.length} streams by ${merged.by}: ${bad.length === 0 ? 'every stream holds' : `${bad.length} stream(s) with violations`}`);
  return bad.length === 0 ? 0 : 1;
}
