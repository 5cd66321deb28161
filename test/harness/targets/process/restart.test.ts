import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { adapter, closeAll, isAlive, program, start } from './adapters.ts';

afterEach(closeAll);

describe('AdapterWorker restarts', () => {
  it('should name the program that crashed the adapter adapter/exited, then restart it for the next', async () => {
    const worker = await start(adapter('crash'));
    const first = worker.pid!;
    expect((await worker.run(program('gen-1'))).ok).toBe(true);
    const r = await worker.run(program('gen-2'));
    expect(r).toEqual({
      ok: false,
      verdict: { rule: 'adapter/exited', programId: 'gen-2', message: 'want a response, got exit code 1', firstBytes: '""', stderrTail: 'crash: giving up on gen-2\n', unusable: false },
    });
    expect(isAlive(first)).toBe(false);
    expect((await worker.run(program('gen-3'))).ok).toBe(true);
    expect(worker.restarts).toBe(1);
    expect(worker.pid).not.toBe(first);
  });

  it('should call the adapter unusable after 3 restarts in a row without a good response', async () => {
    const worker = await start(adapter('crash', '1'));
    const unusable: boolean[] = [];
    for (const id of ['gen-1', 'gen-2', 'gen-3', 'gen-4']) {
      const r = await worker.run(program(id));
      expect(r.ok ? 'ok' : [r.verdict.rule, r.verdict.programId]).toEqual(['adapter/exited', id]);
      if (!r.ok) unusable.push(r.verdict.unusable);
    }
    expect(unusable).toEqual([false, false, false, true]);
    expect(worker.restarts).toBe(3);
    // A later run is not sent: it gets the verdict that made the adapter unusable, under its own id.
    const later = await worker.run(program('gen-5'));
    expect(later).toEqual({
      ok: false,
      verdict: { rule: 'adapter/exited', programId: 'gen-5', message: 'not run: the adapter is unusable since adapter/exited on gen-4', firstBytes: '""', unusable: true },
    });
    expect(worker.restarts).toBe(3);
  });

  it('should count restarts in a row only: a good response starts the count again', async () => {
    const worker = await start(adapter('crash', '2'));
    const rules: string[] = [];
    for (let i = 1; i <= 8; i++) {
      const r = await worker.run(program(`gen-${i}`));
      rules.push(r.ok ? 'ok' : `${r.verdict.rule}${r.verdict.unusable ? ' unusable' : ''}`);
    }
    expect(rules).toEqual(['ok', 'adapter/exited', 'ok', 'adapter/exited', 'ok', 'adapter/exited', 'ok', 'adapter/exited']);
    expect(worker.restarts).toBe(3);
  });
});

describe('AdapterWorker restart handshake', () => {
  it('should name the program a failed restart was for, and count it as a restart without a good response', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'trace-harness-adapter-'));
    try {
      const worker = await start(adapter('start-once', join(dir, 'started')));
      expect(await worker.run(program('gen-1'))).toMatchObject({ ok: false, verdict: { rule: 'adapter/exited', programId: 'gen-1', unusable: false } });
      const r = await worker.run(program('gen-2'));
      expect(r).toEqual({
        ok: false,
        verdict: { rule: 'adapter/exited', programId: 'gen-2', message: 'on restart 1: want a hello, got exit code 4', firstBytes: '""', stderrTail: 'start-once: already started\n', unusable: false },
      });
      expect(worker.pid).toBeUndefined();
      await worker.run(program('gen-3'));
      expect(await worker.run(program('gen-4'))).toMatchObject({ ok: false, verdict: { programId: 'gen-4', unusable: true } });
      expect(worker.restarts).toBe(3);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('AdapterWorker.close', () => {
  it('should leave no process behind when the adapter exits at end of stdin', async () => {
    const worker = await start(adapter('echo'));
    const pid = worker.pid!;
    await worker.close();
    expect(isAlive(pid)).toBe(false);
    await expect(worker.run(program('gen-1'))).rejects.toThrow('AdapterWorker.run: the worker is closed');
  });

  it('should kill and reap an adapter that ignores end of stdin', async () => {
    const worker = await start(adapter('hang'));
    const pid = worker.pid!;
    await worker.close();
    expect(isAlive(pid)).toBe(false);
  });
});
