// Portable suite: each difference between Node, Deno and Bun that src/runtime detects, asserted on the
// runtime running it, and the code that handles it.
import assert from 'node:assert/strict';
import diagnostics from 'node:diagnostics_channel';
import { describe, it } from 'node:test';
import { formatCanonical } from '../../src/formats/text.ts';
import { Tracer } from '../../src/recorder/tracer.ts';
import { detectCapabilities } from '../../src/runtime/capabilities.ts';
import { measureClockCost } from '../../src/runtime/clock-cost.ts';
import { detectRuntime } from '../../src/runtime/runtime.ts';
import { type TracingChannelLike, tracingChannelHasSubscribers } from '../../src/runtime/tracing-channel.ts';

const runtime = detectRuntime();
const caps = detectCapabilities();
const nodeMajor = runtime.name === 'node' ? Number(runtime.version.split('.')[0]) : 0;

describe('runtime capabilities (portable)', () => {
  it('should name the runtime running the suite, with its own version', () => {
    const g = globalThis as { Deno?: { version: { deno: string } }; Bun?: { version: string } };
    const want = g.Deno !== undefined ? { name: 'deno', version: g.Deno.version.deno }
      : g.Bun !== undefined ? { name: 'bun', version: g.Bun.version }
      : { name: 'node', version: process.versions.node };
    assert.deepEqual(runtime, want);
    assert.match(runtime.version, /^\d+\.\d+\.\d+/);
  });

  it('should detect TracingChannel#hasSubscribers: a boolean on Node and Deno, missing on Bun', () => {
    assert.equal(caps.tracingChannelHasSubscribers, runtime.name !== 'bun');
  });

  it('should tell whether a tracing channel has subscribers on every runtime, Bun included', () => {
    const channel = diagnostics.tracingChannel(`trace-harness:test:${Math.random()}`) as unknown as TracingChannelLike & {
      subscribe(handlers: { end(): void }): void;
      unsubscribe(handlers: { end(): void }): void;
    };
    // Without the fallback, Bun's undefined reads as "no subscribers" forever and tracing never happens.
    assert.equal(channel.hasSubscribers === undefined, !caps.tracingChannelHasSubscribers);
    assert.equal(tracingChannelHasSubscribers(channel), false);
    const handlers = { end() {} };
    channel.subscribe(handlers);
    assert.equal(tracingChannelHasSubscribers(channel), true);
    channel.unsubscribe(handlers);
    assert.equal(tracingChannelHasSubscribers(channel), false);
  });

  it('should ask the sub-channels of a channel shaped like Bun\'s (no hasSubscribers), and trust the property when present', () => {
    const quiet = { hasSubscribers: false };
    const bunShaped = (listening: 'start' | 'error' | 'none'): TracingChannelLike => ({
      start: { hasSubscribers: listening === 'start' },
      end: quiet,
      asyncStart: quiet,
      asyncEnd: quiet,
      error: { hasSubscribers: listening === 'error' },
    });
    assert.equal(tracingChannelHasSubscribers(bunShaped('none')), false);
    assert.equal(tracingChannelHasSubscribers(bunShaped('start')), true);
    assert.equal(tracingChannelHasSubscribers(bunShaped('error')), true);
    assert.equal(tracingChannelHasSubscribers({ ...bunShaped('start'), hasSubscribers: false }), false);
    assert.equal(tracingChannelHasSubscribers({ ...bunShaped('none'), hasSubscribers: true }), true);
  });

  it('should detect iterator helpers on Deno, Bun and Node >= 22, not on Node 20', () => {
    assert.equal(caps.iteratorHelpers, runtime.name !== 'node' || nodeMajor >= 22);
  });

  it('should give a traced generator the iterator helpers exactly where real generators have them, recording their steps', () => {
    const tracer = new Tracer();
    const count = tracer.trace(function* count() {
      yield 1;
      yield 2;
      yield 3;
    });
    const it = count() as unknown as { take?: (n: number) => { toArray(): number[] } };
    assert.equal(typeof it.take === 'function', caps.iteratorHelpers);
    if (it.take === undefined) {
      assert.equal(formatCanonical(tracer.snapshot()), ''); // Node 20: nothing ran, as for a real generator
      return;
    }
    assert.deepEqual(it.take(1).toArray(), [1]);
    // take(1) closes the generator through return(): a return-completion resume, as for break.
    assert.equal(formatCanonical(tracer.snapshot()), 'call count #1\nyield count #1\nresume count #1 return\nreturn count #1\n');
  });

  it('should measure performance.now(): sub-microsecond cost and resolution on every runtime', () => {
    assert.ok(caps.clock.costNs > 0 && caps.clock.costNs < 2000, `cost ${caps.clock.costNs} ns`);
    assert.ok(caps.clock.resolutionNs > 0 && caps.clock.resolutionNs <= 1000, `resolution ${caps.clock.resolutionNs} ns`);
  });

  it('should measure a clock that never moves as unresolved, and one that steps by 1 ms at 1 ms a read', () => {
    assert.deepEqual(measureClockCost(() => 5, 10, 3), { costNs: 0, resolutionNs: Infinity });
    let t = 0;
    assert.deepEqual(measureClockCost(() => (t += 1), 11, 2), { costNs: 1e6, resolutionNs: 1e6 });
    assert.throws(() => measureClockCost(() => 0, 1), RangeError);
    assert.throws(() => measureClockCost(() => 0, 10, 0), RangeError);
  });

  it('should keep the fastest batch: a batch slowed by an interruption does not count', () => {
    let t = 0;
    let reads = 0;
    // 1 µs a read, but the first batch of 10 reads is interrupted once for 5 ms.
    const clock = () => (t += ++reads === 5 ? 5 : 0.001);
    const cost = measureClockCost(clock, 10, 3);
    assert.ok(Math.abs(cost.costNs - 1000) < 1e-6, `cost ${cost.costNs} ns`);
  });
});
