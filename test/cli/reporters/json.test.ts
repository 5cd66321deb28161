import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main.ts';
import type { CheckReport } from '../../../src/cli/reporters/check-report.ts';
import { captureCliOutput } from '../../fixtures/capture-cli.ts';
import { BROKEN_GOLDEN, brokenGoldenCopy, goldenCopy } from './golden-fixture.ts';
import { handBuiltReport } from './html-fixture.ts';

const io = captureCliOutput();
const validate = new Ajv({ allErrors: true, strict: true }).compile(JSON.parse(readFileSync('src/cli/reporters/check-report.v1.schema.json', 'utf8')));

function valid(report: unknown): string {
  return validate(report) ? 'valid' : JSON.stringify(validate.errors);
}

describe('check --reporter json', () => {
  it('should reject a report the schema does not allow (the schema is not vacuous)', () => {
    expect(valid({ schema: 'trace-harness/check-report', schemaVersion: 1, parts: [] })).not.toBe('valid');
  });

  it('should accept the optional counterexample and coverage fields, and reject a malformed counterexample event', () => {
    const report = handBuiltReport();
    expect(valid(report)).toBe('valid');
    const part = report.parts[0]!;
    const bad = { ...part, counterexample: { ...part.counterexample!, actual: { events: [{ kind: 'call', code: 'f' }], outcome: 'return' } } };
    expect(valid({ ...report, parts: [bad] })).not.toBe('valid');
  });

  it('should write the report alone on standard output, valid, with the broken golden and its diff', async () => {
    const dir = brokenGoldenCopy();
    const code = await main(['check', '--goldens-only', '--golden', dir, '--reporter', 'json']);
    expect(code).toBe(1);
    const report = JSON.parse(io.out) as CheckReport;
    expect(valid(report)).toBe('valid');
    expect(report).toMatchObject({ exitCode: 1, ok: false, tracer: 'this package', argv: ['check', '--goldens-only', '--golden', dir, '--reporter', 'json'] });
    const goldens = report.parts.find((p) => p.name === 'goldens')!;
    expect(goldens.ok).toBe(false);
    expect(typeof goldens.elapsedMs).toBe('number'); // a corpus part is timed too (JUnit's suite time)
    const failed = goldens.cases.filter((c) => !c.ok);
    expect(failed.map((c) => c.file)).toEqual([BROKEN_GOLDEN]);
    expect(failed[0]!.path).toBe(join(dir, BROKEN_GOLDEN));
    expect(failed[0]!.details).toContain('+yield b #3');
    // The failed golden as data too: its program, the stored trace as expected, the produced one as actual.
    const cx = failed[0]!.counterexample!;
    expect(cx.golden).toBe(BROKEN_GOLDEN);
    const differs = cx.expected.events.findIndex((e, i) => e.kind !== cx.actual.events[i]!.kind);
    expect([cx.expected.events[differs]!.kind, cx.actual.events[differs]!.kind]).toEqual(['return', 'yield']);
    expect(cx.firstViolation).toBe(differs);
    expect(cx.source).toMatch(/^async function main\(\)/);
  });

  it('should give a failed property suite its seed, runs, violations and a replay command that reproduces it', async () => {
    const dir = goldenCopy();
    const file = join(dir, 'r.json');
    const code = await main(['check', '--suite', 'generators', '--runs', '300', '--seed', '11', '--golden', dir, '--tracer', 'test/fixtures/tracer-throw-as-resume.ts', '--reporter', 'json', '--output-file', file]);
    expect(code).toBe(1);
    const report = JSON.parse(readFileSync(file, 'utf8')) as CheckReport;
    expect(valid(report)).toBe('valid');
    const gen = report.parts.find((p) => p.name === 'generators')!;
    expect(gen).toMatchObject({ kind: 'property', ok: false, seed: 11 });
    expect(gen.violations!.map((v) => v.rule)).toContain('model/mismatch');
    expect(gen.output).toContain('program (JavaScript, as run under the tracer):');
    expect(gen.output).not.toMatch(/\x1b\[/); // eslint-disable-line no-control-regex
    // The same counterexample, structured: source, both traces, the first violation's index; and the coverage.
    const cx = gen.counterexample!;
    expect(gen.output).toContain(cx.source.split('\n')[0]!);
    expect(cx.expected.events.length).toBeGreaterThan(0);
    expect(cx.actual.events.some((e) => e.kind === 'resume')).toBe(true);
    expect(cx.firstViolation).toBe(Math.min(...gen.violations!.map((v) => v.eventIndex!).filter((i) => i >= 0)));
    expect(report.coverage!.programs).toBeGreaterThan(0);
    expect(Object.keys(report.coverage!.rows)).toContain('gen/throw');
    const replayed = await main([...gen.replay!.split(' ').slice(2), '--reporter', 'json']);
    expect(replayed).toBe(1);
  });

  it('should report the span-tracer path (observe mode) as one spans part', async () => {
    const dir = goldenCopy();
    const file = join(dir, 'spans.json');
    const code = await main(['check', '--tracer', 'test/fixtures/span-stack-tracer.mjs', '--runs', '300', '--seed', '1', '--reporter', 'json', '--output-file', file]);
    expect(code).toBe(1);
    const report = JSON.parse(readFileSync(file, 'utf8')) as CheckReport;
    expect(valid(report)).toBe('valid');
    expect(report.parts.map((p) => [p.name, p.ok])).toEqual([['spans', false]]);
    expect(report.parts[0]!.violations!.some((v) => /^(span\/parent|context\/active)/.test(v.rule))).toBe(true);
    expect(report.parts[0]!.replay).toMatch(/^npx trace-harness check --tracer test\/fixtures\/span-stack-tracer.mjs --seed 1 --path [\d:]+ --runs 300$/);
  });
});
