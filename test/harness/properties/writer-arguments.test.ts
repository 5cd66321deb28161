import { describe, expect, it } from 'vitest';
import { checkWriterArgument, WRITER_ARGUMENTS, type WriterArgument } from '../../../harness/properties/writer-arguments.ts';
import { EventKind } from '../../../src/model/kinds.ts';
import type { MemorySink } from '../../../src/wire/sink.ts';
import { WireWriter, type WireWriterOptions } from '../../../src/wire/writer.ts';

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
    { via: 'closed', field: 'append', value: 0, ok: false },
    { via: 'closed', field: 'appendTrace', value: 0, ok: false },
    { via: 'closed', field: 'close', value: 0, ok: true },
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

  it('should catch a closed writer that still appends, and a second close that writes another end', () => {
    class Reopening extends WireWriter {
      override append(kind: EventKind, activation: number, code: number, flags: number, seq: number, tsNs?: number, waker?: number, payload?: string): void {
        if (this.isClosed) return; // drops the event silently instead of refusing it
        super.append(kind, activation, code, flags, seq, tsNs, waker, payload);
      }
      get isClosed(): boolean {
        return this.closedOnce;
      }
      closedOnce = false;
      override close(): void {
        super.close();
        this.closedOnce = true;
      }
    }
    expect(checkWriterArgument({ via: 'closed', field: 'append', value: 0, ok: false }, (sink, o) => new Reopening(sink, o))).toEqual(['writer argument closed append 0: out of range, yet accepted (want a RangeError)']);
    class TwiceClosing extends WireWriter {
      private extra = false;
      constructor(private readonly out: MemorySink, options: WireWriterOptions) {
        super(out, options);
      }
      override close(): void {
        if (this.extra) this.out.write(Uint8Array.of(0xc5));
        this.extra = true;
        super.close();
      }
    }
    expect(checkWriterArgument({ via: 'closed', field: 'close', value: 0, ok: true }, (sink, o) => new TwiceClosing(sink, o))).toEqual([
      'writer argument closed close 0: the closed writer wrote 1 more bytes',
      expect.stringMatching(/^writer argument closed close 0: the file does not read back as its 2 events/),
    ]);
  });

  it('should list every row of the tables, each with a verdict our writer meets', () => {
    expect(WRITER_ARGUMENTS.length).toBeGreaterThan(80);
    expect(WRITER_ARGUMENTS.flatMap((a) => checkWriterArgument(a))).toEqual([]);
  });
});
