import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pointedEventArbitrary } from '../../../harness/properties/wire-hostile-records.ts';

/** The varints of a record after its type byte. */
function fields(bytes: readonly number[]): number[] {
  const out: number[] = [];
  for (let p = 1; p < bytes.length; ) {
    let value = 0;
    for (let scale = 1; ; scale *= 128) {
      const b = bytes[p++]!;
      value += (b & 0x7f) * scale;
      if (b < 0x80) break;
    }
    out.push(value);
  }
  return out;
}

describe('event records with one field at an edge (FORMAT.md §7: fields checked in order)', () => {
  it('should keep every field but the named one at its valid value', () => {
    for (const r of fc.sample(pointedEventArbitrary(), { numRuns: 500, seed: 2 })) {
      const [, role, value] = /^event 0x[0-9a-f]+ (\w+) (\d+):/.exec(r.what)!;
      const f = fields(r.bytes);
      const type = r.bytes[0]!;
      const stream = type === 0x07 || type === 0x09 || type === 0x0a;
      // The valid values: activation delta 2 (zigzag +1), code 0, flags 1, peer 1, timestamp delta 1.
      const base = [...(stream ? [] : [2, 0]), ...(type >= 0x19 ? [1] : []), ...(stream || type === 0x06 || type === 0x0b || type === 0x17 || type === 0x1f ? [1] : [])];
      const roles = [...(stream ? [] : ['delta', 'code']), ...(type >= 0x19 ? ['flags'] : []), ...(base.length > (stream ? 0 : 2) + (type >= 0x19 ? 1 : 0) ? ['peer'] : [])];
      const at = role === 'ts' ? base.length : roles.indexOf(role!);
      expect(at).toBeGreaterThanOrEqual(0);
      expect(f[at]).toBe(Number(value));
      f.forEach((v, i) => {
        if (i !== at) expect(v).toBe(i < base.length ? base[i] : 1);
      });
    }
  });

  it('should reach every field of §4 with values past its bound', () => {
    const seen = new Set(fc.sample(pointedEventArbitrary(), { numRuns: 2000, seed: 3 }).map((r) => /^event 0x[0-9a-f]+ (\w+) (\d+)/.exec(r.what)!).filter((m) => Number(m[2]) >= 2 ** 32).map((m) => m[1]));
    expect([...seen].sort()).toEqual(['code', 'delta', 'flags', 'peer', 'ts']);
  });
});
