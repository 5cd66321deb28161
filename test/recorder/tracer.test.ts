import { describe, expect, it } from 'vitest';
import { formatCanonical } from '../../src/formats/text.ts';
import { EventKind } from '../../src/model/kinds.ts';
import { simulatedClock } from '../../src/recorder/clock.ts';
import { Tracer } from '../../src/recorder/tracer.ts';

const text = (t: Tracer): string => formatCanonical(t.snapshot());

describe('Tracer.trace on sync functions', () => {
  it('should record call and return around the body, keeping this, arguments, name and length', () => {
    const t = new Tracer();
    const add = t.trace(function add(this: { k: number }, a: number, b: number) {
      return a + b + this.k;
    });
    expect(add.call({ k: 1 }, 2, 3)).toBe(6);
    expect(add.name).toBe('add');
    expect(add.length).toBe(2);
    expect(text(t)).toBe('call add #1\nreturn add #1\n');
  });

  it('should record unwind for every frame an exception leaves', () => {
    const t = new Tracer();
    const inner = t.trace(function inner() {
      throw new Error('boom');
    });
    const outer = t.trace(function outer() {
      inner();
    });
    expect(() => outer()).toThrow('boom');
    expect(text(t)).toBe('call outer #1\ncall inner #2\nunwind inner #2\nunwind outer #1\n');
  });

  it('should reject async functions and non-functions with a TypeError naming the fix', () => {
    const t = new Tracer();
    expect(() => t.trace(async function load() {})).toThrow(/trace: load is async.*probe/);
    expect(() => t.trace(async function* stream() {})).toThrow(TypeError);
    expect(() => t.trace(42 as unknown as () => void)).toThrow('trace: fn must be a function, got number');
  });
});

describe('Tracer.trace on generator functions (DESIGN §3)', () => {
  it('should record nothing on creation and call on the first next()', () => {
    const t = new Tracer();
    const gen = t.trace(function* gen() {
      yield 1;
    });
    const g = gen();
    expect(t.snapshot().length).toBe(0);
    expect(g.next()).toEqual({ value: 1, done: false });
    expect(text(t)).toBe('call gen #1\nyield gen #1\n');
  });

  it('should record resume for next(x), passing the value in, and return at the end', () => {
    const t = new Tracer();
    const echo = t.trace(function* echo(): Generator<number, string, string> {
      const got = yield 1;
      return `got ${got}`;
    });
    const g = echo();
    g.next();
    expect(g.next('x')).toEqual({ value: 'got x', done: true });
    expect(text(t)).toBe('call echo #1\nyield echo #1\nresume echo #1\nreturn echo #1\n');
  });

  it('should record throw instead of resume for g.throw() on a suspended generator', () => {
    const t = new Tracer();
    const worker = t.trace(function* worker() {
      try {
        yield 'ready';
      } catch {
        yield 'recovered';
      }
    });
    const g = worker();
    g.next();
    expect(g.throw(new Error('x'))).toEqual({ value: 'recovered', done: false });
    expect(text(t)).toBe('call worker #1\nyield worker #1\nthrow worker #1\nyield worker #1\n');
  });

  it('should record a return-completion resume, the finally, then return for g.return()', () => {
    const t = new Tracer();
    const log: string[] = [];
    const closable = t.trace(function* closable() {
      try {
        yield 1;
      } finally {
        log.push('finally');
      }
    });
    const g = closable();
    g.next();
    expect(g.return(7 as never)).toEqual({ value: 7, done: true });
    expect(log).toEqual(['finally']);
    expect(text(t)).toBe('call closable #1\nyield closable #1\nresume closable #1 return\nreturn closable #1\n');
  });

  it('should record yield when a finally yields during return(), and unwind when it throws', () => {
    const t = new Tracer();
    const stubborn = t.trace(function* stubborn() {
      try {
        yield 1;
      } finally {
        yield 2;
        throw new Error('late');
      }
    });
    const g = stubborn();
    g.next();
    expect(g.return(0 as never)).toEqual({ value: 2, done: false });
    expect(() => g.next()).toThrow('late');
    expect(text(t)).toBe(
      'call stubborn #1\nyield stubborn #1\nresume stubborn #1 return\nyield stubborn #1\nresume stubborn #1\nunwind stubborn #1\n',
    );
  });

  it('should record nothing for throw()/return() on never-started or finished generators', () => {
    const t = new Tracer();
    const gen = t.trace(function* gen() {
      yield 1;
    });
    const fresh = gen();
    expect(() => fresh.throw(new Error('early'))).toThrow('early');
    expect(fresh.next()).toEqual({ value: undefined, done: true });
    expect(gen().return(5 as never)).toEqual({ value: 5, done: true });
    const done = gen();
    done.next();
    done.next();
    expect(() => done.throw(new Error('late'))).toThrow('late');
    expect(done.return(1 as never)).toEqual({ value: 1, done: true });
    expect(text(t)).toBe('call gen #1\nyield gen #1\nresume gen #1\nreturn gen #1\n');
  });

  it('should record nothing for re-entering a running generator, and let the TypeError reach the body', () => {
    const t = new Tracer();
    const errors: string[] = [];
    const self: { it?: Generator } = {};
    const loop = t.trace(function* loop() {
      for (const m of ['next', 'throw', 'return'] as const) {
        try {
          (self.it![m] as (v?: unknown) => unknown)(undefined);
        } catch (e) {
          errors.push((e as Error).constructor.name);
        }
      }
      yield 1;
    });
    self.it = loop();
    self.it.next();
    expect(errors).toEqual(['TypeError', 'TypeError', 'TypeError']);
    expect(text(t)).toBe('call loop #1\nyield loop #1\n');
  });

  it('should record yield* suspension innermost first and resumption outermost first', () => {
    const t = new Tracer();
    const sub = t.trace(function* sub() {
      yield 1;
    });
    const deleg = t.trace(function* deleg() {
      yield* sub();
    });
    const g = deleg();
    g.next();
    g.next();
    expect(text(t)).toBe('call deleg #1\ncall sub #2\nyield sub #2\nyield deleg #1\nresume deleg #1\nresume sub #2\nreturn sub #2\nreturn deleg #1\n');
  });

  it('should forward throw() through yield* as throw outer then throw inner', () => {
    const t = new Tracer();
    const sub = t.trace(function* sub() {
      try {
        yield 1;
      } catch {
        return 'caught';
      }
    });
    const deleg = t.trace(function* deleg() {
      return yield* sub();
    });
    const g = deleg();
    g.next();
    expect(g.throw(new Error('x'))).toEqual({ value: 'caught', done: true });
    expect(text(t)).toBe('call deleg #1\ncall sub #2\nyield sub #2\nyield deleg #1\nthrow deleg #1\nthrow sub #2\nreturn sub #2\nreturn deleg #1\n');
  });

  it('should close a for...of generator on break with a return-completion resume', () => {
    const t = new Tracer();
    const ticker = t.trace(function* ticker() {
      yield 'a';
      yield 'b';
    });
    for (const v of ticker()) if (v === 'a') break;
    expect(text(t)).toBe('call ticker #1\nyield ticker #1\nresume ticker #1 return\nreturn ticker #1\n');
  });
});

