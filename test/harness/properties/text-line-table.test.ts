import { describe, expect, it } from 'vitest';
import { checkTextLineTable, textLineTable } from '../../../harness/properties/text-line-table.ts';

describe('every part of the text grammar, one at a time, and every kind with every tail', () => {
  it('should list each line before and after the first event and on a stream, and every stream id', () => {
    const t = textLineTable();
    expect(t.filter((c) => c.line.t === 'event' && c.line.kind === 'wake' && c.stream === undefined)).toHaveLength(2 * 10);
    expect(new Set(t.filter((c) => c.stream !== undefined).map((c) => c.stream))).toEqual(new Set([0, 1, 2, 3, 4, 5, 6]));
  });

  it('should hold for the parsers', () => {
    expect(checkTextLineTable()).toEqual([]);
  });
});
