import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeJsonl, type DecodeJsonlOptions, encodeJsonl, MAX_JSONL_LINE_BYTES } from '../../src/formats/jsonl.ts';
import type { TraceEvent } from '../../src/model/event.ts';
import { TraceFormatError } from '../../src/model/errors.ts';
import { EventFlag, EventKind } from '../../src/model/kinds.ts';
import { Trace } from '../../src/model/trace.ts';

/** The header line: 44 bytes, so line 2 starts at byte 45. */
const HEADER = '{"format":"trace-harness-jsonl","version":1}';
const LINE2 = 45;
const CALL_MAIN = '{"seq":0,"kind":"call","activation":1,"code":"main","flags":0}';

function decodeError(text: string, options: DecodeJsonlOptions = {}): TraceFormatError {
  try {
    decodeJsonl(text, options);
  } catch (e) {
    expect(e).toBeInstanceOf(TraceFormatError);
    return e as TraceFormatError;
  }
  throw new Error('decodeJsonl accepted the input');
}

function errorOf(text: string, options: DecodeJsonlOptions = {}): [string, number | undefined, number] {
  const e = decodeError(text, options);
  return [e.code, e.line, e.byteOffset];
}

/** Random traces whose code table lists the used names in first-use order (what decode rebuilds). */
const NAME = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 6 }),
  fc.constantFrom('main', '"quoted"', 'back\\slash', '__proto__', 'constructor', 'naïve', '日本', '😀', 'a\nb', '\u2028', ''),
);
const ROW = fc.record({
  kind: fc.integer({ min: 1, max: 6 }),
  activation: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
  flags: fc.constantFrom(0, EventFlag.ReturnCompletion),
  name: fc.nat(),
  seqStep: fc.nat({ max: 1000 }),
  tsNs: fc.maxSafeNat(),
});
const TRACE = fc
  .record({ names: fc.uniqueArray(NAME, { minLength: 1, maxLength: 6 }), rows: fc.array(ROW, { maxLength: 40 }), timed: fc.boolean(), seq0: fc.maxSafeNat() })
  .map(({ names, rows, timed, seq0 }) => {
    const codes: string[] = [];
    let seq = seq0 % 2 ** 40;
    const events: TraceEvent[] = rows.map((r) => {
      const name = names[r.name % names.length]!;
      if (!codes.includes(name)) codes.push(name);
      seq += r.seqStep;
      const e = { seq, kind: r.kind as EventKind, activation: r.activation, code: codes.indexOf(name), flags: r.flags };
      return timed ? { ...e, tsNs: r.tsNs } : e;
    });
    return Trace.fromEvents(events, codes);
  });

