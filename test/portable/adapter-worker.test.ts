// Portable suite: the tracer-protocol worker (harness/targets/process) spawns, talks to and reaps an adapter
// through node:child_process on Node, Deno and Bun alike. The adapter itself runs on `node` from PATH.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AdapterWorker } from '../../harness/targets/process/worker.ts';

/** An inline adapter: hello, then a fixed trace per run, except program `hang`, which it never answers. */
const ADAPTER = `
const rl = require('node:readline').createInterface({ input: process.stdin });
const send = (m) => process.stdout.write(JSON.stringify(m) + '\\n');
const TRACE = '{"format":"trace-harness-jsonl","version":1}\\n{"seq":0,"kind":"call","activation":1,"code":"main","flags":0}\\n{"seq":1,"kind":"return","activation":1,"code":"main","flags":0}\\n';
rl.on('line', (line) => {
  const m = JSON.parse(line);
  if (m.type === 'hello') send({ type: 'hello', protocol: 1, tracer: { name: 'inline', version: '1' }, language: 'python', semantics: 'cpython-3.12', supports: { suites: ['generators'], statements: ['call'] } });
  else if (m.id !== 'hang') send({ type: 'result', id: m.id, outcome: { kind: 'throw', tag: 'E1' }, trace: TRACE });
});`;

const program = (id: string) => ({ id, entry: 'main', functions: ['main'], source: '' });

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const OPTIONS = { language: 'python', timeoutMs: 20_000, harnessVersion: '0.1.0' };

describe('AdapterWorker (portable)', () => {
  it('should run programs in one process and leave none behind', async () => {
    const started = await AdapterWorker.start(['node', '-e', ADAPTER], OPTIONS);
    assert.ok(started.ok, started.ok ? '' : started.verdict.message);
    const worker = started.worker;
    const pid = worker.pid!;
    for (const id of ['gen-1', 'gen-2']) {
      const r = await worker.run(program(id));
      assert.ok(r.ok, r.ok ? '' : r.verdict.message);
      assert.deepEqual(r.outcome, { kind: 'throw', tag: 'E1' });
      assert.equal(r.trace.length, 2);
    }
    assert.equal(worker.pid, pid);
    await worker.close();
    assert.equal(isAlive(pid), false);
  });

  it('should kill and reap an adapter that does not answer in time', async () => {
    // 300 ms for the run only: the hello keeps 20 s.
    const started = await AdapterWorker.start(['node', '-e', ADAPTER], { ...OPTIONS, timeoutMs: 300, helloTimeoutMs: 20_000 });
    assert.ok(started.ok, started.ok ? '' : started.verdict.message);
    const pid = started.worker.pid!;
    const r = await started.worker.run(program('hang'));
    assert.equal(r.ok ? 'ok' : `${r.verdict.rule} ${r.verdict.programId}`, 'adapter/timeout hang');
    assert.equal(isAlive(pid), false);
    await started.worker.close();
  });
});
