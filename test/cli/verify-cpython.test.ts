import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { AdapterWorker } from '../../harness/targets/process/worker.ts';
import { renderPython } from '../../harness/targets/python/render.ts';
import type { Program } from '../../harness/program/ast.ts';
import { main } from '../../src/cli/main.ts';
import { encodeJsonl } from '../../src/formats/jsonl.ts';
import { captureCliOutput } from '../fixtures/capture-cli.ts';
import { pythonPath, type PythonVersion } from '../fixtures/python.ts';

const io = captureCliOutput();
const ADAPTER = fileURLToPath(new URL('../../harness/targets/python/adapter/sysmon_adapter.py', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'th-verify-cpython-'));

/** main drives g: next(), then close(); g's yield is outside any try (the cpython#140373 case). */
const CLOSE: Program = {
  functions: [
    { name: 'main', kind: 'sync', body: [{ op: 'drive', fn: 'g', steps: [{ method: 'next' }, { method: 'return' }] }] },
    { name: 'g', kind: 'generator', body: [{ op: 'yield' }, { op: 'yield' }] },
  ],
};

/** Records CLOSE with the reference adapter on a CPython and writes the JSONL it answered with. */
async function record(version: PythonVersion): Promise<string> {
  const started = await AdapterWorker.start([pythonPath(version), ADAPTER], { language: 'python', timeoutMs: 30_000, harnessVersion: 'test' });
  if (!started.ok) throw new Error(started.verdict.message);
  try {
    const r = await started.worker.run({ id: 'close', ...renderPython(CLOSE) });
    if (!r.ok) throw new Error(r.verdict.message);
    const path = join(dir, `close-${version}.jsonl`);
    writeFileSync(path, encodeJsonl(r.trace)); // the adapter's trace, as our JSONL
    return path;
  } finally {
    await started.worker.close();
  }
}

describe('verify --strict on real CPython traces of close()', () => {
  let py312 = '';
  let py313 = '';
  beforeAll(async () => {
    py312 = await record('3.12.1');
    py313 = await record('3.13.0');
  });

  it('should pass the CPython 3.12.1 trace, which records throw and unwind for close()', async () => {
    expect(await main(['verify', '--strict', py312])).toBe(0);
  });

  it('should fail the CPython 3.13.0 trace with lifecycle/not-finished naming g, and pass it without --strict', async () => {
    expect(await main(['verify', '--strict', py313])).toBe(1);
    expect(io.out.replace(/\x1b\[[0-9;]*m/g, '')).toMatch(/lifecycle\/not-finished.*#2 \(g\)/); // eslint-disable-line no-control-regex
    io.out = '';
    expect(await main(['verify', py313])).toBe(0);
  });
});
