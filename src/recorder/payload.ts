import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/**
 * Payloads (issue 5, seed 003 "metadata-only payloads, truncation limits, redaction"): what a user event
 * (`tracer.event(type, payload)`) or a value-carrying edge stores, and how it is made safe and bounded
 * before anything is stored.
 *
 * The pipeline, in order, for a payload value:
 * 1. **Redaction** walks the value first, field by field: the hook sees every field (its key path) and
 *    returns the value to keep, a replacement (such as {@link hashValue}'s digest), or {@link DROP}. A
 *    dropped field is gone before any text exists.
 * 2. **Conversion to JSON data**: strings longer than {@link PayloadLimits.maxStringChars} UTF-16 units are
 *    cut and end in `…(+N)` (N = units cut), object keys included; arrays keep their first {@link PayloadLimits.maxItems} items
 *    then a `"…(+N)"` item; objects keep their first `maxItems` own enumerable keys then a `"…": N` entry;
 *    nesting deeper than {@link PayloadLimits.maxDepth} becomes `"[Array(n)]"` / `"[Object]"`; a cycle is
 *    `"[Circular]"` (a string the redaction hook put in place, such as a digest, is not cut); `undefined`
 *    fields are omitted (`null` in arrays); non-finite numbers, bigints,
 *    symbols and functions become strings (`"NaN"`, `"12n"`, `"[symbol]"`, `"[function f]"`); an `Error`
 *    is `{ name, message }`; a `Date` its ISO string; a `Map`/`Set` `"[Map(n)]"`; any other class instance
 *    `"[Name]"`; a getter that throws `"[thrown]"`.
 * 3. **Size bound**: when the compact JSON text exceeds {@link PayloadLimits.maxBytes} UTF-8 bytes, the
 *    payload is replaced by `{"…":"truncated","bytes":N}` (N = the size it had).
 *
 * Values of `yield`/`return`/`throw`/`unwind` are off by default; on, they are stored as a summary of
 * type and size ({@link summarizeValue}: no content, nothing to redact) unless `values: 'full'` asks for
 * the value itself through the same pipeline. A value that cannot be looked at without throwing (a revoked
 * proxy) is stored as `{"type":"unknown"}` (summary) or `{"…":"unrecordable"}` (full): recording a value
 * never changes what the traced code does.
 */
export interface PayloadOptions {
  /**
   * Values attached to `yield` (the yielded value), `return` (the return value), `throw` (the error thrown
   * in) and `unwind` (the exception): `'off'`, `'summary'` (`{"type":"string","size":5}`) or `'full'`.
   * @defaultValue 'off'
   */
  readonly values?: 'off' | 'summary' | 'full';
  /** Limits (see {@link PayloadLimits}); each defaults to {@link DEFAULT_PAYLOAD_LIMITS}. */
  readonly limits?: Partial<PayloadLimits>;
  /**
   * The redaction hook, applied before anything is stored: either rules (`drop` and `hash` list field
   * names matched at any depth; `salt` makes hashes an HMAC keyed by it) or a function called for every
   * field with its key path (`[]` for the root) returning the value to store or {@link DROP}.
   */
  readonly redact?: RedactionRules | RedactionHook;
}

/** Field rules for {@link PayloadOptions.redact}. */
export interface RedactionRules {
  /** Field names removed wherever they appear. */
  readonly drop?: readonly string[];
  /** Field names replaced by {@link hashValue} of their value. */
  readonly hash?: readonly string[];
  /** Key of the HMAC-SHA-256 used for `hash` (recommended: unsalted hashes of short values can be guessed). */
  readonly salt?: string;
}

/**
 * A redaction function: given a field's key path (`[]` for the whole payload, `['user', 'email']` for a
 * nested field; array items by index) and its value, returns what to store instead, or {@link DROP}.
 */
export type RedactionHook = (path: readonly string[], value: unknown) => unknown;

/** Limits on a stored payload. */
export interface PayloadLimits {
  /** Longest string kept, UTF-16 code units; longer ones are cut (`…(+N)` appended). */
  readonly maxStringChars: number;
  /** Array items / object keys kept per level. */
  readonly maxItems: number;
  /** Nesting levels kept (the payload itself is level 1). */
  readonly maxDepth: number;
  /** Largest payload JSON text, UTF-8 bytes; at most 4096 (the wire format's string limit). */
  readonly maxBytes: number;
}

/** The documented defaults: strings of 256 units, 32 items a level, 4 levels, 1024 bytes. */
export const DEFAULT_PAYLOAD_LIMITS: PayloadLimits = { maxStringChars: 256, maxItems: 32, maxDepth: 4, maxBytes: 1024 };

