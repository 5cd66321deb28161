import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DROP, hashValue, PayloadPolicy, summarizeValue } from '../../src/recorder/payload.ts';

const text = (value: unknown, options?: ConstructorParameters<typeof PayloadPolicy>[0]): string | undefined => new PayloadPolicy(options).text(value);
const parsed = (value: unknown, options?: ConstructorParameters<typeof PayloadPolicy>[0]): unknown => JSON.parse(text(value, options)!);

describe('payload conversion and limits', () => {
  it('should store plain JSON data unchanged and nothing for undefined', () => {
    expect(text({ phase: 'build', n: 3, ok: true, none: null, list: [1, 'a'] })).toBe('{"phase":"build","n":3,"ok":true,"none":null,"list":[1,"a"]}');
    expect(text(undefined)).toBeUndefined();
    expect(text('x')).toBe('"x"');
  });

  it('should cut long strings at maxStringChars with the count of units cut, never splitting a surrogate pair', () => {
    expect(parsed('a'.repeat(300))).toBe(`${'a'.repeat(256)}…(+44)`);
    expect(parsed('abcdef', { limits: { maxStringChars: 4 } })).toBe('abcd…(+2)');
    // '😀' is two UTF-16 units: a cut at 4 would split the pair at index 3..4, so it cuts at 3.
    expect(parsed('abc😀def', { limits: { maxStringChars: 4 } })).toBe('abc…(+5)');
  });

  it('should keep maxItems items and keys per level, then say how many more', () => {
    expect(parsed([1, 2, 3, 4], { limits: { maxItems: 2 } })).toEqual([1, 2, '…(+2)']);
    expect(parsed({ a: 1, b: 2, c: 3 }, { limits: { maxItems: 2 } })).toEqual({ a: 1, b: 2, '…': 1 });
  });

  it('should stop at maxDepth, break cycles and keep __proto__ as a plain key', () => {
    expect(parsed({ a: { b: { c: [1] } } }, { limits: { maxDepth: 3 } })).toEqual({ a: { b: { c: '[Array(1)]' } } });
    expect(parsed({ a: { b: { c: {} } } }, { limits: { maxDepth: 3 } })).toEqual({ a: { b: { c: '[Object]' } } });
    const cyclic: Record<string, unknown> = { name: 'x' };
    cyclic['self'] = cyclic;
    expect(parsed(cyclic)).toEqual({ name: 'x', self: '[Circular]' });
    const evil = JSON.parse('{"__proto__":{"polluted":true}}') as object;
    expect(text(evil)).toBe('{"__proto__":{"polluted":true}}');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('should turn values JSON cannot hold into strings and errors into name and message', () => {
    const getter = Object.defineProperty({}, 'boom', {
      enumerable: true,
      get() {
        throw new Error('no');
      },
    });
    class Lease {
      id = 1;
    }
    expect(parsed([NaN, Infinity, 12n, Symbol('s'), function work() {}, undefined])).toEqual(['NaN', 'Infinity', '12n', '[symbol]', '[function work]', null]);
    expect(parsed({ e: new TypeError('bad'), d: new Date(0), m: new Map([[1, 2]]), s: new Set([1]), l: new Lease(), g: getter, u: undefined })).toEqual({
      e: { name: 'TypeError', message: 'bad' },
      d: '1970-01-01T00:00:00.000Z',
      m: '[Map(1)]',
      s: '[Set(1)]',
      l: '[Lease]',
      g: { boom: '[thrown]' },
    });
  });

  it('should replace a payload over maxBytes by a truncation marker with its size', () => {
    const big = { a: 'x'.repeat(200), b: 'y'.repeat(200) };
    expect(text(big, { limits: { maxBytes: 300 } })).toBe('{"…":"truncated","bytes":415}');
    expect(JSON.stringify(big).length).toBe(1 + 4 + 202 + 1 + 4 + 202 + 1); // {"a":"x…","b":"y…"}
    expect(text(big, { limits: { maxBytes: 415 } })).toBe(JSON.stringify(big));
  });

  it('should reject bad limits and modes', () => {
    expect(() => new PayloadPolicy({ limits: { maxBytes: 5000 } })).toThrow(RangeError);
    expect(() => new PayloadPolicy({ limits: { maxItems: 0 } })).toThrow('payloads.limits.maxItems must be a positive integer, got 0');
    expect(() => new PayloadPolicy({ values: 'all' as 'full' })).toThrow(TypeError);
  });
});

describe('redaction', () => {
  const sha = (s: string): string => `sha256:${createHash('sha256').update(s).digest('hex').slice(0, 16)}`;

  it('should drop and hash fields by name at any depth, before anything is stored', () => {
    const payload = { user: 'alice@example.com', password: 'hunter2', job: { token: 'tok-1', password: 'p2', n: 1 } };
    const t = text(payload, { redact: { drop: ['password'], hash: ['user', 'token'] } })!;
    expect(JSON.parse(t)).toEqual({ user: sha('alice@example.com'), job: { token: sha('tok-1'), n: 1 } });
    for (const secret of ['alice@example.com', 'hunter2', 'tok-1', 'p2']) expect(t).not.toContain(secret);
  });

  it('should hash with SHA-256 (HMAC keyed by the salt when given), equal to node:crypto', () => {
    expect(hashValue('alice')).toBe(sha('alice'));
    expect(hashValue({ a: 1 })).toBe(sha('{"a":1}'));
    expect(hashValue('alice', 'pepper')).toBe(`sha256:${createHmac('sha256', 'pepper').update('alice').digest('hex').slice(0, 16)}`);
    expect(text({ user: 'alice' }, { redact: { hash: ['user'], salt: 'pepper' } })).toBe(`{"user":"${hashValue('alice', 'pepper')}"}`);
  });

  it('should call a hook with every key path, and drop the whole payload on DROP at the root', () => {
    const seen: string[] = [];
    const t = text({ a: { b: 1 }, c: [2] }, {
      redact: (path, value) => {
        seen.push(path.join('.'));
        return path.at(-1) === 'b' ? '***' : value;
      },
    });
    expect(seen).toEqual(['', 'a', 'a.b', 'c', 'c.0']);
    expect(t).toBe('{"a":{"b":"***"},"c":[2]}');
    expect(text({ a: 1 }, { redact: (path) => (path.length === 0 ? DROP : 1) })).toBeUndefined();
  });
});

describe('value summaries', () => {
  it('should give type and size without content', () => {
    expect([summarizeValue('hello'), summarizeValue([1, 2, 3]), summarizeValue({ a: 1, b: 2 }), summarizeValue(new Map([[1, 1]])), summarizeValue(new Set())]).toEqual([
      '{"type":"string","size":5}',
      '{"type":"array","size":3}',
      '{"type":"object","size":2}',
      '{"type":"Map","size":1}',
      '{"type":"Set","size":0}',
    ]);
    expect([summarizeValue(1), summarizeValue(undefined), summarizeValue(null), summarizeValue(new RangeError('secret')), summarizeValue(Promise.resolve()), summarizeValue(new Uint8Array(7))]).toEqual([
      '{"type":"number"}',
      '{"type":"undefined"}',
      '{"type":"null"}',
      '{"type":"error","name":"RangeError"}',
      '{"type":"promise"}',
      '{"type":"bytes","size":7}',
    ]);
  });

  it('should store summaries by default when values are on, full values only on request, none when off', () => {
    expect(new PayloadPolicy().valueText('secret')).toBeUndefined();
    expect(new PayloadPolicy({ values: 'summary' }).valueText('secret')).toBe('{"type":"string","size":6}');
    expect(new PayloadPolicy({ values: 'full', redact: { drop: ['pw'] } }).valueText({ pw: 'x', n: 1 })).toBe('{"n":1}');
    const throwing = new PayloadPolicy({
      values: 'full',
      redact: () => {
        throw new Error('hook bug');
      },
    });
    expect(throwing.valueText(1)).toBe('{"…":"redaction failed"}');
    expect(() => throwing.text(1)).toThrow('hook bug');
  });
});
