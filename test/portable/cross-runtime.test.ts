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
    // On purpose changes of the wire format or the recorder: `npm run digests` rewrites the file (from Node).
    assert.equal(produced, committed, `wire bytes differ on ${detectRuntime().name} ${detectRuntime().version}`);
  });
});
