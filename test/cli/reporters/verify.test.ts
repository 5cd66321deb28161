import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { validateXML } from 'xmllint-wasm';
import { describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main.ts';
import type { CheckReport } from '../../../src/cli/reporters/check-report.ts';
import { captureCliOutput } from '../../fixtures/capture-cli.ts';
import { JUNIT_XSD } from '../../fixtures/junit-xsd.ts';

const io = captureCliOutput();
const validateJson = new Ajv({ allErrors: true, strict: true }).compile(JSON.parse(readFileSync('src/cli/reporters/check-report.v1.schema.json', 'utf8')));

// A balanced golden, and a negative golden whose sync throw never unwinds: both frames are open at the end.
const GOOD = 'golden/traces/async-all-one-rejects.trace';
const BAD = 'golden/negative/sync-throw-no-unwind.trace';

describe('verify --reporter', () => {
  it('should write a valid JUnit file with a case per file, the bad one failing with its violations', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'th-verify-junit-')), 'r.xml');
    const code = await main(['verify', GOOD, BAD, '--reporter', 'junit', '--output-file', file]);
    expect(code).toBe(1);
    const xml = readFileSync(file, 'utf8');
    const r = await validateXML({ xml: { fileName: 'r.xml', contents: xml }, schema: JUNIT_XSD });
    expect(r.errors.map((e) => e.rawMessage)).toEqual([]);
    expect([...xml.matchAll(/<testcase name="([^"]+)"/g)].map((m) => m[1])).toEqual([GOOD, BAD]);
    expect([...xml.matchAll(/<testcase name="([^"]+)"[^>]*>\s*<failure/g)].map((m) => m[1])).toEqual([BAD]);
    expect(xml).toContain('stack-balance/open-at-end');
    expect(io.out).toBe(''); // no pretty reporter asked for
  });

  it('should print a valid JSON report alone on standard output, one part named verify', async () => {
    const code = await main(['verify', GOOD, BAD, '--reporter', 'json']);
    expect(code).toBe(1);
    const report = JSON.parse(io.out) as CheckReport;
    expect(validateJson(report) ? 'valid' : JSON.stringify(validateJson.errors)).toBe('valid');
    expect(report).toMatchObject({ ok: false, exitCode: 1, tracer: 'verify' });
    expect(report.parts.map((p) => [p.name, p.ok])).toEqual([['verify', false]]);
    expect(typeof report.parts[0]!.elapsedMs).toBe('number'); // JUnit shows it as the suite's time
    expect(report.parts[0]!.cases.map((c) => [c.file, c.ok])).toEqual([[GOOD, true], [BAD, false]]);
  });

  it('should annotate the failing file for GitHub Actions and still print the pretty verdicts', async () => {
    const code = await main(['verify', GOOD, BAD, '--reporter', 'github', '--reporter', 'pretty']);
    expect(code).toBe(1);
    expect(io.out).toContain(`::error file=${BAD}`);
    expect(io.out).not.toContain(`::error file=${GOOD}`);
    expect(io.out).toContain('1 of 2 files verified');
  });
});
