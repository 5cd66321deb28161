import { describe, expect, it } from 'vitest';
import { checkWireEdgeTable } from '../../../harness/properties/wire-edge-table.ts';

describe('the wire edge table', () => {
  it('should hold for our writer and readers, and not run twice once it held', () => {
    expect(checkWireEdgeTable()).toEqual([]);
    expect(checkWireEdgeTable()).toEqual([]);
  });
});
