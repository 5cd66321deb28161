import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { headerFields, JSONL_FORMAT, MAX_ACTIVATION, MAX_OPEN } from '../../src/formats/jsonl-header.ts';

// The zod schema the reader checked the header with until issue 15 (loading zod cost ~100 ms of every CLI run):
// the oracle the hand-written check must agree with, value for value.
const SCHEMA = z.strictObject({
  format: z.literal(JSONL_FORMAT),
  version: z.int(),
  open: z
    .array(z.strictObject({ activation: z.int().min(1).max(MAX_ACTIVATION), code: z.string(), state: z.enum(['running', 'suspended']) }))
    .max(MAX_OPEN)
    .optional(),
  openPartial: z.boolean().optional(),
  incomplete: z.boolean().optional(),
});

/** Values at the edges of each field's type, and values of the wrong type. */
const ANY = fc.constantFrom<unknown>(null, true, 'x', 0, -1, 1.5, 2 ** 53, [], {});
const INT = fc.oneof(fc.constantFrom<unknown>(0, 1, 2, -1, 1.5, 2 ** 53 - 1, 2 ** 53, -(2 ** 53), MAX_ACTIVATION, MAX_ACTIVATION + 1, '1'), ANY);
const openItem = fc
  .record(
    {
      activation: INT,
      code: fc.oneof(fc.constantFrom<unknown>('f', '', 'g h'), ANY),
      state: fc.oneof(fc.constantFrom<unknown>('running', 'suspended', 'Running', ''), ANY),
      extra: ANY,
    },
    { requiredKeys: [] },
  )
  .map((o) => JSON.parse(JSON.stringify(o)) as unknown);
const header = fc
  .record(
    {
      format: fc.oneof(fc.constant<unknown>(JSONL_FORMAT), fc.constantFrom<unknown>('trace-harness', `${JSONL_FORMAT} `), ANY),
      version: INT,
      open: fc.oneof(fc.array(openItem, { maxLength: 4 }), ANY),
      openPartial: fc.oneof(fc.boolean(), ANY),
      incomplete: fc.oneof(fc.boolean(), ANY),
      other: ANY,
    },
    { requiredKeys: [] },
  )
  .map((o) => o as unknown);
// Mostly valid headers, so that the check's every clause is met alone: each field valid unless its coin says not.
const nearlyValid = fc
  .record({
    version: fc.oneof(fc.constant<unknown>(1), INT),
    open: fc.option(fc.array(fc.record({ activation: fc.integer({ min: 1, max: MAX_ACTIVATION }), code: fc.string(), state: fc.constantFrom('running', 'suspended') }), { maxLength: 3 }), { nil: undefined }),
    openPartial: fc.option(fc.boolean(), { nil: undefined }),
    incomplete: fc.option(fc.boolean(), { nil: undefined }),
    broken: fc.nat(8),
  })
  .map(({ broken, ...fields }) => {
    const h: Record<string, unknown> = { format: JSONL_FORMAT };
    for (const [k, v] of Object.entries(fields)) if (v !== undefined) h[k] = v;
    if (broken === 1) h['format'] = 'jsonl';
    if (broken === 2) h['open'] = [{ activation: 0, code: 'f', state: 'running' }];
    if (broken === 3) h['open'] = [{ activation: 1, code: 'f', state: 'running', extra: 1 }];
    if (broken === 4) h['openPartial'] = 'true';
    if (broken === 5) h['extra'] = 1;
    return JSON.parse(JSON.stringify(h)) as unknown;
  });

describe('headerFields: the JSONL header check', () => {
  it('should accept exactly the headers the zod schema accepted, with the same fields', () => {
    fc.assert(
      fc.property(fc.oneof(header, nearlyValid, ANY), (v) => {
        const want = SCHEMA.safeParse(v);
        const got = headerFields(v);
        expect(got !== undefined).toBe(want.success);
        if (want.success) expect(got).toEqual(want.data);
      }),
      { numRuns: 3000, seed: 15 },
    );
  });

  it('should hold the open list to 65,536 activations, and take a key named __proto__ as an unknown key', () => {
    const item = (i: number) => ({ activation: i + 1, code: 'f', state: 'running' });
    const at = { format: JSONL_FORMAT, version: 1, open: Array.from({ length: MAX_OPEN }, (_, i) => item(i)) };
    expect(headerFields(at)?.open).toHaveLength(MAX_OPEN);
    expect(headerFields({ ...at, open: [...at.open, item(MAX_OPEN)] })).toBeUndefined();
    expect(headerFields(JSON.parse(`{"format":"${JSONL_FORMAT}","version":1,"__proto__":{}}`))).toBeUndefined();
    expect(headerFields({ format: JSONL_FORMAT, version: 7 })).toEqual({ format: JSONL_FORMAT, version: 7 });
  });
});
