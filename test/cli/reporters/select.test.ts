import { describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main.ts';
import { normalizeOutputFileFlags, selectReporters } from '../../../src/cli/reporters/select.ts';
import { UsageError } from '../../../src/cli/usage-error.ts';
import { captureCliOutput } from '../../fixtures/capture-cli.ts';

const io = captureCliOutput();

describe('selectReporters', () => {
  it('should default to pretty, and add github only when GITHUB_ACTIONS is true', () => {
    expect(selectReporters([], [], {})).toEqual([{ name: 'pretty' }]);
    expect(selectReporters([], [], { GITHUB_ACTIONS: 'true' })).toEqual([{ name: 'pretty' }, { name: 'github' }]);
    expect(selectReporters(['json'], [], { GITHUB_ACTIONS: 'true' })).toEqual([{ name: 'json' }]);
  });

  it('should give a bare --output-file to the one json or junit reporter, and named files to their reporters', () => {
    expect(selectReporters(['pretty', 'junit'], ['r.xml'], {})).toEqual([{ name: 'pretty' }, { name: 'junit', file: 'r.xml' }]);
    expect(selectReporters(['json', 'junit'], ['junit=r.xml', 'json=r.json'], {})).toEqual([{ name: 'json', file: 'r.json' }, { name: 'junit', file: 'r.xml' }]);
  });

  it('should give html its file, or the default file, and never standard output', () => {
    expect(selectReporters(['pretty', 'html'], [], {})).toEqual([{ name: 'pretty' }, { name: 'html', file: 'trace-harness-report.html' }]);
    expect(selectReporters(['html'], ['r.html'], {})).toEqual([{ name: 'html', file: 'r.html' }]);
    expect(selectReporters(['json', 'html'], ['html=r.html'], {})).toEqual([{ name: 'json' }, { name: 'html', file: 'r.html' }]);
    expect(() => selectReporters(['junit', 'html'], ['r.out'], {})).toThrow(/name the reporter when several of json, junit, html are chosen/);
  });

  it('should refuse what cannot be meant', () => {
    expect(() => selectReporters(['xml'], [], {})).toThrow(new UsageError('--reporter: want one of pretty, json, junit, github, html, got "xml"'));
    expect(() => selectReporters(['json', 'junit'], ['r.out'], {})).toThrow(/name the reporter when several of json, junit, html are chosen/);
    expect(() => selectReporters(['pretty'], ['r.out'], {})).toThrow(/name the reporter when none of json, junit, html is chosen/);
    expect(() => selectReporters(['pretty'], ['json=r.json'], {})).toThrow(/the json reporter is not chosen \(add --reporter json\)/);
    expect(() => selectReporters(['pretty', 'json'], [], {})).toThrow(/pretty and json would both write to standard output: give --output-file json=FILE/);
  });
});

describe('normalizeOutputFileFlags', () => {
  it("should take vitest's --output-file.NAME spellings", () => {
    expect(normalizeOutputFileFlags(['check', '--output-file.junit=r.xml', '--output-file.json', 'r.json', '--runs', '5'])).toEqual(['check', '--output-file', 'junit=r.xml', '--output-file', 'json=r.json', '--runs', '5']);
  });
});

describe('check --reporter usage errors', () => {
  it('should exit 2 with one line before running anything', async () => {
    expect(await main(['check', '--reporter', 'xml'])).toBe(2);
    expect(io.err).toBe('trace-harness: --reporter: want one of pretty, json, junit, github, html, got "xml"\n');
    expect(io.out).toBe('');
  });
});
