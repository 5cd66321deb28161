import { describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { captureCliOutput } from '../fixtures/capture-cli.ts';

// Runs the CLI in-process against test/fixtures/bad-tracers.ts, whose createTracer is the bad tracer the
// BAD_TRACER env variable names.
const io = captureCliOutput();
// eslint-disable-next-line no-control-regex
const plain = (s: string): string => s.replace(/\x1b\[[0-9;]*m/g, '');
const MODULE = 'test/fixtures/bad-tracers.ts';

async function check(bad: string, ...args: string[]): Promise<{ code: number; text: string }> {
  vi.stubEnv('BAD_TRACER', bad);
  const code = await main(['check', '--runs', '30', '--seed', '3', '--tracer', MODULE, ...args]);
  return { code, text: plain(io.out) };
}

const count = (text: string, part: string): number => text.split(part).length - 1;

describe('check --tracer with a module that cannot be used as a tracer', () => {
  it.each([
    ['create-throws', 'tracer/create-threw', 'want createTracer() to return a tracer, got a throw of Error: no licence key'],
    ['create-returns-undefined', 'tracer/create-not-object', 'want createTracer() to return an object with trace(fn, name) and snapshot(), got undefined'],
    ['no-snapshot', 'tracer/missing-method', 'want createTracer() to return an object with trace(fn, name) and snapshot(), got an object without snapshot'],
  ])('should exit 2 for %s with the verdict %s naming the module, and a summary', async (bad, rule, message) => {
    const { code, text } = await check(bad);
    expect(code).toBe(2);
    expect(io.err).toBe('');
    expect(text).toBe(`tracer    FAIL  ${rule} (--tracer ${MODULE}): ${message}\nsummary   the module cannot be used as a tracer: nothing was checked; exit 2\n`);
  });
});

describe('check --tracer with a tracer broken for every program', () => {
  it.each([
    ['trace-throws', 'tracer/trace-threw', 'want trace(probe, "probe") to return a wrapper, got a throw of TypeError: cannot wrap'],
    ['trace-returns-undefined', 'tracer/trace-not-function', 'want trace(probe, "probe") to return a function, got undefined'],
    ['snapshot-throws', 'tracer/snapshot-threw', 'want snapshot() to return the trace, got a throw of Error: no trace yet'],
    ['changes-result', 'tracer/changed-result', 'want the wrapper of probe to return what it returned (an object), got 42'],
    ['changes-error', 'tracer/changed-error', 'want the wrapper of probeThrow to rethrow what it threw (Error: the probe error), got a throw of Error: traced: Error: the probe error'],
  ])('should exit 1 for %s with the verdict %s shown once, then a summary', async (bad, rule, message) => {
    const { code, text } = await check(bad);
    expect(code).toBe(1);
    expect(count(text, rule)).toBe(1);
    expect(text).toBe(`tracer    FAIL  ${rule} (--tracer ${MODULE}): ${message}\nsummary   regressions, generators, coroutines, goldens not run (the tracer verdict above); exit 1\n`);
  });
});

describe('check --tracer with a tracer that fails only in program runs', () => {
  it('should name a wrapper that swallows a sync function\'s error (tracer/changed-error) in the shrunk program', async () => {
    const { code, text } = await check('swallows-errors-in-programs', '--goldens-only');
    expect(code).toBe(1);
    expect(text).toMatch(/FAIL {2}regressions\/\S+: \d+ violations/);
    expect(text).toMatch(/tracer\/changed-error at end of trace: want the wrapper of \w+ to rethrow what it threw \(Tagged "E\d"\), got a return of undefined/);
    expect(text).toMatch(/FAIL {2}traces\/\S+: the tracer's trace differs from the golden\n(.*\n)*? {8}tracer\/changed-error at end of trace: want the wrapper of/);
    expect(text).toMatch(/summary {3}regressions FAIL, goldens FAIL; exit 1\n/);

    io.out = '';
    const suite = await check('swallows-errors-in-programs', '--suite', 'generators', '--runs', '200');
    expect(suite.code).toBe(1);
    expect(suite.text).toMatch(/generators {2}200 random programs, seed 3 \(no user events[^\n]*\n {2}FAIL {2}after \d+ programs/);
    expect(suite.text).toContain('tracer/changed-error at end of trace: want the wrapper of');
  });

  it('should give a trace() that throws on some functions a named verdict per program, not an internal error', async () => {
    const { code, text } = await check('trace-throws-in-programs', '--suite', 'generators', '--runs', '200');
    expect(code).toBe(1);
    expect(text).toMatch(/ {2}FAIL {2}tracer\/trace-threw: want trace\(g\d, "g\d"\) to return a wrapper, got a throw of TypeError: cannot wrap g\d\n {2}the program it was running \(JavaScript\):\n {4}function main\(\) \{/);
    expect(text).toMatch(/FAIL {2}regressions\/\S+: tracer\/trace-threw: want trace\(g\d, "g\d"\)/);
    expect(text).toMatch(/FAIL {2}traces\/\S+: tracer\/trace-threw: want trace\(\w+, "\w+"\) to return a wrapper/);
    expect(text).toMatch(/summary {3}regressions FAIL, generators FAIL, goldens FAIL; exit 1\n/);
  });
});
