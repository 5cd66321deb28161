import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileProgram } from '../../harness/targets/js/compile.ts';
import { programArbitrary } from '../../harness/program/arbitrary.ts';
import type { TraceEvent } from '../../src/model/event.ts';
import { Tracer } from '../../src/recorder/tracer.ts';
import { readWire } from '../../src/wire/reader.ts';

const KILLS = 32;
const CHILD = 'test/fixtures/crash-recorder.mjs';

/** The events the child records for `seed`, regenerated here until there are at least `n`. */
function expectedEvents(seed: number, n: number): { events: TraceEvent[]; names: string[] } {
  const tracer = new Tracer();
  for (let batch = 0; tracer.recorder.length < n; batch++) {
    for (const p of fc.sample(programArbitrary({ async: false }), { numRuns: 20, seed: seed + batch })) compileProgram(p)(tracer);
  }
  const t = tracer.snapshot();
  return { events: t.events(), names: t.events().map((e) => t.codeName(e.code)) };
}

/**
 * Runs the child, kills it with SIGKILL once it has acked `flushes` durable flushes (the kill lands while it
 * records the next programs, however fast the machine is); returns the last ack seen.
 */
function recordAndKill(path: string, seed: number, flushes: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD, path, String(seed), String(flushes)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let acked = 0;
    let acks = 0;
    let buffered = '';
    let stderr = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (text: string) => {
      buffered += text;
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) {
        const m = /^acked (\d+)$/.exec(line);
        if (m === null) continue;
        acked = Number(m[1]);
        if (++acks === flushes) child.kill('SIGKILL');
      }
    });
    child.stderr.on('data', (t: Buffer) => (stderr += String(t)));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`child exited ${code} ${signal}: ${stderr}`));
      else resolve(acked);
    });
  });
}

describe('crash safety: SIGKILL at random moments (DESIGN §4 invariant 8)', () => {
  it(`should keep every flushed event and decode to a valid prefix, over ${KILLS} kills`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'th-crash-'));
    // Kills are counted, not timed: each child dies after 1..8 acked flushes.
    const flushes = fc.sample(fc.integer({ min: 1, max: 8 }), { numRuns: KILLS, seed: 21 });
    let ackedTotal = 0;
    for (let k = 0; k < KILLS; k++) {
      const path = join(dir, `run-${k}.trace`);
      const seed = 1000 + k;
      const acked = await recordAndKill(path, seed, flushes[k]!);
      const r = readWire(readFileSync(path));
      ackedTotal += acked;
      expect(acked).toBeGreaterThan(0); // killed after its first durable flush, so there is something to keep
      expect(r.loss === undefined || r.loss.error.code === 'truncated').toBe(true);
      // Every event whose flush() had returned is there ...
      expect(r.trace.length).toBeGreaterThanOrEqual(acked);
      // ... and what is there is exactly what the program run recorded, in order.
      const want = expectedEvents(seed, r.trace.length);
      expect(r.trace.events()).toEqual(want.events.slice(0, r.trace.length));
      expect(r.trace.events().map((e) => r.trace.codeName(e.code))).toEqual(want.names.slice(0, r.trace.length));
    }
    // (A kill cannot split one write() of a sealed chunk, so tails are rarely torn here; torn tails are
    // covered byte by byte in recovery.test.ts.)
    expect(ackedTotal).toBeGreaterThan(KILLS);
  });
});
