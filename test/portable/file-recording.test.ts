// Portable suite: the node:fs adapter (trace-harness/node) on Node, Deno and Bun: a durable wire file, a
// crash and a resume, and streaming a file back chunk by chunk.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { formatCanonical } from '../../src/formats/text.ts';
import { FileRecording } from '../../src/node/file-recording.ts';
import { FileSink, readWireFile } from '../../src/node/file-sink.ts';
import { Tracer } from '../../src/recorder/tracer.ts';
import { decodeWire } from '../../src/wire/reader.ts';
import { WireWriter } from '../../src/wire/writer.ts';

const dir = mkdtempSync(join(tmpdir(), 'th-portable-'));
after(() => rmSync(dir, { recursive: true, force: true }));

describe('node:fs adapter (portable)', () => {
  it('should resume a crashed recording with a recovery from the last checkpoint and abandon what was open', () => {
    const path = join(dir, 'crash.trace');
    const rec = FileRecording.open(path);
    const step = rec.tracer.trace(function step() {});
    rec.tracer.probe.call(rec.tracer.probe.code('main')); // main never returns: the process "crashes"
    step();
    rec.checkpoint(7);
    rec.flush();
    const again = FileRecording.open(path);
    assert.deepEqual(again.recovered, { events: 4, lostBytes: 0, fromCheckpoint: 7, abandoned: 1, recoverySeq: 4 });
    again.close();
    assert.equal(
      formatCanonical(decodeWire(new Uint8Array(readFileSync(path)))),
      'call main #1\ncall step #2\nreturn step #2\ncheckpoint 7\nrecovery from 7\nabandoned main #1\n',
    );
  });

  it('should stream a file written through FileSink back chunk by chunk, every event in order', async () => {
    const path = join(dir, 'stream.trace');
    const tracer = new Tracer();
    const f = tracer.trace(function f(n: number): number {
      return n;
    });
    for (let i = 0; i < 2000; i++) f(i);
    const writer = new WireWriter(new FileSink(path), { chunkBytes: 1024 });
    writer.appendTrace(tracer.snapshot());
    writer.close();
    const stream = readWireFile(path, 333); // reads that split chunks anywhere
    let events = 0;
    let chunks = 0;
    for (;;) {
      const next = await stream.next();
      if (next.done === true) {
        assert.deepEqual({ complete: next.value.complete, chunks: next.value.chunks, events: next.value.events }, { complete: true, chunks, events: 4000 });
        break;
      }
      assert.equal(next.value.index, chunks++);
      for (const e of next.value.trace) assert.equal(e.seq, events++);
    }
    assert.ok(chunks > 3, `several chunks (${chunks})`);
  });
});
