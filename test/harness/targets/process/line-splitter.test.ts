import { describe, expect, it } from 'vitest';
import { type LineEvent, LineSplitter } from '../../../../harness/targets/process/line-splitter.ts';

const bytes = (s: string) => new TextEncoder().encode(s);

function split(maxBytes: number, chunks: string[]): (string | undefined)[] {
  const out: (string | undefined)[] = [];
  const s = new LineSplitter(maxBytes, (e: LineEvent) => out.push(e.kind === 'line' ? e.text : `overlong ${new TextDecoder().decode(e.bytes)}`));
  for (const c of chunks) s.push(bytes(c));
  return out;
}

describe('LineSplitter', () => {
  it('should join a line cut across chunks and drop a \\r before the newline', () => {
    expect(split(100, ['{"a"', ':1}\r', '\n{"b":2}\n{"c"'])).toEqual(['{"a":1}', '{"b":2}']);
  });

  it('should accept a line of exactly the bound and refuse one byte more, then emit nothing', () => {
    expect(split(4, ['abcd\n', 'ab', 'cde', '\nx\n'])).toEqual(['abcd', 'overlong abcde']);
  });

  it('should refuse an overlong line before its newline arrives', () => {
    expect(split(4, ['abcdefgh'])).toEqual(['overlong abcdefgh']);
  });

  it('should mark a line that is not UTF-8 with undefined text', () => {
    const out: LineEvent[] = [];
    new LineSplitter(10, (e) => out.push(e)).push(new Uint8Array([0xff, 0x41, 0x0a]));
    expect(out).toEqual([{ kind: 'line', bytes: new Uint8Array([0xff, 0x41]), text: undefined }]);
  });

  it('should give the partial line', () => {
    const s = new LineSplitter(10, () => {});
    s.push(bytes('ab'));
    s.push(bytes('c'));
    expect(new TextDecoder().decode(s.partial())).toBe('abc');
  });
});
