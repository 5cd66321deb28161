import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { captureCliOutput } from '../fixtures/capture-cli.ts';

// Runs the CLI in-process and captures what it writes.
const io = captureCliOutput();

const dir = (): string => mkdtempSync(join(tmpdir(), 'th-bench-'));

describe('trace-harness bench', () => {
  it('should run a smoke of the selected cases, print the table with units and write the JSON', async () => {
    const json = join(dir(), 'out.json');
    const code = await main(['bench', '--smoke', '--filter', '^hot/record$', '--json', json]);
    expect(code).toBe(0);
    expect(io.out).toContain('| case | ratio (traced/untraced) | 95% CI | baseline ratio | change vs baseline (p) | verdict (fails over +20%) | traced ns/op | untraced ns/op | overhead ns/op | traced rate (op/s) | op | counters (deterministic) |');
    expect(io.out).toMatch(/\| hot\/record \| [\d.]+ \| [\d.]+ – [\d.]+ \| [\d.]+ \| - \| smoke \(not judged\) \|/);
    const results = JSON.parse(readFileSync(json, 'utf8')) as { smoke: boolean; cases: { id: string; counters: Record<string, number> }[] };
    expect(results.smoke).toBe(true);
    expect(results.cases.map((c) => c.id)).toEqual(['hot/record']);
    expect(results.cases[0]!.counters['events/op']).toBe(1);
  });

  it('should exit 1 when the counters differ from the baseline', async () => {
    const base = join(dir(), 'baseline.json');
    const committed = JSON.parse(readFileSync('bench/baseline.json', 'utf8')) as { cases: Record<string, { counters: Record<string, number> }> };
    committed.cases['hot/record']!.counters['events/op'] = 2;
    writeFileSync(base, JSON.stringify(committed));
    const code = await main(['bench', '--smoke', '--filter', '^hot/record$', '--baseline', base]);
    expect(code).toBe(1);
    expect(io.out).toContain('**COUNTERS CHANGED**');
    expect(io.out).toContain('- hot/record: counter events/op: want 2, got 1');
  });

  it('should refuse fewer than 20 rounds, an update under CI or in a smoke run, a filter matching nothing, and a bad baseline (exit 2)', async () => {
    expect(await main(['bench', '--rounds', '5'])).toBe(2);
    expect(io.err).toContain('--rounds must be >= 20');
    vi.stubEnv('CI', 'true');
    expect(await main(['bench', '--update-baseline', '--filter', 'hot/record'])).toBe(2);
    expect(io.err).toContain('--update-baseline refuses to write the baseline when CI is set');
    vi.unstubAllEnvs();
    expect(await main(['bench', '--update-baseline', '--smoke'])).toBe(2);
    expect(await main(['bench', '--filter', 'no-such-case'])).toBe(2);
    expect(io.err).toMatch(/--filter no-such-case matches no case; cases: hot\/record, hot\/record-clock, /);
    const bad = join(dir(), 'bad.json');
    writeFileSync(bad, '{"version": 2}');
    expect(await main(['bench', '--baseline', bad, '--filter', 'hot/record'])).toBe(2);
    expect(io.err).toContain('not a version-1 bench baseline');
    expect(await main(['bench', '--threshold', '0.1'])).toBe(2);
    expect(io.err).toContain('--threshold was replaced by --max-regression <fraction> (default 0.2)');
    expect(await main(['bench', '--max-regression', 'x'])).toBe(2);
  });
});
