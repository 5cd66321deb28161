import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { validateXML } from 'xmllint-wasm';
import { describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main.ts';
import type { CheckReport } from '../../../src/cli/reporters/check-report.ts';
import { captureCliOutput } from '../../fixtures/capture-cli.ts';
import { JUNIT_XSD } from '../../fixtures/junit-xsd.ts';
import { pythonPath } from '../../fixtures/python.ts';
import { goldenCopy } from './golden-fixture.ts';

const io = captureCliOutput();
const BUGGY = fileURLToPath(new URL('../../fixtures/buggy-adapter.py', import.meta.url));
const EXIT_AT_START = `${process.execPath} ${fileURLToPath(new URL('../../fixtures/adapters/exit-at-start.mjs', import.meta.url))}`;
const XSD = JUNIT_XSD;

describe('check --tracer-cmd with reporters (the adapter path)', () => {
  it('should report the python goldens per file and the failed suite with its counterexample, in json and valid junit', async () => {
    const dir = goldenCopy();
    const [json, xml] = [join(dir, 'r.json'), join(dir, 'r.xml')];
    const code = await main(['check', '--tracer-cmd', `${pythonPath('3.12.1')} ${BUGGY}`, '--lang', 'python', '--runs', '300', '--seed', '2', '--suite', 'generators', '--reporter', 'json', '--reporter', 'junit', '--output-file', `json=${json}`, '--output-file', `junit=${xml}`]);
    expect(code).toBe(1);
    const report = JSON.parse(readFileSync(json, 'utf8')) as CheckReport;
    expect(report.parts.map((p) => p.name)).toEqual(['python goldens', 'generators']);
    expect(report.parts[0]!.cases.length).toBeGreaterThan(0);
    expect(report.parts[0]!.cases.every((c) => c.path.startsWith(join('golden', 'python')) || c.path.includes('/golden/python/'))).toBe(true);
    const gen = report.parts[1]!;
    expect(gen).toMatchObject({ ok: false, seed: 2 });
    expect(gen.output).toMatch(/^-throw g\d+ #\d+\n\+resume g\d+ #\d+$/m);
    const r = await validateXML({ xml: { fileName: 'r.xml', contents: readFileSync(xml, 'utf8') }, schema: XSD });
    expect(r.errors.map((e) => e.rawMessage)).toEqual([]);
  });

  it('should report an unusable adapter as one failed tracer part with exit code 2', async () => {
    const dir = goldenCopy();
    const json = join(dir, 'r.json');
    expect(await main(['check', '--tracer-cmd', EXIT_AT_START, '--lang', 'python', '--reporter', 'json', '--output-file', json])).toBe(2);
    const report = JSON.parse(readFileSync(json, 'utf8')) as CheckReport;
    expect(report).toMatchObject({ exitCode: 2, ok: false, parts: [{ name: 'tracer', kind: 'tracer', ok: false }] });
    expect(report.parts[0]!.message).toMatch(/^adapter\/exited: /);
  });
});
