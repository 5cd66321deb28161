import { describe, expect, it } from 'vitest';
import { checkDetect, checkDetectTable, DETECT_CASES, type DetectCase, detectBytes, expectedFormat } from '../../../harness/properties/detect-check.ts';

const LEADS: DetectCase['lead'][] = ['', '  ', '\n\n', '# seed 1\n', '# seed 1\n\n  # two\n  '];
const ENDS: DetectCase['end'][] = ['\n', '\r\n', ''];
const FIRSTS: DetectCase['first'][] = ['wire-magic', 'chunk-marker', 'jsonl-header', 'jsonl-header-spaced', 'jsonl-header-other', 'jsonl-header-a', 'jsonl-header-b', 'jsonl-header-c', 'magic-first-byte', 'magic-second-byte', 'event', 'event-spaced', 'event-unknown-kind', 'event-kind-number', 'event-no-seq', 'event-array', 'event-deep', 'event-depth-max', 'event-depth-over', 'event-long', 'event-at-limit', 'event-not-utf8', 'chrome-object', 'chrome-array', 'json-other', 'json-other-long', 'json-other-controls', 'json-bad', 'merged', 'text', 'text-at-later'];

describe('format detection as detectFormat TSDoc gives it (issue 13)', () => {
  it('should expect the wire format only for the magic or a chunk marker at byte 0', () => {
    expect(expectedFormat({ bom: false, lead: '', first: 'wire-magic', end: '' })).toBe('wire');
    expect(expectedFormat({ bom: true, lead: '', first: 'wire-magic', end: '' })).toBe('text');
    expect(expectedFormat({ bom: false, lead: '  ', first: 'chunk-marker', end: '' })).toBe('text');
  });

  it('should expect a headerless JSONL event only as the very first line', () => {
    expect(expectedFormat({ bom: true, lead: '  ', first: 'event', end: '\r\n' })).toBe('jsonl');
    expect(expectedFormat({ bom: false, lead: '\n\n', first: 'event', end: '\n' })).toBe('chrome');
    expect(expectedFormat({ bom: false, lead: '', first: 'event-long', end: '\n' })).toBe('chrome');
    expect(expectedFormat({ bom: true, lead: '', first: 'event-at-limit', end: '\n' })).toBe('jsonl');
    expect(expectedFormat({ bom: false, lead: '', first: 'event-at-limit', end: '\r\n' })).toBe('chrome');
    expect(expectedFormat({ bom: false, lead: '  ', first: 'event-at-limit', end: '' })).toBe('chrome');
    expect(expectedFormat({ bom: false, lead: '# seed 1\n', first: 'event', end: '\n' })).toBe('text');
  });

  it('should expect merged text after comment lines, and text for a JSONL header after one', () => {
    expect(expectedFormat({ bom: false, lead: '# seed 1\n', first: 'merged', end: '\n' })).toBe('merged');
    expect(expectedFormat({ bom: false, lead: '# seed 1\n', first: 'jsonl-header', end: '\n' })).toBe('text');
    // A blank line, an indented comment and an indented first line after the comment: still merged.
    expect(expectedFormat({ bom: true, lead: '# seed 1\n\n  # two\n  ', first: 'merged', end: '' })).toBe('merged');
  });

  it('should expect an event nested as deep as a payload may be, one past it JSON of another shape', () => {
    expect(expectedFormat({ bom: false, lead: '', first: 'event-depth-max', end: '\n' })).toBe('jsonl');
    expect(expectedFormat({ bom: false, lead: '', first: 'event-depth-over', end: '\n' })).toBe('chrome');
    expect(expectedFormat({ bom: false, lead: '', first: 'magic-first-byte', end: '' })).toBe('text');
  });

  it('should build the file from its parts', () => {
    expect([...detectBytes({ bom: true, lead: '  ', first: 'text', end: '' })]).toEqual([0xef, 0xbb, 0xbf, 0x20, 0x20, ...new TextEncoder().encode('call f #1')]);
  });

  it('should agree with detectFormat and loadTrace on every case', () => {
    const problems = [true, false].flatMap((bom) => LEADS.flatMap((lead) => FIRSTS.flatMap((first) => ENDS.flatMap((end) => checkDetect({ bom, lead, first, end })))));
    expect(problems).toEqual([]);
    // The two 1 MiB first lines after nothing or spaces only (2 of the 5 leads).
    expect(DETECT_CASES).toHaveLength(2 * ENDS.length * (LEADS.length * (FIRSTS.length - 2) + 2 * 2));
    expect(checkDetectTable()).toEqual([]);
  });
});