describe('Tracer.currentFrame and the probe API', () => {
  it('should answer which activation runs now, and undefined outside traced code', () => {
    const t = new Tracer();
    const seen: (string | undefined)[] = [];
    const inner = t.trace(function inner() {
      seen.push(t.currentFrame()?.name);
    });
    const gen = t.trace(function* gen() {
      seen.push(t.currentFrame()?.name);
      inner();
      seen.push(t.currentFrame()?.name);
      yield;
    });
    gen().next();
    expect(seen).toEqual(['gen', 'inner', 'gen']);
    expect(t.currentFrame()).toBeUndefined();
    expect(t.recorder.currentActivation()).toBe(0);
  });

  it('should record exactly one event per probe call', () => {
    const t = new Tracer();
    const code = t.probe.code('step');
    const a = t.probe.call(code);
    t.probe.yield(a, code);
    t.probe.resume(a, code, true);
    t.probe.yield(a, code);
    t.probe.throw(a, code);
    t.probe.unwind(a, code);
    const b = t.probe.call(code);
    t.probe.return(b, code);
    expect(text(t)).toBe('call step #1\nyield step #1\nresume step #1 return\nyield step #1\nthrow step #1\nunwind step #1\ncall step #2\nreturn step #2\n');
  });

  it('should read an injected clock once per event and none by default', () => {
    const timed = new Tracer({ clock: simulatedClock(10, 100) });
    timed.trace(() => 1, 'f')();
    expect(Array.from(timed.snapshot().columns.tsNs!)).toEqual([100, 110]);
    expect(timed.snapshot().at(1)).toEqual({ seq: 1, kind: EventKind.Return, activation: 1, code: 0, flags: 0, tsNs: 110 });
    const plain = new Tracer();
    plain.trace(() => 1, 'f')();
    expect(plain.snapshot().columns.tsNs).toBeUndefined();
  });
});

describe('Tracer.trace with new', () => {
  it('should construct through the wrapper, classes included, keeping instanceof', () => {
    const t = new Tracer();
    function Point(this: { x: number }, x: number): void {
      this.x = x;
    }
    class Box {
      constructor(readonly size: number) {}
      double(): number {
        return this.size * 2;
      }
    }
    const P = t.trace(Point as unknown as (x: number) => void) as unknown as new (x: number) => { x: number };
    const B = t.trace(Box as unknown as () => void, 'Box') as unknown as typeof Box;
    const p = new P(-3);
    const b = new B(4);
    expect([p.x, p instanceof (Point as unknown as typeof Object), b instanceof Box, b.double()]).toEqual([-3, true, true, 8]);
    expect(text(t)).toBe('call Point #1\nreturn Point #1\ncall Box #2\nreturn Box #2\n');
  });
});
