import { describe, expect, it } from 'vitest';
import { checkManyCodes } from '../../../harness/properties/wire-many-codes.ts';

describe('wire files of more code ids than the code tables start with', () => {
  it('should read back traces of 300 code ids, rising and falling, in one chunk and in many', () => {
    expect(checkManyCodes()).toEqual([]);
  });
});
