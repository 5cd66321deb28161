import { describe, expect, it } from 'vitest';
import { checkWriterCapacity } from '../../../harness/properties/writer-capacity.ts';

describe('the wire writer past the sizes random traces reach', () => {
  it('should hold our writer: buffers grow, 32768 suspended declared with partial, 65536 open at most', () => {
    expect(checkWriterCapacity()).toEqual([]);
  });
});
