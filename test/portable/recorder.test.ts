// Portable suite (node:test + node:assert/strict + fast-check): runs unchanged under `node --test`
// (compiled), `deno test` and `bun test`. Paths are relative to the repository root, where all three run.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runProperty } from '../../harness/properties/property.ts';
import { formatCanonical } from '../../src/formats/text.ts';
import { Tracer } from '../../src/recorder/tracer.ts';

describe('recorder (portable)', () => {
  it('should record call, yield, resume return and return for a generator closed by break', () => {
    const tracer = new Tracer();
    const ticker = tracer.trace(function* ticker() {
      yield 'a';
      yield 'b';
    });
    for (const v of ticker()) if (v === 'a') break;
    assert.equal(formatCanonical(tracer.snapshot()), 'call ticker #1\nyield ticker #1\nresume ticker #1 return\nreturn ticker #1\n');
  });

  it('should record unwind when a sync function throws, and rethrow the same error', () => {
    const tracer = new Tracer();
    const boom = new Error('boom');
    const f = tracer.trace(function f() {
      throw boom;
    });
    assert.throws(() => f(), (e) => e === boom);
    assert.equal(formatCanonical(tracer.snapshot()), 'call f #1\nunwind f #1\n');
  });

  it('should record an await of an outside promise as yield, await on ?, wake by ?, then resume before the continuation runs', async () => {
    const tracer = new Tracer();
    const code = tracer.probe.code('load');
    const seen: string[] = [];
    const load = tracer.traceAsync(async function load() {
      const $ = tracer.enterAsync(code);
      try {
        await $.suspend(Promise.resolve(1));
        $.resume();
        seen.push(formatCanonical(tracer.snapshot()).split('\n').at(-2)!);
      } finally {
        $.return();
      }
    });
    await load();
    assert.deepEqual(seen, ['resume load #1']);
    assert.equal(formatCanonical(tracer.snapshot()), 'call load #1\nyield load #1\nawait load #1 on ?\nwake load #1 by ?\nresume load #1\nreturn load #1\n');
  });

  it('should equal the model for 150 random generator and coroutine programs (seed 7)', async () => {
    const report = await runProperty({ runs: 150, seed: 7, createTracer: () => new Tracer() });
    assert.equal(report.error, undefined);
    assert.equal(report.failure, undefined, report.failure && report.failure.check.violations.map((v) => v.message).join('\n'));
    assert.ok(report.runs >= 150, `ran ${report.runs}`);
    assert.ok(report.asyncRuns > 0, 'some programs were async');
  });
});
