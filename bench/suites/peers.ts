// Node adapter (node:diagnostics_channel) and dev dependencies only (@opentelemetry/*): the peers our
// recorder is compared with, measured in the same run and reported side by side.
import { tracingChannel } from 'node:diagnostics_channel';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { BenchCase, Twins } from './case.ts';
import { asyncPlain, leaf, PLAIN_CALLS } from './hot-path.ts';

let sink = 0;

/** Ring of the recording subscriber: one u32 per TracingChannel event (its kind). */
const RING = 1 << 16;

/** A TracingChannel with one subscriber that records every event it sees into a typed-array ring. */
function recordingChannel(name: string): { channel: ReturnType<typeof tracingChannel<string, object>>; seen: () => number } {
  const channel = tracingChannel<string, object>(name);
  const ring = new Uint32Array(RING);
  let n = 0;
  const record = (k: number) => (): void => {
    ring[n++ & (RING - 1)] = k;
  };
  channel.subscribe({ start: record(1), end: record(2), asyncStart: record(3), asyncEnd: record(4), error: record(5) });
  return { channel, seen: () => n };
}

const SYNC_CALLS = 20_000;

const tracingChannelSync: BenchCase = {
  id: 'peer/tracing-channel-sync',
  group: 'peers',
  title: 'TracingChannel.traceSync, one recording subscriber',
  unit: 'call',
  ops: { plain: PLAIN_CALLS, traced: SYNC_CALLS },
  samplesPerRound: 5,
  twin: 'the same function, called directly',
  setup(): Twins {
    const { channel, seen } = recordingChannel('trace-harness.bench.sync');
    const run = (): void => {
      let s = 0;
      for (let i = 0; i < SYNC_CALLS; i++) s += channel.traceSync(leaf, { i }, undefined, i);
      sink += s;
    };
    return {
      plain: () => {
        let s = 0;
        for (let i = 0; i < PLAIN_CALLS; i++) s += leaf(i);
        sink += s;
      },
      traced: run,
      counters: () => {
        const before = seen();
        run();
        return { 'events/op': (seen() - before) / SYNC_CALLS };
      },
    };
  },
};

const PROMISE_CALLS = 2000;

const tracingChannelPromise: BenchCase = {
  id: 'peer/tracing-channel-promise',
  group: 'peers',
  title: 'TracingChannel.tracePromise of an async call with one await',
  unit: 'call',
  ops: { plain: PROMISE_CALLS, traced: PROMISE_CALLS },
  samplesPerRound: 5,
  twin: 'the same async function, called directly',
  setup(): Twins {
    const { channel, seen } = recordingChannel('trace-harness.bench.promise');
    const run = async (): Promise<void> => {
      let s = 0;
      for (let i = 0; i < PROMISE_CALLS; i++) s += await channel.tracePromise(asyncPlain, { i }, undefined, i);
      sink += s;
    };
    return {
      plain: async () => {
        let s = 0;
        for (let i = 0; i < PROMISE_CALLS; i++) s += await asyncPlain(i);
        sink += s;
      },
      traced: run,
      counters: async () => {
        const before = seen();
        await run();
        return { 'events/op': (seen() - before) / PROMISE_CALLS };
      },
    };
  },
};

const SPANS = 500;

const otelSpan: BenchCase = {
  id: 'peer/otel-span',
  group: 'peers',
  title: 'OpenTelemetry span per call (sdk-trace-base, in-memory exporter)',
  unit: 'call',
  ops: { plain: PLAIN_CALLS, traced: SPANS },
  samplesPerRound: 5,
  twin: 'the same function, called directly',
  setup(): Twins {
    const exporter = new InMemorySpanExporter();
    const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
    const tracer = provider.getTracer('trace-harness-bench');
    const run = (): void => {
      let s = 0;
      for (let i = 0; i < SPANS; i++) {
        const span = tracer.startSpan('leaf');
        try {
          s += leaf(i);
        } finally {
          span.end();
        }
      }
      sink += s;
    };
    return {
      plain: () => {
        let s = 0;
        for (let i = 0; i < PLAIN_CALLS; i++) s += leaf(i);
        sink += s;
      },
      traced: () => {
        run();
        exporter.reset();
      },
      counters: () => {
        exporter.reset();
        run();
        const spans = exporter.getFinishedSpans().length;
        exporter.reset();
        return { 'spans/op': spans / SPANS };
      },
    };
  },
};

/** The peer cases, in report order. */
export const PEER_CASES: readonly BenchCase[] = [tracingChannelSync, tracingChannelPromise, otelSpan];

/** Read by nothing but the optimiser's doubts. @internal */
export function peerSink(): number {
  return sink;
}
