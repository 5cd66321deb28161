import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateXML } from 'xmllint-wasm';
import { describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main.ts';
import { captureCliOutput } from '../../fixtures/capture-cli.ts';
import { JUNIT_XSD } from '../../fixtures/junit-xsd.ts';
import { BROKEN_GOLDEN, brokenGoldenCopy, corpusFileCount, goldenCopy } from './golden-fixture.ts';

const io = captureCliOutput();
const XSD = JUNIT_XSD;

async function validate(xml: string): Promise<{ valid: boolean; errors: string[] }> {
  const r = await validateXML({ xml: { fileName: 'report.xml', contents: xml }, schema: XSD });
  return { valid: r.valid, errors: r.errors.map((e) => e.rawMessage) };
}

describe('check --reporter junit', () => {
  it('should reject a report the schema does not allow (the validator validates)', async () => {
    const r = await validate('<testsuites><testsuite name="x"><testcase name="a"/></testsuite></testsuites>');
    expect(r.valid).toBe(false);
    expect(r.errors.join('\n')).toMatch(/tests|failures|errors/);
  });

  it('should write a valid file with one test case per golden and the diff in the failure of the broken one', async () => {
    const dir = brokenGoldenCopy();
    const file = join(dir, 'out', 'r.xml');
    const code = await main(['check', '--goldens-only', '--golden', dir, '--reporter', 'junit', '--output-file', file]);
    expect(code).toBe(1);
    const xml = readFileSync(file, 'utf8');
    expect(await validate(xml)).toEqual({ valid: true, errors: [] });
    const cases = [...xml.matchAll(/<testcase name="([^"]+)"/g)].map((m) => m[1]);
    expect(cases).toHaveLength(corpusFileCount(dir));
    const failures = [...xml.matchAll(/<testcase name="([^"]+)"[^>]*>\s*<failure/g)].map((m) => m[1]);
    expect(failures).toEqual([BROKEN_GOLDEN]);
    const failure = xml.slice(xml.indexOf(`<testcase name="${BROKEN_GOLDEN}"`));
    expect(failure).toContain('-return b #3');
    expect(failure).toContain('+yield b #3');
    expect(io.out).toBe(''); // no pretty reporter: nothing on standard output
  });

  it('should write a valid file for a passing run of every part, with one test case per property suite', async () => {
    const dir = goldenCopy();
    const file = join(dir, 'r.xml');
    const code = await main(['check', '--runs', '20', '--wire-runs', '20', '--retention-runs', '10', '--recovery-runs', '5', '--recording-runs', '5', '--streams-runs', '10', '--payload-runs', '10', '--seed', '3', '--golden', dir, '--reporter', 'junit', '--reporter', 'pretty', '--output-file', file]);
    expect(code).toBe(0);
    const xml = readFileSync(file, 'utf8');
    expect(await validate(xml)).toEqual({ valid: true, errors: [] });
    const suites = [...xml.matchAll(/<testsuite name="([^"]+)"/g)].map((m) => m[1]);
    expect(suites).toEqual(['regressions', 'generators', 'coroutines', 'wire', 'retention', 'recovery', 'recording', 'streams', 'payloads', 'negative', 'goldens', 'wire vectors']);
    expect(xml).toContain('<testcase name="generators: 20 random cases, seed 3"');
    expect(xml).not.toContain('<failure');
    expect(io.out).toContain('summary'); // pretty printed too
  });

  it('should carry the shrunk counterexample and the replay command in a failed property suite', async () => {
    const dir = goldenCopy();
    const file = join(dir, 'r.xml');
    const code = await main(['check', '--suite', 'generators', '--runs', '300', '--seed', '11', '--golden', dir, '--tracer', 'test/fixtures/tracer-throw-as-resume.ts', '--reporter', 'junit', '--output-file', `junit=${file}`]);
    expect(code).toBe(1);
    const xml = readFileSync(file, 'utf8');
    expect(await validate(xml)).toEqual({ valid: true, errors: [] });
    const failure = /<testsuite name="generators"[\s\S]*?<failure message="([^"]*)" type="([^"]*)">([\s\S]*?)<\/failure>/.exec(xml);
    expect(failure?.[2]).toBe('model/mismatch');
    expect(failure?.[3]).toContain('program (JavaScript, as run under the tracer):');
    expect(failure?.[3]).toMatch(/replay: npx trace-harness check --suite generators --seed 11 --path [\d:]+ --runs 300 --tracer test\/fixtures\/tracer-throw-as-resume.ts/);
  });
});
