import { describe, expect, it } from 'vitest';
import { detectFormat } from '../../src/formats/detect.ts';
import { jsonFormatError } from '../../src/formats/json-format-error.ts';
import { MAX_JSONL_LINE_BYTES } from '../../src/formats/jsonl.ts';
import { TraceFormatError } from '../../src/model/errors.ts';

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);
const CALL_MAIN = '{"seq":0,"kind":"call","activation":1,"code":"main","flags":0}';

describe('detectFormat', () => {
  it('should read a file with our JSONL header as jsonl', () => {
    expect(detectFormat(bytes(`{"format":"trace-harness-jsonl","version":1}\n${CALL_MAIN}\n`))).toBe('jsonl');
  });

  it('should read a file without our header as jsonl when its first line is an event', () => {
    expect(detectFormat(bytes(`${CALL_MAIN}\n{"seq":1,"kind":"return","activation":1,"code":"main","flags":0}\n`))).toBe('jsonl');
    expect(detectFormat(bytes(`{"kind":"call","code":"main","seq":0,"activation":1,"flags":0}`))).toBe('jsonl'); // any key order, no newline
    expect(detectFormat(bytes(`\uFEFF${CALL_MAIN}\r\n`))).toBe('jsonl');
    expect(detectFormat(bytes('{"seq":3,"kind":"dropped","count":3}\n'))).toBe('jsonl');
  });

  it('should not take a line with an unknown kind, or without seq, for a jsonl event', () => {
    expect(detectFormat(bytes('{"seq":0,"kind":"leap"}\n{"seq":1,"kind":"leap"}\n'))).toBe('chrome');
    expect(detectFormat(bytes('{"kind":"call","activation":1}\n'))).toBe('chrome');
    expect(detectFormat(bytes('{"seq":0,"kind":1}\n'))).toBe('chrome');
  });

  it('should read Chrome JSON as chrome, in both forms and pretty-printed', () => {
    expect(detectFormat(bytes('{"traceEvents":[{"ph":"B","name":"f","pid":1,"tid":1,"ts":0}]}'))).toBe('chrome');
    expect(detectFormat(bytes('[{"ph":"B","name":"f","pid":1,"tid":1,"ts":0}]'))).toBe('chrome');
    expect(detectFormat(bytes('{\n  "traceEvents": []\n}\n'))).toBe('chrome');
  });

  it('should look no further than one jsonl line for the first line', () => {
    const long = `{"seq":0,"kind":"event","activation":0,"code":"x","flags":0,"payload":"${'a'.repeat(MAX_JSONL_LINE_BYTES)}"}\n`;
    expect(detectFormat(bytes(long))).toBe('chrome');
    const big = `{"seq":0,"kind":"event","activation":0,"code":"x","flags":0,"payload":"${'a'.repeat(4000)}"}\n`;
    expect(detectFormat(bytes(big))).toBe('jsonl'); // longer than the 4 KiB head
  });
});

describe('jsonFormatError', () => {
  it('should name every json format it wanted for a first line that is none of them', () => {
    const cause = new TraceFormatError('bad-json', 12, 'want chrome trace json, got unexpected non-whitespace character after json at position 12');
    const e = jsonFormatError('{"hello":1}\n{"hello":2}\n', cause);
    expect(e.code).toBe('unknown-format');
    expect(e.message).toBe(
      'unknown-format: want a trace-harness-jsonl header line {"format":"trace-harness-jsonl","version":1}, a jsonl event line {"seq":<n>,"kind":"<event kind>",...} or chrome trace json, got first line {"hello":1} (as chrome json: unexpected non-whitespace character after json at position 12) (at byte 0)',
    );
  });

  it('should show the first line on one line: control characters in it (JSON whitespace included) escaped, none at its end', () => {
    const cause = new TraceFormatError('bad-json', 12, 'want chrome trace json, got x');
    const message = jsonFormatError('{"hello":\r1,\t"a":2}  \r\n{"hello":2}\n', cause).message;
    expect(message).toContain('got first line {"hello":\\r1,\\t"a":2} (as chrome json: x)');
    expect(message).not.toMatch(/[\u0000-\u001f]/);
  });

  it('should say which kind is unknown for a line shaped like an event', () => {
    const cause = new TraceFormatError('bad-json', 24, 'want chrome trace json, got x');
    expect(jsonFormatError('{"seq":0,"kind":"leap"}\n{"seq":1,"kind":"leap"}\n', cause).message).toContain('got first line {"seq":0,"kind":"leap"} ("leap" is not an event kind name)');
  });

  it('should leave the error of a file that is chrome json (an array, or errors in its events) as it is', () => {
    const bad = new TraceFormatError('bad-json', 3, 'want chrome trace json, got x');
    expect(jsonFormatError('[{"ph":', bad)).toBe(bad);
    const event = new TraceFormatError('bad-event', 0, 'want a chrome trace event at traceEvents[0], got ph: required');
    expect(jsonFormatError('{"traceEvents":[{}]}', event)).toBe(event);
  });
});
