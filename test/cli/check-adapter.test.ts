import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { captureCliOutput } from '../fixtures/capture-cli.ts';
import { pythonPath } from '../fixtures/python.ts';

const io = captureCliOutput();
const ADAPTER = fileURLToPath(new URL('../../harness/targets/python/adapter/sysmon_adapter.py', import.meta.url));
const BUGGY = fileURLToPath(new URL('../fixtures/buggy-adapter.py', import.meta.url));
const SETTRACE = fileURLToPath(new URL('../fixtures/settrace-adapter.py', import.meta.url));
const EXITS_IN_DIFFERENTIAL = fileURLToPath(new URL('../fixtures/adapters/exits-in-differential.py', import.meta.url));
const fake = (name: string): string => `${process.execPath} ${fileURLToPath(new URL(`../fixtures/adapters/${name}.mjs`, import.meta.url))}`;
const check = (cmd: string, ...flags: string[]): Promise<number> => main(['check', '--tracer-cmd', cmd, '--lang', 'python', ...flags]);
/** Processes whose parent is this one (a worker the CLI forgot would be listed). */
const children = (): string[] => execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(process.pid)], { encoding: 'utf8' }).split('\n').filter((l) => l.trim() !== '' && !l.includes(' ps '));
const plain = (s: string): string => s.replace(/\x1b\[[0-9;]*m/g, ''); // eslint-disable-line no-control-regex

describe('check --tracer-cmd --lang python', () => {
  it('should pass the reference adapter on CPython 3.12.1: goldens, generators suite and the differential property', async () => {
    const code = await check(`${pythonPath('3.12.1')} ${ADAPTER}`, '--runs', '150', '--differential-runs', '60', '--seed', '3');
    const out = plain(io.out);
    expect(out).toContain('adapter     sysmon-reference 1 (python, semantics cpython-3.12, protocol 1, jsonl traces)');
    expect(out).toMatch(/python goldens (\d+)\/\1 traces, (\d+)\/\2 negative goldens passed/);
    expect(out).toMatch(/generators {2}150 random programs rendered as python, seed 3\n(?: {2}\d+\/150 programs\n)* {2}ok {4}150 programs passed/);
    expect(out).toMatch(/coroutines {2}150 random programs rendered as python, seed 3\n(?: {2}\d+\/150 programs\n)* {2}ok {4}150 programs passed/);
    expect(out).toMatch(/differential .*\n {2}ok {4}60 programs/);
    expect(out).toContain('summary     sysmon-reference: python goldens ok, generators ok, coroutines ok, differential ok; exit 0');
    expect(code).toBe(0);
    expect(children()).toEqual([]);
  });

  it('should fail CPython 3.13.0 from random programs: a generator finished early records no throw and no unwind (cpython#140373)', async () => {
    const code = await check(`${pythonPath('3.13.0')} ${ADAPTER}`, '--runs', '300', '--seed', '1', '--suite', 'generators', '--goldens-only');
    const goldens = plain(io.out);
    // The committed, expected outcome of a third-party runtime: the five goldens that finish a generator
    // suspended outside any try.
    expect([...goldens.matchAll(/FAIL {2}traces\/(\S+)\.trace/g)].map((m) => m[1])).toEqual([
      'close-suspended',
      'co-generator-across-await',
      'for-body-throws-same-frame',
      'for-break',
      'for-return-in-body',
      'yield-from-close',
    ]);
    expect(code).toBe(1);
    io.out = '';
    expect(await check(`${pythonPath('3.13.0')} ${ADAPTER}`, '--runs', '300', '--seed', '1', '--suite', 'generators')).toBe(1);
    const suite = plain(io.out).slice(plain(io.out).indexOf('generators  '));
    expect(suite).toContain('program (Python, as run under the tracer):');
    expect(suite).toMatch(/^-throw g\d+ #\d+$/m);
    expect(suite).toMatch(/^-unwind g\d+ #\d+$/m);
    expect(suite).toMatch(/replay: npx trace-harness check --tracer-cmd ".*3\.13\.0.*" --lang python --suite generators --seed 1 --path \S+ --runs 300/);
    // a few lines of Python: the shrunk program is main and one generator
    const source = suite.slice(suite.indexOf('# (after the prelude'), suite.indexOf('trace: expected'));
    expect(source.split('\n').filter((l) => l.trim() !== '').length).toBeLessThanOrEqual(10);
  });

  it.each([
    ['the default python3 (3.11: no sys.monitoring)', 'python3'],
    ['CPython 3.12.1', 'py312'],
  ])('should pass a sys.settrace adapter written from PROTOCOL.md alone, on %s', async (_, which) => {
    const python = which === 'py312' ? pythonPath('3.12.1') : which;
    const code = await check(`${python} ${SETTRACE}`, '--runs', '120', '--differential-runs', '40', '--seed', '4');
    // It lists the generators suite only: the coroutines suite is skipped and said so, never passed.
    expect(plain(io.out)).toContain('coroutines  skipped: the adapter does not list the suite (supports.suites: generators)');
    expect(plain(io.out)).toContain('summary     settrace-adapter: python goldens ok, generators ok, coroutines skipped, differential ok; exit 0');
    expect(code).toBe(0);
  });

  it('should catch the buggy Python adapter (throw recorded as resume) with a readable counterexample', async () => {
    const code = await check(`${pythonPath('3.12.1')} ${BUGGY}`, '--runs', '300', '--seed', '2', '--suite', 'generators');
    const out = plain(io.out);
    expect(code).toBe(1);
    expect(out).toContain('adapter     sysmon-throw-as-resume');
    const suite = out.slice(out.indexOf('generators  '));
    expect(suite).toMatch(/FAIL {2}after \d+ programs/);
    expect(suite).toMatch(/\.throw\(Tagged\("E\d"\)\)/);
    expect(suite).toMatch(/^-throw g\d+ #\d+\n\+resume g\d+ #\d+$/m);
    expect(suite).toContain('model/mismatch');
  });

  it('should give an adapter that exits at start one named line, the summary and exit 2', async () => {
    expect(await check(fake('exit-at-start'))).toBe(2);
    const out = plain(io.out).trimEnd().split('\n');
    expect(out[0]).toMatch(/^FAIL {2}adapter\/exited: /);
    expect(out.at(-1)).toBe('summary     the adapter is unusable; nothing was checked; exit 2');
    expect(io.err).toBe('');
  });

  it('should say clearly that the default python3 (3.11) has no sys.monitoring: one line, exit 2', async () => {
    expect(await check(`python3 ${ADAPTER}`)).toBe(2);
    expect(plain(io.out)).toMatch(/^FAIL {2}adapter\/handshake: the adapter could not start: CPython 3\.12 or newer is needed for sys\.monitoring; this is 3\.11/m);
  });

  it('should refuse another protocol version with exit 2', async () => {
    expect(await check(fake('protocol-2'))).toBe(2);
    expect(plain(io.out)).toMatch(/^FAIL {2}adapter\/protocol-version: .*2/m);
  });

  it('should name the program a hung adapter never answered, kill it and go on to the summary with exit 1', async () => {
    // --timeout is per run; the hello gets at least HELLO_TIMEOUT_MS, so a loaded machine's slow start is no verdict.
    expect(await check(fake('hang'), '--timeout', '300')).toBe(1);
    const out = plain(io.out);
    expect(out).toMatch(/FAIL {2}traces\/\S+\.trace: adapter\/timeout golden-\S+: /);
    expect(out).toMatch(/^summary {5}fake: python goldens FAIL, generators not run \(an adapter verdict above\), coroutines not run \(an adapter verdict above\), differential not run \(an adapter verdict above\); exit 1$/m);
    expect(children()).toEqual([]);
  });

  it('should quote the first bytes of stdout garbage', async () => {
    expect(await check(fake('garbage'))).toBe(1);
    expect(plain(io.out)).toMatch(/adapter\/garbage golden-\S+: .*\(first bytes "/);
  });

  it('should report a result for the wrong program id', async () => {
    expect(await check(fake('wrong-id'))).toBe(1);
    expect(plain(io.out)).toMatch(/adapter\/wrong-id golden-\S+/);
  });

  it('should report a trace that does not decode', async () => {
    expect(await check(fake('bad-trace'))).toBe(1);
    expect(plain(io.out)).toMatch(/adapter\/bad-trace golden-\S+/);
  });

  it('should stop sending to an adapter that crashes on every program: named verdicts, one line for the rest, exit 2', async () => {
    expect(await check(fake('crash-all'))).toBe(2);
    const out = plain(io.out);
    expect(out.match(/adapter\/exited golden-\S+: want a response, got exit code 1/g)).toHaveLength(4);
    expect(out).toMatch(/FAIL {2}\d+ more golden\(s\) not run: the adapter is unusable/);
    expect(out).toMatch(/^summary {5}fake: python goldens FAIL, generators not run \(the adapter is unusable\), coroutines not run \(the adapter is unusable\), differential not run \(the adapter is unusable\); exit 2$/m);
    expect(io.err).toBe('');
    expect(children()).toEqual([]);
  });

  it('should name the program an adapter died on in the differential property, without shrinking through it', async () => {
    const code = await check(`${pythonPath('3.12.1')} ${EXITS_IN_DIFFERENTIAL}`, '--runs', '40', '--differential-runs', '20', '--seed', '1');
    const out = plain(io.out);
    expect(out).toMatch(/^ {2}FAIL {2}adapter\/exited diff-1: want a response, got exit code 3/m);
    expect(out).toContain('exits-in-differential: giving up on diff-1');
    expect(out.match(/adapter\/exited diff-/g)).toHaveLength(1); // no shrink step asked the dead worker again
    expect(out).toMatch(/replay: npx trace-harness check --tracer-cmd ".*" --lang python --seed 1 --differential-runs 20/);
    expect(code).toBe(1);
    expect(children()).toEqual([]);
  });

  it('should refuse a malformed Python golden as a usage error before any adapter starts (exit 2)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'th-pygold-'));
    mkdirSync(join(dir, 'python', 'programs'), { recursive: true });
    mkdirSync(join(dir, 'python', 'traces'));
    writeFileSync(join(dir, 'python', 'programs', 'p.json'), JSON.stringify({ functions: [{ name: 'main', kind: 'sync', body: [] }] }));
    writeFileSync(join(dir, 'python', 'traces', 'p.trace'), '# program: p\n# expect: PASS\n# profile: cpython-3.11\n# outcome: return\ncall main #1\nreturn main #1\n');
    expect(await check(fake('exit-at-start'), '--golden', dir)).toBe(2);
    expect(io.err).toMatch(/unreadable golden traces\/p\.trace: want header "# profile: cpython-3\.12"/);
    expect(io.out).toBe(''); // the adapter was never started
  });

  it('should refuse a --tracer-cmd a shell would be needed for, and flags of the other mode, as usage errors', async () => {
    expect(await main(['check', '--tracer-cmd', 'python3 a.py | tee log', '--lang', 'python'])).toBe(2);
    expect(io.err).toContain('--tracer-cmd: want plain words (no shell runs the command), got the operator "|"');
    expect(await main(['check', '--timeout', '100'])).toBe(2);
    expect(await main(['check', '--tracer-cmd', 'python3 a.py', '--lang', 'python', '--update'])).toBe(2);
    expect(await main(['check', '--tracer-cmd', 'python3 a.py', '--lang', 'python', '--wire-runs', '5'])).toBe(2);
    expect(io.err).toContain("--wire-runs checks this package's recorder, not a --tracer-cmd adapter");
    expect(await main(['check', '--tracer-cmd', 'python3 a.py', '--lang', 'python', '--negative-runs', '5'])).toBe(2);
    expect(io.err).toContain("--negative-runs checks this package's validators, not a --tracer-cmd adapter");
  });

  it('should refuse --tracer-cmd without --lang, --lang alone, and both tracers at once (exit 2)', async () => {
    expect(await main(['check', '--tracer-cmd', 'python3 x.py'])).toBe(2);
    expect(io.err).toContain('--tracer-cmd needs --lang (one of: python)');
    expect(await main(['check', '--lang', 'python'])).toBe(2);
    expect(await main(['check', '--tracer-cmd', 'python3 x.py', '--lang', 'python', '--tracer', 'x.mjs'])).toBe(2);
    expect(await main(['check', '--tracer-cmd', 'python3 x.py', '--lang', 'rust'])).toBe(2);
  });
});
