import fc from 'fast-check';
import { EventKind } from '../../src/model/kinds.ts';
import { DROP } from '../../src/recorder/payload.ts';
import { Tracer } from '../../src/recorder/tracer.ts';
import { modelPayloadText, type ModelPayloadLimits, type ModelPayloadOptions, modelSummary } from '../model/model-payload-value.ts';
import { type ProblemReport, runProblemProperty } from './problem-property.ts';
import type { Shard } from './shard.ts';
import { checkTracerArgumentTable, TRACER_ARGUMENTS } from './tracer-arguments.ts';
import { checkRecorderEdges } from './recorder-edges.ts';

/**
 * A payload value as plain data (printable, shrinkable), built into the value it describes by
 * {@link buildValue}: every shape the payload pipeline treats apart (`src/recorder/payload.ts`).
 * `cycle` is the nearest enclosing array or object (a cycle), or `{}` at the root.
 */
export type ValueRecipe =
  | { readonly t: 'string'; readonly s: string }
  | { readonly t: 'number'; readonly n: number }
  | { readonly t: 'boolean'; readonly b: boolean }
  | { readonly t: 'undefined' | 'null' | 'symbol' | 'thenable' | 'getter' | 'cycle' }
  | { readonly t: 'bigint'; readonly s: string }
  | { readonly t: 'function'; readonly name: string }
  | { readonly t: 'date'; readonly ms: number }
  | { readonly t: 'map' | 'set' | 'bytes'; readonly size: number }
  | { readonly t: 'error'; readonly cls: 'Error' | 'TypeError'; readonly message: string }
  | { readonly t: 'instance'; readonly cls: 'named' | 'anonymous' | 'null-prototype' }
  | { readonly t: 'array'; readonly items: readonly ValueRecipe[] }
  | { readonly t: 'object'; readonly fields: readonly (readonly [string, ValueRecipe])[] };

/** Redaction of a case: none, rules, or a hook (drops `password`, replaces `token` by a text naming its depth). */
export type RedactionCase = { readonly kind: 'none' } | { readonly kind: 'rules'; readonly drop: readonly string[]; readonly hash: readonly string[]; readonly salt?: string } | { readonly kind: 'hook' };

/** One case: values stored under one tracer's payload options, and optionally one option out of range. */
export interface PayloadCase {
  readonly values: readonly ValueRecipe[];
  readonly limits: ModelPayloadLimits;
  readonly redact: RedactionCase;
  readonly mode: 'off' | 'summary' | 'full';
  /** Initial capacity (the columns grow from it), or flight-recorder mode keeping this many events. */
  readonly buffer: { readonly capacity: number } | { readonly retain: number } | { readonly retainBytes: number };
  /** Rows of the tracer's API table (`tracer-arguments.ts`) checked with the case, besides the whole table once per process; a hand-built case may leave them out. */
  readonly tracerArguments?: readonly number[];
}

const KEYS = ['a', 'b', 'user', 'password', 'token', '__proto__', '0', '10', 'k'.repeat(20), 'é😀'];

/**
 * Strings of any code points, lone surrogates included (what `fc.string({ unit: 'binary' })` draws), built
 * from integers: fast-check's binary unit builds a reverse map of all 1.1 million code points when the
 * arbitrary is made (0.8 s of every `check`, measured with --cpu-prof), to shrink its "dangerous" strings.
 */
const ANY_CODE_POINTS = fc.array(fc.integer({ min: 0, max: 0x10ffff }), { maxLength: 12 }).map((cps) => String.fromCodePoint(...cps));

/** Every shape of {@link ValueRecipe}, nested up to three levels. */
export function valueRecipeArbitrary(): fc.Arbitrary<ValueRecipe> {
  const leaf: fc.Arbitrary<ValueRecipe> = fc.oneof(
    fc.record({ t: fc.constant('string' as const), s: fc.oneof(fc.string({ maxLength: 24 }), ANY_CODE_POINTS, fc.constantFrom('\ud800', 'a\udc00b', '😀😀😀', 'x'.repeat(300))) }),
    fc.record({ t: fc.constant('number' as const), n: fc.oneof(fc.double(), fc.integer(), fc.constantFrom(2 ** 53, -(2 ** 53), 2 ** 53 - 1, 1e21, -0, 0.5)) }),
    fc.record({ t: fc.constant('boolean' as const), b: fc.boolean() }),
    fc.constantFrom<ValueRecipe>({ t: 'undefined' }, { t: 'null' }, { t: 'symbol' }, { t: 'thenable' }, { t: 'getter' }, { t: 'cycle' }),
    fc.record({ t: fc.constant('bigint' as const), s: fc.bigInt().map(String) }),
    fc.record({ t: fc.constant('function' as const), name: fc.constantFrom('', 'f', 'aVeryLongFunctionName') }),
    fc.record({ t: fc.constant('date' as const), ms: fc.oneof(fc.integer({ min: 0, max: 4102444800000 }), fc.constant(Number.NaN)) }),
    fc.record({ t: fc.constantFrom('map' as const, 'set' as const, 'bytes' as const), size: fc.nat({ max: 3 }) }),
    fc.record({ t: fc.constant('error' as const), cls: fc.constantFrom('Error' as const, 'TypeError' as const), message: fc.string({ maxLength: 12 }) }),
    fc.record({ t: fc.constant('instance' as const), cls: fc.constantFrom('named' as const, 'anonymous' as const, 'null-prototype' as const) }),
  );
  const { value } = fc.letrec<{ value: ValueRecipe }>((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leaf,
      fc.record({ t: fc.constant('array' as const), items: fc.array(tie('value'), { maxLength: 7 }) }),
      fc.record({ t: fc.constant('object' as const), fields: fc.array(fc.tuple(fc.constantFrom(...KEYS), tie('value')), { maxLength: 7 }) }),
    ),
  }));
  return value;
}

