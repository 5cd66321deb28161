import { describe, expect, it } from 'vitest';
import type { Program } from '../../../harness/program/ast.ts';
import { minimizeProgram } from '../../../harness/program/minimize.ts';
import { modelTrace } from '../../../harness/model/model.ts';

describe('minimizeProgram', () => {
  it('should lift, drop and prune until only what the failure needs is left', async () => {
    const big: Program = {
      functions: [
        {
          name: 'main',
          kind: 'sync',
          body: [
            { op: 'call', fn: 'noise' },
            { op: 'try', body: [], finally: [{ op: 'for-of', fn: 'g', body: [{ op: 'call', fn: 'noise' }], breakAfter: 2 }] },
          ],
        },
        { name: 'noise', kind: 'sync', body: [] },
        { name: 'g', kind: 'generator', body: [{ op: 'yield' }, { op: 'yield' }] },
      ],
    };
    const fails = (p: Program): boolean => JSON.stringify(p).includes('"op":"for-of"');
    expect(await minimizeProgram(big, fails)).toEqual({
      functions: [
        { name: 'main', kind: 'sync', body: [{ op: 'for-of', fn: 'g', body: [] }] },
        { name: 'g', kind: 'generator', body: [] },
      ],
    });
  });

  it('should return the input when nothing smaller fails, and respect its budget', async () => {
    const p: Program = { functions: [{ name: 'main', kind: 'sync', body: [{ op: 'return' }] }] };
    expect(await minimizeProgram(p, () => false)).toBe(p);
    let calls = 0;
    await minimizeProgram(p, () => (calls++, true), 1);
    expect(calls).toBe(1);
  });
});

describe('minimizeProgram inlining', () => {
  it('should inline a sync call whose body has no return', async () => {
    const p: Program = {
      functions: [
        { name: 'main', kind: 'sync', body: [{ op: 'call', fn: 'a' }] },
        { name: 'a', kind: 'sync', body: [{ op: 'throw', tag: 'X' }] },
      ],
    };
    const fails = (q: Program): boolean => modelTrace(q).outcome.kind === 'throw';
    expect((await minimizeProgram(p, fails)).functions).toEqual([{ name: 'main', kind: 'sync', body: [{ op: 'throw', tag: 'X' }] }]);
  });

  it('should not inline a call whose body returns (the return would leave the caller)', async () => {
    const p: Program = {
      functions: [
        { name: 'main', kind: 'sync', body: [{ op: 'call', fn: 'b' }] },
        { name: 'b', kind: 'sync', body: [{ op: 'return' }] },
      ],
    };
    // Only inlining b into main could satisfy this.
    const fails = (q: Program): boolean => q.functions[0]!.body.some((s) => s.op === 'return');
    expect(await minimizeProgram(p, fails)).toBe(p);
  });
});
