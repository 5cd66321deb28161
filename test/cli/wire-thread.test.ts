import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
// The build: a worker thread cannot load TypeScript (`pretest` builds).
import { startWireThread } from '../../dist/src/cli/wire-thread.js';
import { wireOutcome } from '../../src/cli/wire-outcome.ts';
import type { WireCase } from '../../harness/properties/wire-property.ts';
import { EventKind } from '../../src/model/kinds.ts';
import { Trace } from '../../src/model/trace.ts';

const BIN = 'dist/src/cli/bin.js';
const fixture = (name: string): URL => new URL(`../fixtures/wire-thread/${name}`, import.meta.url);
const SMALL = ['--seed', '4', '--runs', '5', '--wire-runs', '15', '--retention-runs', '2', '--recovery-runs', '2', '--recording-runs', '2', '--streams-runs', '2', '--payload-runs', '2', '--negative-runs', '119'];
const check = (...args: string[]) => spawnSync(process.execPath, [BIN, 'check', ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
/**
 * The output without what the clock decides: times, rates, and the progress heartbeats a log gets every 5 s of a
 * part (`  wire: 12/15 traces, 5 s`; a slow machine has them where a fast one has none).
 */
const untimed = (text: string): string =>
  text
    .replace(/^ {2}[a-z]+: \d+\/\d+ [a-z]+, \d+ s\n/gm, '')
    .replace(/in \d+\.\d\d s( \(\d+ programs\/s\))?/g, 'in T s')
    .replace(/\(\d+ ms\)/g, '(T ms)');

describe('check --jobs 2: the wire property on a worker thread', () => {
  it('should print what --jobs 1 prints, in the same order, and exit 0', () => {
    const one = check(...SMALL, '--jobs', '1');
    const two = check(...SMALL, '--jobs', '2');
    expect(one.stderr).toBe('');
    expect(two.stderr).toBe('');
    expect(one.status).toBe(0);
    expect(two.status).toBe(0);
    expect(untimed(two.stdout)).toBe(untimed(one.stdout));
    expect(two.stdout).toMatch(/\n {2}ok {4}15 traces passed in \d+\.\d\d s, seed 4\n/);
  });

  it('should report the parts in the order --jobs 1 reports them (the JSON report)', () => {
    const names = (jobs: string): string[] => (JSON.parse(check(...SMALL, '--jobs', jobs, '--reporter', 'json').stdout) as { parts: { name: string }[] }).parts.map((p) => p.name);
    const one = names('1');
    expect(one.slice(0, 10)).toEqual(['regressions', 'generators', 'coroutines', 'wire', 'retention', 'recovery', 'recording', 'streams', 'payloads', 'negative']);
    expect(names('2')).toEqual(one);
  });

  it('should exit 3 naming an internal error when the worker thread throws, not report a failed case', () => {
    const r = spawnSync(process.execPath, ['--import', './test/fixtures/break-worker.mjs', BIN, 'check', ...SMALL, '--jobs', '2'], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(r.stderr).toContain('trace-harness: internal error: TypeError: injected worker bug');
    expect(r.status).toBe(3);
  });

  it('should refuse --jobs 0 with exit 2', () => {
    const r = check('--jobs', '0');
    expect(r.status).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe("error: option '--jobs <n>' argument '0' is invalid. want a positive integer, got \"0\"");
  });
});

describe('startWireThread', () => {
  it('should resolve with the outcome the worker posts and pass on its progress', async () => {
    const thread = startWireThread({ runs: 12, seed: 9 }, fixture('passes.mjs'));
    const ticks: number[] = [];
    thread.onTick((n) => ticks.push(n));
    await expect(thread.outcome).resolves.toEqual({ runs: 12, seed: 9, elapsedMs: 5 });
    expect(thread.done()).toBe(2);
    // The listener is set before the event loop delivers the first message.
    expect(ticks).toEqual([1, 2]);
  });

  it('should reject with the error the worker throws', async () => {
    await expect(startWireThread({ runs: 1, seed: 1 }, fixture('throws.mjs')).outcome).rejects.toThrow(new RangeError('injected wire bug'));
  });

  it('should reject when the worker exits without an outcome', async () => {
    await expect(startWireThread({ runs: 1, seed: 1 }, fixture('exits.mjs')).outcome).rejects.toThrow("the wire property's worker thread exited with code 7 before its outcome");
  });
});

describe('wireOutcome', () => {
  const trace = Trace.fromEvents([{ seq: 0, kind: EventKind.Call, activation: 1, code: 0, flags: 0 }, { seq: 1, kind: EventKind.Return, activation: 1, code: 0, flags: 0 }], ['f']);

  it('should keep a passing run as it is', () => {
    expect(wireOutcome({ runs: 3, seed: 8, elapsedMs: 1.5 })).toEqual({ runs: 3, seed: 8, elapsedMs: 1.5 });
  });

  it("should turn a failing case into check's lines: its parameters, then the trace's canonical text indented", () => {
    const failing = { trace, chunkBytes: 256, cut: 0.5, flip: 0.25 } as unknown as WireCase;
    expect(wireOutcome({ runs: 3, seed: 8, elapsedMs: 2, failure: { case: failing, problems: ['x differs'], path: '0:1' } })).toEqual({
      runs: 3,
      seed: 8,
      elapsedMs: 2,
      failure: { problems: ['x differs'], path: '0:1', caseLines: ['case: chunkBytes 256, cut 0.5, flip 0.25, trace (2 events):', '  call f #1', '  return f #1'] },
    });
  });
});
