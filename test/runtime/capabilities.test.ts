import diagnostics from 'node:diagnostics_channel';
import { describe, expect, it } from 'vitest';
import { detectCapabilities } from '../../src/runtime/capabilities.ts';
import { detectRuntime } from '../../src/runtime/runtime.ts';
import { tracingChannelHasSubscribers } from '../../src/runtime/tracing-channel.ts';

// The portable suite (test/portable/runtime.test.ts) checks these on Deno and Bun too; this is Node's view.
describe('detectCapabilities (Node)', () => {
  it('should name Node with process.versions.node, and report what Node 20 has', () => {
    const caps = detectCapabilities();
    expect(caps.runtime).toEqual({ name: 'node', version: process.versions.node });
    expect(caps.tracingChannelHasSubscribers).toBe(true);
    expect(caps.iteratorHelpers).toBe(Number(process.versions.node.split('.')[0]) >= 22);
    expect(caps.clock.costNs).toBeGreaterThan(0);
  });

  it('should name Deno and Bun before Node, as both define process.versions.node', () => {
    const g = globalThis as { Deno?: unknown; Bun?: unknown };
    try {
      g.Bun = { version: '1.4.5' };
      expect(detectRuntime()).toEqual({ name: 'bun', version: '1.4.5' });
      g.Deno = { version: { deno: '2.9.5' } };
      expect(detectRuntime()).toEqual({ name: 'deno', version: '2.9.5' });
    } finally {
      delete g.Bun;
      delete g.Deno;
    }
    expect(detectRuntime().name).toBe('node');
  });

  it('should agree with Node\'s own hasSubscribers once the property is hidden, as on Bun', () => {
    const channel = diagnostics.tracingChannel('trace-harness:test:vitest');
    const hidden = () => ({ start: channel.start, end: channel.end, asyncStart: channel.asyncStart, asyncEnd: channel.asyncEnd, error: channel.error });
    expect(tracingChannelHasSubscribers(hidden())).toBe(false);
    // Node's typings want all five handlers; Node itself subscribes only those given.
    const handlers = { asyncEnd() {} } as unknown as Parameters<typeof channel.subscribe>[0];
    channel.subscribe(handlers);
    expect(tracingChannelHasSubscribers(hidden())).toBe(true);
    channel.unsubscribe(handlers);
    expect(tracingChannelHasSubscribers(hidden())).toBe(false);
  });
});
