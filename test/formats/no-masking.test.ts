import { afterEach, describe, expect, it, vi } from 'vitest';
import { decodeJsonl } from '../../src/formats/jsonl.ts';
import { parseCanonical } from '../../src/formats/text.ts';
import { verifyChrome } from '../../src/formats/chrome-verify.ts';
import { TraceFormatError } from '../../src/model/errors.ts';
import { MAX_PAYLOAD_DEPTH } from '../../src/model/payload-text.ts';

const HEADER = '{"format":"trace-harness-jsonl","version":1}';
const callWith = (payload: string): string => `{"seq":0,"kind":"event","activation":0,"code":"e","flags":0,"payload":${payload}}`;
const nested = (depth: number): string => '['.repeat(depth) + ']'.repeat(depth);

function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error('no error');
}

describe('readers: bad input is typed by explicit checks, a bug is never bad input', () => {
  afterEach(() => vi.restoreAllMocks());

  it('should refuse a JSONL payload nested deeper than MAX_PAYLOAD_DEPTH as limit-exceeded, before any recursion', () => {
    // 100 000 levels: recursion over it would overflow the stack.
    const e = thrown(() => decodeJsonl(`${HEADER}\n${callWith(nested(100_000))}\n`));
    expect(e).toBeInstanceOf(TraceFormatError);
    expect((e as TraceFormatError).code).toBe('limit-exceeded');
    expect((e as TraceFormatError).message).toContain(`at most ${MAX_PAYLOAD_DEPTH} levels`);
  });

  it('should accept a payload exactly MAX_PAYLOAD_DEPTH levels deep and refuse one level more', () => {
    // 2048 levels of [] are 4096 bytes: the payload byte limit allows exactly this depth.
    expect(decodeJsonl(`${HEADER}\n${callWith(nested(MAX_PAYLOAD_DEPTH))}\n`).columns.payload?.[0]).toBe(nested(MAX_PAYLOAD_DEPTH));
    expect((thrown(() => decodeJsonl(`${HEADER}\n${callWith(nested(MAX_PAYLOAD_DEPTH + 1))}\n`)) as TraceFormatError).code).toBe('limit-exceeded');
  });

  it('should refuse a text payload nested too deep as limit-exceeded naming the depth, as JSONL does', () => {
    const e = thrown(() => parseCanonical(`event e #0 = ${nested(100_000)}\n`)) as TraceFormatError;
    expect(e).toBeInstanceOf(TraceFormatError);
    expect(e.code).toBe('limit-exceeded');
    expect(e.message).toContain(`at most ${MAX_PAYLOAD_DEPTH} levels`);
  });

  it('should let an unexpected exception inside decodeJsonl escape as itself, not as a TraceFormatError', () => {
    const bug = new TypeError('a bug in the reader');
    vi.spyOn(JSON, 'parse').mockImplementation(() => {
      throw bug;
    });
    expect(thrown(() => decodeJsonl(`${HEADER}\n`))).toBe(bug);
  });

  it('should let an unexpected exception inside parseCanonical and verifyChrome escape as itself', () => {
    const bug = new TypeError('a bug in the reader');
    vi.spyOn(JSON, 'parse').mockImplementation(() => {
      throw bug;
    });
    expect(thrown(() => parseCanonical('call "f" #1\n'))).toBe(bug);
    expect(thrown(() => verifyChrome('[{"ph":"i","name":"n"}]'))).toBe(bug);
  });
});
