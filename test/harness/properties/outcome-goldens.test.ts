import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { apiGoldenOutcomes } from '../../../harness/properties/outcome-goldens-api.ts';
import { chromeGoldenOutcomes } from '../../../harness/properties/outcome-goldens-chrome.ts';
import { lineGoldenOutcomes } from '../../../harness/properties/outcome-goldens-lines.ts';

describe('the outcome goldens check runs', () => {
  it('should hold as many rows as check\'s wire line and the README say, each named once', () => {
    const rows = [...lineGoldenOutcomes(), ...chromeGoldenOutcomes(), ...apiGoldenOutcomes()];
    const said = /(\d+) outcomes written out whole by hand/.exec(readFileSync('src/cli/check-wire.ts', 'utf8'))?.[1];
    expect(Number(said)).toBe(rows.length);
    expect(readFileSync('README.md', 'utf8')).toContain(`${rows.length} outcomes written out whole by hand`);
    expect(new Set(rows.map((r) => r.what)).size).toBe(rows.length);
  });
});
