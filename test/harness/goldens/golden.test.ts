import { describe, expect, it } from 'vitest';
import { type GoldenFiles, GoldenInputError, runGoldens, runRegressions } from '../../../harness/goldens/golden.ts';
import { Tracer, type TracerUnderTest } from '../../../src/recorder/tracer.ts';
import { readGoldenDir } from '../../../src/cli/golden-files.ts';

const program = JSON.stringify({ functions: [{ name: 'main', kind: 'sync', body: [] }] });
const trace = '# program: only\n# expect: PASS\n# outcome: return\ncall main #1\nreturn main #1\n';
const files = (over: Partial<Record<keyof GoldenFiles, Record<string, string>>>): GoldenFiles => ({
  programs: new Map(Object.entries(over.programs ?? { only: program })),
  traces: new Map(Object.entries(over.traces ?? { only: trace })),
  negatives: new Map(Object.entries(over.negatives ?? {})),
  regressions: new Map(Object.entries(over.regressions ?? {})),
});
const tracer = (): Tracer => new Tracer();

/** This package's tracer behind trace and snapshot only: no enterAsync, no event. */
const partial = (): TracerUnderTest => {
  const t = new Tracer();
  return { trace: (fn, name) => t.trace(fn, name), snapshot: () => t.snapshot() };
};
const withEvent = JSON.stringify({ functions: [{ name: 'main', kind: 'sync', body: [{ op: 'event', type: 'phase_enter' }] }] });
const asyncWithEvent = JSON.stringify({ functions: [{ name: 'main', kind: 'async', body: [{ op: 'event', type: 'phase_enter' }] }] });

describe('runRegressions and runGoldens with a tracer that lacks optional methods', () => {
  it('should skip a regression that needs event(), with the reason, and run the others', () => {
    const results = runRegressions(files({ regressions: { events: withEvent, plain: program } }), partial);
    expect(results.map((r) => [r.file, r.ok, r.skipped, r.skipReason])).toEqual([
      ['regressions/events.json', true, true, 'need event'],
      ['regressions/plain.json', true, undefined, undefined],
    ]);
  });

  it('should skip a golden by every method it needs', async () => {
    const [r] = await runGoldens(files({ programs: { only: asyncWithEvent } }), partial);
    expect(r).toMatchObject({ file: 'traces/only.trace', ok: true, skipped: true, skipReason: 'need enterAsync and event' });
  });
});

