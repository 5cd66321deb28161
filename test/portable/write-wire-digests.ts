// Rewrites test/portable/golden-wire.sha256 after an intended change of the wire format or the recorder:
// `npm run digests` (from Node; the portable suite then checks Deno and Bun produce the same bytes).
import { writeFileSync } from 'node:fs';
import { readGoldenDir } from '../../src/cli/golden-files.ts';
import { DIGEST_FILE, goldenWireDigests } from './wire-digests.ts';

writeFileSync(DIGEST_FILE, await goldenWireDigests(readGoldenDir('golden')));
console.log(`wrote ${DIGEST_FILE}`);
