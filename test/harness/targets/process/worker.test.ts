import { Buffer } from 'node:buffer';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeJsonl, encodeJsonl } from '../../../../src/formats/jsonl.ts';
import { encodeWire } from '../../../../src/wire/encode.ts';
import { adapter, closeAll, isAlive, OPTIONS, program, quoted, resultLine, start, TRACE } from './adapters.ts';

afterEach(closeAll);

describe('AdapterWorker.run', () => {
  it('should return the outcome and decoded trace of a good adapter, one process for many programs', async () => {
    const worker = await start(adapter('echo'));
    const pid = worker.pid!;
    for (const id of ['gen-1', 'gen-2', 'gen-3']) {
      const r = await worker.run(program(id));
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      expect(r.outcome).toEqual({ kind: 'return' });
      expect(encodeJsonl(r.trace)).toBe(TRACE);
    }
    expect(worker.pid).toBe(pid);
    expect(worker.restarts).toBe(0);
  });

  it('should split a command line given as a string', async () => {
    const [node, script] = adapter('echo');
    const worker = await start(`'${node}' '${script}'`);
    expect((await worker.run(program('gen-1'))).ok).toBe(true);
  });

  it('should decode a wire trace sent as base64', async () => {
    const wire = Buffer.from(encodeWire(decodeJsonl(TRACE))).toString('base64');
    const worker = await start(adapter('wire', wire));
    const r = await worker.run(program('gen-1'));
    expect(r.ok && encodeJsonl(r.trace)).toBe(TRACE);
  });

  it('should judge a wire trace that is not base64 adapter/bad-trace', async () => {
    const worker = await start(adapter('wire', 'not base64!'));
    const r = await worker.run(program('gen-1'));
    expect(r).toEqual({
      ok: false,
      verdict: { rule: 'adapter/bad-trace', programId: 'gen-1', message: 'want base64 of a wire trace, got characters outside standard padded base64', firstBytes: quoted(resultLine('gen-1', 'not base64!')), unusable: false },
    });
  });

  it('should judge malformed jsonl adapter/bad-trace and keep the process', async () => {
    const worker = await start(adapter('bad-trace'));
    const pid = worker.pid;
    const r = await worker.run(program('gen-1'));
    expect(r).toEqual({
      ok: false,
      verdict: {
        rule: 'adapter/bad-trace',
        programId: 'gen-1',
        message: 'want a jsonl trace, got unknown-kind line 2: want an event kind name, got "leap"',
        firstBytes: quoted(resultLine('gen-1', '{"format":"trace-harness-jsonl","version":1}\n{"seq":0,"kind":"leap"}\n')),
        unusable: false,
      },
    });
    expect(worker.pid).toBe(pid);
  });

  it("should report the adapter's own error adapter/error, first line only", async () => {
    const worker = await start(adapter('run-error'));
    const r = await worker.run(program('gen-7'));
    expect(r).toEqual({
      ok: false,
      verdict: {
        rule: 'adapter/error',
        programId: 'gen-7',
        message: 'the adapter could not run the program: SyntaxError: invalid syntax (line 3)',
        firstBytes: quoted(JSON.stringify({ type: 'error', id: 'gen-7', message: 'SyntaxError: invalid syntax (line 3)\nmore detail' })),
        unusable: false,
      },
    });
  });

  it('should judge a response for another id adapter/wrong-id and restart for the next program', async () => {
    const worker = await start(adapter('wrong-id'));
    const pid = worker.pid!;
    const r = await worker.run(program('gen-1'));
    expect(r).toEqual({
      ok: false,
      verdict: { rule: 'adapter/wrong-id', programId: 'gen-1', message: 'want a response for "gen-1", got one for "gen-1-other"', firstBytes: quoted(resultLine('gen-1-other', TRACE)), unusable: false },
    });
    expect(isAlive(pid)).toBe(false);
    expect((await worker.run(program('gen-2'))).ok).toBe(false);
    expect(worker.restarts).toBe(1);
  });

  it('should judge a log line on stdout adapter/garbage', async () => {
    const worker = await start(adapter('garbage'));
    const pid = worker.pid!;
    const r = await worker.run(program('gen-3'));
    expect(r).toEqual({
      ok: false,
      verdict: { rule: 'adapter/garbage', programId: 'gen-3', message: 'want a protocol message, got a line that is not json', firstBytes: '"debug: running gen-3"', unusable: false },
    });
    expect(isAlive(pid)).toBe(false);
  });

  it('should judge no response adapter/timeout, kill and reap the process, and restart', async () => {
    // 300 ms for the run only: the hello keeps a timeout no loaded CI box gets near.
    const worker = await start(adapter('hang'), { ...OPTIONS, timeoutMs: 300, helloTimeoutMs: OPTIONS.timeoutMs });
    const pid = worker.pid!;
    const r = await worker.run(program('gen-9'));
    expect(r).toEqual({
      ok: false,
      verdict: { rule: 'adapter/timeout', programId: 'gen-9', message: 'want a response within 300 ms, got nothing', firstBytes: '""', unusable: false },
    });
    expect(isAlive(pid)).toBe(false);
    expect(worker.pid).toBeUndefined();
  });
});
