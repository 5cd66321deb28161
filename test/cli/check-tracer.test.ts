import { cpSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { captureCliOutput } from '../fixtures/capture-cli.ts';

// Runs the CLI in-process and captures what it writes.
const io = captureCliOutput();
// eslint-disable-next-line no-control-regex
const plain = (s: string): string => s.replace(/\x1b\[[0-9;]*m/g, '');

/** trace and snapshot only: no enterAsync, no event. */
const PARTIAL = 'test/fixtures/partial-tracer.ts';
/** This package's Tracer with every method, as a module. */
const FULL = 'test/fixtures/full-tracer.ts';
const NOT_RUN = "wire, retention, recovery, recording, streams, payloads, negative: not run: they check this package's recorder, codecs and validators, not the tracer under test";

describe('check --tracer with a tracer of only trace and snapshot', () => {
  it('should pass, skipping the regressions that need event() with the reason', async () => {
    const code = await main(['check', '--runs', '30', '--seed', '1', '--tracer', PARTIAL]);
    const text = plain(io.out);
    expect(text).not.toContain('FAIL');
    expect(code).toBe(0);
    expect(text).toMatch(/^regressions 5\/6 committed counterexamples passed \(replayed first\); 1 skipped \(need event\)\n/);
  });

  it('should skip goldens by what they need, and end with a summary of what ran and what was skipped', async () => {
    const code = await main(['check', '--runs', '30', '--seed', '1', '--tracer', PARTIAL]);
    const text = plain(io.out);
    expect(code).toBe(0);
    expect(text).toMatch(/goldens {3}34\/69 traces, 13\/13 negative goldens passed \(.*\); 35 skipped \(need enterAsync: 30; need this package's tracer options: 4; need enterAsync and event: 1\)\n/);
    expect(text.trimEnd().split('\n').slice(-2)).toEqual([
      'summary   regressions ok, generators ok, goldens ok; exit 0',
      "          skipped: 1 regression (need event), user events in random programs (no event), coroutines suite (no enterAsync), 35 goldens (need enterAsync: 30; need this package's tracer options: 4; need enterAsync and event: 1)",
    ]);
  });

  it('should exit 1 under --require-all when anything was skipped, and say why', async () => {
    const code = await main(['check', '--runs', '20', '--seed', '1', '--tracer', PARTIAL, '--require-all']);
    expect(code).toBe(1);
    expect(plain(io.out)).toContain('summary   regressions ok, generators ok, goldens ok; exit 1 (--require-all, and parts were skipped: see below)\n          skipped: 1 regression (need event)');
  });

  it('should exit 0 under --require-all for a tracer with every method: goldens needing tracer options do not count', async () => {
    const code = await main(['check', '--runs', '20', '--seed', '1', '--tracer', FULL, '--require-all']);
    const text = plain(io.out);
    expect(code).toBe(0);
    expect(text).toMatch(/^regressions (\d+)\/\1 committed counterexamples passed \(replayed first\)\n/);
    expect(text).toContain('summary   regressions ok, generators ok, coroutines ok, goldens ok; exit 0\n');
    expect(text).toContain("          skipped: 4 goldens (need this package's tracer options)\n");
  });
});

describe('check --tracer leaves out what does not involve the tracer under test', () => {
  it('should not run wire, retention, recovery, recording, streams or negative, and say so in one line', async () => {
    expect(await main(['check', '--runs', '10', '--seed', '2', '--tracer', FULL])).toBe(0);
    const text = plain(io.out);
    expect(text).toContain(`\n${NOT_RUN}\n`);
    expect(text).not.toMatch(/^(wire|retention|recovery|recording|streams) +\d+ random/m);
    expect(text).not.toMatch(/^negative +\d+ generated/m);
  });

  it('should still run them without --tracer', async () => {
    expect(await main(['check', '--runs', '10', '--seed', '2', '--wire-runs', '20', '--retention-runs', '10', '--recovery-runs', '5', '--recording-runs', '5', '--streams-runs', '5'])).toBe(0);
    const text = plain(io.out);
    expect(text).not.toContain(NOT_RUN);
    for (const part of ['wire', 'retention', 'recovery', 'recording', 'streams', 'payloads']) expect(text).toMatch(new RegExp(`^${part} +\\d+ random`, 'm'));
    expect(text).toMatch(/^negative +\d+ generated inputs/m);
    expect(text).toContain('summary   regressions ok, generators ok, coroutines ok, wire ok, retention ok, recovery ok, recording ok, streams ok, payloads ok, negative ok, goldens ok, wire vectors ok; exit 0\n');
    expect(text).not.toContain('skipped:');
  });

  it('should refuse their flags with --tracer (exit 2)', async () => {
    expect(await main(['check', '--tracer', FULL, '--wire-runs', '5'])).toBe(2);
    expect(io.err).toBe("trace-harness: --wire-runs checks this package's recorder, not a --tracer module (those parts do not run under --tracer)\n");
    expect(await main(['check', '--tracer', FULL, '--negative-runs', '5'])).toBe(2);
    expect(io.err).toContain("trace-harness: --negative-runs checks this package's validators, not a --tracer module (those parts do not run under --tracer)\n");
  });
});

describe('check --tracer --update', () => {
  it("should refuse to write a tracer under test's output into the goldens (exit 2), writing nothing", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'th-golden-'));
    cpSync('golden', dir, { recursive: true });
    writeFileSync(join(dir, 'programs', 'fresh.json'), JSON.stringify({ functions: [{ name: 'main', kind: 'sync', body: [] }] }));
    vi.stubEnv('CI', '');
    expect(await main(['check', '--goldens-only', '--update', '--golden', dir, '--tracer', FULL])).toBe(2);
    expect(io.err).toBe("trace-harness: --update writes goldens from this package's tracer, never from a tracer under test: run check --update without --tracer test/fixtures/full-tracer.ts\n");
    expect(io.out).toBe('');
    expect(readdirSync(join(dir, 'traces')).filter((f) => f.endsWith('.new'))).toEqual([]);
  });

  it('should not suggest --update for a golden a tracer under test fails', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'th-golden-'));
    cpSync('golden', dir, { recursive: true });
    writeFileSync(join(dir, 'programs', 'fresh.json'), JSON.stringify({ functions: [{ name: 'main', kind: 'sync', body: [] }] }));
    expect(await main(['check', '--goldens-only', '--golden', dir, '--tracer', FULL])).toBe(1);
    expect(plain(io.out)).toContain('FAIL  traces/fresh.trace: missing golden');
    expect(plain(io.out)).not.toContain('to write the produced traces as .new files');
  });
});

describe('check --require-all', () => {
  it('should be in the help, and refused with --tracer-cmd', async () => {
    expect(await main(['check', '--help'])).toBe(0);
    expect(io.out).toContain('--require-all');
    expect(await main(['check', '--tracer-cmd', 'python3 adapter.py', '--lang', 'python', '--require-all'])).toBe(2);
    expect(io.err).toContain("trace-harness: --require-all goes with --tracer <module>; a --tracer-cmd adapter's skips are listed in its summary\n");
  });
});
