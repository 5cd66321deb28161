/**
 * trace-harness/runtime: which runtime this is (Node, Deno, Bun) and what differs between them, detected
 * in one place. Imports node:diagnostics_channel (all three provide it).
 * @module
 */
export { detectCapabilities } from './capabilities.ts';
export type { RuntimeCapabilities } from './capabilities.ts';
export { detectRuntime } from './runtime.ts';
export type { RuntimeInfo, RuntimeName } from './runtime.ts';
export { measureClockCost } from './clock-cost.ts';
export type { ClockCost } from './clock-cost.ts';
export { tracingChannelHasSubscribers } from './tracing-channel.ts';
export type { TracingChannelLike } from './tracing-channel.ts';