/** Returned by a {@link RedactionHook} to drop the field (or the whole payload, at the root). */
export const DROP: unique symbol = Symbol('trace-harness.drop');

/**
 * The digest a redaction stores instead of a value: `sha256:` and the first 16 hex digits (64 bits) of
 * SHA-256 (HMAC-SHA-256 keyed by `salt` when given) over the value's text (a string as is, anything else
 * as its JSON text). Equal values give equal digests, so redacted traces can still be correlated.
 * @param value - the value to hash
 * @param salt - optional HMAC key
 */
export function hashValue(value: unknown, salt?: string): string {
  const text = textOf(value);
  const digest = salt === undefined ? sha256(utf8ToBytes(text)) : hmac(sha256, utf8ToBytes(salt), utf8ToBytes(text));
  return `sha256:${bytesToHex(digest).slice(0, 16)}`;
}

/**
 * A compiled payload policy: turns values into the JSON text a trace stores. Build one per tracer.
 */
export class PayloadPolicy {
  /** 0 values off, 1 summaries, 2 full values. */
  readonly values: 0 | 1 | 2;
  readonly limits: PayloadLimits;
  private readonly hook: RedactionHook | undefined;
  private static readonly utf8 = new TextEncoder();

  /**
   * @param options - see {@link PayloadOptions}
   * @throws RangeError for a limit that is not a positive integer, or `maxBytes` above 4096
   * @throws TypeError for an unknown `values` mode
   */
  constructor(options: PayloadOptions = {}) {
    const v = options.values ?? 'off';
    if (v !== 'off' && v !== 'summary' && v !== 'full') throw new TypeError(`payloads.values must be "off", "summary" or "full", got ${JSON.stringify(v)}`);
    this.values = v === 'off' ? 0 : v === 'summary' ? 1 : 2;
    const limits = { ...DEFAULT_PAYLOAD_LIMITS, ...options.limits };
    for (const [k, n] of Object.entries(limits)) {
      if (!(Number.isInteger(n) && n >= 1)) throw new RangeError(`payloads.limits.${k} must be a positive integer, got ${String(n)}`);
    }
    if (limits.maxBytes > 4096) throw new RangeError(`payloads.limits.maxBytes is at most 4096 (the wire format's string limit), got ${limits.maxBytes}`);
    this.limits = limits;
    const r = options.redact;
    this.hook = r === undefined ? undefined : typeof r === 'function' ? r : rulesHook(r);
  }

  /**
   * The stored text of a payload: redacted, converted, bounded (see {@link PayloadOptions}).
   * @param value - any value
   * @returns compact JSON text, or `undefined` when there is nothing to store (`undefined`, or dropped)
   * @throws whatever the redaction hook throws (nothing is stored then)
   */
  text(value: unknown): string | undefined {
    const data = this.convert(value, [], 1, []);
    if (data === undefined) return undefined;
    const text = JSON.stringify(data);
    const bytes = PayloadPolicy.utf8.encode(text).length;
    return bytes <= this.limits.maxBytes ? text : `{"…":"truncated","bytes":${bytes}}`;
  }

  /** The stored text of an edge's value under the `values` mode; `undefined` when values are off. */
  valueText(value: unknown): string | undefined {
    if (this.values === 0) return undefined;
    // Recording a value must never change what the traced code does: a getter, a revoked proxy or a
    // redaction hook that throws gives a marker instead.
    try {
      return this.values === 1 ? summarizeValue(value) : (this.text(value) ?? '{"type":"undefined"}');
    } catch {
      return this.values === 1 ? '{"type":"unknown"}' : '{"…":"unrecordable"}';
    }
  }

