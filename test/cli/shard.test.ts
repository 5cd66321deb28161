import { readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readGoldenDir } from '../../src/cli/golden-files.ts';
import { shardGoldenFiles } from '../../src/cli/golden-shard.ts';
import { main } from '../../src/cli/main.ts';
import type { CheckReport } from '../../src/cli/reporters/check-report.ts';
import { captureCliOutput } from '../fixtures/capture-cli.ts';

const io = captureCliOutput();
const FLAGS = ['--runs', '30', '--wire-runs', '30', '--retention-runs', '12', '--recovery-runs', '9', '--recording-runs', '9', '--streams-runs', '9', '--seed', '7'];
const caseFiles = (r: CheckReport): string[] => r.parts.flatMap((p) => p.cases.map((c) => c.file)).sort();
const runsOf = (r: CheckReport): Record<string, number | undefined> => Object.fromEntries(r.parts.map((p) => [p.name, p.runs]));

async function report(dir: string, name: string, ...extra: string[]): Promise<CheckReport> {
  const file = join(dir, `${name}.json`);
  expect(await main(['check', ...FLAGS, ...extra, '--reporter', 'json', '--output-file', file])).toBe(0);
  return JSON.parse(readFileSync(file, 'utf8')) as CheckReport;
}

describe('check --shard i/n', () => {
  it('should split the corpus into disjoint parts whose union is the whole corpus', () => {
    const all = readGoldenDir('golden');
    const names = (f: ReturnType<typeof readGoldenDir>): string[] => Object.entries(f).flatMap(([k, m]) => [...(m as Map<string, string>).keys()].map((n) => `${k}/${n}`));
    const parts = [1, 2, 3].map((index) => names(shardGoldenFiles(all, { index, count: 3 })));
    expect(parts.flat().sort()).toEqual(names(all).sort());
    expect(new Set(parts.flat()).size).toBe(parts.flat().length);
    expect(Math.max(...parts.map((p) => p.length)) - Math.min(...parts.map((p) => p.length))).toBeLessThanOrEqual(4); // about even (a program and its trace go together)
  });

  it('should run in shards 1/3, 2/3 and 3/3 together exactly what the unsharded run does, and merge-reports makes it whole', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'th-shard-'));
    const whole = await report(dir, 'whole');
    const shards = [];
    for (const i of [1, 2, 3]) shards.push(await report(dir, `shard-${i}`, '--shard', `${i}/3`));
    expect(shards.map((s) => s.shard)).toEqual([1, 2, 3].map((index) => ({ index, count: 3 })));
    // every golden and regression file in exactly one shard
    expect(shards.flatMap(caseFiles).sort()).toEqual(caseFiles(whole));
    // every property suite: the shards' runs add up to the whole run's
    for (const [part, runs] of Object.entries(runsOf(whole))) {
      if (runs === undefined) continue;
      expect(shards.reduce((n, s) => n + (runsOf(s)[part] ?? 0), 0), part).toBe(runs);
    }
    io.out = '';
    expect(await main(['merge-reports', ...[1, 2, 3].map((i) => join(dir, `shard-${i}.json`))])).toBe(0);
    const merged = JSON.parse(io.out) as CheckReport;
    expect(merged.shard).toBeUndefined();
    expect(caseFiles(merged)).toEqual(caseFiles(whole));
    expect(runsOf(merged)).toEqual(runsOf(whole));
    expect(merged.parts.map((p) => [p.name, p.ok])).toEqual(whole.parts.map((p) => [p.name, p.ok]));
  });

  it('should refuse a shard without --seed, with --path, and merge-reports of a shard set with one missing (exit 2)', async () => {
    expect(await main(['check', '--shard', '1/2'])).toBe(2);
    expect(io.err).toContain('--shard needs --seed');
    expect(await main(['check', '--shard', '3/2', '--seed', '1'])).toBe(2);
    expect(await main(['check', '--shard', '1/2', '--seed', '1', '--path', '3'])).toBe(2);
    const dir = mkdtempSync(join(tmpdir(), 'th-shard-'));
    await main(['check', '--goldens-only', '--shard', '1/2', '--reporter', 'json', '--output-file', join(dir, 'a.json')]);
    io.err = '';
    expect(await main(['merge-reports', join(dir, 'a.json')])).toBe(2);
    expect(io.err).toBe('trace-harness: merge-reports: shard 2/2 missing: the union would not be the whole run\n');
  });
});
