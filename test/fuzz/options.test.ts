import { describe, expect, it } from 'vitest';
import { DEFAULT_CASES, parseFuzzArgs, usage } from '../../bench/fuzz/options.ts';
import { TARGETS } from '../../bench/fuzz/targets.ts';
import { UsageError } from '../../src/cli/usage-error.ts';

describe('npm run fuzz flags', () => {
  it('should default to at least 1 000 000 cases in all and a random u32 seed', () => {
    const o = parseFuzzArgs([]);

    expect(o.cases).toBe(DEFAULT_CASES);
    expect(DEFAULT_CASES * TARGETS.length).toBeGreaterThanOrEqual(1_000_000);
    expect(Number.isInteger(o.seed) && o.seed >= 0 && o.seed <= 0xffffffff).toBe(true);
    expect(o.decoders).toEqual([]);
  });

  it('should read --cases, --seed, --decoder (repeated), --out and --replay', () => {
    expect(parseFuzzArgs(['--cases', '10', '--seed', '7', '--decoder', 'wire', '--decoder', 'jsonl', '--out', '/tmp/x'])).toMatchObject({ cases: 10, seed: 7, decoders: ['wire', 'jsonl'], out: '/tmp/x' });
    expect(parseFuzzArgs(['--decoder', 'text', '--replay', 'f.bin']).replay).toBe('f.bin');
  });

  it('should refuse an unknown decoder, a bad number, an unknown flag and --replay without one decoder', () => {
    expect(() => parseFuzzArgs(['--decoder', 'xml'])).toThrow(/--decoder xml is not a decoder; decoders: wire, /);
    expect(() => parseFuzzArgs(['--cases', '-1'])).toThrow(UsageError);
    expect(() => parseFuzzArgs(['--seed', '4294967296'])).toThrow(/--seed must be an integer 0..4294967295/);
    expect(() => parseFuzzArgs(['--frobnicate'])).toThrow(UsageError);
    expect(() => parseFuzzArgs(['--replay', 'f.bin'])).toThrow(/--replay needs one --decoder/);
  });

  it('should name every decoder and flag in --help', () => {
    for (const t of TARGETS) expect(usage()).toContain(t.name);
    for (const flag of ['--cases', '--seed', '--decoder', '--out', '--replay', '--help']) expect(usage()).toContain(flag);
  });
});
