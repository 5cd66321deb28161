import { describe, expect, it } from 'vitest';
import { checkRecorderEdges, RECORDER_EDGES } from '../../../harness/properties/recorder-edges.ts';

describe('the recorder edge rows', () => {
  it('should hold, every row, and run once per process once they held', () => {
    for (const row of RECORDER_EDGES) expect(row.run(), row.what).toEqual([]);
    expect(checkRecorderEdges()).toEqual([]);
    expect(checkRecorderEdges()).toEqual([]);
  });
});
