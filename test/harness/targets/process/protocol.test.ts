import { describe, expect, it } from 'vitest';
import { encodeMessage, MAX_LINE_BYTES, parseHello, parseResponse, PROTOCOL_VERSION } from '../../../../harness/targets/process/protocol.ts';

const HELLO = {
  type: 'hello',
  protocol: 1,
  tracer: { name: 'sysmon-reference', version: '1' },
  language: 'python',
  semantics: 'cpython-3.12',
  supports: { suites: ['generators'], statements: ['call', 'yield'] },
};

describe('parseHello', () => {
  it('should default trace to jsonl and drop unknown keys', () => {
    const r = parseHello(JSON.stringify({ ...HELLO, later: 1 }), 'python');
    expect(r).toEqual({ ok: true, hello: { ...HELLO, type: undefined, trace: 'jsonl' } });
    expect(r.ok && Object.keys(r.hello)).not.toContain('later');
  });

  it.each([
    ['{"type":"hello","protocol":2,"error":"x"}', 'adapter/protocol-version', 'want protocol 1, got 2'],
    ['{"type":"hello","protocol":1,"error":"too old\\nsecond line"}', 'adapter/handshake', 'the adapter could not start: too old'],
    ['{"type":"hello","error":"too old"}', 'adapter/handshake', 'the adapter could not start: too old'],
    ['{"type":"result"}', 'adapter/handshake', 'want a message of type "hello", got "result"'],
    ['{"protocol":1}', 'adapter/handshake', 'want a message of type "hello", got no type'],
    ['[1]', 'adapter/handshake', 'want a hello, got json array'],
    ['hello', 'adapter/handshake', 'want a hello, got a line that is not json'],
    ['', 'adapter/handshake', 'want a hello, got an empty line'],
    [JSON.stringify({ ...HELLO, protocol: '1' }), 'adapter/handshake', 'want a valid hello, got protocol: invalid input: expected number, received string'],
    [JSON.stringify({ ...HELLO, trace: 'protobuf' }), 'adapter/handshake', 'want a valid hello, got trace: invalid option: expected one of "jsonl"|"wire"'],
    [JSON.stringify({ ...HELLO, language: 'js' }), 'adapter/handshake', 'want language "python", got "js"'],
  ])('should refuse %s', (line, rule, message) => {
    expect(parseHello(line, 'python')).toEqual({ ok: false, problem: { rule, message } });
  });
});

describe('parseResponse', () => {
  it('should read a result and an error, ignoring unknown keys', () => {
    expect(parseResponse('{"type":"result","id":"g","outcome":{"kind":"throw","tag":"E1","x":1},"trace":"t","y":2}')).toEqual({
      ok: true,
      response: { type: 'result', id: 'g', outcome: { kind: 'throw', tag: 'E1' }, trace: 't' },
    });
    expect(parseResponse('{"type":"error","id":"g","message":"m"}')).toEqual({ ok: true, response: { type: 'error', id: 'g', message: 'm' } });
  });

  it.each([
    ['{"type":"hello","protocol":1}', 'want a message of type "result" or "error", got "hello"'],
    ['{"type":"result","id":"g","outcome":{"kind":"yield"},"trace":""}', "want a valid result, got outcome.kind: invalid discriminator value. expected 'return' | 'throw'"],
    ['{"type":"result","id":7,"outcome":{"kind":"return"},"trace":""}', 'want a valid result, got id: invalid input: expected string, received number'],
    ['{"type":"error","id":"g"}', 'want a valid error, got message: invalid input: expected string, received undefined'],
    ['null', 'want a protocol message, got json null'],
  ])('should refuse %s', (line, message) => {
    expect(parseResponse(line)).toEqual({ ok: false, message });
  });

  it('should refuse a line over 16 MiB before parsing it', () => {
    expect(parseResponse('x'.repeat(MAX_LINE_BYTES + 1))).toEqual({ ok: false, message: `want a protocol message, got a line of ${MAX_LINE_BYTES + 1} bytes (over ${MAX_LINE_BYTES})` });
  });
});

describe('encodeMessage', () => {
  it('should write one line', () => {
    expect(encodeMessage({ type: 'hello', protocol: PROTOCOL_VERSION, language: 'python', harness: 'trace-harness 0.1.0' })).toBe('{"type":"hello","protocol":1,"language":"python","harness":"trace-harness 0.1.0"}\n');
  });

  it('should refuse a request over 16 MiB', () => {
    const source = 'é'.repeat(MAX_LINE_BYTES / 2);
    expect(() => encodeMessage({ type: 'run', id: 'g', entry: 'main', functions: [], source })).toThrow(RangeError);
  });
});
