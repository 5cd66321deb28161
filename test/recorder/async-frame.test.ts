import { describe, expect, it } from 'vitest';
import { runValidators } from '../../src/check/run.ts';
import { LifecycleValidator } from '../../src/check/lifecycle.ts';
import { StackBalanceValidator } from '../../src/check/stack-balance.ts';
import { formatCanonicalEvent } from '../../src/formats/text.ts';
import type { AsyncFrame } from '../../src/recorder/async-frame.ts';
import { Tracer } from '../../src/recorder/tracer.ts';

/** Each activation's own events, as canonical lines (activations renumbered first-seen). */
function perActivation(tracer: Tracer): string[][] {
  const by = new Map<number, string[]>();
  for (const e of tracer.snapshot().canonical()) {
    if (!by.has(e.activation)) by.set(e.activation, []);
    by.get(e.activation)!.push(formatCanonicalEvent(e));
  }
  return [...by.values()];
}

/**
 * Awaits `x` inside the activation of `$` the way the harness compiler emits it. (A helper is itself an
 * async function, so the continuation here is the helper's: fine for these tests, which run one await
 * per helper call and check each activation's own events.)
 */
async function pass<T>($: AsyncFrame, x: T | Promise<T>): Promise<T> {
  let v: T;
  try {
    v = await $.suspend(x);
  } catch (e) {
    throw $.throw(e);
  }
  $.resume();
  return v;
}

/** Runs `body` as a probe-instrumented async function named `name` (what the harness compiler emits). */
async function traced<T>(tracer: Tracer, name: string, body: ($: AsyncFrame) => Promise<T>): Promise<T> {
  const $ = tracer.enterAsync(name);
  try {
    return await body($);
  } catch (e) {
    $.unwind();
    throw e;
  } finally {
    $.return();
  }
}

const tick = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('AsyncFrame probes (DESIGN §3 async rows)', () => {
  it('should record call, yield at the await, resume in the continuation, and return at the end', async () => {
    const t = new Tracer();
    const seen: (string | undefined)[] = [];
    const $ = t.enterAsync('f');
    const run = (async () => {
      seen.push(t.currentFrame()?.name);
      let v: number;
      try {
        v = await $.suspend(Promise.resolve(41));
      } catch (e) {
        throw $.throw(e);
      }
      $.resume();
      seen.push(t.currentFrame()?.name);
      $.return();
      return v + 1;
    })();
    seen.push(t.currentFrame()?.name); // the caller, after f suspended
    expect(await run).toBe(42);
    expect(seen).toEqual(['f', undefined, 'f']);
    // Promise.resolve(41) is no activation's promise: its waker is unknown.
    expect(perActivation(t)).toEqual([['call f #1', 'yield f #1', 'await f #1 on ?', 'wake f #1 by ?', 'resume f #1', 'return f #1']]);
  });

  it('should record throw for a rejected await and unwind when the body lets it escape', async () => {
    const t = new Tracer();
    const caught = traced(t, 'safe', async ($) => {
      try {
        await pass($, Promise.reject(new Error('no')));
      } catch {
        return 'handled';
      }
    });
    const failing = traced(t, 'fragile', async ($) => pass($, Promise.reject(new Error('boom'))));
    expect(await caught).toBe('handled');
    await expect(failing).rejects.toThrow('boom');
    expect(perActivation(t)).toEqual([
      ['call safe #1', 'yield safe #1', 'await safe #1 on ?', 'wake safe #1 by ?', 'throw safe #1', 'return safe #1'],
      ['call fragile #2', 'yield fragile #2', 'await fragile #2 on ?', 'wake fragile #2 by ?', 'throw fragile #2', 'unwind fragile #2'],
    ]);
  });

  it('should keep currentFrame right across Promise.all, Promise.race and timers', async () => {
    const t = new Tracer();
    const frames: string[] = [];
    const child = (name: string, ms: number): Promise<string> =>
      traced(t, name, async ($) => {
        await pass($, tick(ms));
        frames.push(`${name}:${t.currentFrame()?.name}`);
        return name;
      });
    const all = await traced(t, 'parent', async ($) => {
      const both = await pass($, Promise.all([child('a', 5), child('b', 1)]));
      frames.push(`parent:${t.currentFrame()?.name}`);
      const first = await pass($, Promise.race([child('slow', 20), child('fast', 0)]));
      frames.push(`parent:${t.currentFrame()?.name}`);
      return [...both, first];
    });
    expect(all).toEqual(['a', 'b', 'fast']);
    await tick(30); // let the losing racer finish
    expect(frames).toEqual(['b:b', 'a:a', 'parent:parent', 'fast:fast', 'parent:parent', 'slow:slow']);
    expect(t.currentFrame()).toBeUndefined();
    const trace = t.snapshot();
    expect(runValidators(trace, [new StackBalanceValidator(), new LifecycleValidator({ requireClosed: true })])).toEqual([]);
    expect(perActivation(t)[0]).toEqual([
      'call parent #1',
      'yield parent #1',
      'await parent #1 on ?',
      'wake parent #1 by ?',
      'resume parent #1',
      'yield parent #1',
      'await parent #1 on ?',
      'wake parent #1 by ?',
      'resume parent #1',
      'return parent #1',
    ]);
  });

  it('should record a continuation that runs while another activation is suspended on its own stack', async () => {
    const t = new Tracer();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const waiter = traced(t, 'waiter', async ($) => pass($, gate));
    const worker = traced(t, 'worker', async ($) => {
      await pass($, undefined);
      expect(t.currentFrame()?.name).toBe('worker'); // not the suspended waiter
      release();
    });
    await Promise.all([waiter, worker]);
    expect(t.snapshot().canonical().map(formatCanonicalEvent)).toEqual([
      'call waiter #1',
      'yield waiter #1',
      'await waiter #1 on ?',
      'call worker #2',
      'yield worker #2',
      'resume worker #2', // awaited a plain value: already settled, no wake
      // release() resolves the gate before worker's body returns, so waiter's continuation is queued
      // ahead of the one in `traced` that records worker's return.
      'wake waiter #1 by ?',
      'resume waiter #1',
      'return worker #2',
      'return waiter #1',
    ]);
  });

  it('should wake every frame suspended on one activation\'s promise, each by that activation', async () => {
    // Three frames await the promise of #1 while it is suspended: the first is kept in `awaiter`, the others
    // in `moreAwaiters`; #1's return wakes all three (DESIGN §3: the wake names the activation whose completion
    // woke it).
    const t = new Tracer();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const inner = t.traceAsync(() => traced(t, 'inner', async ($) => pass($, gate)));
    const p = inner();
    const waiters = ['a', 'b', 'c'].map((name) => traced(t, name, async ($) => pass($, p)));
    release();
    await Promise.all(waiters);
    expect(perActivation(t)).toEqual([
      ['call inner #1', 'yield inner #1', 'await inner #1 on ?', 'wake inner #1 by ?', 'resume inner #1', 'return inner #1'],
      ...['a #2', 'b #3', 'c #4'].map((f) => [`call ${f}`, `yield ${f}`, `await ${f} on #1`, `wake ${f} by #1`, `resume ${f}`, `return ${f}`]),
    ]);
  });

  it('should refuse a misplaced probe instead of corrupting the stack', async () => {
    const t = new Tracer();
    const $ = t.enterAsync('f');
    expect(() => $.resume()).toThrow('AsyncFrame.resume: activation #1 is running; probes must follow the suspend/resume pattern');
    expect(() => $.resumed(1)).toThrow('AsyncFrame.resumed: activation #1 is running; probes must follow the suspend/resume pattern');
    const pending = $.suspend(1);
    expect(() => $.suspend(2)).toThrow('is suspended');
    await pending;
    $.resume();
    $.return();
    $.unwind(); // no-op once finished
    expect($.finished).toBe(true);
    expect(perActivation(t)).toEqual([['call f #1', 'yield f #1', 'resume f #1', 'return f #1']]);
  });
});

