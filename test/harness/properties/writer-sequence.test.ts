import { describe, expect, it } from 'vitest';
import { checkWriterSequence } from '../../../harness/properties/writer-sequence.ts';

describe('the wire writer across calls', () => {
  it('should hold our writer: a second trace\'s open declaration not taken, a continued stream declared as it stood', () => {
    expect(checkWriterSequence()).toEqual([]);
  });
});
