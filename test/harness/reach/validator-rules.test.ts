import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generatedRules } from '../../../harness/reach/negative-traces.ts';
import { NEGATIVE_INPUT_RULES } from '../../../harness/reach/validator-rules.ts';

/** Every rule a validator in src/check can report: `violation('<rule>'` literals, and lifecycle's `fail('<rule>'`. */
function sourceRules(): string[] {
  const rules = new Set<string>();
  for (const file of readdirSync('src/check').filter((f) => f.endsWith('.ts'))) {
    const text = readFileSync(`src/check/${file}`, 'utf8');
    for (const m of text.matchAll(/violation\('([a-z-]+\/[a-z-]+)'/g)) rules.add(m[1]!);
    if (file === 'lifecycle.ts') for (const m of text.matchAll(/fail\('([a-z-]+)'/g)) rules.add(`lifecycle/${m[1]}`);
  }
  return [...rules].sort();
}

describe('NEGATIVE_INPUT_RULES', () => {
  it('should be every rule the validators of src/check can report', () => {
    expect(sourceRules()).toHaveLength(42);
    expect([...NEGATIVE_INPUT_RULES].sort()).toEqual(sourceRules());
  });

  it('should be the rules the generated negative families are rejected with, each reached', () => {
    expect(generatedRules()).toEqual([...NEGATIVE_INPUT_RULES].sort());
  });
});
