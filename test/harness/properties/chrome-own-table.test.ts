import { describe, expect, it } from 'vitest';
import { checkChromeOwnTable } from '../../../harness/properties/chrome-own-table.ts';

describe('every field of every entry of our own Chrome file edited, through decodeChrome', () => {
  it('should read each edit as its entry-by-entry reading says, or refuse it at the entry', () => {
    expect(checkChromeOwnTable()).toEqual([]);
  });
});
