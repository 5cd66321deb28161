import { describe, expect, it } from 'vitest';
import { runCheck } from '../../src/cli/check.ts';
import type { ProgressSink } from '../../src/cli/progress.ts';

describe('check progress', () => {
  it('should start every part, and tick every property suite up to its runs', async () => {
    const started: string[] = [];
    const maxTick = new Map<string, number>();
    const sink: ProgressSink = {
      start: (part) => void started.push(part),
      tick: (n) => void maxTick.set(started.at(-1)!, Math.max(n, maxTick.get(started.at(-1)!) ?? 0)),
    };
    const code = await runCheck(
      { runs: 12, seed: 4, goldenDir: 'golden', update: false, wireRuns: 11, retentionRuns: 10, recoveryRuns: 9, recordingRuns: 6, streamsRuns: 8, payloadRuns: 5, negativeRuns: 7 },
      { out: () => {}, err: () => {}, env: {}, progress: sink },
    );
    expect(code).toBe(0);
    expect(started).toEqual(['regressions', 'generators', 'coroutines', 'wire', 'retention', 'recovery', 'recording', 'streams', 'payloads', 'negative', 'goldens']);
    expect(Object.fromEntries(maxTick)).toEqual({ generators: 12, coroutines: 12, wire: 11, retention: 10, recovery: 9, recording: 6, streams: 8, payloads: 5, negative: 7 });
  });
});
