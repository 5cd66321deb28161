import { describe, expect, it } from 'vitest';
import { runPythonGoldens } from '../../../harness/goldens/python-golden.ts';
import { GoldenInputError } from '../../../harness/goldens/golden.ts';
import { readGoldenDir } from '../../../src/cli/golden-files.ts';

describe('the Python golden corpus (golden/python, hand-derived for the cpython-3.12 profile)', () => {
  it('should be reproduced by the model for every program, and every negative golden rejected with its rule', async () => {
    const files = readGoldenDir('golden/python');
    expect(files.programs.size).toBeGreaterThanOrEqual(20);
    expect(files.negatives.size).toBeGreaterThanOrEqual(4);
    const results = await runPythonGoldens(files);
    expect(results.filter((r) => !r.ok).map((r) => `${r.file}: ${r.problem}`)).toEqual([]);
  });

  it('should fail a golden the model does not reproduce, with both texts for the diff', async () => {
    const files = readGoldenDir('golden/python');
    const stored = files.traces.get('close-suspended')!;
    const traces = new Map(files.traces);
    traces.set('close-suspended', stored.replace(/^throw worker #2\nunwind worker #2\n/m, '')); // what CPython 3.13.0 records
    const r = (await runPythonGoldens({ ...files, traces })).find((x) => x.file === 'traces/close-suspended.trace')!;
    expect(r.ok).toBe(false);
    expect(r.problem).toBe("the model's trace differs from the golden");
    expect(r.produced).toContain('throw worker #2\nunwind worker #2\n');
  });

  it('should refuse a golden program the python target cannot express as an input error', async () => {
    const files = readGoldenDir('golden/python');
    const programs = new Map([['bad', JSON.stringify({ functions: [{ name: 'main', kind: 'sync', body: [] }, { name: 'ag', kind: 'asyncGenerator', body: [] }] })]]);
    await expect(runPythonGoldens({ ...files, programs })).rejects.toThrow(GoldenInputError);
  });
});
