import { mkdtempSync, readdirSync, readFileSync, writeFileSync, mkdirSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { captureCliOutput } from '../fixtures/capture-cli.ts';

// Runs the CLI in-process and captures what it writes.
const io = captureCliOutput();
// eslint-disable-next-line no-control-regex
const plain = (s: string): string => s.replace(/\x1b\[[0-9;]*m/g, '');

function goldenCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'th-golden-'));
  cpSync('golden', dir, { recursive: true });
  return dir;
}

describe('trace-harness check', () => {
  it('should pass with runs, seed, programs/s and golden counts printed', async () => {
    const code = await main(['check', '--runs', '100', '--seed', '5']);
    expect(code).toBe(0);
    // heartbeat lines (a part running 5 s or more on a slow machine) depend on timing: not compared here
    const out = plain(io.out).replace(/^ {2}\w+: \d+\/\d+ \w+, \d+ s\n/gm, '');
    expect(out).toMatch(/generators {2}100 random programs, seed 5\n {2}ok {4}100 programs passed in [\d.]+ s \(\d+ programs\/s\), seed 5/);
    expect(out).toMatch(/coroutines {2}100 random programs, seed 5\n {2}ok {4}100 programs passed in [\d.]+ s \(\d+ programs\/s\), seed 5/);
    expect(out).toMatch(/wire {6}1000 random traces: round trips \(wire, JSONL, text\), cuts, chunk runs and swaps, bit flips \(file header too\), noise, a record mutation of every family \(records and fields the writer never writes, records torn by their chunk's end, records before the checkpoint, chunk header edges\) re-sealed with a correct CRC, CRCs recomputed from FORMAT.md, every event, checkpoint and loss report as a decoder written from FORMAT.md alone reads it, the streaming reader fed each file in random pieces reading what readWire reads, decodeWire throwing every loss readWire reports, edited JSONL, text, merged text and Chrome files \(also through loadTrace\), JSONL event lines and headers with one field at an edge of its type, canonical and merged text lines built at the edges of their grammar, every refusal's message held to its shape \(a one-line detail naming the offending field, kind, event or thread\), format detection of 894 file starts, byte edits of Chrome JSON through its streaming scanner whole and in pieces against JSON.parse and every byte where one byte decides its grammar, the trace and a partial version of it \(open set, open partial, incomplete\) through JSONL, text, Chrome JSON and wire and back, our Chrome files against a model of the encoder's mapping, foreign Chrome files against a model of their mapping and Chrome files of any tool against a model of verifyChrome's rules, the writer's API at the edges of its ranges, the bytes it spends \(a code defined once a chunk, no needless seq-set or timestamp-reset\) and the sizes it must grow for \(4 KB names and payloads, 65,536 open activations, 32,768 suspended\), its fast path byte for byte against its per-event path \(malformed traces too\), its set of suspended activations against a Map, hand-built chunks at the record decoder's edges, 116 outcomes written out whole by hand \(every reader's refusals word for word, the writers' RangeErrors, the bounds of 65,536 open lines, 65,535 merged streams and 65,536 Chrome slices, the recorder's and the wire codec's API at their edges\), the open activations every checkpoint declares and the chunks the flush options end\n {2}ok/);
    expect(out).toMatch(/^regressions (\d+)\/\1 committed counterexamples passed \(replayed first\)\n/);
    expect(out).toMatch(/goldens {3}(\d+)\/\1 traces, (\d+)\/\2 negative goldens passed/);
  });

  it('should print semantic coverage and enforce no default row minimum on a short run', async () => {
    const code = await main(['check', '--runs', '30', '--seed', '3', '--wire-runs', '1', '--retention-runs', '1', '--recovery-runs', '1', '--recording-runs', '1', '--streams-runs', '1']);
    expect(code).toBe(0);
    expect(plain(io.out)).toMatch(/coverage {2}60 judged programs: \d+\/30 event-semantics rows hit/);
    expect(plain(io.out)).not.toContain('coverage/row-below-minimum');
    expect(plain(io.out)).not.toMatch(/summary .*coverage/);
  });

  it('should exit 1 naming each row below --min-row-hits, and print the full table with --coverage', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'th-coverage-'));
    const json = join(dir, 'coverage.json');
    const code = await main(['check', '--runs', '30', '--seed', '3', '--wire-runs', '1', '--retention-runs', '1', '--recovery-runs', '1', '--recording-runs', '1', '--streams-runs', '1', '--min-row-hits', '31', '--coverage', '--coverage-json', json]);
    expect(code).toBe(1);
    const out = plain(io.out);
    // 60 programs cannot put every row in 31 of them: sync/return is in most, yield*/throw in few.
    expect(out).toMatch(/FAIL {2}coverage\/row-below-minimum: yield\*\/throw hit by \d+ programs, want >= 31 \(--min-row-hits 31\)/);
    expect(out).toMatch(/summary .*goldens ok, wire vectors ok, coverage FAIL; exit 1/);
    expect(out).toMatch(/\n {2}gen\/reenter +\d+ {2}re-entering a running generator/);
    const written = JSON.parse(readFileSync(json, 'utf8')) as { programs: number; minRowHits: number; rows: Record<string, number>; rules: Record<string, number> };
    expect(written.programs).toBe(60);
    expect(written.minRowHits).toBe(31);
    expect(Object.keys(written.rows)).toHaveLength(30);
    expect(written.rules['wake/missing']).toBeGreaterThanOrEqual(1);
  });

  it('should exit 1 with a readable shrunk counterexample and a replay command for a buggy tracer', async () => {
    const code = await main(['check', '--runs', '500', '--seed', '11', '--goldens-only', '--tracer', 'test/fixtures/tracer-throw-as-resume.ts']);
    expect(code).toBe(1); // the goldens catch it too
    io.out = '';
    const code2 = await main(['check', '--runs', '500', '--seed', '11', '--tracer', 'test/fixtures/tracer-throw-as-resume.ts']);
    expect(code2).toBe(1);
    const text = plain(io.out);
    expect(text).toContain('FAIL  after');
    expect(text).toContain('program (JavaScript, as run under the tracer):');
    expect(text).toMatch(/\.throw\(new Tagged\("E\d"\)\);/);
    expect(text).toContain('-throw g');
    expect(text).toContain('+resume g');
    expect(text).toMatch(/model\/mismatch at event \d+ \(seq \d+, activation #\d+\): want throw g\d #\d, got resume g\d #\d/);
    const replay = /replay: (npx trace-harness check .*)/.exec(text)?.[1];
    expect(replay).toMatch(/^npx trace-harness check --suite generators --seed 11 --path [\d:]+ --runs 500 --tracer test\/fixtures\/tracer-throw-as-resume.ts$/);
    // the replay command reproduces the same counterexample
    const shown = text.slice(text.indexOf('program (JavaScript'), text.indexOf('trace: expected'));
    io.out = '';
    expect(await main(replay!.split(' ').slice(2))).toBe(1);
    expect(plain(io.out)).toContain(shown);
  });

  it('should exit 2 with one line for a bad flag or value', async () => {
    expect(await main(['check', '--runs', '0'])).toBe(2);
    expect(io.err).toContain("error: option '--runs <n>' argument '0' is invalid. want a positive integer, got \"0\"");
    io.err = '';
    expect(await main(['check', '--negative-runs', '1.5'])).toBe(2);
    expect(io.err).toContain("error: option '--negative-runs <n>' argument '1.5' is invalid. want a positive integer, got \"1.5\"");
    io.err = '';
    expect(await main(['check', '--frobnicate'])).toBe(2);
    expect(io.err).toContain("error: unknown option '--frobnicate'");
    io.err = '';
    expect(await main(['check', '--seed', 'abc'])).toBe(2);
    expect(await main(['nonsense'])).toBe(2);
  });

  it('should exit 2 naming an unreadable golden, without a stack', async () => {
    const dir = goldenCopy();
    writeFileSync(join(dir, 'programs', 'broken.json'), '{ "functions": ');
    expect(await main(['check', '--goldens-only', '--golden', dir])).toBe(2);
    expect(io.err).toMatch(/^trace-harness: unreadable golden programs\/broken.json: not valid JSON: .*\n$/);
    io.err = '';
    expect(await main(['check', '--goldens-only', '--golden', join(dir, 'missing')])).toBe(2);
    expect(io.err).toMatch(/^trace-harness: golden directory not found: .*missing\n$/);
  });

  it('should fail an unreferenced golden and write .new files only outside CI', async () => {
    const dir = goldenCopy();
    writeFileSync(join(dir, 'traces', 'orphan.trace'), '# program: orphan\n# expect: PASS\ncall main #1\nreturn main #1\n');
    writeFileSync(join(dir, 'programs', 'fresh.json'), JSON.stringify({ functions: [{ name: 'main', kind: 'sync', body: [] }] }));
    expect(await main(['check', '--goldens-only', '--golden', dir])).toBe(1);
    expect(plain(io.out)).toContain('FAIL  traces/orphan.trace: unreferenced golden: no programs/orphan.json');
    expect(plain(io.out)).toContain('FAIL  traces/fresh.trace: missing golden');

    vi.stubEnv('CI', 'true');
    expect(await main(['check', '--goldens-only', '--update', '--golden', dir])).toBe(2);
    expect(io.err).toBe('trace-harness: --update refuses to write golden files when CI is set\n');

    vi.stubEnv('CI', '');
    io.out = '';
    // the orphan still fails; the missing one is written for review
    expect(await main(['check', '--goldens-only', '--update', '--golden', dir])).toBe(1);
    expect(readdirSync(join(dir, 'traces')).filter((f) => f.endsWith('.new'))).toEqual(['fresh.trace.new']);
  });

  it('should exit 0 after --update when every difference was written out', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'th-golden-'));
    mkdirSync(join(dir, 'programs'));
    writeFileSync(join(dir, 'programs', 'p.json'), JSON.stringify({ functions: [{ name: 'main', kind: 'sync', body: [] }] }));
    vi.stubEnv('CI', '');
    expect(await main(['check', '--goldens-only', '--update', '--golden', dir])).toBe(0);
    expect(plain(io.out)).toContain('wrote 1 .new file(s)');
  });

  it('should print help for every command and exit 0', async () => {
    expect(await main(['--help'])).toBe(0);
    expect(io.out).toContain('Usage: trace-harness [options] [command]');
    io.out = '';
    expect(await main(['check', '--help'])).toBe(0);
    expect(io.out).toContain('--runs <n>');
    expect(io.out).toContain('--tracer <module>');
  });

  it('should exit 2 for a --tracer module that cannot be used', async () => {
    expect(await main(['check', '--tracer', 'test/fixtures/does-not-exist.js'])).toBe(2);
    expect(io.err).toMatch(/^trace-harness: --tracer test\/fixtures\/does-not-exist.js: cannot import: /);
    io.err = '';
    expect(await main(['check', '--tracer', 'test/fixtures/trace-builders.ts'])).toBe(2);
    expect(io.err).toBe('trace-harness: --tracer test/fixtures/trace-builders.ts: the module must export a function createTracer()\n');
  });
});
