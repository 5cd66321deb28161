import { describe, expect, it } from 'vitest';
import { checkChromeByteTable, illFormedAt } from '../../../harness/properties/chrome-byte-table.ts';

describe('every byte where one byte decides the JSON grammar, through the Chrome scanner', () => {
  it('should place the first ill-formed UTF-8 sequence as RFC 3629 §4 does', () => {
    expect(illFormedAt([0xc2, 0x80])).toBe(-1);
    expect(illFormedAt([0x80])).toBe(0);
    expect(illFormedAt([0xe0, 0xa0, 0x80, 0x80])).toBe(3); // a whole sequence, then a stray continuation
    expect(illFormedAt([0xe0, 0x80, 0x80])).toBe(0); // overlong
    expect(illFormedAt([0xed, 0xa0, 0x80])).toBe(0); // a surrogate
    expect(illFormedAt([0xf4, 0x90, 0x80, 0x80])).toBe(0); // past U+10FFFF
    expect(illFormedAt([0x41, 0xf0, 0x90, 0x80])).toBe(1); // cut short
  });

  it('should hold for every template and sequence', () => {
    expect(checkChromeByteTable()).toEqual([]);
  });
});
