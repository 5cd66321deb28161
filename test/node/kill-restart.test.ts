import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RecoveryValidator } from '../../src/check/recovery.ts';
import { runValidators } from '../../src/check/run.ts';
import { SeqValidator } from '../../src/check/seq.ts';
import { validateTrace } from '../../src/check/validate-trace.ts';
import { EventKind } from '../../src/model/kinds.ts';
import { decodeWire } from '../../src/wire/reader.ts';

const CHILD = 'test/fixtures/task-runner.mjs';
const KILLS = 20;
const ITEMS = 1500;

/**
 * Runs the task runner; kills it with SIGKILL once it has acked `killAfterAcks` items in this run (so the
 * kill lands while it works on the next one, however fast the machine is), or lets it finish.
 */
function run(path: string, killAfterAcks: number | undefined): Promise<{ killed: boolean; acked: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD, path, String(ITEMS)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let acked = 0;
    let acksThisRun = 0;
    let sent = false;
    let err = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (text: string) => {
      for (const m of text.matchAll(/acked (\d+)/g)) {
        acked = Number(m[1]);
        acksThisRun++;
      }
      if (killAfterAcks !== undefined && !sent && acksThisRun >= killAfterAcks) {
        sent = true;
        child.kill('SIGKILL');
      }
    });
    child.stderr.on('data', (t: Buffer) => (err += String(t)));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve({ killed: true, acked });
      else if (code === 0) resolve({ killed: false, acked });
      else reject(new Error(`task runner exited ${code}: ${err}`));
    });
  });
}

describe('kill and restart a task runner (issue 5)', () => {
  it(`should recover ${KILLS} SIGKILLs: recovery records from committed checkpoints, seq never repeated, no committed item redone`, async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'th-kill-')), 'runner.trace');
    // Kills are counted, not timed: each run dies after 1..30 acked items (at most 600 of the 1500 in all,
    // so every run is killed before it could finish).
    const acks = fc.sample(fc.integer({ min: 1, max: 30 }), { numRuns: KILLS, seed: 5 });
    let kills = 0;
    for (const a of acks) if ((await run(path, a)).killed) kills++;
    const last = await run(path, undefined); // the last run finishes the work
    expect(last.killed).toBe(false);
    expect(kills).toBe(KILLS);
    const trace = decodeWire(new Uint8Array(readFileSync(path)));
    const events = trace.events();
    // Every kill left a recovery record (a run killed before its first event leaves nothing to recover).
    const recoveries = events.filter((e) => e.kind === EventKind.Recovery).length;
    expect(recoveries).toBeGreaterThan(0);
    expect(recoveries).toBeLessThanOrEqual(KILLS);
    expect(runValidators(trace, [new SeqValidator({ from: 0 }), new RecoveryValidator()])).toEqual([]);
    expect(validateTrace(trace)).toEqual([]);
    // Once `checkpoint k` is in the file, item k's work_done is never recorded again; and every item was done.
    const committed = new Set<number>();
    const done = new Set<number>();
    let spawns = 0;
    for (const e of events) {
      if (e.kind === EventKind.Checkpoint) committed.add(e.waker!);
      if (e.kind !== EventKind.Event) continue;
      const payload = JSON.parse(e.payload!) as { item?: number; resumedFrom?: number };
      if (trace.codeName(e.code) === 'runner_spawn') {
        spawns++;
        // A run resumes right after the last checkpoint its predecessors committed.
        expect(payload.resumedFrom === 0 || committed.has(payload.resumedFrom!)).toBe(true);
        expect(payload.resumedFrom).toBe(committed.size === 0 ? 0 : Math.max(...committed));
      }
      if (trace.codeName(e.code) === 'work_done') {
        const k = payload.item!;
        expect(committed.has(k), `item ${k} done again after checkpoint ${k} was committed`).toBe(false);
        done.add(k);
      }
    }
    expect(done.size).toBe(ITEMS);
    expect(spawns).toBeGreaterThan(recoveries); // the first run, and every run after a kill that left a trace
  });
});
