import { relative } from 'node:path';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { main } from '../../../src/cli/main.ts';
import { captureCliOutput } from '../../fixtures/capture-cli.ts';
import { BROKEN_GOLDEN, brokenGoldenCopy } from './golden-fixture.ts';

const io = captureCliOutput();
const errorLines = (text: string): string[] => text.split('\n').filter((l) => l.startsWith('::error'));

describe('check --reporter github', () => {
  it('should print an ::error line on the failing golden file when GITHUB_ACTIONS=true, beside the pretty output', async () => {
    vi.stubEnv('GITHUB_ACTIONS', 'true');
    const dir = brokenGoldenCopy();
    const code = await main(['check', '--goldens-only', '--golden', dir]);
    expect(code).toBe(1);
    const lines = errorLines(io.out);
    expect(lines).toHaveLength(1);
    const path = relative(process.cwd(), join(dir, BROKEN_GOLDEN)).replace(/:/g, '%3A').replace(/,/g, '%2C');
    expect(lines[0]!.startsWith(`::error file=${path},title=trace-harness goldens::`)).toBe(true);
    expect(lines[0]).toContain('%0A'); // multi-line message escaped onto one line
    expect(lines[0]).toContain('+yield b #3');
    expect(io.out).toContain('summary'); // pretty still printed
  });

  it('should print no annotation without GITHUB_ACTIONS, and none with it when everything passes', async () => {
    vi.stubEnv('GITHUB_ACTIONS', '');
    expect(await main(['check', '--goldens-only', '--golden', brokenGoldenCopy()])).toBe(1);
    expect(errorLines(io.out)).toEqual([]);
    vi.stubEnv('GITHUB_ACTIONS', 'true');
    io.out = '';
    expect(await main(['check', '--goldens-only'])).toBe(0);
    expect(errorLines(io.out)).toEqual([]);
  });

  it('should annotate a failed regression on its file, and a failed property suite with its replay command (no file)', async () => {
    const code = await main(['check', '--suite', 'generators', '--runs', '300', '--seed', '11', '--tracer', 'test/fixtures/tracer-throw-as-resume.ts', '--reporter', 'github']);
    expect(code).toBe(1);
    const lines = errorLines(io.out);
    expect(lines[0]).toMatch(/^::error file=golden\/regressions\/throw-as-resume.json,title=trace-harness regressions::1 violation%0A/);
    expect(lines.filter((l) => !l.startsWith('::error file=golden/'))).toHaveLength(1); // the goldens it breaks have files too
    expect(lines.find((l) => l.startsWith('::error title='))).toMatch(/^::error title=trace-harness generators::.*%0Areplay: npx trace-harness check --suite generators --seed 11 --path [\d:]+ --runs 300/);
    expect(io.out.split('\n').filter((l) => l !== '' && !l.startsWith('::error'))).toEqual([]); // github alone: no pretty text
  });
});
