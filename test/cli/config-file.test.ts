import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findConfig } from '../../src/cli/config-file.ts';
import { main } from '../../src/cli/main.ts';
import type { CheckReport } from '../../src/cli/reporters/check-report.ts';
import { captureCliOutput } from '../fixtures/capture-cli.ts';

const io = captureCliOutput();
const GOLDEN = resolve('golden');

function configDir(name: string, text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'th-config-'));
  writeFileSync(join(dir, name), text);
  return dir;
}

describe('trace-harness.config.{ts,mjs,js}', () => {
  it('should take runs, seed, suite, golden, reporters and output files from an .mjs config, paths relative to it', async () => {
    const dir = configDir('trace-harness.config.mjs', `export default { runs: 9, seed: 3, suite: 'generators', golden: ${JSON.stringify(GOLDEN)}, reporters: ['json'], outputFile: { json: 'out/r.json' } };\n`);
    expect(await main(['check', '--config', join(dir, 'trace-harness.config.mjs')])).toBe(0);
    const report = JSON.parse(readFileSync(join(dir, 'out', 'r.json'), 'utf8')) as CheckReport;
    expect(report.parts.find((p) => p.name === 'generators')).toMatchObject({ runs: 9, seed: 3 });
    expect(report.parts.map((p) => p.name)).not.toContain('coroutines');
    expect(io.out).toBe(''); // json went to the file, no pretty
  });

  it('should let flags override the config, and drop its output file with its reporter', async () => {
    const dir = configDir('trace-harness.config.js', 'export default { runs: 9, seed: 3, suite: "generators", reporters: ["json"], outputFile: { json: "r.json" } };\n');
    expect(await main(['check', '--config', join(dir, 'trace-harness.config.js'), '--runs', '4', '--reporter', 'pretty'])).toBe(0);
    expect(io.out).toMatch(/generators {2}4 random programs, seed 3/);
  });

  it('should load a TypeScript config with defineConfig imported from the package (through jiti on Node)', async () => {
    const dir = join('dist', 'config-test', String(process.pid));
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'trace-harness.config.ts'),
      "import { defineConfig, type TraceHarnessConfig } from 'trace-harness';\nconst settings: TraceHarnessConfig = { goldensOnly: true, reporters: ['junit'], outputFile: { junit: 'r.xml' } };\nexport default defineConfig(settings);\n",
    );
    expect(await main(['check', '--config', join(dir, 'trace-harness.config.ts')])).toBe(0);
    expect(readFileSync(join(dir, 'r.xml'), 'utf8')).toContain('<testsuite name="goldens"');
  });

  it('should refuse an unknown or mistyped field and a missing file with one line and exit 2', async () => {
    const dir = configDir('trace-harness.config.mjs', 'export default { runz: 5 };\n');
    expect(await main(['check', '--config', join(dir, 'trace-harness.config.mjs')])).toBe(2);
    expect(io.err).toMatch(/^trace-harness: config .*trace-harness.config.mjs: .*runz/);
    io.err = '';
    const bad = configDir('trace-harness.config.mjs', 'export default { runs: 0 };\n');
    expect(await main(['check', '--config', join(bad, 'trace-harness.config.mjs')])).toBe(2);
    expect(io.err).toMatch(/runs: /);
    expect(await main(['check', '--config', join(bad, 'nope.mjs')])).toBe(2);
  });

  it('should put its policies over a span tracer module\'s own, and refuse them for a tracer without spans()', async () => {
    const tracer = resolve('test/conformance/tracers/als-tracer.mjs'); // exports creation for both
    const dir = configDir('trace-harness.config.mjs', `export default { tracer: ${JSON.stringify(tracer)}, runs: 3, seed: 1, policies: { 'async-generator-context': 'resume' } };\n`);
    await main(['check', '--config', join(dir, 'trace-harness.config.mjs')]);
    expect(io.out).toContain('generator-context: creation, async-generator-context: resume');
    io.out = '';
    const eventTracer = configDir('trace-harness.config.mjs', `export default { goldensOnly: true, policies: { 'generator-context': 'creation' } };\n`);
    expect(await main(['check', '--config', join(eventTracer, 'trace-harness.config.mjs')])).toBe(2);
    expect(io.err).toMatch(/config policies apply to a span tracer/);
    io.err = '';
    const bad = configDir('trace-harness.config.mjs', `export default { policies: { 'generator-context': 'later' } };\n`);
    expect(await main(['check', '--config', join(bad, 'trace-harness.config.mjs')])).toBe(2);
    expect(io.err).toMatch(/policies\.generator-context: /);
  });

  it('should take coverage and the row minimum from thresholds, and exit 1 naming a row below it', async () => {
    const dir = configDir('trace-harness.config.mjs', 'export default { runs: 5, seed: 2, suite: "generators", goldensOnly: false, wireRuns: 1, retentionRuns: 1, recoveryRuns: 1, recordingRuns: 1, streamsRuns: 1, coverage: true, thresholds: { minRowHits: 6 } };\n');
    expect(await main(['check', '--config', join(dir, 'trace-harness.config.mjs')])).toBe(1);
    expect(io.out).toMatch(/coverage\/row-below-minimum: \S+ hit by \d programs, want >= 6 \(--min-row-hits 6\)/);
    expect(io.out).toMatch(/row +programs +situation/); // the full table (coverage: true)
    expect(io.out).not.toContain('the full table: --coverage');
  });

  it('should take the negative part\'s runs from negativeRuns', async () => {
    const dir = configDir('trace-harness.config.mjs', 'export default { runs: 5, seed: 2, wireRuns: 1, retentionRuns: 1, recoveryRuns: 1, streamsRuns: 1, negativeRuns: 4 };\n');
    expect(await main(['check', '--config', join(dir, 'trace-harness.config.mjs')])).toBe(0);
    expect(io.out).toMatch(/negative +4 generated inputs, round robin over \d+ families/);
    expect(io.out).toMatch(/ok +4 inputs passed in [\d.]+ s, 1 rule rejected, seed 2/); // the first four families are exit-not-top ones
  });

  it('should take jobs, and refuse jobs below 1 naming the field', async () => {
    const dir = configDir('trace-harness.config.mjs', 'export default { jobs: 1, runs: 5, seed: 2, wireRuns: 1, retentionRuns: 1, recoveryRuns: 1, streamsRuns: 1 };\n');
    expect(await main(['check', '--config', join(dir, 'trace-harness.config.mjs')])).toBe(0);
    const bad = configDir('trace-harness.config.mjs', 'export default { jobs: 0 };\n');
    expect(await main(['check', '--config', join(bad, 'trace-harness.config.mjs')])).toBe(2);
    expect(io.err).toMatch(/jobs: /);
    expect(io.err).not.toMatch(/unrecognized/i);
  });

  it('should find trace-harness.config.ts first, then .mjs, then .js', () => {
    const dir = configDir('trace-harness.config.js', '');
    expect(findConfig(dir)).toBe(join(dir, 'trace-harness.config.js'));
    writeFileSync(join(dir, 'trace-harness.config.mjs'), '');
    expect(findConfig(dir)).toBe(join(dir, 'trace-harness.config.mjs'));
    writeFileSync(join(dir, 'trace-harness.config.ts'), '');
    expect(findConfig(dir)).toBe(join(dir, 'trace-harness.config.ts'));
    expect(findConfig(mkdtempSync(join(tmpdir(), 'th-none-')))).toBeUndefined();
  });
});
