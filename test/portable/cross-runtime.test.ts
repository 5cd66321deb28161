// Portable suite: traces recorded by the same deterministic programs are byte-identical on every runtime.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { readGoldenDir } from '../../src/cli/golden-files.ts';
import { detectRuntime } from '../../src/runtime/runtime.ts';
import { DIGEST_FILE, goldenWireDigests } from './wire-digests.ts';

describe('cross-runtime wire bytes (portable)', () => {
  it('should record every golden program into the same wire bytes as the committed digests', async () => {
    const files = readGoldenDir('golden');
    const produced = await goldenWireDigests(files);
    const committed = readFileSync(DIGEST_FILE, 'utf8');
    assert.equal(produced.split('\n').length - 1, files.programs.size);
    const { name, version } = detectRuntime();
    assert.equal(
      produced,
      committed,
      `wire bytes differ from ${DIGEST_FILE} on ${name} ${version}: after an intended change (a new golden program, ` +
        'a change of the wire format or the recorder) rewrite it from Node with `npm run digests`; otherwise this runtime records different bytes',
    );
  });
});
