import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkTextLine, lineText, lineVerdict, mergedVerdict, type TextLineCase, textLineCaseArbitrary } from '../../../harness/properties/text-line-edits.ts';

const ev = (kind: string, code: number, act: number, tail: number, payload: number, before = false): TextLineCase => ({ line: { t: 'event', kind, code, act, tail, payload }, before });

describe('canonical text lines at the edges of the grammar (issue 13 part 5)', () => {
  it('should build lines from their parts', () => {
    expect(lineText(ev('wake', 2, 1, 3, 1).line)).toBe('wake "x y" #1 by ? = 1');
    expect(lineText({ t: 'stream', word: 'recovery from', value: '?' })).toBe('recovery from ?');
  });

  it('should expect the grammar verdicts derived by hand', () => {
    // `call f #1 extra`: four words, the last no flag.
    expect(lineVerdict(ev('call', 0, 1, 8, 0))).toEqual({ error: 'unknown-flag', says: ['extra'] });
    // `abandoned f #1 return`: only frame events carry flags.
    expect(lineVerdict(ev('abandoned', 0, 1, 1, 0))).toEqual({ error: 'unknown-flag', says: ['return'] });
    // `pending f #1 by #2`: "by" checked before "on"; `wake f #1`: a wake without its waker.
    expect(lineVerdict(ev('pending', 0, 1, 2, 0))).toEqual({ error: 'bad-line', says: ['"by" belongs to wake events only'] });
    expect(lineVerdict(ev('wake', 0, 1, 0, 0))).toEqual({ error: 'bad-line', says: ['a wake needs "by'] });
    // `event f #0 = 1`: activation 0 is a user event's when none ran.
    expect(lineVerdict(ev('event', 0, 0, 0, 1))).toEqual({ event: '14 0 "f" 0 - 1' });
    expect(lineVerdict({ line: { t: 'stream', word: 'dropped', value: '007' }, before: false })).toEqual({ event: '9 0 "" 0 7 -' });
    expect(lineVerdict({ line: { t: 'open', code: 0, act: 0, state: 'running' }, before: false })).toEqual({ error: 'bad-line', says: ['before the first event'] });
  });

  it('should find the byte offset of a line after two-byte characters in bytes', () => {
    // Line 3, after "# program: x\ncall "ünï ü" #1\n": 13 + 18 bytes.
    expect(checkTextLine(ev('leap', 0, 1, 0, 0))).toEqual([]);
  });

  it('should agree with parseCanonical on random lines', () => {
    expect(fc.sample(textLineCaseArbitrary(), { numRuns: 3000, seed: 5 }).flatMap(checkTextLine)).toEqual([]);
  });

  it('should expect merged lines judged by their stream id first, then as one event alone', () => {
    expect(mergedVerdict({ ...ev('call', 0, 1, 0, 0), stream: 1 })).toEqual({ event: '1 1 "f" 0 - -' });
    expect(mergedVerdict({ ...ev('leap', 0, 1, 0, 0), stream: 5 })).toEqual({ error: 'bad-line', says: ['@<stream>'] });
    expect(mergedVerdict({ line: { t: 'open', code: 0, act: 0, state: 'running' }, before: false, stream: 0 })).toEqual({ error: 'bad-line', says: ['one event'] });
    expect(checkTextLine({ ...ev('wake', 2, 1, 3, 1), stream: 1 })).toEqual([]);
  });
});
