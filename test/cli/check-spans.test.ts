import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { captureCliOutput } from '../fixtures/capture-cli.ts';

// check --tracer with a span tracer (a module whose tracer has spans()): the CLI's side of observe mode.
const io = captureCliOutput();
// eslint-disable-next-line no-control-regex
const plain = (s: string): string => s.replace(/\x1b\[[0-9;]*m/g, '');

const REFERENCE = 'test/conformance/tracers/als-tracer.mjs';
const LOSES_CONTEXT = 'test/fixtures/span-stack-tracer.mjs';

describe('check --tracer <span tracer>', () => {
  it('should run the spans suite on the reference tracer, pass, and say which parts do not apply', async () => {
    const code = await main(['check', '--runs', '40', '--seed', '3', '--tracer', REFERENCE]);
    const text = plain(io.out);
    expect(text).toMatch(/^spans {7}40 random programs in observe mode .*generator-context: creation.*seed 3\n/);
    expect(text).toMatch(/\n {2}ok {4}40 programs passed in /);
    expect(text).toContain('not run   the generators and coroutines suites, regressions and goldens');
    expect(text).toContain("not run   wire, retention, recovery, recording, streams, payloads: they check this package's recorder and codecs");
    expect(code).toBe(0);
  });

  it('should keep exit 0 under --require-all: the spans suite is the whole span-tracer contract', async () => {
    const code = await main(['check', '--runs', '20', '--seed', '3', '--tracer', REFERENCE, '--require-all']);
    expect(plain(io.out)).toContain('require-all nothing of the span-tracer contract was skipped');
    expect(code).toBe(0);
  });

  it('should exit 1 on a tracer that loses the context after an await, with the program, the trees and a replay line', async () => {
    const code = await main(['check', '--runs', '400', '--seed', '12', '--tracer', LOSES_CONTEXT]);
    const text = plain(io.out);
    expect(code).toBe(1);
    expect(text).toContain('program (JavaScript, as run under the tracer;');
    expect(text).toContain('span tree: expected (model) vs actual (tracer)');
    expect(text).toMatch(/(span\/parent|context\/active): /);
    expect(text).toMatch(/\nreplay: npx trace-harness check --tracer test\/fixtures\/span-stack-tracer\.mjs --seed 12 --path [\d:]+ --runs 400\n/);
  });

  it('should replay the counterexample from the printed replay line alone', async () => {
    await main(['check', '--runs', '400', '--seed', '12', '--tracer', LOSES_CONTEXT]);
    const replay = /replay: npx trace-harness (.*)\n/.exec(plain(io.out))![1]!.split(' ');
    const first = plain(io.out).split('violations')[1];
    io.out = '';
    expect(await main(replay)).toBe(1);
    expect(plain(io.out).split('violations')[1]).toBe(first);
  });

  it('should refuse --update, event-suite flags and recorder flags with a span tracer (exit 2)', async () => {
    for (const extra of [['--update'], ['--suite', 'generators'], ['--goldens-only'], ['--wire-runs', '5']]) {
      io.err = '';
      expect(await main(['check', '--tracer', REFERENCE, ...extra])).toBe(2);
      expect(io.err).toMatch(/^trace-harness: --/);
    }
  });

  it('should exit 2 on a policies export with an unknown value, naming it', async () => {
    expect(await main(['check', '--tracer', 'test/fixtures/span-bad-policies.mjs'])).toBe(2);
    expect(io.err).toContain('resumption');
  });
});
