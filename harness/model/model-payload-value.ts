import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/** The limits of a payload (`PayloadLimits` of `src/recorder/payload.ts`), restated for the model. */
export interface ModelPayloadLimits {
  readonly maxStringChars: number;
  readonly maxItems: number;
  readonly maxDepth: number;
  readonly maxBytes: number;
}

/** What the model is told: the limits, and the redaction as rules or a hook (`DROP` is the hook's drop marker). */
export interface ModelPayloadOptions {
  readonly limits: ModelPayloadLimits;
  readonly redact?: { readonly drop?: readonly string[]; readonly hash?: readonly string[]; readonly salt?: string } | ((path: readonly string[], value: unknown) => unknown);
  /** The symbol the hook returns to drop a field. */
  readonly drop: symbol;
}

/**
 * The model's rendering of any payload value, written from the pipeline `src/recorder/payload.ts`
 * documents in its TSDoc (issue 5), as text built piece by piece (the recorder builds JSON data and
 * stringifies it): redaction per field first; strings cut at `maxStringChars` UTF-16 units without
 * splitting a surrogate pair, `…(+N)` after; `maxItems` items or keys a level, then `"…(+N)"` or `"…":N`;
 * deeper than `maxDepth`: `"[Array(n)]"` / `"[Object]"`; a cycle `"[Circular]"`; the documented texts for
 * numbers that are not safe, bigints, symbols, functions, errors, dates, maps, sets, class instances and
 * throwing getters; over `maxBytes` UTF-8 bytes: `{"…":"truncated","bytes":N}`.
 * @returns the stored text, or undefined when nothing is stored
 * @throws whatever the hook throws
 */
export function modelPayloadText(value: unknown, o: ModelPayloadOptions): string | undefined {
  const hook = typeof o.redact === 'function' ? o.redact : o.redact === undefined ? undefined : rules(o.redact, o.drop);
  const L = o.limits;
  const render = (original: unknown, path: readonly string[], depth: number, ancestors: readonly object[]): string | undefined => {
    const v = hook === undefined ? original : hook(path, original);
    if (v === o.drop || v === undefined) return undefined;
    if (typeof v === 'string') return JSON.stringify(v !== original ? v : cut(v, L.maxStringChars));
    if (typeof v === 'number') return Number.isFinite(v) && (Math.floor(v) !== v || Math.abs(v) <= Number.MAX_SAFE_INTEGER) ? JSON.stringify(v) : JSON.stringify(String(v));
    if (typeof v === 'boolean') return v ? 'true' : 'false';
    if (typeof v === 'bigint') return JSON.stringify(`${v.toString()}n`);
    if (typeof v === 'symbol') return '"[symbol]"';
    if (typeof v === 'function') return JSON.stringify(cut(`[function ${v.name === '' ? 'anonymous' : v.name}]`, L.maxStringChars));
    if (v === null) return 'null';
    const obj = v as object;
    if (ancestors.includes(obj)) return '"[Circular]"';
    if (obj instanceof Date) return JSON.stringify(Number.isNaN(obj.getTime()) ? 'Invalid Date' : obj.toISOString());
    if (obj instanceof Map) return `"[Map(${obj.size})]"`;
    if (obj instanceof Set) return `"[Set(${obj.size})]"`;
    if (depth > L.maxDepth) return Array.isArray(obj) ? `"[Array(${obj.length})]"` : '"[Object]"';
    const inner = [...ancestors, obj];
    if (Array.isArray(obj)) {
      const items: string[] = [];
      for (let i = 0; i < obj.length && i < L.maxItems; i++) items.push(render(get(obj, i), [...path, `${i}`], depth + 1, inner) ?? 'null');
      if (obj.length > L.maxItems) items.push(JSON.stringify(`…(+${obj.length - L.maxItems})`));
      return `[${items.join(',')}]`;
    }
    let keys: readonly string[];
    if (obj instanceof Error) keys = ['name', 'message'];
    else {
      const proto: unknown = Object.getPrototypeOf(obj);
      if (proto !== null && proto !== Object.prototype) {
        const name = (proto as { constructor?: { name?: unknown } }).constructor?.name;
        return JSON.stringify(cut(`[${typeof name === 'string' && name.length > 0 ? name : 'object'}]`, L.maxStringChars));
      }
      keys = Object.keys(obj);
    }
    // Keys kept in order; a key that renders to nothing is left out, but it still counts toward maxItems.
    const fields = new Map<string, string>();
    for (const k of keys.slice(0, L.maxItems)) {
      const text = render(get(obj, k), [...path, k], depth + 1, inner);
      if (text !== undefined) fields.set(cut(k, L.maxStringChars), text); // two keys cut alike: the later wins
    }
    if (keys.length > L.maxItems) fields.set('…', `${keys.length - L.maxItems}`);
    return `{${[...fields].map(([k, t]) => `${JSON.stringify(k)}:${t}`).join(',')}}`;
  };
  const text = render(value, [], 1, []);
  if (text === undefined) return undefined;
  const bytes = utf8ToBytes(text).length;
  return bytes > L.maxBytes ? `{"…":"truncated","bytes":${bytes}}` : text;
}

