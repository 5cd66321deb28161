/**
 * Helpers of the text mutators: an input as a string and back, and a random match of a pattern.
 * @module
 */
import type { Mutator } from './mutator.ts';
import type { Rng } from './rng.ts';

const decoder = new TextDecoder();
const encoder = new TextEncoder();

/**
 * A mutator of the input as text (decoded as UTF-8, bytes that are not replaced by U+FFFD; the result
 * encoded back). A lone surrogate cannot pass through UTF-8, so mutators write one as a JSON escape.
 */
export function asText(change: (text: string, rng: Rng, seeds: readonly Uint8Array[]) => string): Mutator {
  return (input, rng, seeds) => encoder.encode(change(decoder.decode(input), rng, seeds));
}

/**
 * A match of a global pattern at or after a random position (wrapping to the start), or undefined.
 * @param text - the text
 * @param pattern - a pattern with the `g` flag
 */
export function matchFrom(text: string, pattern: RegExp, rng: Rng): RegExpExecArray | undefined {
  pattern.lastIndex = rng.int(text.length + 1);
  const m = pattern.exec(text);
  if (m !== null) return m;
  pattern.lastIndex = 0;
  return pattern.exec(text) ?? undefined;
}

/** The text with `[from, to)` replaced. */
export function splice(text: string, from: number, to: number, by: string): string {
  return text.slice(0, from) + by + text.slice(to);
}

/** A nesting of `depth` arrays (closed or not): how deep-nesting cases are made. */
export function nesting(depth: number, closed: boolean, open = '['): string {
  const close = open === '[' ? ']' : '}';
  const body = open === '[' ? open.repeat(depth) : '{"a":'.repeat(depth);
  return closed ? body + (open === '[' ? '' : '1') + close.repeat(depth) : body;
}

/** Depths for deep-nesting cases: around each limit (256 Chrome, 2048 payloads) and far past them. */
export const DEPTHS = [255, 256, 257, 2047, 2048, 2049, 2050, 10_000, 100_000];
