import { describe, expect, it } from 'vitest';
import { renderProgram } from '../../../harness/targets/js/compile.ts';
import { runProperty } from '../../../harness/properties/property.ts';
import { Tracer, type TracerUnderTest } from '../../../src/recorder/tracer.ts';
import { formatProgramFailure } from '../../../src/cli/report.ts';
import { expectWakeCausal } from '../../../src/assert/expect-exact.ts';
import { lostWakeTracer, savedCurrentTracer } from '../../fixtures/mutant-tracers.ts';

describe('exactness of currentFrame() across awaits (eventide restore-point bug)', () => {
  it('should pass a tracer that saves the restore point before the switch', async () => {
    const report = await runProperty({ runs: 300, seed: 41, createTracer: savedCurrentTracer(false) });
    expect(report.failure).toBeUndefined();
    expect(report.error).toBeUndefined();
    expect(report.asyncRuns).toBeGreaterThan(100);
  });

  it('should catch a restore point captured too late, with a readable counterexample and its schedule', async () => {
    const report = await runProperty({ runs: 300, seed: 41, createTracer: savedCurrentTracer(true) });
    const failure = report.failure!;
    expect(failure.check.violations.map((v) => v.rule)).toContain('exact/current-frame');
    const source = renderProgram(failure.check.program);
    expect(source).toMatch(/(try \{ |\$\.resumed\()await \$\.suspend\(/); // the probes around an await, full or compact
    expect(source.split('\n').length).toBeLessThan(40);
    const text = formatProgramFailure(failure.check);
    expect(text).toContain('schedule (the order timer ticks were released):');
    expect(text).toMatch(/exact\/current-frame at end of trace: want no current frame, got \w+ #\d+ \(at after the run\)/);
  });
});

describe('wake events', () => {
  it('should catch a lost wake with a readable counterexample', async () => {
    const report = await runProperty({ runs: 500, seed: 43, createTracer: lostWakeTracer });
    const failure = report.failure!;
    expect(failure).toBeDefined();
    const mismatch = failure.check.violations.find((v) => v.rule === 'model/activation-mismatch');
    expect(mismatch?.expected).toMatch(/wake a\d+ by [\d.]+, resume a\d+|wake main by [\d.]+, (resume|throw) main/);
    expect(renderProgram(failure.check.program).split('\n').length).toBeLessThan(40);
    // The await record names what the suspension waits for, so the trace alone shows the lost wake.
    const lost = failure.check.violations.find((v) => v.rule === 'wake/missing');
    expect(lost?.found).toMatch(/^(resume|throw) \w+ #\d+$/);
    expect(() => expectWakeCausal(failure.check.actual.events)).toThrow(/wake\/missing/);
  });
});

describe('a tracer whose await never settles', () => {
  it('should fail the property with a verdict instead of hanging or passing', async () => {
    const tracer = (): TracerUnderTest => {
      const real = new Tracer();
      return {
        trace: (fn, name) => real.trace(fn, name),
        snapshot: () => real.snapshot(),
        enterAsync(name) {
          const frame = real.enterAsync(name);
          const never = <T,>(): T => new Promise(() => {}) as T; // a broken probe: the await never settles
          return { activation: frame.activation, finished: false, suspend: never, resume: () => frame.resume(), throw: (e: unknown) => frame.throw(e), resumeReturn: () => frame.resumeReturn(), return: () => frame.return(), unwind: () => frame.unwind() };
        },
      };
    };
    // Swarm testing (the default), seed 3: a program awaits a promise that rejects, and the broken suspend drops
    // it. The harness must still give the verdict, not leave that rejection unhandled (on Node an unhandled
    // rejection ends the process that runs check).
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown): void => void unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const report = await runProperty({ runs: 30, seed: 3, createTracer: tracer, arbitrary: { entry: 'async' } });
      expect(report.failure === undefined && report.error === undefined).toBe(false);
      expect(String((report.error as Error | undefined)?.message ?? report.failure?.check.actual.outcome.kind)).toMatch(/never finished|throw/);
      await new Promise((r) => setTimeout(r, 0)); // unhandled rejections are reported after the microtask queue drains
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
    expect(unhandled.map(String)).toEqual([]);
  });
});
