/**
 * Structure-aware mutations of JSON text (JSONL lines, Chrome Trace Event JSON): a value replaced by one
 * of the wrong type, huge or odd numbers, deep nesting (up to 100 000 levels), lone surrogates and other
 * escapes in strings, duplicate, deleted and renamed keys (`__proto__` too), odd enum values (kinds,
 * phases), very long strings, stray punctuation, and line-level swaps, drops and duplicates.
 * @module
 */
import { BYTE_MUTATORS } from './byte-mutators.ts';
import { LINE_EDITS } from './line-edits.ts';
import type { WeightedMutator } from './mutator.ts';
import { asText, DEPTHS, matchFrom, nesting, splice } from './text-edits.ts';

/** Values of every JSON type, and numbers at the edges of what readers keep. */
const VALUES = [
  'null', 'true', 'false', '""', '"x"', '[]', '{}', '[1]', '{"a":1}', '0', '-1', '1.5', '-0', '1e400', '-1e400', '1e-400', '9007199254740991', '9007199254740992',
  '9007199254740993', '4294967295', '4294967296', '1e308', '123456789012345678901234567890', '0.1e1', '"\\ud800"', '"\\udfff\\ud800"', '"\\u0000"', '"1"', '"call"',
];

/** String values the readers give a meaning: kind names, phases, the open marker, generators, formats. */
const WORDS = [
  'call', 'return', 'yield', 'resume', 'throw', 'unwind', 'wake', 'pending', 'dropped', 'abandoned', 'checkpoint', 'recovery', 'await', 'event', 'leap', 'open', 'suspended',
  'running', 'B', 'E', 'X', 'b', 'e', 'i', 'I', 'M', 'C', 'n', 's', 'BB', '', 'trace-harness', 'trace-harness-jsonl', '__proto__', '\\ud800', 'f\\udc00g', '\\u2028',
];

/** Keys the readers know, and ones they do not. */
const KEYS = ['seq', 'kind', 'activation', 'code', 'flags', 'waker', 'on', 'count', 'id', 'from', 'tsNs', 'payload', 'ph', 'name', 'cat', 'pid', 'tid', 'ts', 'dur', 'args', 'event', 'returnCompletion', 'value', 'otherData', 'traceEvents', 'generator', 'openPartial', 'incomplete', 'format', 'version', 'open', 'state', '__proto__', 'constructor', 'x'];

const VALUE_AFTER_KEY = /"((?:[^"\\]|\\.)*)"\s*:\s*("(?:[^"\\]|\\.)*"|-?[0-9][0-9.eE+-]*|true|false|null|\[\]|\{\})/g;
const STRING = /"((?:[^"\\]|\\.)*)"/g;
const NUMBER = /-?[0-9][0-9.eE+-]*/g;
const VALUE_START = /[:[,]/g;

/** JSON mutators with their weights, line edits and byte mutators included. */
export const JSON_MUTATORS: readonly WeightedMutator[] = [
  ...BYTE_MUTATORS.map((m) => ({ ...m, weight: m.weight / 3 })),
  ...LINE_EDITS,
  {
    name: 'json-wrong-type',
    weight: 5,
    mutate: asText((t, rng) => {
      const m = matchFrom(t, VALUE_AFTER_KEY, rng);
      if (m === undefined) return t;
      const from = m.index + m[0].length - m[2]!.length;
      return splice(t, from, m.index + m[0].length, rng.pick(VALUES));
    }),
  },
  {
    name: 'json-odd-number',
    weight: 2,
    mutate: asText((t, rng) => {
      const m = matchFrom(t, NUMBER, rng);
      return m === undefined ? t : splice(t, m.index, m.index + m[0].length, rng.pick(VALUES.filter((v) => /^-?[0-9]/.test(v))));
    }),
  },
  {
    name: 'json-word',
    weight: 3,
    mutate: asText((t, rng) => {
      const m = matchFrom(t, STRING, rng);
      return m === undefined ? t : splice(t, m.index, m.index + m[0].length, `"${rng.pick(WORDS)}"`);
    }),
  },
  {
    name: 'json-escape-in-string',
    weight: 2,
    mutate: asText((t, rng) => {
      const m = matchFrom(t, STRING, rng);
      if (m === undefined) return t;
      const at = m.index + 1 + rng.int(m[1]!.length + 1);
      // Lone surrogates (high, low, reversed pair), a pair, NUL, U+2028, a bad escape, a raw control character.
      return splice(t, at, at, rng.pick(['\\ud800', '\\udfff', '\\udc00\\ud800', '\\ud83d\\ude00', '\\u0000', '\\u2028', '\\x', '\\u12', '\u0001', '\\"']));
    }),
  },
  {
    name: 'json-duplicate-key',
    weight: 3,
    mutate: asText((t, rng) => {
      const m = matchFrom(t, VALUE_AFTER_KEY, rng);
      if (m === undefined) return t;
      const again = rng.chance(0.5) ? m[0] : `"${m[1]}":${rng.pick(VALUES)}`;
      return splice(t, m.index + m[0].length, m.index + m[0].length, `,${again}`);
    }),
  },
  {
    name: 'json-key',
    weight: 3,
    mutate: asText((t, rng) => {
      const m = matchFrom(t, VALUE_AFTER_KEY, rng);
      if (m === undefined) return t;
      const r = rng.int(3);
      if (r === 0) return splice(t, m.index, m.index + m[1]!.length + 2, `"${rng.pick(KEYS)}"`); // renamed
      if (r === 1) return splice(t, m.index, m.index + m[0].length, `"__proto__":{"${rng.pick(KEYS)}":${rng.pick(VALUES)}}`);
      // Deleted, with the comma before or after it.
      const before = t[m.index - 1] === ',' ? 1 : 0;
      const after = before === 0 && t[m.index + m[0].length] === ',' ? 1 : 0;
      return splice(t, m.index - before, m.index + m[0].length + after, '');
    }),
  },
  {
    name: 'json-add-key',
    weight: 2,
    mutate: asText((t, rng) => {
      const m = matchFrom(t, /\{/g, rng);
      return m === undefined ? t : splice(t, m.index + 1, m.index + 1, `"${rng.pick(KEYS)}":${rng.pick(VALUES)}${t[m.index + 1] === '}' ? '' : ','}`);
    }),
  },
  {
    name: 'json-deep-nesting',
    weight: 1,
    mutate: asText((t, rng) => {
      const m = matchFrom(t, VALUE_START, rng);
      const at = m === undefined ? 0 : m.index + 1;
      const depth = rng.pick(DEPTHS);
      const deep = nesting(depth, rng.chance(0.6), rng.chance(0.8) ? '[' : '{');
      // Replace the value there (up to the next separator), or put the nesting in front of it.
      const end = rng.chance(0.5) ? at : Math.max(at, t.slice(at).search(/[,}\]\n]/) + at);
      return splice(t, at, end, deep);
    }),
  },
  {
    name: 'json-long-string',
    weight: 1,
    mutate: asText((t, rng) => {
      const m = matchFrom(t, STRING, rng);
      const n = rng.pick([256, 4096, 4097, 70_000, (1 << 20) + 1]);
      return m === undefined ? t : splice(t, m.index + 1, m.index + 1, 'a'.repeat(n));
    }),
  },
  {
    name: 'json-punctuation',
    weight: 2,
    mutate: asText((t, rng) => {
      const at = rng.int(t.length + 1);
      return splice(t, at, at, rng.pick([',', ']', '}', '[', '{', ':', '"', ',,', '[]', '{}', '\\', 'tru', '-', ' ', '\r\n', '\n']));
    }),
  },
];