describe('jsonl', () => {
  it('should encode a header, then one event a line with keys in order and tsNs last', () => {
    const trace = Trace.fromEvents(
      [
        { seq: 0, kind: EventKind.Call, activation: 1, code: 0, flags: 0, tsNs: 100 },
        { seq: 1, kind: EventKind.Resume, activation: 7, code: 1, flags: EventFlag.ReturnCompletion, tsNs: 250 },
      ],
      ['main', 'say "hi"'],
    );
    expect(encodeJsonl(trace)).toBe(
      `${HEADER}\n` +
        '{"seq":0,"kind":"call","activation":1,"code":"main","flags":0,"tsNs":100}\n' +
        '{"seq":1,"kind":"resume","activation":7,"code":"say \\"hi\\"","flags":1,"tsNs":250}\n',
    );
    expect(encodeJsonl(Trace.fromEvents([], []))).toBe(`${HEADER}\n`);
  });

  it('should decode names into code ids assigned first-seen, accepting CRLF and no final newline', () => {
    const text = `${HEADER}\r\n{"seq":5,"kind":"call","activation":3,"code":"g","flags":0}\r\n{"flags":0,"code":"f","activation":4,"kind":"call","seq":6}\r\n{"seq":7,"kind":"return","activation":4,"code":"f","flags":0}`;
    const trace = decodeJsonl(text);
    expect(trace.codes).toEqual(['g', 'f']);
    expect(trace.columns.tsNs).toBeUndefined();
    expect(trace.events()).toEqual([
      { seq: 5, kind: EventKind.Call, activation: 3, code: 0, flags: 0 },
      { seq: 6, kind: EventKind.Call, activation: 4, code: 1, flags: 0 },
      { seq: 7, kind: EventKind.Return, activation: 4, code: 1, flags: 0 },
    ]);
  });

  it('should round trip random traces: decode(encode(t)) equals t', () => {
    fc.assert(
      fc.property(TRACE, (t) => {
        const back = decodeJsonl(encodeJsonl(t));
        expect(back.events()).toEqual(t.events());
        expect(back.codes).toEqual(t.codes);
        expect(back.columns.tsNs === undefined).toBe(t.columns.tsNs === undefined);
      }),
    );
  });

  it('should round trip random encoded text: encode(decode(s)) === s', () => {
    fc.assert(
      fc.property(TRACE, (t) => {
        const s = encodeJsonl(t);
        expect(encodeJsonl(decodeJsonl(s))).toBe(s);
      }),
    );
  });

  it('should show a refused header line on one line: a CR before the line end, and control characters inside, escaped (the detail is one line: TraceFormatError)', () => {
    const message = (text: string): string => {
      try {
        decodeJsonl(text);
      } catch (e) {
        return (e as Error).message;
      }
      return 'read';
    };
    expect(message('{"format":"other","version":1}\r\n')).toBe('line 1: want {"format":"trace-harness-jsonl","version":1}, got {"format":"other","version":1}');
    expect(message('{"format":\r"other",\t"version":1}\n')).toBe('line 1: want {"format":"trace-harness-jsonl","version":1}, got {"format":\\r"other",\\t"version":1}');
  });

  it('should reject a missing or malformed header with bad-header on line 1', () => {
    expect(errorOf('')).toEqual(['bad-header', 1, 0]);
    expect(errorOf(`\n${HEADER}\n`)).toEqual(['bad-header', 1, 0]);
    expect(errorOf(`${CALL_MAIN}\n`)).toEqual(['bad-header', 1, 0]);
    expect(errorOf('{"format":"other","version":1}\n')).toEqual(['bad-header', 1, 0]);
    expect(errorOf('{"format":"trace-harness-jsonl","version":1,"extra":true}\n')).toEqual(['bad-header', 1, 0]);
  });

  it('should reject another version with unsupported-version', () => {
    const e = decodeError('{"format":"trace-harness-jsonl","version":2}\n');
    expect([e.code, e.line, e.byteOffset]).toEqual(['unsupported-version', 1, 0]);
    expect(e.message).toContain('want version 1, got 2');
  });

  it('should report bad-json with the line and the utf-8 byte offset of its first byte', () => {
    // Line 2 is CALL_MAIN (62 bytes) with "main" (4 bytes) replaced by "日本" (2 UTF-16 units, 6 bytes): 64 bytes,
    // so line 3 starts at byte 45 + 65 = 110 (a char index would say 106).
    const line2 = '{"seq":0,"kind":"call","activation":1,"code":"日本","flags":0}';
    expect(errorOf(`${HEADER}\n${line2}\n{"seq":1,\n`)).toEqual(['bad-json', 3, 110]);
    expect(errorOf(`${HEADER}\n\n${CALL_MAIN}\n`)).toEqual(['bad-json', 2, LINE2]);
  });

  it('should reject events that break the schema with bad-event', () => {
    const cases = [
      '{"seq":0,"kind":"call","activation":1,"code":"main"}',
      '{"seq":0,"kind":"call","activation":1,"code":"main","flags":0,"extra":1}',
      '{"seq":-1,"kind":"call","activation":1,"code":"main","flags":0}',
      '{"seq":0.5,"kind":"call","activation":1,"code":"main","flags":0}',
      '{"seq":9007199254740992,"kind":"call","activation":1,"code":"main","flags":0}',
      '{"seq":0,"kind":"call","activation":4294967296,"code":"main","flags":0}',
      '{"seq":0,"kind":"call","activation":1,"code":7,"flags":0}',
      '{"seq":0,"kind":"call","activation":1,"code":"main","flags":0,"tsNs":-5}',
      '[0,"call",1,"main",0]',
      'null',
    ];
    for (const line of cases) expect(errorOf(`${HEADER}\n${line}\n`), line).toEqual(['bad-event', 2, LINE2]);
  });

  it('should reject tsNs on some events only, at the first line that differs', () => {
    const timed = '{"seq":1,"kind":"return","activation":1,"code":"main","flags":0,"tsNs":9}';
    // Line 3 starts after the 62-byte line 2 and its newline: 45 + 63 = 108.
    expect(errorOf(`${HEADER}\n${CALL_MAIN}\n${timed}\n`)).toEqual(['bad-event', 3, 108]);
  });

  it('should reject an unknown kind name and unknown flag bits with their own codes', () => {
    expect(errorOf(`${HEADER}\n${CALL_MAIN.replace('"call"', '"leap"')}\n`)).toEqual(['unknown-kind', 2, LINE2]);
    expect(errorOf(`${HEADER}\n${CALL_MAIN.replace('"flags":0', '"flags":2')}\n`)).toEqual(['unknown-flag', 2, LINE2]);
    expect(errorOf(`${HEADER}\n${CALL_MAIN.replace('"flags":0', '"flags":4294967296')}\n`)).toEqual(['unknown-flag', 2, LINE2]);
  });

  it('should reject a line over 1 MiB with limit-exceeded before parsing it', () => {
    const long = '{' + ' '.repeat(MAX_JSONL_LINE_BYTES); // 1 MiB + 1 bytes, and not JSON
    expect(errorOf(`${HEADER}\n${long}\n`)).toEqual(['limit-exceeded', 2, LINE2]);
    // 2-byte characters: 2^19 + 1 of them are 1 MiB + 2 bytes though only 2^19 + 1 UTF-16 units.
    const wide = CALL_MAIN.replace('"main"', `"${'é'.repeat(2 ** 19 + 1)}"`);
    expect(errorOf(`${HEADER}\n${wide}\n`)).toEqual(['limit-exceeded', 2, LINE2]);
  });

  it('should reject __proto__ keys without polluting Object.prototype', () => {
    const proto = CALL_MAIN.replace('}', ',"__proto__":{"polluted":true}}');
    expect(errorOf(`${HEADER}\n${proto}\n`)).toEqual(['bad-event', 2, LINE2]);
    expect(errorOf('{"format":"trace-harness-jsonl","version":1,"__proto__":{"polluted":true}}\n')).toEqual(['bad-header', 1, 0]);
    expect(Object.hasOwn(Object.prototype, 'polluted')).toBe(false);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('should keep a function named __proto__ as an ordinary code name', () => {
    const trace = decodeJsonl(`${HEADER}\n${CALL_MAIN.replace('"main"', '"__proto__"')}\n`);
    expect(trace.codes).toEqual(['__proto__']);
    expect(trace.codeName(trace.at(0).code)).toBe('__proto__');
  });

  it('should throw only TraceFormatError on arbitrary or mutated input', () => {
    const valid = `${HEADER}\n${CALL_MAIN}\n`;
    const input = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.tuple(fc.nat({ max: valid.length }), fc.string({ maxLength: 4 })).map(([at, s]) => valid.slice(0, at) + s + valid.slice(at + 1)),
    );
    fc.assert(
      fc.property(input, (text) => {
        try {
          decodeJsonl(text);
        } catch (e) {
          expect(e).toBeInstanceOf(TraceFormatError);
        }
      }),
    );
  });
});

describe('jsonl without the header line (requireHeader: false)', () => {
  const HEADERLESS = { requireHeader: false } as const;
  const RETURN_MAIN = '{"seq":1,"kind":"return","activation":1,"code":"main","flags":0}';

  it('should decode events from line 1, and still read our header when it is there', () => {
    const t = decodeJsonl(`${CALL_MAIN}\r\n${RETURN_MAIN}\n`, HEADERLESS);
    expect([t.length, t.codes, t.at(1).kind]).toEqual([2, ['main'], EventKind.Return]);
    const withHeader = decodeJsonl(`${HEADER}\n${CALL_MAIN}\n${RETURN_MAIN}\n`, HEADERLESS);
    expect(encodeJsonl(withHeader)).toBe(encodeJsonl(t));
  });

  it('should read empty input as an empty trace', () => {
    expect(decodeJsonl('', HEADERLESS).length).toBe(0);
  });

  it('should keep requiring the header by default', () => {
    expect(errorOf(`${CALL_MAIN}\n`)).toEqual(['bad-header', 1, 0]);
  });

  it('should hold a first line with a format key to the header rules', () => {
    expect(errorOf('{"format":"trace-harness-jsonl","version":2}\n', HEADERLESS)).toEqual(['unsupported-version', 1, 0]);
    expect(errorOf('{"format":"other","version":1}\n', HEADERLESS)).toEqual(['bad-header', 1, 0]);
  });

  it('should keep every bound and schema rule, counting lines and bytes from the first event', () => {
    // CALL_MAIN is 62 bytes: line 2 starts at byte 63.
    expect(errorOf(`${CALL_MAIN.replace('"call"', '"leap"')}\n`, HEADERLESS)).toEqual(['unknown-kind', 1, 0]);
    expect(errorOf(`${CALL_MAIN}\n{"seq":1,"kind":"return","activation":1,"code":"main"}\n`, HEADERLESS)).toEqual(['bad-event', 2, 63]);
    expect(errorOf(`{"seq":0,"kind":"call","activation":1,"code":"main","flags":0,"extra":1}\n`, HEADERLESS)).toEqual(['bad-event', 1, 0]);
    expect(errorOf(`{"seq":0,\n`, HEADERLESS)).toEqual(['bad-json', 1, 0]);
    expect(errorOf(`{${' '.repeat(MAX_JSONL_LINE_BYTES)}\n`, HEADERLESS)).toEqual(['limit-exceeded', 1, 0]);
    const e = decodeError(`${CALL_MAIN}\n${RETURN_MAIN.replace('}', ',"tsNs":9}')}\n`, HEADERLESS);
    expect([e.code, e.line, e.byteOffset]).toEqual(['bad-event', 2, 63]);
    expect(e.message).toBe('line 2: want tsNs on every event or none, got tsNs after line 1 had none');
  });

  it('should reject a requireHeader that is not a boolean with a TypeError', () => {
    expect(() => decodeJsonl('', { requireHeader: 'no' as never })).toThrow('decodeJsonl: options.requireHeader must be a boolean, got string');
  });
});