  private convert(value: unknown, path: string[], depth: number, seen: object[]): unknown {
    let v = value;
    if (this.hook !== undefined) {
      v = this.hook(path, v);
      if (v === DROP) return undefined;
    }
    const L = this.limits;
    switch (typeof v) {
      case 'string':
        // What the hook put in place (a digest) is kept whole: cutting it would defeat it. maxBytes still bounds it.
        return v !== value ? v : cut(v, L.maxStringChars);
      case 'number':
        // Non-finite numbers, and integers past 2^53 that readers would round, are kept as their text.
        return Number.isFinite(v) && (!Number.isInteger(v) || Number.isSafeInteger(v)) ? v : String(v);
      case 'boolean':
        return v;
      case 'undefined':
        return undefined;
      case 'bigint':
        return `${v}n`;
      case 'symbol':
        return '[symbol]';
      case 'function':
        return cut(`[function ${v.name || 'anonymous'}]`, L.maxStringChars);
    }
    if (v === null) return null;
    const o = v as object;
    if (seen.includes(o)) return '[Circular]';
    if (o instanceof Date) return Number.isNaN(o.getTime()) ? 'Invalid Date' : o.toISOString();
    if (o instanceof Map) return `[Map(${o.size})]`;
    if (o instanceof Set) return `[Set(${o.size})]`;
    const isArray = Array.isArray(o);
    if (depth > L.maxDepth) return isArray ? `[Array(${o.length})]` : '[Object]';
    seen.push(o);
    try {
      if (isArray) {
        const out: unknown[] = [];
        const n = Math.min(o.length, L.maxItems);
        for (let i = 0; i < n; i++) {
          const item = this.convert(read(o, i), [...path, String(i)], depth + 1, seen);
          out.push(item === undefined ? null : item);
        }
        if (o.length > n) out.push(`…(+${o.length - n})`);
        return out;
      }
      if (o instanceof Error) return this.fields(o, ['name', 'message'], path, depth, seen);
      const proto = Object.getPrototypeOf(o) as object | null;
      if (proto !== null && proto !== Object.prototype) {
        const name = (proto as { constructor?: { name?: unknown } }).constructor?.name;
        return cut(`[${typeof name === 'string' && name !== '' ? name : 'object'}]`, L.maxStringChars);
      }
      return this.fields(o, Object.keys(o), path, depth, seen);
    } finally {
      seen.pop();
    }
  }

  private fields(o: object, keys: readonly string[], path: string[], depth: number, seen: object[]): Record<string, unknown> {
    // A null-prototype object: a `__proto__` key stays a plain key and pollutes nothing.
    const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    const n = Math.min(keys.length, this.limits.maxItems);
    for (let i = 0; i < n; i++) {
      const k = keys[i]!;
      const item = this.convert(read(o, k), [...path, k], depth + 1, seen);
      if (item !== undefined) out[cut(k, this.limits.maxStringChars)] = item;
    }
    if (keys.length > n) out['…'] = keys.length - n;
    return out;
  }
}

/**
 * A value's summary as stored with values `'summary'`: its type and, where it has one, its size, e.g.
 * `{"type":"string","size":5}` (UTF-16 units), `{"type":"array","size":3}` (items), `{"type":"object","size":2}`
 * (own enumerable keys), `{"type":"Map","size":1}`, `{"type":"error","name":"TypeError"}`, `{"type":"number"}`.
 * No content is stored, so summaries need no redaction.
 * @param value - any value
 */
export function summarizeValue(value: unknown): string {
  if (value === null) return '{"type":"null"}';
  switch (typeof value) {
    case 'string':
      return `{"type":"string","size":${value.length}}`;
    case 'object':
      break;
    default:
      return `{"type":"${typeof value}"}`;
  }
  const o = value as object;
  if (Array.isArray(o)) return `{"type":"array","size":${o.length}}`;
  if (o instanceof Error) return `{"type":"error","name":${JSON.stringify(cut(safeName(o), 64))}}`;
  if (o instanceof Map || o instanceof Set) return `{"type":"${o instanceof Map ? 'Map' : 'Set'}","size":${o.size}}`;
  if (o instanceof Uint8Array) return `{"type":"bytes","size":${o.byteLength}}`;
  if (typeof (o as { then?: unknown }).then === 'function') return '{"type":"promise"}';
  return `{"type":"object","size":${Object.keys(o).length}}`;
}

function safeName(e: Error): string {
  try {
    return String(e.name);
  } catch {
    return 'Error';
  }
}

/** A value's text for hashing: a string as is, else its JSON text (its tag when it has none or JSON throws). */
function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    const json = JSON.stringify(value) as string | undefined;
    if (json !== undefined) return json;
  } catch {
    // a cycle or a bigint: fall through
  }
  return Object.prototype.toString.call(value);
}

/** A property read that survives a throwing getter. */
function read(o: object, key: string | number): unknown {
  try {
    return (o as Record<string | number, unknown>)[key];
  } catch {
    return '[thrown]';
  }
}

/** Cuts a string to `max` UTF-16 units (never splitting a surrogate pair) and appends `…(+N)`. */
function cut(s: string, max: number): string {
  if (s.length <= max) return s;
  let end = max;
  const last = s.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return `${s.slice(0, end)}…(+${s.length - end})`;
}

function rulesHook(rules: RedactionRules): RedactionHook {
  const drop = new Set(rules.drop ?? []);
  const hash = new Set(rules.hash ?? []);
  return (path, value) => {
    const key = path[path.length - 1];
    if (key === undefined) return value;
    if (drop.has(key)) return DROP;
    return hash.has(key) && value !== undefined ? hashValue(value, rules.salt) : value;
  };
}
