import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkBadEntries, checkBigWildChrome, checkWildChrome, judgeReport, wildChromeArbitrary, writeWild } from '../../../harness/properties/chrome-verify-check.ts';
import { modelVerifyChrome } from '../../../harness/model/model-chrome-verify.ts';
import { verifyChrome } from '../../../src/formats/chrome-verify.ts';

const file = [
  { ph: 'B', name: 'f', pid: 1, tid: 2, ts: 0 },
  { ph: 'E', name: 'g', pid: 1, tid: 2, ts: 1 },
];

describe('Chrome files of any tool through verifyChrome, against the model of its rules', () => {
  it('should hold on random files, in each of the verifier\'s ways of reading, and on the file of two pieces', () => {
    expect(checkBigWildChrome()).toEqual([]);
    expect(checkBadEntries()).toEqual([]);
    expect(fc.sample(wildChromeArbitrary(), { numRuns: 400, seed: 7 }).flatMap((c) => checkWildChrome(c))).toEqual([]);
  });

  it('should fail a report that misses a violation, adds one, misnames it or gets the counts wrong', () => {
    const text = JSON.stringify(file);
    const want = modelVerifyChrome(file);
    const good = verifyChrome(text);
    expect(judgeReport('v', () => good, want, false, text)).toEqual([]);
    const v = good.violations[0]!;
    expect(judgeReport('v', () => ({ ...good, violations: [] }), want, false, text)).toEqual([expect.stringContaining('missing chrome/end-name-mismatch at 1 #2')]);
    expect(judgeReport('v', () => ({ ...good, violations: [v, { ...v, eventIndex: 0 }] }), want, false, text)).toEqual([
      expect.stringContaining('not ordered by eventIndex'),
      expect.stringContaining('chrome/end-name-mismatch at 0 #2'),
    ]);
    const renamed = { ...v, found: 'e "h" at ts 1', message: 'want e "f" (top open slice) on pid 1 tid 2, got e "h" at ts 1' };
    expect(judgeReport('v', () => ({ ...good, violations: [renamed] }), want, false, text)).toEqual([expect.stringContaining('does not name ["e \\"g\\" at ts 1"]'), expect.stringContaining('missing')]);
    expect(judgeReport('v', () => ({ ...good, threads: 2 }), want, false, text)).toEqual([expect.stringContaining('threads 2')]);
    expect(judgeReport('v', () => good, want, true, text)).toEqual([expect.stringContaining('incomplete false')]);
  });

  it('should write each form of the file', () => {
    const c = { entries: file, otherData: 1, bom: false, pieces: [], replayPieces: [], badMax: 0 };
    // After the list, a member holding event-shaped values as deep as its entries (no entries of it).
    const meta = { a: { ph: 'B', name: 'm', pid: 1, tid: 1, ts: 0 }, b: [{ ph: 'E', pid: 1, tid: 1, ts: 1 }] };
    expect(JSON.parse(writeWild({ ...c, form: 'object' }))).toEqual({ traceEvents: file, otherData: { generator: 'trace-harness', incomplete: true }, meta, displayTimeUnit: 'ns' });
    expect(verifyChrome(writeWild({ ...c, form: 'object' })).events).toBe(file.length);
    expect(writeWild({ ...c, form: 'open-array' }).endsWith(',\n')).toBe(true);
    expect(verifyChrome(writeWild({ ...c, form: 'object-other-first' })).incomplete).toBe(true);
  });
});
