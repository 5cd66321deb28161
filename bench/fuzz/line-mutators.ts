/**
 * Structure-aware mutations of canonical text and merged text: line edits, tokens of a line replaced by
 * words the grammar gives a meaning (kinds, `#0`, activations past 2^32 - 1, `by ?`, `return`, quoted names
 * with lone-surrogate escapes, payloads after ` = `, deep or not JSON), lines of every kind inserted
 * (`open`, `open partial`, `incomplete`, stream records, headers, comments), thousands of `open` lines past
 * the 65 536 limit, and for merged text, stream prefixes removed or quoted and more streams than a merged
 * view holds.
 * @module
 */
import { BYTE_MUTATORS } from './byte-mutators.ts';
import { LINE_EDITS } from './line-edits.ts';
import type { WeightedMutator } from './mutator.ts';
import type { Rng } from './rng.ts';
import { asText, DEPTHS, nesting } from './text-edits.ts';

const KINDS = ['call', 'return', 'yield', 'resume', 'throw', 'unwind', 'wake', 'pending', 'dropped', 'abandoned', 'checkpoint', 'recovery', 'await', 'event', 'leap', 'Call', 'open', 'incomplete'];

/** Tokens of the canonical grammar and near misses. */
const TOKENS = [
  ...KINDS, '#0', '#1', '#2', '#01', '#4294967295', '#4294967296', '#9999999999', '#99999999999', '#-1', '#', 'by', 'on', '?', '#?', 'return', 'returned', 'open', 'partial', 'running',
  'suspended', 'from', '"a b"', '"\\ud800"', '"f\\udc00"', '"\\u0000"', '"unterminated', '"\\"', '""', '=', '= 1', '= {}', '= [1,2]', '= 1e400', '= 9007199254740993', '= {"a":1,"a":2}',
  '= [1, 2]', '= "\\ud800"', '= nul', '@main', '@"x y"', '@"\\udc00"', '@', '#', '# key: value', '\u2028', '\ufeff', 'f', '日本',
];

/** Whole lines of every kind. */
function line(rng: Rng): string {
  const r = rng.int(12);
  const name = rng.pick(['f', 'main', '"a b"', '"\\ud800"', 'g']);
  const id = rng.pick(['1', '2', '0', '4294967295', '4294967296', '99999999999']);
  if (r === 0) return `open ${name} #${id} ${rng.pick(['running', 'suspended', 'sleeping'])}`;
  if (r === 1) return rng.pick(['open partial', 'incomplete', 'open', 'open  partial']);
  if (r === 2) return `${rng.pick(['dropped', 'checkpoint'])} ${rng.pick(['0', '1', '4294967295', '4294967296', '99999999999', '-1', '?'])}`;
  if (r === 3) return `recovery from ${rng.pick(['?', '1', '4294967296', ''])}`;
  if (r === 4) return rng.pick(['# program: x', '# expect: FAIL stack/unbalanced', '#', '', '   ', '\r']);
  if (r === 5) return `event ${name} #0 = ${nesting(rng.pick(DEPTHS), rng.chance(0.7))}`;
  if (r === 6) return `${rng.pick(['wake', 'pending', 'await'])} ${name} #${id} ${rng.pick(['by', 'on'])} ${rng.pick(['?', `#${id}`])}`;
  return `${rng.pick(KINDS)} ${name} #${id}${rng.pick(['', ' return', ' by ?', ' = 1', ' = {"k":[true,null]}'])}`;
}

/** Mutators of canonical text with their weights. */
export const TEXT_MUTATORS: readonly WeightedMutator[] = [
  ...BYTE_MUTATORS.map((m) => ({ ...m, weight: m.weight / 3 })),
  ...LINE_EDITS,
  {
    name: 'text-token',
    weight: 6,
    mutate: asText((t, rng) => {
      const lines = t.split('\n');
      const i = rng.int(lines.length);
      const words = lines[i]!.split(' ');
      const w = rng.int(words.length + 1);
      if (rng.chance(0.8)) words[Math.min(w, words.length - 1)] = rng.pick(TOKENS);
      else words.splice(w, rng.int(2), rng.pick(TOKENS));
      lines[i] = words.join(' ');
      return lines.join('\n');
    }),
  },
  {
    name: 'text-insert-line',
    weight: 4,
    mutate: asText((t, rng) => {
      const lines = t.split('\n');
      lines.splice(rng.int(lines.length + 1), 0, line(rng));
      return lines.join('\n');
    }),
  },
  {
    name: 'text-many-open-lines',
    weight: 0.02,
    mutate: asText((t, rng) => {
      // Past the 65 536 open activations a trace may declare (about 1.3 MB: one of the large cases).
      const n = rng.pick([65_536, 65_537]);
      let open = '';
      for (let k = 1; k <= n; k++) open += `open f #${k} running\n`;
      return open + t;
    }),
  },
];

/** Mutators of merged text: those of canonical text, plus stream prefixes. */
export const MERGED_MUTATORS: readonly WeightedMutator[] = [
  ...TEXT_MUTATORS,
  {
    name: 'merged-stream-id',
    weight: 4,
    mutate: asText((t, rng) => {
      const lines = t.split('\n');
      const i = rng.int(lines.length);
      const rest = lines[i]!.replace(/^@("(?:[^"\\]|\\.)*"|\S+) ?/, '');
      lines[i] = `${rng.pick(['@main', '@w2', '@"worker 2"', '@"\\ud800"', '@"x\\udc00y"', '@"unterminated', '@', '', '@@', '@"a"b', `@s${rng.int(70_000)}`])}${rng.chance(0.9) ? ' ' : ''}${rest}`;
      return lines.join('\n');
    }),
  },
  {
    name: 'merged-many-streams',
    weight: 0.02,
    mutate: asText((t, rng) => {
      // Past the 65 535 streams a merged view holds (MAX_STREAMS: its stream column is 16 bits), one event
      // each, ids in base 36 to stay near 1 MB; in front of the seed's lines or after them.
      const n = rng.pick([65_535, 65_536, 65_537]);
      let many = '';
      for (let k = 0; k < n; k++) many += `@${k.toString(36)} call f #1\n`;
      return rng.chance(0.5) ? many + t : `${t}\n${many}`;
    }),
  },
];
