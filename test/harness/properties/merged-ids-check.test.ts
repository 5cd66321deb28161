import { describe, expect, it } from 'vitest';
import { checkMergedIds } from '../../../harness/properties/merged-ids-check.ts';

describe('stream ids at the edges of the merged text rule', () => {
  it('should write each id bare or quoted as formatMerged says and read it back', () => {
    expect(checkMergedIds()).toEqual([]);
  });
});
