import { mkdtempSync, readFileSync, statSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RecoveryValidator } from '../../src/check/recovery.ts';
import { runValidators } from '../../src/check/run.ts';
import { SeqValidator } from '../../src/check/seq.ts';
import { validateTrace } from '../../src/check/validate-trace.ts';
import { formatCanonical } from '../../src/formats/text.ts';
import { expectRecoverableFile, FileRecording } from '../../src/node/file-recording.ts';
import { decodeWire, readWire } from '../../src/wire/reader.ts';

const dir = mkdtempSync(join(tmpdir(), 'th-recording-'));

describe('FileRecording: resume after a crash', () => {
  it('should resume with a recovery from the last kept checkpoint and abandon what was open', () => {
    const path = join(dir, 'a.trace');
    const rec = FileRecording.open(path);
    const t = rec.tracer;
    const step = t.trace(function step() {});
    const gen = t.trace(function* gen() {
      yield;
    });
    // A run that "crashes" with main still running and gen suspended: nothing closes it.
    t.probe.call(t.probe.code('main'));
    gen().next();
    step();
    rec.checkpoint(7);
    step();
    rec.flush();
    // Resume in a new "process".
    const again = FileRecording.open(path);
    expect(again.recovered).toEqual({ events: 8, lostBytes: 0, fromCheckpoint: 7, abandoned: 2, recoverySeq: 8 });
    again.tracer.trace(function after() {})();
    again.close();
    const trace = decodeWire(new Uint8Array(readFileSync(path)));
    // Derived by hand: the first run's events, then recovery from 7, main (running) and gen (suspended)
    // abandoned, then the second run's call, with activation ids and seq continuing.
    expect(formatCanonical(trace)).toBe(
      [
        'call main #1',
        'call gen #2',
        'yield gen #2',
        'call step #3',
        'return step #3',
        'checkpoint 7',
        'call step #4',
        'return step #4',
        'recovery from 7',
        'abandoned main #1',
        'abandoned gen #2',
        'call after #5',
        'return after #5',
        '',
      ].join('\n'),
    );
    expect(Array.from(trace.columns.seq)).toEqual(Array.from({ length: 13 }, (_, i) => i));
    expect(runValidators(trace, [new SeqValidator({ from: 0 }), new RecoveryValidator()])).toEqual([]);
    expect(validateTrace(trace)).toEqual([]);
  });

  it('should cut a torn tail at any byte and still reference a checkpoint that is in the kept prefix', () => {
    for (const cutFrom of [1, 17, 90, 200, 700]) {
      const path = join(dir, `torn-${cutFrom}.trace`);
      const rec = FileRecording.open(path, { chunkBytes: 256 });
      const t = rec.tracer;
      const work = t.trace(function work() {});
      t.probe.call(t.probe.code('main'));
      for (let i = 1; i <= 60; i++) {
        work();
        if (i % 10 === 0) rec.checkpoint(i);
      }
      rec.flush();
      truncateSync(path, Math.max(12, statSync(path).size - cutFrom));
      const again = FileRecording.open(path, { chunkBytes: 256 });
      again.close();
      const trace = decodeWire(new Uint8Array(readFileSync(path)));
      expect(runValidators(trace, [new SeqValidator({ from: 0 }), new RecoveryValidator()])).toEqual([]);
      expect(validateTrace(trace)).toEqual([]);
      expect(again.recovered!.fromCheckpoint % 10).toBe(0); // one of the ids committed
      expect(again.recovered!.abandoned).toBe(again.recovered!.events > 0 ? 1 : 0); // main, if its call was kept
    }
  });

  it('should refuse to resume a closed recording', () => {
    const path = join(dir, 'closed.trace');
    const rec = FileRecording.open(path);
    rec.tracer.trace(function f() {})();
    rec.close();
    expect(() => FileRecording.open(path)).toThrow('was closed: a finished recording is not resumed');
    expect(readWire(new Uint8Array(readFileSync(path))).complete).toBe(true);
  });
});

describe('expectRecoverableFile', () => {
  it('should crash a recorded file at every prefix in memory, leaving the file as it was', () => {
    const path = join(dir, 'recoverable.trace');
    const rec = FileRecording.open(path, { chunkBytes: 256 });
    const step = rec.tracer.trace(function step() {});
    for (let i = 0; i < 60; i++) {
      step();
      if (i % 20 === 19) rec.checkpoint(i + 1);
    }
    rec.flush();
    const before = readFileSync(path);
    expect(() => expectRecoverableFile(path)).not.toThrow();
    expect(readFileSync(path).equals(before)).toBe(true);
    expect(() => expectRecoverableFile(join(dir, 'missing.trace'))).toThrow(/ENOENT/);
  });
});
