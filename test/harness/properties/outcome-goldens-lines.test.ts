import { describe, expect, it } from 'vitest';
import { checkGoldenOutcome, checkGoldenOutcomes, type GoldenOutcome } from '../../../harness/properties/golden-outcome.ts';
import { lineGoldenOutcomes } from '../../../harness/properties/outcome-goldens-lines.ts';

describe('the line formats\' outcomes written out whole', () => {
  it('should hold on every row', async () => {
    expect(await checkGoldenOutcomes(lineGoldenOutcomes())).toEqual([]);
  });

  it('should report a refusal whose message, code, line or offset differs, and one that reads', async () => {
    const row = lineGoldenOutcomes().find((r) => r.what === 'jsonl wake without waker')!;
    if (!('throws' in row)) throw new Error('a refusal row');
    const wrong = (throws: Partial<typeof row.throws>): GoldenOutcome => ({ ...row, throws: { ...row.throws, ...throws } });
    expect(await checkGoldenOutcome(wrong({ message: 'line 2: want waker on wake events only' }))).toEqual([
      'jsonl wake without waker: message "line 2: want waker on a wake event", want "line 2: want waker on wake events only"',
    ]);
    expect(await checkGoldenOutcome(wrong({ code: 'bad-line' }))).toEqual(['jsonl wake without waker: code bad-event, want bad-line']);
    expect(await checkGoldenOutcome(wrong({ line: 3 }))).toEqual(['jsonl wake without waker: line 2, want 3']);
    expect(await checkGoldenOutcome(wrong({ byteOffset: 0 }))).toEqual(['jsonl wake without waker: byteOffset 45, want 0']);
    expect(await checkGoldenOutcome(wrong({ name: 'RangeError' }))).toEqual(['jsonl wake without waker: threw TraceFormatError "line 2: want waker on a wake event", want a RangeError']);
    expect(await checkGoldenOutcome({ what: 'reads', run: () => 1, throws: { name: 'RangeError' } })).toEqual(['reads: gave 1, want RangeError ']);
  });

  it('should report a value that differs, and a throw where a value was wanted', async () => {
    expect(await checkGoldenOutcome({ what: 'v', run: () => ({ a: 1 }), gives: { a: 2 } })).toEqual(['v: gave {"a":1}, want {"a":2}']);
    expect(await checkGoldenOutcome({ what: 'v', run: () => { throw new TypeError('t'); }, gives: 1 })).toEqual(['v: threw TypeError "t", want 1']);
  });
});