describe('AsyncFrame when the awaited expression throws before suspending', () => {
  it('should let the error through and record no resumption', async () => {
    const t = new Tracer();
    const load = async (): Promise<void> => {
      const $ = t.enterAsync('load');
      try {
        try {
          await $.suspend((() => {
            throw new TypeError('bad url');
          })());
        } catch (e) {
          throw $.throw(e);
        }
        $.resume();
      } catch (e) {
        $.unwind();
        throw e;
      } finally {
        $.return();
      }
    };
    await expect(load()).rejects.toThrow('bad url');
    expect(perActivation(t)).toEqual([['call load #1', 'unwind load #1']]);
  });
});

describe('AsyncFrame compact probes: resumed, returned, unwound (issue 15)', () => {
  const payloads = (t: Tracer): (string | undefined)[] => [...t.snapshot().events()].map((e) => e.payload);

  it('should hand back the awaited value and the return value, recording resume and return', async () => {
    const t = new Tracer({ payloads: { values: 'full' } });
    const $ = t.enterAsync('f');
    const v = $.resumed(await $.suspend(Promise.resolve(41)));
    expect($.returned(v + 1)).toBe(42);
    expect(perActivation(t)).toEqual([['call f #1', 'yield f #1', 'await f #1 on ?', 'wake f #1 by ?', 'resume f #1', 'return f #1 = 42']]);
    expect(payloads(t)).toEqual([undefined, undefined, undefined, undefined, undefined, '42']);
  });

  it('should attach no value to a return when returned() is called without one, and record nothing once finished', () => {
    const t = new Tracer({ payloads: { values: 'full' } });
    const $ = t.enterAsync('f');
    expect($.returned()).toBeUndefined();
    $.returned(5);
    expect($.unwound(new Error('late'))).toBeInstanceOf(Error);
    expect(perActivation(t)).toEqual([['call f #1', 'return f #1']]);
    expect(payloads(t)).toEqual([undefined, undefined]);
  });

  it('should record throw before unwind for an exception that finds the activation suspended, unwind alone for one that does not', async () => {
    const t = new Tracer();
    const $ = t.enterAsync('f');
    const boom = new Error('no');
    let caught: unknown;
    try {
      $.resumed(await $.suspend(Promise.reject(boom)));
    } catch (e) {
      caught = $.unwound(e);
    }
    expect(caught).toBe(boom);
    const g = t.enterAsync('g');
    expect(g.unwound(boom)).toBe(boom); // thrown while running: no await rejected
    expect(perActivation(t)).toEqual([
      ['call f #1', 'yield f #1', 'await f #1 on ?', 'wake f #1 by ?', 'throw f #1', 'unwind f #1'],
      ['call g #2', 'unwind g #2'],
    ]);
  });
});
