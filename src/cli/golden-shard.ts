// The part of a golden corpus one shard runs (`check --shard i/n`).
import type { GoldenFiles } from '../../harness/goldens/golden.ts';
import { inShard, type Shard } from '../../harness/properties/shard.ts';

/**
 * The goldens and regressions of one shard: every name of the corpus (a program with its trace, a negative
 * golden, a regression program) sorted, and name i goes to shard (i mod count) + 1. A program and its trace go
 * together, so an orphan is still found by the shard that holds its name.
 * @param files - the whole corpus, as `readGoldenDir` read it
 * @param shard - the shard; undefined for the whole corpus
 * @returns the corpus of the shard
 */
export function shardGoldenFiles(files: GoldenFiles, shard: Shard | undefined): GoldenFiles {
  if (shard === undefined) return files;
  const keys = [...new Set([...files.programs.keys(), ...files.traces.keys()].map((n) => `golden:${n}`)), ...[...files.negatives.keys()].map((n) => `negative:${n}`), ...[...files.regressions.keys()].map((n) => `regression:${n}`)].sort();
  const mine = new Set(keys.filter((_, i) => inShard(i, shard)));
  const pick = (map: ReadonlyMap<string, string>, kind: string): Map<string, string> => new Map([...map].filter(([name]) => mine.has(`${kind}:${name}`)));
  return { programs: pick(files.programs, 'golden'), traces: pick(files.traces, 'golden'), negatives: pick(files.negatives, 'negative'), regressions: pick(files.regressions, 'regression') };
}
