import { describe, expect, it } from 'vitest';
import { MemorySink } from '../../src/wire/sink.ts';
import { WireWriter } from '../../src/wire/writer.ts';

const from = (codes: readonly (string | undefined)[], open: { activation: number; code: number; state: 'running' | 'suspended' }[]) => ({ chunks: 1, events: 3, nextSeq: 3, codes, open });

describe('WireWriter continueFrom: the code table and open set it is given', () => {
  it('should refuse an open activation whose code the table does not name, with a RangeError, writing nothing', () => {
    for (const codes of [[], [undefined, 'g'], ['f']]) {
      const sink = new MemorySink();
      const code = codes.length === 1 ? 1 : 0;
      expect(() => new WireWriter(sink, { continueFrom: from(codes, [{ activation: 4, code, state: 'suspended' }]) })).toThrow(
        new RangeError(`WireWriter: continueFrom.open declares activation #4 of code ${code}, which continueFrom.codes does not name`),
      );
      expect(sink.bytes().length).toBe(0);
    }
  });

  it('should skip a hole or an undefined entry of the code table', () => {
    for (const codes of [[undefined, 'g'], [, 'g']]) {
      const sink = new MemorySink();
      const w = new WireWriter(sink, { continueFrom: from(codes, [{ activation: 4, code: 1, state: 'running' }]) });
      w.append(2, 4, 1, 0, 3); // return g #4, seq 3
      w.close();
      expect(sink.bytes().length).toBeGreaterThan(0);
    }
  });
});