/** The value a recipe describes (a fresh one each call: a cycle points into its own build). */
export function buildValue(r: ValueRecipe, containers: object[] = []): unknown {
  switch (r.t) {
    case 'string': return r.s;
    case 'number': return r.n;
    case 'boolean': return r.b;
    case 'undefined': return undefined;
    case 'null': return null;
    case 'symbol': return Symbol('s');
    case 'thenable': return { then: () => undefined };
    case 'getter': return Object.defineProperty({}, 'g', { enumerable: true, get: () => { throw new Error('getter'); } });
    case 'cycle': return containers.at(-1) ?? {};
    case 'bigint': return BigInt(r.s);
    case 'function': return r.name === '' ? (() => () => 0)() : { [r.name]: () => 0 }[r.name];
    case 'date': return new Date(r.ms);
    case 'map': return new Map(Array.from({ length: r.size }, (_, i) => [i, i]));
    case 'set': return new Set(Array.from({ length: r.size }, (_, i) => i));
    case 'bytes': return new Uint8Array(r.size);
    case 'error': return r.cls === 'Error' ? new Error(r.message) : new TypeError(r.message);
    case 'instance': return r.cls === 'named' ? new (class Point {})() : r.cls === 'anonymous' ? new ((() => class {})())() : Object.create(null);
    case 'array': {
      const out: unknown[] = [];
      for (const item of r.items) out.push(buildValue(item, [...containers, out]));
      return out;
    }
    case 'object': {
      const out: Record<string, unknown> = {};
      // Own data properties, `__proto__` too (an assignment would set the prototype instead).
      for (const [k, v] of r.fields) Object.defineProperty(out, k, { value: buildValue(v, [...containers, out]), enumerable: true, writable: true, configurable: true });
      return out;
    }
  }
}

/** The hook of a `hook` case: drops `password`, stores `token` as `tok:<depth>` (kept whole: the hook put it there). */
const hook = (path: readonly string[], value: unknown): unknown => (path.at(-1) === 'password' ? DROP : path.at(-1) === 'token' ? `tok:${path.length}` : value);

/** The case's arbitrary: a few values, limits small enough to cut most of them, every redaction kind and values mode. */
export function payloadCaseArbitrary(): fc.Arbitrary<PayloadCase> {
  const limits = fc.oneof(
    fc.record({ maxStringChars: fc.integer({ min: 1, max: 12 }), maxItems: fc.integer({ min: 1, max: 5 }), maxDepth: fc.integer({ min: 1, max: 4 }), maxBytes: fc.oneof(fc.integer({ min: 2, max: 200 }), fc.constant(4096)) }),
    fc.constant({ maxStringChars: 256, maxItems: 32, maxDepth: 4, maxBytes: 1024 }),
  );
  const redact: fc.Arbitrary<RedactionCase> = fc.oneof(
    fc.constant({ kind: 'none' as const }),
    fc.record({ kind: fc.constant('rules' as const), drop: fc.subarray(KEYS, { maxLength: 2 }), hash: fc.subarray(KEYS, { maxLength: 3 }), salt: fc.option(fc.constantFrom('s', 'pepper'), { nil: undefined }) }, { requiredKeys: ['kind', 'drop', 'hash'] }),
    fc.constant({ kind: 'hook' as const }),
  );
  return fc.record(
    {
      values: fc.array(valueRecipeArbitrary(), { minLength: 1, maxLength: 4 }),
      limits,
      redact,
      mode: fc.constantFrom('off' as const, 'summary' as const, 'full' as const),
      buffer: fc.oneof(fc.record({ capacity: fc.integer({ min: 1, max: 3 }) }), fc.record({ retain: fc.integer({ min: 1, max: 4 }) }), fc.record({ retainBytes: fc.integer({ min: 22, max: 100 }) })),
    },
    { requiredKeys: ['values', 'limits', 'redact', 'mode', 'buffer'] },
  );
}

