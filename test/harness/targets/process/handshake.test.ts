import { describe, expect, it } from 'vitest';
import { AdapterWorker } from '../../../../harness/targets/process/worker.ts';
import { adapter, OPTIONS, quoted } from './adapters.ts';

describe('AdapterWorker.start', () => {
  it('should return the hello of a good adapter, unknown keys dropped', async () => {
    const started = await AdapterWorker.start(adapter('echo'), OPTIONS);
    expect(started.ok).toBe(true);
    if (!started.ok) return;
    await started.worker.close();
    expect(started.worker.hello).toEqual({
      protocol: 1,
      tracer: { name: 'fake', version: '1' },
      language: 'python',
      semantics: 'cpython-3.12',
      supports: { suites: ['generators'], statements: ['call', 'return'] },
      trace: 'jsonl',
    });
  });

  it('should judge an adapter that exits at start adapter/exited with its stderr', async () => {
    const started = await AdapterWorker.start(adapter('exit-at-start'), OPTIONS);
    expect(started).toEqual({
      ok: false,
      verdict: { rule: 'adapter/exited', message: 'want a hello, got exit code 3', firstBytes: '""', stderrTail: 'exit-at-start: no module named sysmon\n', unusable: true },
    });
  });

  it('should judge a command that cannot start adapter/exited', async () => {
    const started = await AdapterWorker.start(['/nonexistent/adapter'], OPTIONS);
    expect(started).toEqual({
      ok: false,
      verdict: { rule: 'adapter/exited', message: 'want a hello, got no process (spawn /nonexistent/adapter enoent)', firstBytes: '""', unusable: true },
    });
  });

  it('should judge protocol 2 adapter/protocol-version', async () => {
    const started = await AdapterWorker.start(adapter('protocol-2'), OPTIONS);
    expect(started).toEqual({
      ok: false,
      verdict: { rule: 'adapter/protocol-version', message: 'want protocol 1, got 2', firstBytes: quoted('{"type":"hello","protocol":2,"tracer":{"name":"fake","version":"1"},"language":"python","semantics":"cpython-3.12","supports":{"suites"'), unusable: true },
    });
  });

  it('should judge a malformed hello adapter/handshake', async () => {
    const started = await AdapterWorker.start(adapter('malformed-hello'), OPTIONS);
    expect(started).toEqual({
      ok: false,
      verdict: {
        rule: 'adapter/handshake',
        message: 'want a valid hello, got tracer: invalid input: expected object, received string',
        firstBytes: quoted('{"type":"hello","protocol":1,"tracer":"fake 1","language":"python","semantics":"cpython-3.12","supports":{"suites":["generators"]'),
        unusable: true,
      },
    });
  });

  it("should report the adapter's own hello error adapter/handshake", async () => {
    const started = await AdapterWorker.start(adapter('hello-error'), OPTIONS);
    expect(started).toEqual({
      ok: false,
      verdict: {
        rule: 'adapter/handshake',
        message: 'the adapter could not start: python 3.12 or later needed, got 3.11.4',
        firstBytes: quoted('{"type":"hello","error":"python 3.12 or later needed, got 3.11.4"}'),
        unusable: true,
      },
    });
  });

  it('should judge another language adapter/handshake', async () => {
    const started = await AdapterWorker.start(adapter('echo'), { ...OPTIONS, language: 'js' });
    expect(started.ok).toBe(false);
    if (started.ok) return;
    expect(started.verdict).toMatchObject({ rule: 'adapter/handshake', message: 'want language "js", got "python"', unusable: true });
  });

  it('should judge no hello within the timeout adapter/handshake', async () => {
    const started = await AdapterWorker.start([process.execPath, '-e', 'setInterval(() => {}, 60000)'], { ...OPTIONS, timeoutMs: 300 });
    expect(started).toEqual({ ok: false, verdict: { rule: 'adapter/handshake', message: 'want a hello within 300 ms, got nothing', firstBytes: '""', unusable: true } });
  });

  it('should refuse a timeout below 1 ms and a shell command line', async () => {
    await expect(AdapterWorker.start(adapter('echo'), { ...OPTIONS, timeoutMs: 0 })).rejects.toThrow(new TypeError('AdapterWorker.start: timeoutMs must be an integer >= 1, got 0'));
    await expect(AdapterWorker.start('node a.mjs | tee log', OPTIONS)).rejects.toThrow(TypeError);
  });
});
