import { describe, expect, it } from 'vitest';
import { formatCanonical } from '../../src/formats/text.ts';
import { runValidators } from '../../src/check/run.ts';
import { LifecycleValidator } from '../../src/check/lifecycle.ts';
import { StackBalanceValidator } from '../../src/check/stack-balance.ts';
import { WakeCausalityValidator } from '../../src/check/wake-causality.ts';
import { decodeWire } from '../../src/wire/reader.ts';
import { encodeWire } from '../../src/wire/encode.ts';
import { decodeJsonl, encodeJsonl } from '../../src/formats/jsonl.ts';
import { parseCanonical, traceFromCanonical } from '../../src/formats/text.ts';
import { Tracer } from '../../src/recorder/tracer.ts';

/** An async function awaiting `what()` once, instrumented as the harness compiler emits it. */
function awaiter(t: Tracer, name: string, what: () => unknown): () => Promise<void> {
  return t.traceAsync(async function (): Promise<void> {
    const $ = t.enterAsync(name);
    try {
      try {
        await $.suspend(what());
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
  });
}

describe('task dumps (pending events)', () => {
  it('should dump the await chain, innermost first, of an activation suspended past the threshold', async () => {
    const t = new Tracer({ pendingAfter: { events: 3 } });
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const b = awaiter(t, 'b', () => gate);
    const a = awaiter(t, 'a', () => b());
    const main = awaiter(t, 'main', () => a());
    const run = main();
    release();
    await run;
    // Derived by hand: each suspension records yield then its await edge; b waits 5 events (dump: on ?, a
    // gate is no activation); a waits 8 (chain: b); main waits 10 (chain: a, then b).
    const expected = `call main #1
call a #2
call b #3
yield b #3
await b #3 on ?
yield a #2
await a #2 on #3
yield main #1
await main #1 on #2
pending b #3 on ?
wake b #3 by ?
resume b #3
wake a #2 by #3
return b #3
pending a #2 on #3
resume a #2
wake main #1 by #2
return a #2
pending main #1 on #3
pending main #1 on #2
resume main #1
return main #1
`;
    const trace = t.snapshot();
    expect(formatCanonical(trace)).toBe(expected);
    expect(runValidators(trace, [new StackBalanceValidator(), new LifecycleValidator({ requireClosed: true }), new WakeCausalityValidator()])).toEqual([]);
    // Every format carries the dump.
    expect(formatCanonical(decodeWire(encodeWire(trace)))).toBe(expected);
    expect(formatCanonical(decodeJsonl(encodeJsonl(trace)))).toBe(expected);
    expect(formatCanonical(traceFromCanonical(parseCanonical(expected).events))).toBe(expected);
  });

  it('should record nothing by default, and refuse a threshold that cannot work', async () => {
    const t = new Tracer();
    await awaiter(t, 'f', () => new Promise((r) => setTimeout(r, 5)))();
    expect(formatCanonical(t.snapshot())).not.toContain('pending');
    expect(() => new Tracer({ pendingAfter: { events: 0 } })).toThrow('Tracer: pendingAfter.events must be > 0, got 0');
    expect(() => new Tracer({ pendingAfter: { ns: 1000 } })).toThrow('Tracer: pendingAfter.ns needs a clock');
  });

  it('should dump an activation that awaited no activation of ours as pending on ?', async () => {
    let now = 0;
    const t = new Tracer({ clock: () => now, pendingAfter: { ns: 1_000_000 } });
    const f = awaiter(t, 'f', () => new Promise<void>((r) => setTimeout(() => ((now += 2_000_000), r()), 1)));
    await f();
    expect(formatCanonical(t.snapshot())).toBe('call f #1\nyield f #1\nawait f #1 on ?\npending f #1 on ?\nwake f #1 by ?\nresume f #1\nreturn f #1\n');
  });
});
