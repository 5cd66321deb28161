import { describe, expect, it } from 'vitest';
import { MAX_REPEATS, repeated, repeatsFor } from '../../bench/measure/sample-length.ts';
import { clockFor } from '../../bench/measure/clock.ts';

describe('repeatsFor', () => {
  it('should make both samples about as long as the longer call, and at least the minimum', () => {
    expect(repeatsFor({ plain: 1.1, traced: 2.9 }, 0.05)).toEqual({ plain: 3, traced: 1 }); // 3.3 vs 2.9 ms
    expect(repeatsFor({ plain: 1, traced: 3 }, 5)).toEqual({ plain: 5, traced: 2 });
    expect(repeatsFor({ plain: 10, traced: 10 }, 1)).toEqual({ plain: 1, traced: 1 });
  });

  it('should read a zero-length call as the floor and cap the repeats', () => {
    expect(repeatsFor({ plain: 0, traced: 1 }, 1, 0.001)).toEqual({ plain: 1000, traced: 1 });
    expect(repeatsFor({ plain: 0, traced: 0 }, 1e9).plain).toBe(MAX_REPEATS);
  });
});

describe('repeated', () => {
  it('should call a sync twin k times per call', () => {
    let n = 0;
    repeated(() => n++, 4)();
    expect(n).toBe(4);
  });

  it('should await each call of an async twin in turn', async () => {
    const order: string[] = [];
    let k = 0;
    const twin = async (): Promise<void> => {
      const i = k++;
      order.push(`start ${i}`);
      await Promise.resolve();
      order.push(`end ${i}`);
    };
    await repeated(twin, 3)();
    expect(order).toEqual(['start 0', 'end 0', 'start 1', 'end 1', 'start 2', 'end 2']);
  });
});

describe('clockFor', () => {
  it('should read CPU time that advances with work and never goes back', () => {
    const cpu = clockFor('cpu');
    const t0 = cpu();
    let x = 0;
    for (let i = 0; i < 2e7; i++) x = (x + i) % 7;
    const t1 = cpu();
    expect(x).toBeGreaterThanOrEqual(0);
    expect(t1).toBeGreaterThan(t0);
    expect(clockFor('wall')()).toBeGreaterThan(0);
  });
});
