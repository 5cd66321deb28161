import { afterEach, describe, expect, it, vi } from 'vitest';
import { modelPayloadText, type ModelPayloadOptions, modelSummary } from '../../../harness/model/model-payload-value.ts';
import { buildValue, checkPayloadCase, type PayloadCase } from '../../../harness/properties/payload-property.ts';
import { TRACER_ARGUMENTS } from '../../../harness/properties/tracer-arguments.ts';
import { DROP, PayloadPolicy } from '../../../src/recorder/payload.ts';

const small = (limits: Partial<ModelPayloadOptions['limits']> = {}, redact?: ModelPayloadOptions['redact']): ModelPayloadOptions => ({
  limits: { maxStringChars: 256, maxItems: 32, maxDepth: 4, maxBytes: 1024, ...limits },
  drop: DROP,
  ...(redact !== undefined ? { redact } : {}),
});

describe('the model of the payload pipeline (derived by hand from payload.ts TSDoc)', () => {
  it.each([
    ['a string cut before a surrogate pair', 'abc😀', small({ maxStringChars: 4 }), '"abc…(+2)"'],
    ['an array past maxItems', [1, 2, 3], small({ maxItems: 2 }), '[1,2,"…(+1)"]'],
    ['an object past maxDepth', { a: { b: { c: 1 } } }, small({ maxDepth: 2 }), '{"a":{"b":"[Object]"}}'],
    ['an unsafe integer, NaN, a bigint, a symbol', [2 ** 53, Number.NaN, 10n, Symbol('s')], small(), '["9007199254740992","NaN","10n","[symbol]"]'],
    ['text past maxBytes', 'abcdefghij', small({ maxBytes: 10 }), '{"…":"truncated","bytes":12}'],
    ['undefined fields and items', { a: undefined, b: [undefined] }, small(), '{"b":[null]}'],
    ['an error, a date, a map, a class instance', [new TypeError('m'), new Date(0), new Map([[1, 2]]), new (class Point {})()], small(), '[{"name":"TypeError","message":"m"},"1970-01-01T00:00:00.000Z","[Map(1)]","[Point]"]'],
    ['keys past maxItems', { a: 1, b: 2, c: 3 }, small({ maxItems: 2 }), '{"a":1,"b":2,"…":1}'],
    ['rules: drop and hash', { password: 'p', token: 'x', a: 1 }, small({}, { drop: ['password'], hash: ['token'] }), '{"token":"sha256:2d711642b726b044","a":1}'],
    ['a hook replacement kept whole (the key is cut)', { token: 'secret', tok: 'secret' }, small({ maxStringChars: 3 }, (path: readonly string[], v: unknown) => (path.at(-1) === 'token' ? 'replaced' : v)), '{"tok…(+2)":"replaced","tok":"sec…(+3)"}'],
  ])('%s', (_, value, options, want) => {
    expect(modelPayloadText(value, options)).toBe(want);
  });

  it('should render a cycle as [Circular] and a getter that throws as [thrown]', () => {
    const o: Record<string, unknown> = { a: 1 };
    o['self'] = o;
    Object.defineProperty(o, 'g', { enumerable: true, get: () => { throw new Error('no'); } });
    expect(modelPayloadText(o, small())).toBe('{"a":1,"self":"[Circular]","g":"[thrown]"}');
  });

  it('should summarize by type and size', () => {
    expect([modelSummary('abc'), modelSummary([1, 2]), modelSummary(new Map()), modelSummary(null), modelSummary(1n)]).toEqual(['{"type":"string","size":3}', '{"type":"array","size":2}', '{"type":"Map","size":0}', '{"type":"null"}', '{"type":"bigint"}']);
  });

  it('should build a recipe with a cycle and an own __proto__ key', () => {
    const v = buildValue({ t: 'object', fields: [['__proto__', { t: 'number', n: 1 }], ['self', { t: 'cycle' }]] }) as Record<string, unknown>;
    expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
    expect(Object.keys(v)).toEqual(['__proto__', 'self']);
    expect(v['self']).toBe(v);
  });
});

const aCase: PayloadCase = {
  values: [{ t: 'string', s: 'abcdefgh' }, { t: 'object', fields: [['password', { t: 'string', s: 'p' }], ['token', { t: 'number', n: 2 }], ['a', { t: 'cycle' }]] }],
  limits: { maxStringChars: 4, maxItems: 5, maxDepth: 3, maxBytes: 4096 },
  redact: { kind: 'rules', drop: ['password'], hash: ['token'] },
  mode: 'full',
  buffer: { capacity: 1 },
  tracerArguments: [0, 3, 17],
};

describe('the payload property', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('should hold for our tracer, in every values mode and buffer', () => {
    expect(checkPayloadCase(aCase)).toEqual([]);
    expect(checkPayloadCase({ ...aCase, mode: 'summary', buffer: { retain: 2 } })).toEqual([]);
    expect(checkPayloadCase({ ...aCase, mode: 'off', redact: { kind: 'hook' }, buffer: { retainBytes: 50 } })).toEqual([]);
  });

  it('should catch a policy that cuts strings one unit short', () => {
    const text = PayloadPolicy.prototype.text;
    vi.spyOn(PayloadPolicy.prototype, 'text').mockImplementation(function (this: PayloadPolicy, value: unknown) {
      return typeof value === 'string' && value.length > 4 ? JSON.stringify(`${value.slice(0, 3)}…(+${value.length - 3})`) : text.call(this, value);
    });
    expect(checkPayloadCase({ ...aCase, mode: 'off' })[0]).toBe('value 0 ({"t":"string","s":"abcdefgh"}) as a user event: stored "abc…(+5)", want "abcd…(+4)"');
  });

  it('should catch a summary of the wrong size', () => {
    vi.spyOn(PayloadPolicy.prototype, 'valueText').mockImplementation(() => '{"type":"string","size":0}');
    expect(checkPayloadCase({ ...aCase, mode: 'summary' })).toContain('value 0 ({"t":"string","s":"abcdefgh"}) returned: stored {"type":"string","size":0}, want {"type":"string","size":8}');
  });

  it('should hold every row of the tracer API table for our tracer', () => {
    expect(TRACER_ARGUMENTS.length).toBeGreaterThan(35);
    expect(TRACER_ARGUMENTS.flatMap((a) => a.run())).toEqual([]);
  });

  it('should catch a tracer that accepts an event type with a space inside', () => {
    const row = TRACER_ARGUMENTS.find((a) => a.what === 'event type with a space inside')!;
    vi.spyOn(RegExp.prototype, 'test').mockImplementation(() => true);
    expect(row.run()).toEqual(['event type with a space inside: accepted, want a TypeError']);
  });
});
