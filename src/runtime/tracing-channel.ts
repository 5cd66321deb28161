/**
 * The parts of a `TracingChannel` (`node:diagnostics_channel`) that {@link tracingChannelHasSubscribers}
 * reads: typed structurally, so this file imports nothing and runs anywhere.
 */
export interface TracingChannelLike {
  /** A boolean on Node >= 20.13 and Deno 2; absent (`undefined`) on Bun 1. */
  readonly hasSubscribers?: boolean | undefined;
  /** The `start` sub-channel (a `Channel`; `hasSubscribers` is a boolean on every runtime). */
  readonly start: { readonly hasSubscribers: boolean };
  /** The `end` sub-channel. */
  readonly end: { readonly hasSubscribers: boolean };
  /** The `asyncStart` sub-channel. */
  readonly asyncStart: { readonly hasSubscribers: boolean };
  /** The `asyncEnd` sub-channel. */
  readonly asyncEnd: { readonly hasSubscribers: boolean };
  /** The `error` sub-channel. */
  readonly error: { readonly hasSubscribers: boolean };
}

/**
 * Whether anyone listens on a tracing channel, on every runtime.
 *
 * Node (>= 20.13) and Deno answer with `channel.hasSubscribers`; Bun 1 has no such property, so a guard
 * written `if (!channel.hasSubscribers) return fn()` silently never traces there. This asks the channel
 * when it can answer and otherwise asks its five sub-channels, which is what Node's getter does.
 * @example
 * ```ts
 * import diagnostics from 'node:diagnostics_channel';
 * const channel = diagnostics.tracingChannel('app:step');
 * tracingChannelHasSubscribers(channel); // false
 * channel.subscribe({ start() {} });
 * tracingChannelHasSubscribers(channel); // true, on Bun too (where channel.hasSubscribers is undefined)
 * ```
 * @param channel - a `TracingChannel`
 * @returns true when at least one of its sub-channels has a subscriber
 */
export function tracingChannelHasSubscribers(channel: TracingChannelLike): boolean {
  const own = channel.hasSubscribers;
  if (typeof own === 'boolean') return own;
  return (
    channel.start.hasSubscribers ||
    channel.end.hasSubscribers ||
    channel.asyncStart.hasSubscribers ||
    channel.asyncEnd.hasSubscribers ||
    channel.error.hasSubscribers
  );
}
