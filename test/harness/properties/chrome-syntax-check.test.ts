import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applySyntaxEdit, checkChromeSyntax, chromeSyntaxEditArbitrary, isChromeJson } from '../../../harness/properties/chrome-syntax-check.ts';
import { encodeChrome } from '../../../src/formats/chrome.ts';
import { EventKind } from '../../../src/model/kinds.ts';
import { Trace } from '../../../src/model/trace.ts';

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);
const file = bytes(encodeChrome(Trace.fromEvents([{ seq: 0, kind: EventKind.Call, activation: 1, code: 0, flags: 0 }, { seq: 1, kind: EventKind.Return, activation: 1, code: 0, flags: 0 }], ['ünï'])));

describe('byte edits of Chrome JSON judged by the JSON grammar (JSON.parse), fed whole and in pieces', () => {
  it('should take a bare array cut off while written as JSON, an object cut off as none', () => {
    expect(isChromeJson(bytes('[{"ph":"B"},'))).toBe(true);
    expect(isChromeJson(bytes('[{"ph":"B"}'))).toBe(true);
    expect(isChromeJson(bytes('[{"ph":"B"},]'))).toBe(false);
    // A comma right after the opening bracket follows no entry: no prefix of any JSON text (CI seed 1766135373).
    expect(isChromeJson(bytes('[,'))).toBe(false);
    expect(isChromeJson(bytes('[ ,\n'))).toBe(false);
    expect(isChromeJson(bytes('{"traceEvents":[]'))).toBe(false);
    expect(isChromeJson(Uint8Array.of(0x5b, 0x22, 0xc3, 0x22, 0x5d))).toBe(false);
  });

  it('should edit at the fraction of the file', () => {
    expect(new TextDecoder().decode(applySyntaxEdit(bytes('[1,2]'), { op: 'insert', at: 0.5, byte: 0x2c, pieces: [] }).bytes)).toBe('[1,,2]');
    expect(applySyntaxEdit(bytes('[1,2]'), { op: 'cut', at: 0.5, byte: 0, pieces: [] }).at).toBe(2);
  });

  it('should find every edit of a file with two-byte characters judged alike by the scanner and JSON.parse', () => {
    const problems = fc.sample(chromeSyntaxEditArbitrary(), { numRuns: 2000, seed: 1 }).flatMap((e) => checkChromeSyntax(file, e));
    expect(problems).toEqual([]);
  });
});