describe('runGoldens', () => {
  it('should pass the shipped corpus: at least 20 traces and 5 negative goldens', async () => {
    const results = await runGoldens(readGoldenDir('golden'), tracer);
    expect(results.filter((r) => !r.ok)).toEqual([]);
    expect(results.filter((r) => r.kind === 'positive').length).toBeGreaterThanOrEqual(20);
    expect(results.filter((r) => r.kind === 'negative').length).toBeGreaterThanOrEqual(5);
  });

  it('should pass a matching golden and fail a differing one with the produced text', async () => {
    expect((await runGoldens(files({}), tracer)).map((r) => r.ok)).toEqual([true]);
    const [r] = await runGoldens(files({ traces: { only: trace.replace('return main', 'unwind main') } }), tracer);
    expect(r).toMatchObject({ ok: false, problem: "the tracer's trace differs from the golden", produced: trace });
  });

  it('should fail a program without a golden, and a golden no program references', async () => {
    const results = await runGoldens(files({ traces: { other: trace.replace('only', 'other') } }), tracer);
    expect(results.map((r) => [r.file, r.ok, r.problem?.split(' (')[0]])).toEqual([
      ['traces/only.trace', false, 'missing golden'],
      ['traces/other.trace', false, 'unreferenced golden: no programs/other.json'],
    ]);
  });

  it('should fail a negative golden that its validator accepts, and pass one it rejects', async () => {
    const negatives = {
      rejected: '# expect: FAIL lifecycle/after-terminal\ncall f #1\nreturn f #1\nreturn f #1\n',
      accepted: '# expect: FAIL stack-balance/exit-not-top\ncall f #1\nreturn f #1\n',
    };
    const results = (await runGoldens(files({ negatives }), tracer)).filter((r) => r.kind === 'negative');
    expect(results.map((r) => [r.file, r.ok, r.problem])).toEqual([
      ['negative/accepted.trace', false, 'want stack-balance/exit-not-top, got no violation'],
      ['negative/rejected.trace', true, undefined],
    ]);
  });

  it('should raise GoldenInputError naming the file for unreadable goldens', async () => {
    const bad = async (over: Parameters<typeof files>[0]): Promise<string> => {
      try {
        await runGoldens(files(over), tracer);
      } catch (e) {
        if (e instanceof GoldenInputError) return e.message;
        throw e;
      }
      throw new Error('no error');
    };
    expect(await bad({ programs: { only: '{' } })).toMatch(/^programs\/only.json: not valid JSON/);
    expect(await bad({ programs: { only: '{"functions":[]}' } })).toBe('programs/only.json: functions: must be a non-empty array');
    expect(await bad({ traces: { only: trace.replace('PASS', 'FAIL x') } })).toBe('traces/only.trace: want header "# expect: PASS", got "FAIL x"');
    expect(await bad({ traces: { only: trace + 'leap main #1\n' } })).toMatch(/^traces\/only.trace: line 6: unknown event kind "leap"/);
    expect(await bad({ negatives: { n: '# expect: FAIL seq/gap\ncall f #1\n' } })).toBe('negative/n.trace: no validator for rule "seq/gap" (known: stack-balance/*, lifecycle/*, wake/*, exact/*)');
  });

  it('should run a golden that asks for tracer options with them, and skip it for a tracer that cannot take them', async () => {
    const dump = readGoldenDir('golden');
    const only = { ...files({}), programs: new Map([['async-pending-dump', dump.programs.get('async-pending-dump')!]]), traces: new Map([['async-pending-dump', dump.traces.get('async-pending-dump')!]]) };
    const [withOptions] = await runGoldens(only, tracer, (o) => () => new Tracer(o));
    expect(withOptions).toMatchObject({ ok: true });
    expect(withOptions!.skipped).toBeUndefined();
    const [without] = await runGoldens(only, tracer);
    expect(without).toMatchObject({ ok: true, skipped: true, skipReason: "need this package's tracer options" });
    const bad = { ...only, traces: new Map([['async-pending-dump', dump.traces.get('async-pending-dump')!.replace('{"pendingAfter":{"events":3}}', '{"clock":1}')]]) };
    await expect(runGoldens(bad, tracer, (o) => () => new Tracer(o))).rejects.toThrow('header "# tracer:" must be {"pendingAfter":{"events":N}}, {"retain":{"events":N}} or {"crash":{"afterEvents":N}} with N > 0');
  });

  it('should hold the redacted-payload golden: a tracer that stores the payload unredacted fails it', async () => {
    const dir = readGoldenDir('golden');
    const name = 'event-redacted-payload';
    const only = { ...files({}), programs: new Map([[name, dir.programs.get(name)!]]), traces: new Map([[name, dir.traces.get(name)!]]) };
    const [redacting] = await runGoldens(only, tracer, (o) => () => new Tracer(o));
    expect(redacting).toMatchObject({ ok: true });
    expect(redacting!.skipped).toBeUndefined();
    const [leaking] = await runGoldens(only, tracer, () => () => new Tracer());
    expect(leaking).toMatchObject({ ok: false, problem: "the tracer's trace differs from the golden" });
    expect(leaking!.produced).toContain('"password":"hunter2"');
    const badRules = { ...only, traces: new Map([[name, dir.traces.get(name)!.replace('"drop":["password"]', '"drop":"password"')]]) };
    await expect(runGoldens(badRules, tracer, (o) => () => new Tracer(o))).rejects.toThrow('payloads.redact must be {"drop"?:[names],"hash"?:[names],"salt"?:"text"}');
  });

  it('should hold a flight-recorder golden to the snapshot and to the model\'s last events', async () => {
    const dir = readGoldenDir('golden');
    const name = 'retention-yield-star-last-8';
    const only = { ...files({}), programs: new Map([[name, dir.programs.get(name)!]]), traces: new Map([[name, dir.traces.get(name)!]]) };
    const [ok] = await runGoldens(only, tracer, (o) => () => new Tracer(o));
    expect(ok).toMatchObject({ ok: true });
    const miscounted = { ...only, traces: new Map([[name, dir.traces.get(name)!.replace('dropped 14', 'dropped 15')]]) };
    const [bad] = await runGoldens(miscounted, tracer, (o) => () => new Tracer(o));
    expect(bad).toMatchObject({ ok: false, problem: "the flight recorder's snapshot differs from the golden" });
    const asyncProgram = { ...only, programs: new Map([[name, dir.programs.get('async-await-value')!]]) };
    await expect(runGoldens(asyncProgram, tracer, (o) => () => new Tracer(o))).rejects.toThrow('a "retain" golden needs a program of sync and generator functions');
  });

  it('should hold a crash golden to the file a resumed recording leaves', async () => {
    const dir = readGoldenDir('golden');
    const name = 'crash-yield-star-after-7';
    const only = { ...files({}), programs: new Map([[name, dir.programs.get(name)!]]), traces: new Map([[name, dir.traces.get(name)!]]) };
    const [ok] = await runGoldens(only, tracer, (o) => () => new Tracer(o));
    expect(ok).toMatchObject({ ok: true });
    // Abandoning suspended activations newest first instead of in the order they suspended is a difference.
    const reordered = dir.traces.get(name)!.replace('abandoned inner #4\nabandoned middle #3\nabandoned outer #2', 'abandoned outer #2\nabandoned middle #3\nabandoned inner #4');
    const [bad] = await runGoldens({ ...only, traces: new Map([[name, reordered]]) }, tracer, (o) => () => new Tracer(o));
    expect(bad).toMatchObject({ ok: false, problem: 'the recovered file differs from the golden' });
    const tooLate = { ...only, traces: new Map([[name, dir.traces.get(name)!.replace('"afterEvents":7', '"afterEvents":99')]]) };
    await expect(runGoldens(tooLate, tracer, (o) => () => new Tracer(o))).rejects.toThrow('"crash" after 99 events, but the run records only 22');
  });

  it('should replay regression programs and report their check', async () => {
    const [r] = runRegressions(files({ regressions: { r1: program } }), tracer);
    expect(r).toMatchObject({ file: 'regressions/r1.json', kind: 'regression', ok: true });
  });
});
