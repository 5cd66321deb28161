import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

// The built executable with a chosen colour environment, standard output a pipe (as in CI).
function run(env: Record<string, string>): string {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !['NO_COLOR', 'FORCE_COLOR', 'NODE_DISABLE_COLORS', 'TERM'].includes(k)));
  const r = spawnSync('dist/src/cli/bin.js', ['check', '--goldens-only'], { encoding: 'utf8', env: { ...base, ...env } });
  expect(r.status).toBe(0);
  return r.stdout;
}
const coloured = (text: string): boolean => text.includes('\x1b[');

describe('colour (as the ecosystem reads NO_COLOR and FORCE_COLOR)', () => {
  it('should colour a pipe only when FORCE_COLOR asks for it', () => {
    expect(coloured(run({}))).toBe(false);
    expect(coloured(run({ FORCE_COLOR: '1' }))).toBe(true);
  });

  it('should not colour with FORCE_COLOR=0', () => {
    expect(coloured(run({ FORCE_COLOR: '0' }))).toBe(false);
  });

  it('should let NO_COLOR win over FORCE_COLOR', () => {
    expect(coloured(run({ NO_COLOR: '1', FORCE_COLOR: '1' }))).toBe(false);
  });
});
