import { describe, expect, it } from 'vitest';
import { checkStrictDecode } from '../../../harness/properties/wire-strict-check.ts';
import { EventKind } from '../../../src/model/kinds.ts';
import { Trace } from '../../../src/model/trace.ts';
import { encodeWire } from '../../../src/wire/encode.ts';
import { readWire } from '../../../src/wire/reader.ts';

const trace = Trace.fromEvents(
  Array.from({ length: 60 }, (_, i) => ({ kind: i % 2 === 0 ? EventKind.Call : EventKind.Return, activation: Math.floor(i / 2) + 1, code: 0, flags: 0, seq: i })),
  ['f'],
);
const file = encodeWire(trace, { chunkBytes: 256 });
const flipped = file.slice();
flipped[file.length - 3]! ^= 0x10; // in the last chunk's payload: bad-crc there

describe('decodeWire against readWire', () => {
  it('should hold for a whole file, a file cut short, a flipped bit and a bad magic', () => {
    expect(readWire(flipped).loss?.error.code).toBe('bad-crc');
    for (const [what, bytes] of [['whole', file], ['cut', file.subarray(0, file.length - 5)], ['flipped', flipped], ['magic', Uint8Array.of(1, 2, 3)]] as const) {
      expect(checkStrictDecode(what, bytes)).toEqual([]);
    }
  });

  it('should catch a strict decoder that returns the valid prefix of a lossy file', () => {
    const lenient = (b: Uint8Array): Trace => readWire(b).trace;
    expect(checkStrictDecode('flipped', flipped, readWire, lenient)).toEqual([expect.stringMatching(/^flipped: decodeWire returned \d+ events, want TraceFormatError: bad-crc/)]);
    expect(checkStrictDecode('cut', file.subarray(0, file.length - 5), readWire, lenient)).toEqual([expect.stringMatching(/^cut: decodeWire returned \d+ events, want TraceFormatError: truncated/)]);
  });

  it('should catch a strict decoder that throws another error than the loss', () => {
    const wrong = (b: Uint8Array): Trace => {
      const r = readWire(b);
      if (r.loss) throw new RangeError('no');
      return r.trace;
    };
    expect(checkStrictDecode('flipped', flipped, readWire, wrong)).toEqual([expect.stringMatching(/^flipped: decodeWire threw RangeError: no, want bad-crc at byte \d+$/)]);
  });
});
