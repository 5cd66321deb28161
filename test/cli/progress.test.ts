import { describe, expect, it } from 'vitest';
import { Progress } from '../../src/cli/progress.ts';

/** A fake clock: time moves only when the test says so. */
function fakeClock(): { now: () => number; advance: (ms: number) => void } {
  let t = 1_000;
  return { now: () => t, advance: (ms) => void (t += ms) };
}

describe('Progress in lines mode (a CI log)', () => {
  it('should write a line when a part starts, then one only once 5 s have passed since the last, with counts', () => {
    const clock = fakeClock();
    const lines: string[] = [];
    const p = new Progress({ mode: 'lines', write: (t) => lines.push(t), now: clock.now });
    p.start('generators', 500, 'programs');
    expect(lines).toEqual(['generators: started, 500 programs\n']);
    for (let n = 1; n <= 49; n++) {
      clock.advance(100); // 4.9 s in all: no heartbeat yet
      p.tick(n);
    }
    expect(lines).toHaveLength(1);
    clock.advance(100);
    p.tick(50);
    expect(lines[1]).toBe('  generators: 50/500 programs, 5 s\n');
    clock.advance(4_999);
    p.tick(51);
    expect(lines).toHaveLength(2);
    clock.advance(1);
    p.tick(52);
    expect(lines[2]).toBe('  generators: 52/500 programs, 10 s\n');
  });

  it('should count each part from its own start, and not announce when the pretty header does', () => {
    const clock = fakeClock();
    const lines: string[] = [];
    const p = new Progress({ mode: 'lines', write: (t) => lines.push(t), now: clock.now, announce: false, heartbeatMs: 2_000 });
    p.start('wire', 1000, 'traces');
    clock.advance(3_000);
    p.tick(10);
    p.start('streams', 200, 'cases');
    clock.advance(1_999);
    p.tick(5);
    clock.advance(1);
    p.tick(6);
    expect(lines).toEqual(['  wire: 10/1000 traces, 3 s\n', '  streams: 6/200 cases, 2 s\n']);
  });
});

describe('Progress in live mode (a terminal)', () => {
  it('should rewrite one line in place, at most every 100 ms, and clear it once', () => {
    const clock = fakeClock();
    const out: string[] = [];
    const p = new Progress({ mode: 'live', write: (t) => out.push(t), now: clock.now });
    p.start('coroutines', 300, 'programs');
    p.tick(1); // too soon to redraw
    clock.advance(100);
    p.tick(2);
    expect(out).toEqual(['\rcoroutines 0/300 programs\x1b[K', '\rcoroutines 2/300 programs\x1b[K']);
    p.clear();
    p.clear();
    expect(out.slice(2)).toEqual(['\r\x1b[K']);
  });
});
