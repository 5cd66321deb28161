/**
 * Line-level mutations shared by every line-based format (JSONL, canonical text, merged text, Chrome JSON
 * written one event a line): swap two lines, drop one, duplicate one (sometimes many times), move one to
 * the front, take a line from another seed, and change line endings.
 * @module
 */
import type { WeightedMutator } from './mutator.ts';
import { TYPICAL_INPUT_BYTES } from './mutator.ts';
import { asText } from './text-edits.ts';

const decoder = new TextDecoder();

/** Line edits with their weights. */
export const LINE_EDITS: readonly WeightedMutator[] = [
  {
    name: 'line-swap',
    weight: 2,
    mutate: asText((t, rng) => {
      const lines = t.split('\n');
      const i = rng.int(lines.length);
      const j = rng.int(lines.length);
      [lines[i], lines[j]] = [lines[j]!, lines[i]!];
      return lines.join('\n');
    }),
  },
  {
    name: 'line-drop',
    weight: 2,
    mutate: asText((t, rng) => {
      const lines = t.split('\n');
      lines.splice(rng.int(lines.length), rng.chance(0.8) ? 1 : rng.range(2, 5));
      return lines.join('\n');
    }),
  },
  {
    name: 'line-duplicate',
    weight: 2,
    mutate: asText((t, rng) => {
      const lines = t.split('\n');
      const i = rng.int(lines.length);
      const line = lines[i]!;
      const times = rng.chance(0.9) ? 1 : Math.min(rng.pick([10, 100, 1000]), Math.floor(TYPICAL_INPUT_BYTES / (line.length + 1)));
      lines.splice(i, 0, ...new Array<string>(times).fill(line));
      return lines.join('\n');
    }),
  },
  {
    name: 'line-to-front',
    weight: 1,
    mutate: asText((t, rng) => {
      const lines = t.split('\n');
      const [line] = lines.splice(rng.int(lines.length), 1);
      return [line!, ...lines].join('\n');
    }),
  },
  {
    name: 'line-from-other-seed',
    weight: 2,
    mutate: asText((t, rng, seeds) => {
      const other = decoder.decode(rng.pick(seeds)).split('\n');
      const lines = t.split('\n');
      lines.splice(rng.int(lines.length + 1), rng.int(2), rng.pick(other));
      return lines.join('\n');
    }),
  },
  {
    name: 'line-endings',
    weight: 1,
    mutate: asText((t, rng) => {
      const r = rng.int(4);
      if (r === 0) return t.replace(/\n/g, '\r\n');
      if (r === 1) return t.replace(/\n/g, '\r');
      if (r === 2) return `\ufeff${t}`;
      return t.endsWith('\n') ? t.slice(0, -1) : `${t}\n\n`;
    }),
  },
];
