import { afterEach, describe, expect, it } from 'vitest';
import { adapter, closeAll, OPTIONS, program, start } from './adapters.ts';

afterEach(closeAll);

describe('AdapterProcess lines, through AdapterWorker.run', () => {
  it('should accept a line ending in \\r\\n', async () => {
    const worker = await start(adapter('raw', 'crlf'));
    expect((await worker.run(program('gen-1'))).ok).toBe(true);
  });

  it('should judge a line over 16 MiB adapter/garbage before decoding it', async () => {
    const worker = await start(adapter('raw', 'overlong'));
    const r = await worker.run(program('gen-1'));
    expect(r).toEqual({
      ok: false,
      verdict: { rule: 'adapter/garbage', programId: 'gen-1', message: 'want a line of at most 16777216 bytes, got more', firstBytes: JSON.stringify('x'.repeat(120)), unusable: false },
    });
  });

  it('should judge a line that is not UTF-8 adapter/garbage, quoting it with U+FFFD', async () => {
    const worker = await start(adapter('raw', 'not-utf8'));
    const r = await worker.run(program('gen-1'));
    expect(r).toEqual({
      ok: false,
      verdict: { rule: 'adapter/garbage', programId: 'gen-1', message: 'want a protocol message, got a line that is not utf-8', firstBytes: '"\ufffd\ufffdA"', unusable: false },
    });
  });

  it('should quote the partial line of an adapter/timeout', async () => {
    // 3 s: the partial bytes are written at once, and must have arrived when the timeout fires, even on a loaded machine.
    const worker = await start(adapter('raw', 'partial'), { ...OPTIONS, timeoutMs: 3000, helloTimeoutMs: OPTIONS.timeoutMs });
    const r = await worker.run(program('gen-1'));
    expect(r).toEqual({
      ok: false,
      verdict: { rule: 'adapter/timeout', programId: 'gen-1', message: 'want a response within 3000 ms, got no complete line', firstBytes: JSON.stringify('{"type":"result"'), unusable: false },
    });
  });
});
