import { describe, expect, it } from 'vitest';
import { formatCanonical, parseCanonical } from '../../src/formats/text.ts';
import { parseMerged } from '../../src/formats/merged-text.ts';
import { TraceFormatError } from '../../src/model/errors.ts';
import { EventFlag, EventKind } from '../../src/model/kinds.ts';
import { Trace } from '../../src/model/trace.ts';

describe('canonical text', () => {
  it('should render a trace with activations renumbered first-seen and parse back to the same events', () => {
    const trace = Trace.fromEvents(
      [
        { seq: 0, kind: EventKind.Call, activation: 40, code: 1, flags: 0 },
        { seq: 1, kind: EventKind.Yield, activation: 40, code: 1, flags: 0 },
        { seq: 2, kind: EventKind.Resume, activation: 40, code: 1, flags: EventFlag.ReturnCompletion },
        { seq: 3, kind: EventKind.Return, activation: 40, code: 1, flags: 0 },
      ],
      ['unused', 'gen'],
    );
    const text = formatCanonical(trace, new Map([['program', 'p']]));
    expect(text).toBe('# program: p\ncall gen #1\nyield gen #1\nresume gen #1 return\nreturn gen #1\n');
    const parsed = parseCanonical(text);
    expect(parsed.header.get('program')).toBe('p');
    expect(parsed.events).toEqual(trace.canonical());
  });

  it('should ignore blank lines, CRLF and comments after the header', () => {
    const parsed = parseCanonical('# expect: PASS\r\n\r\ncall f #1\r\n# note: not header\nreturn f #1\n');
    expect(parsed.events).toHaveLength(2);
    expect([...parsed.header.keys()]).toEqual(['expect']);
  });

  it('should reject malformed lines with a typed error naming the line and byte offset', () => {
    const bad = (text: string): TraceFormatError => {
      try {
        parseCanonical(text);
      } catch (e) {
        return e as TraceFormatError;
      }
      throw new Error('no error');
    };
    const e1 = bad('call f #1\nleap f #2\n');
    expect(e1).toBeInstanceOf(TraceFormatError);
    expect([e1.code, e1.line, e1.byteOffset]).toEqual(['unknown-kind', 2, 10]);
    expect(bad('call f #1 close').code).toBe('unknown-flag');
    expect(bad('call f 1').code).toBe('bad-line');
    expect(bad('call f #0').code).toBe('bad-line');
  });

  it('should give the byte offset of the offending line in UTF-8 bytes, not string positions (TraceFormatError TSDoc)', () => {
    // "call ünï #1\n" is 12 characters and 14 bytes (ü and ï take two bytes each).
    let error: unknown;
    try {
      parseCanonical('call ünï #1\nleap f #2\n');
    } catch (e) {
      error = e;
    }
    expect([(error as TraceFormatError).line, (error as TraceFormatError).byteOffset]).toEqual([2, 14]);
    try {
      parseMerged('@a call ünï #1\n@a leap f #2\n');
    } catch (e) {
      error = e;
    }
    expect([(error as TraceFormatError).line, (error as TraceFormatError).byteOffset]).toEqual([2, 17]);
  });

  it('should quote code names that are not one plain word, so any name survives the round trip', () => {
    const names = ['a b', 'a\ncall evil #9', 'x"y', '#hash', 'plain', 'ünï'];
    const trace = Trace.fromEvents(names.map((_, i) => ({ seq: i, kind: EventKind.Call, activation: i + 1, code: i, flags: 0 })), names);
    const text = formatCanonical(trace);
    expect(text.split('\n')).toHaveLength(names.length + 1); // no injected lines
    expect(text).toContain('call "a b" #1\n');
    expect(text).toContain('call plain #5\n');
    expect(parseCanonical(text).events.map((e) => e.code)).toEqual(names);
  });

  it('should refuse activation numbers a u32 cannot hold instead of wrapping them', () => {
    expect(() => parseCanonical('call f #4294967297\n')).toThrow('activation 4294967297 exceeds 2^32-1');
    expect(() => parseCanonical('wake f #1 by #4294967296\n')).toThrow(TraceFormatError);
    expect(() => Trace.fromEvents([{ seq: 0, kind: EventKind.Call, activation: 2 ** 32, code: 0, flags: 0 }], ['f'])).toThrow('want a u32');
  });

  it('should refuse a payload over 4096 bytes as limit-exceeded, as JSONL and wire do (FORMAT.md §8)', () => {
    // It was read, and convert --to wire then failed with an internal error (the writer refuses it).
    const at = (n: number): string => `event e #0 = ${JSON.stringify('é'.repeat(n))}\n`; // 2 bytes a character + 2 quotes
    expect(parseCanonical(at(2047)).events[0]!.payload).toHaveLength(2049);
    const e = (() => {
      try {
        parseCanonical(at(2048));
      } catch (error) {
        return error as TraceFormatError;
      }
      throw new Error('parseCanonical accepted the input');
    })();
    expect(e).toBeInstanceOf(TraceFormatError);
    expect([e.code, e.line]).toEqual(['limit-exceeded', 1]);
    expect(e.message).toContain('want a payload of at most 4096 bytes, got 4098');
  });

  it('should refuse a payload nested past 2048 levels as limit-exceeded, as JSONL does (its TSDoc: a payload over 4096 bytes is)', () => {
    // Such a payload is at least 4098 bytes ("[]" a level): it was refused as bad-line (found by check's text table, issue 13).
    const nested = (n: number): string => `event e #0 = ${'['.repeat(n)}${']'.repeat(n)}\n`;
    expect(parseCanonical(nested(2048)).events).toHaveLength(1);
    expect(() => parseCanonical(nested(2049))).toThrow(expect.objectContaining({ code: 'limit-exceeded', line: 1 }));
  });
});
