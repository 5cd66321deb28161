import { describe, expect, it } from 'vitest';
import { checkJsonlFirstLines } from '../../../harness/properties/jsonl-first-lines.ts';

describe('the JSONL first-line table', () => {
  it('should hold for decodeJsonl and encodeJsonl, and run once per process once it held', () => {
    expect(checkJsonlFirstLines()).toEqual([]);
    expect(checkJsonlFirstLines()).toEqual([]);
  });
});