/**
 * Stores each value of the case through a tracer with the case's payload options, as a user event
 * (`tracer.event`), as a traced function's return value and as a traced generator's yielded value, and
 * compares each stored text with the model (`harness/model/model-payload-value.ts`): the user event's
 * payload is the model's text (none when it stores nothing); an edge's is nothing with values off, the
 * model's summary with `summary`, the model's text (or `{"type":"undefined"}`) with `full`. The events
 * themselves are counted too (the columns grow from a capacity of 1..3, or a flight recorder keeps the
 * last 1..4). Then the case's rows of the tracer's API table (`tracer-arguments.ts`: options, `trace`,
 * `event`, the probe API and the clocks at their edges).
 * @returns what went wrong, one line each
 */
export function checkPayloadCase(c: PayloadCase): string[] {
  const problems: string[] = [];
  const redact = c.redact.kind === 'none' ? undefined : c.redact.kind === 'hook' ? hook : { drop: c.redact.drop, hash: c.redact.hash, ...(c.redact.salt !== undefined ? { salt: c.redact.salt } : {}) };
  const model: ModelPayloadOptions = { limits: c.limits, drop: DROP, ...(redact !== undefined ? { redact } : {}) };
  const buffer = 'capacity' in c.buffer ? { capacity: c.buffer.capacity } : 'retain' in c.buffer ? { retain: { events: c.buffer.retain } } : { retain: { bytes: c.buffer.retainBytes } };
  const tracer = new Tracer({ ...buffer, payloads: { values: c.mode, limits: c.limits, ...(redact !== undefined ? { redact } : {}) } });
  const keep = 'capacity' in c.buffer ? Infinity : 'retain' in c.buffer ? c.buffer.retain : Math.floor(c.buffer.retainBytes / 22);
  let recorded = 0;
  c.values.forEach((recipe, i) => {
    const what = `value ${i} (${JSON.stringify(recipe).slice(0, 120)})`;
    const text = modelPayloadText(buildValue(recipe), model);
    const edge = c.mode === 'off' ? undefined : c.mode === 'summary' ? modelSummary(buildValue(recipe)) : (text ?? '{"type":"undefined"}');
    tracer.event('e', buildValue(recipe));
    recorded++;
    problems.push(...stored(tracer, `${what} as a user event`, EventKind.Event, text));
    const value = buildValue(recipe);
    tracer.trace(function f() {
      return value;
    })();
    recorded += 2;
    problems.push(...stored(tracer, `${what} returned`, EventKind.Return, edge));
    const gen = tracer.trace(function* g() {
      yield value;
    })();
    gen.next();
    recorded += 2;
    problems.push(...stored(tracer, `${what} yielded`, EventKind.Yield, edge));
    gen.return(undefined); // resume and return
    recorded += 2;
  });
  const t = tracer.snapshot();
  const events = t.events().filter((e) => e.kind !== EventKind.Dropped).length;
  if (events !== Math.min(recorded, keep)) problems.push(`the snapshot holds ${events} events, want ${Math.min(recorded, keep)} of the ${recorded} recorded`);
  for (const i of c.tracerArguments ?? []) problems.push(...TRACER_ARGUMENTS[i]!.run());
  problems.push(...checkTracerArgumentTable(), ...checkRecorderEdges());
  return problems;
}

/** The last event of the snapshot is of `kind` and carries `want` (or no payload). */
function stored(tracer: Tracer, what: string, kind: EventKind, want: string | undefined): string[] {
  const t = tracer.snapshot();
  const last = t.length - 1;
  if (t.columns.kind[last] !== kind) return [`${what}: the last event is of kind ${t.columns.kind[last]}, want ${kind}`];
  const got = t.columns.payload?.[last];
  return got === want ? [] : [`${what}: stored ${got === undefined ? 'no payload' : got}, want ${want === undefined ? 'no payload' : want}`];
}

/** What {@link runPayloadProperty} found: the shrunk failing case and its problems, if any. */
export type PayloadPropertyReport = ProblemReport<PayloadCase>;

/**
 * The payload property: random values of every shape through {@link checkPayloadCase}.
 * @param runs - cases, >= 1
 * @param seed - fast-check seed
 * @param path - replay path of a counterexample
 * @param onProgress - called before each case is checked, with the count so far
 */
export function runPayloadProperty(runs: number, seed: number, path?: string, onProgress?: (done: number) => void, shard?: Shard): PayloadPropertyReport {
  return runProblemProperty(payloadCaseArbitrary(), checkPayloadCase, runs, seed, path, onProgress, shard);
}
