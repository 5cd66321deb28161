import { describe, expect, it } from 'vitest';
import { validateTrace } from '../../src/check/validate-trace.ts';
import { EventKind } from '../../src/model/kinds.ts';
import { Trace } from '../../src/model/trace.ts';
import { encodeWire } from '../../src/wire/encode.ts';
import { decodeWire, readWire } from '../../src/wire/reader.ts';
import { MemorySink } from '../../src/wire/sink.ts';
import { CHUNK_HEADER_BYTES, FILE_HEADER_BYTES, Record, SUSPENDED_DECLARED } from '../../src/wire/spec.ts';
import { readWireStream } from '../../src/wire/stream-reader.ts';
import { WireWriter } from '../../src/wire/writer.ts';
import { chunkLayout } from '../../harness/properties/wire-layout.ts';
import { checkpoint, chunk, define, event, file } from '../fixtures/wire-builder.ts';

describe('wire writer and reader under adversarial sizes', () => {
  it('should keep the size linear when generators are abandoned by the tens of thousands', () => {
    // Each round: a generator started and dropped (call, yield, never resumed), then 5 sync calls.
    const events = [];
    let act = 1;
    const rounds = SUSPENDED_DECLARED + 5000;
    for (let r = 0; r < rounds; r++) {
      const g = act++;
      events.push({ kind: EventKind.Call, activation: g, code: 0 }, { kind: EventKind.Yield, activation: g, code: 0 });
      for (let k = 0; k < 5; k++) {
        const f = act++;
        events.push({ kind: EventKind.Call, activation: f, code: 1 }, { kind: EventKind.Return, activation: f, code: 1 });
      }
    }
    const trace = Trace.fromEvents(events.map((e, i) => ({ ...e, seq: i, flags: 0 })), ['gen', 'f']);
    const bytes = encodeWire(trace);
    expect(bytes.length / trace.length).toBeLessThan(40);
    expect(decodeWire(bytes).length).toBe(trace.length);
    // The last chunks declare a partial open list, and a segment cut there still validates.
    const layout = chunkLayout(bytes);
    const last = layout.at(-1)!;
    const seg = readWire(bytes.subarray(layout.at(-2)!.start, last.end));
    expect(seg.checkpoint?.openPartial).toBe(true);
    expect(seg.checkpoint!.open.length).toBe(SUSPENDED_DECLARED);
    expect(validateTrace(seg.trace, { open: seg.checkpoint!.open, openPartial: true })).toEqual([]);
  });

  it('should read a sparse code table without materialising it, in every reader', async () => {
    const chunks = [chunk([...define(2 ** 20 - 1, 'far'), ...checkpoint(0, 0, 0), ...event(EventKind.Call, 1, 2 ** 20 - 1)], 1)];
    for (let i = 1; i < 400; i++) chunks.push(chunk([...checkpoint(i, 1, 1)], 0));
    const bytes = file(...chunks);
    const r = readWire(bytes);
    expect([r.chunks, r.trace.codeName(2 ** 20 - 1), r.trace.codes.filter(() => true).length]).toEqual([400, 'far', 1]);
    const it = readWireStream(pieces(bytes, 64));
    let n = 0;
    for (let x = await it.next(); !x.done; x = await it.next()) n++;
    expect(n).toBe(400);
  });

  it('should not read a checkpoint field past the end of its chunk', () => {
    // open count 1, activation varint 0x80 0x01, code 0: the state byte would be the byte after the chunk.
    const payload = [...define(0, 'f'), Record.Checkpoint, 0, 0, 0, 0, 1, 0x80, 0x01, 0];
    const bytes = new Uint8Array([...file(chunk(payload, 0)), 0x01]);
    const r = readWire(bytes);
    expect(r.chunks).toBe(0);
    expect(r.loss?.error.code).toBe('bad-record');
    expect(r.loss?.error.message).toContain('checkpoint runs past the end of its chunk');
  });

  it('should report the first fault in field order when an open entry runs past its chunk with an undefined code', () => {
    // FORMAT.md §7: fields are checked as they are read. Open count 1 (3 bytes left: within count * 3),
    // activation 133 (2 bytes), code 1 (undefined: only code 0 is defined), and no state byte: the code is
    // the first fault, at the record's type byte.
    const payload = [...define(0, 'f'), Record.Checkpoint, 0, 0, 0, 0, 1, 0x85, 0x01, 1];
    const bytes = file(chunk(payload, 0));
    const r = readWire(bytes);
    const recordAt = FILE_HEADER_BYTES + CHUNK_HEADER_BYTES + define(0, 'f').length;
    expect([r.chunks, r.loss?.error.code, r.loss?.error.byteOffset]).toEqual([0, 'undefined-code', recordAt]);
  });

  it('should report the same loss from the stream reader as from readWire', async () => {
    const events = Array.from({ length: 3000 }, (_, i) => ({ seq: i, kind: i % 2 ? EventKind.Return : EventKind.Call, activation: (i >> 1) + 1, code: 0, flags: 0 }));
    const bytes = encodeWire(Trace.fromEvents(events, ['f']), { chunkBytes: 256 });
    const damaged = bytes.slice();
    damaged[FILE_HEADER_BYTES + CHUNK_HEADER_BYTES + 400]! ^= 0xff;
    const whole = readWire(damaged);
    const it = readWireStream(pieces(damaged, 100));
    let x = await it.next();
    while (!x.done) x = await it.next();
    expect(x.value.loss).toEqual(whole.loss);
    expect(whole.loss?.lostBytes).toBe(damaged.length - whole.loss!.byteOffset);
  });

  it('should refuse flags its reader would reject', () => {
    const w = new WireWriter(new MemorySink());
    w.defineCode(0, 'f');
    expect(() => w.append(EventKind.Call, 1, 0, 2, 0)).toThrow('flags must be defined event flags (1), got 2');
  });

  it('should size its columns only from chunks that are really there', () => {
    // A file header and one chunk header announcing 4 MiB and 1.4 M events, nothing else: nothing decodes.
    const header = chunk([], 0).slice(0, CHUNK_HEADER_BYTES);
    const view = new DataView(new Uint8Array(header).buffer);
    view.setUint32(1, 4 << 20, true);
    view.setUint32(5, Math.floor((4 << 20) / 3), true);
    const bytes = new Uint8Array([...file(), ...new Uint8Array(view.buffer)]);
    const r = readWire(bytes);
    expect([r.chunks, r.trace.length, r.loss?.error.code]).toEqual([0, 0, 'truncated']);
    expect(r.trace.columns.kind.buffer.byteLength).toBeLessThan(64);
  });
});

async function* pieces(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.slice(at, at + size);
}

