import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const BIN = 'dist/src/cli/bin.js';

/** What a run of the built CLI loads (issue 15: each command pays only for what it uses), and what it printed. */
interface Loaded {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** The packages under node_modules it loaded. */
  readonly packages: Set<string>;
  /** This package's own modules it loaded, as paths under dist/ (`src/formats/jsonl.js`). */
  readonly modules: Set<string>;
}

function loadedBy(args: readonly string[], env: Record<string, string> = {}): Loaded {
  const file = join(mkdtempSync(join(tmpdir(), 'th-lazy-')), 'modules.txt');
  const r = spawnSync(process.execPath, ['--import', './test/fixtures/record-modules.mjs', BIN, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', GITHUB_ACTIONS: '', ...env, TH_RECORD_MODULES: file } });
  const urls = existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter((l) => l !== '') : [];
  const packages = new Set(urls.flatMap((u) => /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(u)?.[1] ?? []));
  const modules = new Set(urls.flatMap((u) => (u.includes('/node_modules/') ? [] : (/^file:.*\/dist\/(.*)$/.exec(u)?.[1] ?? []))));
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, packages, modules };
}

const packagesLoaded = (...args: string[]): Loaded => loadedBy(args);

/** The readers and checks of each format, as verify loads them. */
const JSONL_READER = ['src/formats/jsonl.js', 'src/formats/load-jsonl.js'];
const TEXT_READER = ['src/formats/text.js', 'src/formats/load-text.js'];
const WIRE_READER = ['src/wire/reader.js', 'src/wire/chunk-decoder.js', 'src/formats/load-wire.js'];
const CHROME_CHECKS = ['src/formats/chrome-verify.js', 'src/formats/chrome-scan.js', 'src/cli/verify-chrome.js'];
const MERGED = ['src/formats/merged-text.js', 'src/cli/verify-merged.js'];
/** The per-event validators: loaded only when the columnar fast path cannot prove a trace valid. */
const VALIDATORS = ['src/check/validate-trace.js', 'src/check/lifecycle.js', 'src/check/stack-balance.js', 'src/check/seq.js'];

describe('what a command loads', () => {
  it('should see the hook record a package (the probe works)', () => {
    const r = packagesLoaded('check', '--goldens-only');
    expect(r.status).toBe(0);
    expect(r.packages).toContain('commander');
    expect(r.modules).toContain('src/cli/main.js');
  });

  it('should not load fast-check or zod for --version, --help or verify (no property runs, no config file)', () => {
    for (const args of [['--version'], ['--help'], ['verify', 'golden/wire/sync-call-return.trh'], ['verify', 'golden/traces/sync-call-return.trace']]) {
      const r = packagesLoaded(...args);
      expect(r.packages, args.join(' ')).not.toContain('fast-check');
      // zod (97 modules, ~100 ms of CPU) checks config files only: the JSONL header is checked by hand.
      expect(r.packages, args.join(' ')).not.toContain('zod');
    }
  });

  it('should answer --version and -V without loading commander (the command table)', () => {
    for (const flag of ['--version', '-V']) {
      const r = packagesLoaded(flag);
      expect(r.status).toBe(0);
      expect(r.packages, flag).not.toContain('commander');
    }
    expect(packagesLoaded('--help').packages).toContain('commander');
  });

  it('should build the command table for --help without the commands\' modules (bench, the coverage printer, golden files, kleur)', () => {
    const r = packagesLoaded('--help');
    expect(r.status).toBe(0);
    expect(r.packages).not.toContain('kleur');
    for (const m of ['src/cli/bench.js', 'src/cli/check-coverage.js', 'src/cli/golden-files.js', 'src/cli/verify.js']) expect(r.modules).not.toContain(m);
  });

  it('should not load the report renderers (xmlbuilder2) when only the pretty reporter is chosen', () => {
    expect(packagesLoaded('check', '--goldens-only').packages).not.toContain('xmlbuilder2');
    expect(packagesLoaded('check', '--goldens-only', '--reporter', 'junit').packages).toContain('xmlbuilder2');
  });
});

describe('what verify loads', () => {
  it('should load only the wire reader for a wire file, and no validator for a trace the fast path proves valid', () => {
    const r = packagesLoaded('verify', 'golden/wire/sync-call-return.trh');
    expect(r.status).toBe(0);
    for (const m of WIRE_READER) expect(r.modules).toContain(m);
    for (const m of [...JSONL_READER, ...TEXT_READER, ...CHROME_CHECKS, ...MERGED, ...VALIDATORS]) expect(r.modules).not.toContain(m);
  });

  it('should load only the text reader for canonical text', () => {
    const r = packagesLoaded('verify', 'golden/traces/sync-call-return.trace');
    expect(r.status).toBe(0);
    for (const m of TEXT_READER) expect(r.modules).toContain(m);
    for (const m of [...JSONL_READER, ...WIRE_READER, ...CHROME_CHECKS, ...MERGED, ...VALIDATORS]) expect(r.modules).not.toContain(m);
  });

  it('should load the per-event validators when the fast path cannot judge: a violation, a torn wire file', () => {
    // gen-left-suspended under --strict: a generator not finished, which the validators name.
    const strict = packagesLoaded('verify', '--strict', 'golden/traces/gen-left-suspended.trace');
    expect(strict.status).toBe(1);
    expect(strict.stdout).toContain('lifecycle/not-finished');
    for (const m of VALIDATORS) expect(strict.modules).toContain(m);
    // A wire file cut inside its chunk: the wire reader reports the loss; no other reader loads.
    const cut = join(mkdtempSync(join(tmpdir(), 'th-lazy-')), 'cut.trh');
    writeFileSync(cut, readFileSync('golden/wire/sync-call-return.trh').subarray(0, 40));
    const r = packagesLoaded('verify', cut);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('truncated');
    for (const m of [...JSONL_READER, ...TEXT_READER, ...CHROME_CHECKS, ...MERGED]) expect(r.modules).not.toContain(m);
  });

  it('should load the JSONL reader, the Chrome checks and merged text only for such files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'th-lazy-'));
    const jsonl = loadedBy(['convert', 'golden/traces/sync-call-return.trace', '-o', join(dir, 't.jsonl'), '--to', 'jsonl']);
    expect(jsonl.status).toBe(0);
    const chrome = loadedBy(['convert', 'golden/traces/sync-call-return.trace', '-o', join(dir, 't.json'), '--to', 'chrome']);
    expect(chrome.status).toBe(0);
    const merged = loadedBy(['merge', 'golden/traces/sync-call-return.trace', 'golden/traces/gen-left-suspended.trace', '-o', join(dir, 'm.txt')]);
    expect(merged.status).toBe(0);
    const cases: [string, string[]][] = [
      [join(dir, 't.jsonl'), JSONL_READER],
      [join(dir, 't.json'), CHROME_CHECKS],
      [join(dir, 'm.txt'), MERGED],
    ];
    for (const [file, wanted] of cases) {
      const r = packagesLoaded('verify', file);
      expect(r.status, file).toBe(0);
      for (const m of wanted) expect(r.modules, file).toContain(m);
      for (const m of [JSONL_READER, CHROME_CHECKS, MERGED, WIRE_READER].filter((g) => g !== wanted).flat()) expect(r.modules, file).not.toContain(m);
    }
  });

  it('should answer verify FILE... without commander (the command table), with the bytes and exit code it gives through commander', () => {
    const files = ['golden/wire/sync-call-return.trh', 'golden/traces/gen-left-suspended.trace', 'golden/traces/sync-call-return.trace'];
    const pairs: [string[], string[]][] = [
      [['verify', ...files], ['verify', '--', ...files]],
      [['verify', ...files, '--strict'], ['verify', '--strict', '--', ...files]],
      [['verify', files[0]!, 'missing.trh', files[1]!], ['verify', '--', files[0]!, 'missing.trh', files[1]!]],
    ];
    for (const [direct, viaCommander] of pairs) {
      const a = loadedBy(direct);
      const b = loadedBy(viaCommander);
      expect(a.packages, direct.join(' ')).not.toContain('commander');
      expect(a.modules, direct.join(' ')).not.toContain('src/cli/main.js');
      expect(b.packages, viaCommander.join(' ')).toContain('commander');
      expect([a.status, a.stdout, a.stderr], direct.join(' ')).toEqual([b.status, b.stdout, b.stderr]);
    }
  });

  it('should leave every other form of verify to commander: its help, an unknown flag, no file, a reporter', () => {
    const forms: [string[], Record<string, string>?][] = [
      [['verify', '--help']],
      [['verify', '--bogus', 'x.trh']],
      [['verify']],
      [['verify', '--reporter', 'json', 'golden/wire/sync-call-return.trh']],
      [['verify', 'golden/wire/sync-call-return.trh'], { GITHUB_ACTIONS: 'true' }],
    ];
    for (const [args, env] of forms) {
      const r = loadedBy(args, env);
      expect(r.packages, args.join(' ')).toContain('commander');
    }
  });
});
