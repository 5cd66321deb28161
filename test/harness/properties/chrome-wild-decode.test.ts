import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { wildChromeArbitrary } from '../../../harness/properties/chrome-verify-check.ts';
import { checkWildDecode } from '../../../harness/properties/chrome-wild-decode.ts';

describe('Chrome files of any tool through decodeChrome, thread by thread, against the model of its mapping', () => {
  it('should hold on random files', () => {
    expect(fc.sample(wildChromeArbitrary(), { numRuns: 400, seed: 11 }).flatMap(checkWildDecode)).toEqual([]);
  });

  it('should agree with decodeChrome on a negative ts and a name holding a lone surrogate (both refused at their event)', () => {
    const base = { form: 'array' as const, otherData: 0, bom: false, pieces: [], replayPieces: [], badMax: 0 };
    expect(checkWildDecode({ ...base, entries: [{ ph: 'B', name: 'f', pid: 1, tid: 1, ts: -1 }] })).toEqual([]);
    expect(checkWildDecode({ ...base, entries: [{ ph: 'i', name: '\ud800', pid: 1, tid: 1, ts: 0 }] })).toEqual([]);
  });
});