/**
 * The model of a value's summary (`values: 'summary'`, `summarizeValue`'s TSDoc): its type and size.
 */
export function modelSummary(value: unknown): string {
  if (value === null) return '{"type":"null"}';
  if (typeof value === 'string') return `{"type":"string","size":${value.length}}`;
  if (typeof value !== 'object') return `{"type":"${typeof value}"}`;
  if (Array.isArray(value)) return `{"type":"array","size":${value.length}}`;
  if (value instanceof Error) return `{"type":"error","name":${JSON.stringify(cut(String(value.name), 64))}}`;
  if (value instanceof Map) return `{"type":"Map","size":${value.size}}`;
  if (value instanceof Set) return `{"type":"Set","size":${value.size}}`;
  if (value instanceof Uint8Array) return `{"type":"bytes","size":${value.length}}`;
  if (typeof (value as { then?: unknown }).then === 'function') return '{"type":"promise"}';
  return `{"type":"object","size":${Object.keys(value).length}}`;
}

/** A field read; a getter that throws reads as `"[thrown]"`. */
function get(o: object, key: string | number): unknown {
  try {
    return Reflect.get(o, key);
  } catch {
    return '[thrown]';
  }
}

/** At most `max` UTF-16 units, one fewer when the last kept is a high surrogate, then `…(+N)`. */
function cut(s: string, max: number): string {
  if (s.length <= max) return s;
  const high = s.charCodeAt(max - 1) >= 0xd800 && s.charCodeAt(max - 1) < 0xdc00;
  const keep = high ? max - 1 : max;
  return `${s.slice(0, keep)}…(+${s.length - keep})`;
}

/** The rules as a hook: `drop` names removed at any depth, `hash` names replaced by their digest; the root is never a name. */
function rules(r: { readonly drop?: readonly string[]; readonly hash?: readonly string[]; readonly salt?: string }, drop: symbol): (path: readonly string[], value: unknown) => unknown {
  return (path, value) => {
    if (path.length === 0) return value;
    const key = path[path.length - 1]!;
    if (r.drop?.includes(key)) return drop;
    if (value === undefined || !r.hash?.includes(key)) return value;
    return digest(value, r.salt);
  };
}

/** `sha256:` and 16 hex digits of SHA-256 (HMAC keyed by `salt`) over the value's text: a string as is, else its JSON, else its tag. */
export function digest(value: unknown, salt?: string): string {
  let text: string;
  if (typeof value === 'string') text = value;
  else {
    let json: string | undefined;
    try {
      json = JSON.stringify(value) as string | undefined;
    } catch {
      json = undefined;
    }
    text = json ?? Object.prototype.toString.call(value);
  }
  const bytes = salt === undefined ? sha256(utf8ToBytes(text)) : hmac(sha256, utf8ToBytes(salt), utf8ToBytes(text));
  return `sha256:${bytesToHex(bytes).slice(0, 16)}`;
}
