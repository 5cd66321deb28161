// A fresh consumer project, outside the repository, with the packed tarball installed as a user installs
// it (issue 16 "Done means"): the CLI's JUnit file validates, its JSON validates against the schema the
// package ships, a failing golden gives a GitHub annotation, and neither the install nor a vitest run
// using the matchers prints a warning.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { validateXML } from 'xmllint-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { JUNIT_XSD } from '../fixtures/junit-xsd.ts';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
/** Where npm may come from: the cache `npm ci` filled (CI reaches the registry too, but need not). */
const INSTALL_FLAGS = ['--prefer-offline', '--no-audit', '--no-fund', '--loglevel', 'warn'];
const VITEST_VERSION = (JSON.parse(readFileSync('node_modules/vitest/package.json', 'utf8')) as { version: string }).version;

let project = '';
let installOutput = '';

function run(command: string, args: readonly string[], env: Record<string, string> = {}): { code: number; out: string; err: string } {
  const r = spawnSync(command, args, { cwd: project, encoding: 'utf8', env: { ...process.env, ...env, NO_COLOR: '1', CI: 'true' } });
  if (r.error !== undefined) throw r.error;
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

/** npm's warnings (`npm warn ...`, `npm WARN ...`) in what an npm command printed. */
const npmWarnings = (text: string): string[] => text.split('\n').filter((l) => /^npm warn/i.test(l));

beforeAll(() => {
  // dist/ is built by pretest; --ignore-scripts keeps prepack from rebuilding it under the other tests' feet.
  const packDir = mkdtempSync(join(tmpdir(), 'th-pack-'));
  execFileSync(npm, ['pack', '--ignore-scripts', '--silent', '--pack-destination', packDir], { encoding: 'utf8' });
  const tarball = join(packDir, readdirSync(packDir).find((f) => f.endsWith('.tgz'))!);
  project = mkdtempSync(join(tmpdir(), 'th-consumer-'));
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }, null, 2));
  const install = run(npm, ['install', ...INSTALL_FLAGS, tarball, `vitest@${VITEST_VERSION}`]);
  installOutput = install.out + install.err;
  if (install.code !== 0) throw new Error(`npm install of the tarball failed (exit ${install.code}):\n${installOutput}`);
});

describe('a consumer project with the packed tarball installed', () => {
  it('should install without a warning (no install script, nothing deprecated of ours)', () => {
    expect(npmWarnings(installOutput)).toEqual([]);
  });

  it('should write a JUnit file that validates against the published JUnit schema', async () => {
    const r = run('npx', ['trace-harness', 'check', '--goldens-only', '--reporter', 'junit', '--output-file', 'r.xml']);
    expect(r.code, r.err).toBe(0);
    const xml = readFileSync(join(project, 'r.xml'), 'utf8');
    const result = await validateXML({ xml: { fileName: 'r.xml', contents: xml }, schema: JUNIT_XSD });
    expect(result.errors.map((e) => e.rawMessage)).toEqual([]);
    expect(result.valid).toBe(true);
    expect(xml).toContain('<testsuite name="goldens"');
  });

  it('should print a JSON report that validates against the schema the package ships', () => {
    const r = run('npx', ['trace-harness', 'check', '--goldens-only', '--reporter', 'json']);
    expect(r.code, r.err).toBe(0);
    const schema = JSON.parse(readFileSync(join(project, 'node_modules', 'trace-harness', 'src', 'cli', 'reporters', 'check-report.v1.schema.json'), 'utf8')) as object;
    const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);
    const report = JSON.parse(r.out) as { ok: boolean };
    expect(validate(report) ? 'valid' : JSON.stringify(validate.errors)).toBe('valid');
    expect(report.ok).toBe(true);
  });

  it('should annotate the failing golden with ::error file=... when GITHUB_ACTIONS=true', () => {
    const golden = join(project, 'g');
    cpSync(join(project, 'node_modules', 'trace-harness', 'golden'), golden, { recursive: true });
    const broken = join(golden, 'traces', 'async-all-two.trace');
    const text = readFileSync(broken, 'utf8');
    expect(text).toContain('yield b #3'); // the line this test breaks
    writeFileSync(broken, text.replace('yield b #3', 'return b #3'));
    const r = run('npx', ['trace-harness', 'check', '--goldens-only', '--golden', 'g'], { GITHUB_ACTIONS: 'true' });
    expect(r.code).toBe(1);
    const errors = r.out.split('\n').filter((l) => l.startsWith('::error'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^::error file=g\/traces\/async-all-two\.trace,title=trace-harness goldens::/);
  });

  it('should run a vitest test with the matchers from setupFiles and print no warning', () => {
    writeFileSync(join(project, 'vitest.config.mjs'), "export default { test: { setupFiles: ['trace-harness/vitest'] } };\n");
    writeFileSync(
      join(project, 't.test.mjs'),
      [
        "import { expect, it } from 'vitest';",
        "import { Tracer } from 'trace-harness';",
        '',
        "it('records a balanced trace', () => {",
        '  const tracer = new Tracer();',
        "  const f = tracer.trace(function f() { return 1; });",
        '  f();',
        '  expect(tracer.snapshot()).toBeBalanced();',
        '});',
        '',
      ].join('\n'),
    );
    const r = run('npx', ['vitest', 'run']);
    expect(r.code, r.out + r.err).toBe(0);
    expect(r.out).toMatch(/Tests\s+1 passed \(1\)/);
    const all = r.out + r.err;
    expect(all).not.toMatch(/source ?map/i);
    expect(all).not.toMatch(/warn/i);
  });
});
