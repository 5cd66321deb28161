import { describe, expect, it } from 'vitest';
import { checkWriterArgument, type WriterArgument } from '../../../harness/properties/writer-arguments.ts';
import { EventKind } from '../../../src/model/kinds.ts';
import { WireWriter } from '../../../src/wire/writer.ts';

/** A writer that wraps an activation past 2^32 - 1 instead of refusing it (the bug the check is for). */
class WrappingWriter extends WireWriter {
  override append(kind: EventKind, activation: number, code: number, flags: number, seq: number, tsNs?: number, waker?: number, payload?: string): void {
    super.append(kind, activation >>> 0, code, flags, seq, tsNs, waker, payload);
  }
}
/** A writer that refuses a bad seq without saying which field is wrong. */
class MuteWriter extends WireWriter {
  override append(kind: EventKind, activation: number, code: number, flags: number, seq: number, tsNs?: number, waker?: number, payload?: string): void {
    if (seq < 0) throw new RangeError('bad input');
    super.append(kind, activation, code, flags, seq, tsNs, waker, payload);
  }
}

describe('the writer API at the edges of its ranges', () => {
  it.each<WriterArgument>([
    { via: 'append', field: 'activation', value: 2 ** 32, ok: false },
    { via: 'append', field: 'activation', value: 2 ** 32 - 1, ok: true },
    { via: 'appendTrace', field: 'kind', value: 15, ok: false },
    { via: 'appendTrace', field: 'seq', value: -1, ok: false },
    { via: 'append', field: 'payload', value: `"${'x'.repeat(4094)}"`, ok: true },
    { via: 'append', field: 'payload', value: `"${'x'.repeat(4095)}"`, ok: false },
    { via: 'options', field: 'chunkBytes', value: 255, ok: false },
    { via: 'defineCode', field: 'name', value: 'a\ud800b', ok: false },
    { via: 'defineCode', field: 'name', value: 'f', ok: true },
  ])('should hold our writer to the table: $via $field', (a) => {
    expect(checkWriterArgument(a)).toEqual([]);
  });

  it('should catch a writer that wraps an out-of-range activation instead of refusing it', () => {
    const a: WriterArgument = { via: 'append', field: 'activation', value: 2 ** 32, ok: false };
    expect(checkWriterArgument(a, (sink, o) => new WrappingWriter(sink, o))).toEqual(['writer argument append activation 4294967296: out of range, yet accepted (want a RangeError)']);
  });

  it('should catch a RangeError that does not name the method and the field', () => {
    const a: WriterArgument = { via: 'append', field: 'seq', value: -1, ok: false };
    expect(checkWriterArgument(a, (sink, o) => new MuteWriter(sink, o))).toEqual(['writer argument append seq -1: the RangeError does not say "WireWriter.append", "seq": bad input']);
  });

  it('should catch an accepted value that reads back changed', () => {
    const a: WriterArgument = { via: 'append', field: 'activation', value: 2 ** 32 - 1, ok: true };
    class Off extends WireWriter {
      override append(kind: EventKind, activation: number, code: number, flags: number, seq: number, tsNs?: number, waker?: number, payload?: string): void {
        super.append(kind, activation === 2 ** 32 - 1 ? 7 : activation, code, flags, seq, tsNs, waker, payload);
      }
    }
    expect(checkWriterArgument(a, (sink, o) => new Off(sink, o))).toEqual(['writer argument append activation 4294967295: read back as 7']);
  });
});
