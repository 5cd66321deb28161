import { describe, expect, it } from 'vitest';
import { isSpanTracer, resolvePolicies, type SpanTracer, type SpanTracerModule } from '../../harness/observe/span-tracer.ts';

/**
 * Hand-written programs every conformance adapter must get right (the cases where each of them is
 * supposed to agree with the model): span parents, one end per span, and the active span at each
 * call-out. The random programs are in <adapter>.test.ts; these pin the adapters' own wiring.
 */
const ADAPTERS = ['otel-als', 'otel-async-hooks', 'tracing-channel'] as const;

async function load(name: string): Promise<SpanTracerModule> {
  return (await import(`./tracers/${name}.mjs`)) as SpanTracerModule;
}

/** Spans as `name<-parentName/ended`, in start order; parents by their index too when names repeat. */
function tree(t: SpanTracer): string[] {
  const spans = t.spans();
  const label = (id: unknown): string => {
    const i = spans.findIndex((s) => s.id === id);
    return i < 0 ? `?${String(id)}` : `${spans[i]!.name}${i}`;
  };
  return spans.map((s, i) => `${s.name}${i}<-${s.parentId == null ? '' : label(s.parentId)}/${s.ended}`);
}

/** Runs a program built on a fresh tracer; returns the tree and `where:activeSpan` at each `log`. */
async function run(mod: SpanTracerModule, build: (t: SpanTracer, log: (where: string) => void) => () => unknown): Promise<{ tree: string[]; active: string[] }> {
  const t = mod.createTracer();
  const active: string[] = [];
  const log = (where: string): void => {
    const id = t.activeSpan?.();
    const i = t.spans().findIndex((s) => s.id === id);
    active.push(`${where}:${id === undefined ? '' : i < 0 ? '?' : `${t.spans()[i]!.name}${i}`}`);
  };
  const main = build(t, log);
  try {
    await main();
  } catch {
    active.push('threw');
  }
  // Let every callback and pending end run: three macrotask turns; order only, no timing.
  for (let i = 0; i < 3; i++) await new Promise((r) => setTimeout(r, 0));
  return { tree: tree(t), active };
}

const tick = (): Promise<void> => new Promise((r) => setTimeout(r, 0));

describe.each(ADAPTERS)('conformance adapter %s', (name) => {
  it('should export createTracer, making span tracers, and creation policies', async () => {
    const mod = await load(name);
    expect(isSpanTracer(mod.createTracer())).toBe(true);
    expect(resolvePolicies(mod.policies)).toEqual({ 'generator-context': 'creation', 'async-generator-context': 'creation' });
  });

  it('should parent sync calls on their caller and end each span once', async () => {
    const out = await run(await load(name), (t, log) => {
      const b = t.trace(function b() {
        log('b');
      }, 'b');
      return t.trace(function a() {
        log('a');
        b();
        b();
      }, 'a');
    });
    expect(out).toEqual({ tree: ['a0<-/1', 'b1<-a0/1', 'b2<-a0/1'], active: ['a:a0', 'b:b1', 'b:b2'] });
  });

  it('should keep an async function its span across awaits and Promise.all', async () => {
    const out = await run(await load(name), (t, log) => {
      const b = t.trace(async function b() {
        log('b0');
        await tick();
        log('b1');
      }, 'b');
      return t.trace(async function a() {
        await b();
        log('a1');
        await Promise.all([b(), b()]);
        log('a2');
      }, 'a');
    });
    expect(out.tree).toEqual(['a0<-/1', 'b1<-a0/1', 'b2<-a0/1', 'b3<-a0/1']);
    expect(out.active).toEqual(['b0:b1', 'b1:b1', 'a1:a0', 'b0:b2', 'b0:b3', 'b1:b2', 'b1:b3', 'a2:a0']);
  });

  it('should parent a generator on where it was created and run it with its own span wherever it is resumed', async () => {
    const out = await run(await load(name), (t, log) => {
      const g = t.trace(function* g() {
        log('g0');
        yield;
        log('g1');
      }, 'g');
      const c = t.trace(function c(it: Iterable<unknown>) {
        for (const _ of it) log('c');
      }, 'c');
      return t.trace(function a() {
        c(g());
      }, 'a');
    });
    expect(out).toEqual({ tree: ['a0<-/1', 'g1<-a0/1', 'c2<-a0/1'], active: ['g0:g1', 'c:c2', 'g1:g1'] });
  });

  it('should end a generator closed by return() once, and pass a re-entry TypeError through', async () => {
    const out = await run(await load(name), (t, log) => {
      const g = t.trace(function* g(self: { it?: Generator }) {
        try {
          self.it!.next();
        } catch (e) {
          log(e instanceof TypeError ? 'reenter' : 'other');
        }
        try {
          yield;
        } finally {
          log('finally');
        }
      }, 'g');
      return t.trace(function a() {
        const self: { it?: Generator } = {};
        self.it = g(self);
        self.it.next();
        self.it.return(undefined);
        self.it.return(undefined);
      }, 'a');
    });
    expect(out).toEqual({ tree: ['a0<-/1', 'g1<-a0/1'], active: ['reenter:g1', 'finally:g1'] });
  });

  it('should run an async generator with its span in every step, queued steps included', async () => {
    const out = await run(await load(name), (t, log) => {
      const g = t.trace(async function* g() {
        log('g0');
        await tick();
        yield;
        log('g1');
        await tick();
        log('g2');
      }, 'g');
      return t.trace(async function a() {
        const it = g();
        await Promise.all([it.next(), it.next(), it.next()]);
        log('a');
      }, 'a');
    });
    expect(out).toEqual({ tree: ['a0<-/1', 'g1<-a0/1'], active: ['g0:g1', 'g1:g1', 'g2:g1', 'a:a0'] });
  });

  it('should give callbacks and thenables the span of the function that scheduled them', async () => {
    const out = await run(await load(name), (t, log) => {
      const b = t.trace(function b() {
        log('b');
      }, 'b');
      return t.trace(async function a() {
        setTimeout(b, 0);
        queueMicrotask(() => log('microtask'));
        await { then: (resolve: () => void) => (log('then'), resolve()) };
        await tick();
        await tick();
      }, 'a');
    });
    expect(out).toEqual({ tree: ['a0<-/1', 'b1<-a0/1'], active: ['microtask:a0', 'then:a0', 'b:b1'] });
  });
});

describe('the two OpenTelemetry adapters in one process', () => {
  it('should each put its own context manager back as the global one when it makes a tracer', async () => {
    const [als, hooks] = await Promise.all([load('otel-als'), load('otel-async-hooks')]);
    const trees: string[][] = [];

    for (const mod of [als, hooks, als, hooks]) {
      const out = await run(mod, (t, log) => {
        const b = t.trace(async function b() {
          await tick();
          log('b');
        }, 'b');
        return t.trace(async function a() {
          await b();
          log('a');
        }, 'a');
      });
      trees.push([...out.tree, ...out.active]);
    }

    // The second async-hooks tracer used to see no context: context.disable() had disabled its hook.
    expect(trees).toEqual(Array(4).fill(['a0<-/1', 'b1<-a0/1', 'b:b1', 'a:a0']));
  });
});
