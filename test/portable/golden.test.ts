// Portable suite: the golden corpus and the committed regressions, on Node, Deno and Bun.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runGoldens, runRegressions } from '../../harness/goldens/golden.ts';
import { readGoldenDir } from '../../src/cli/golden-files.ts';
import { Tracer } from '../../src/recorder/tracer.ts';

const files = readGoldenDir('golden');

describe('golden corpus (portable)', () => {
  it('should reproduce every golden trace byte for byte and reject every negative golden', async () => {
    const results = await runGoldens(files, () => new Tracer(), (options) => () => new Tracer(options));
    const failed = results.filter((r) => !r.ok).map((r) => `${r.file}: ${r.problem ?? ''}`);
    assert.deepEqual(failed, []);
    assert.equal(results.filter((r) => r.skipped === true).length, 0, 'no golden skipped');
    assert.ok(results.filter((r) => r.kind === 'positive').length >= 60);
    assert.ok(results.filter((r) => r.kind === 'negative').length >= 10);
  });

  it('should pass every committed regression program', () => {
    const results = runRegressions(files, () => new Tracer());
    assert.ok(results.length >= 5);
    assert.deepEqual(results.filter((r) => !r.ok).map((r) => r.file), []);
  });
});
