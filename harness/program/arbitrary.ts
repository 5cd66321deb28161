import fc from 'fast-check';
import { type DriveStep, type EventPayload, type FnDecl, type FnKind, type Program, SLOTS, type Stmt } from './ast.ts';
import { PROGRAM_LIMITS } from './validate.ts';
import { KIND_WEIGHTS } from './kind-weights.ts';
import { ALL_FEATURES, SWARM_POOL, type SwarmFeatures, weightIf } from './swarm.ts';

/** Bounds of {@link programArbitrary}. */
export interface ProgramArbitraryOptions {
  /** Functions per program, entry included, >= 1. @defaultValue 6 */
  readonly maxFunctions?: number;
  /** Statements per block, >= 1. @defaultValue 4 */
  readonly maxStatements?: number;
  /** Nesting of `try`/`for-of` blocks, >= 0. @defaultValue 2 */
  readonly maxDepth?: number;
  /** Generate async functions too. @defaultValue true */
  readonly async?: boolean;
  /** The entry's kind: always `async` (coroutine programs), never, or either. @defaultValue 'any' */
  readonly entry?: 'sync' | 'async' | 'any';
  /** Generate user events (`tracer.event(type, payload)`); off for a tracer without `event`. @defaultValue true */
  readonly events?: boolean;
  /**
   * Which async programs: `all` of the AST, or `sequential` ones (one chain of coroutines: async functions
   * awaiting calls, values, timer ticks and rejections; no async generators, `for await`, started promises,
   * `Promise.all`/`race`), what a target without concurrency renders (the Python target, issue 11).
   * @defaultValue 'all'
   */
  readonly asyncPrograms?: 'all' | 'sequential';
  /**
   * Which `reenter` methods: `all` (`next`, `throw`, `return`) or `next` only. CPython 3.11 and 3.12 may read
   * freed memory when a running generator's `close()`/`throw()` is called through a call site that has run
   * many times (`gen_close`/`_gen_throw` consult the `yield from` target before the running check): the
   * Python suites generate `next` only, so a correct tracer never sees a crashed interpreter.
   * @defaultValue 'all'
   */
  readonly reenter?: 'all' | 'next';
  /**
   * Observe mode (issue 12): also generate what only a plain run can express — `setTimeout`/`queueMicrotask`
   * callbacks (`defer`), generators created in one activation and drained by another (`handoff`), async
   * generators driven step by step or never consumed (`adrive`), `Promise.allSettled`, and thenables that
   * are not promises. Programs with these run only under `runPlainProgram`. @defaultValue false
   */
  readonly observe?: boolean;
  /**
   * Swarm testing (Groce et al., ISSTA 2012; see `swarm.ts`): each program first draws the statement,
   * drive-step, await and function kinds it may use, so rare combinations are not diluted. The property
   * suites of `check` turn it on (`runProperty`). @defaultValue false
   */
  readonly swarm?: boolean;
}

/**
 * A raw statement: targets are small integers resolved against the functions a statement may use, so
 * fast-check shrinks plain integers and arrays and every shrunk value is still a valid program.
 */
type RawStmt =
  | { op: 'call' | 'yield*' | 'for-of' | 'drive'; t: number; body?: RawStmt[]; breakAfter?: number | null; steps?: DriveStep[] }
  | { op: 'yield' | 'return' }
  | { op: 'throw'; tag: string }
  | { op: 'reenter'; method: 'next' | 'throw' | 'return' }
  | { op: 'try'; body: RawStmt[]; handler: RawStmt[] | null; fin: RawStmt[] | null }
  | { op: 'await'; w: 'call' | 'value' | 'reject' | 'tick' | 'all' | 'race' | 'slot' | 'allSettled' | 'thenable'; t: number; ts: number[]; tag: string; slot: number }
  | { op: 'start'; t: number; slot: number }
  | { op: 'event'; type: string; payload: EventPayload | null }
  | { op: 'for-await'; t: number; body: RawStmt[]; breakAfter: number | null }
  | { op: 'defer'; via: 'timeout' | 'microtask'; t: number; async: boolean }
  | { op: 'handoff'; t: number; to: number; async: boolean }
  | { op: 'adrive'; t: number; steps: DriveStep[] };

const TAGS = ['E1', 'E2', 'E3'] as const;

/**
 * fast-check arbitrary of valid programs of sync and generator functions, with bounded depth and size,
 * that shrinks towards fewer functions, fewer and flatter statements. Each program's entry is `main`;
 * sync functions are named `f<i>`, generators `g<i>`.
 *
 * @example
 * ```ts
 * fc.assert(fc.property(programArbitrary(), (p) => checkProgram(p, () => new Tracer()).ok));
 * ```
 * @param options - see {@link ProgramArbitraryOptions}
 * @throws RangeError for options out of range
 */
export function programArbitrary(options: ProgramArbitraryOptions = {}): fc.Arbitrary<Program> {
  const maxFunctions = options.maxFunctions ?? 6;
  const maxStatements = options.maxStatements ?? 4;
  const maxDepth = options.maxDepth ?? 2;
  if (!(Number.isInteger(maxFunctions) && maxFunctions >= 1)) throw new RangeError(`programArbitrary: maxFunctions must be >= 1, got ${maxFunctions}`);
  if (!(Number.isInteger(maxStatements) && maxStatements >= 1)) throw new RangeError(`programArbitrary: maxStatements must be >= 1, got ${maxStatements}`);
  if (!(Number.isInteger(maxDepth) && maxDepth >= 0 && maxDepth < PROGRAM_LIMITS.maxDepth)) {
    throw new RangeError(`programArbitrary: maxDepth must be in 0..${PROGRAM_LIMITS.maxDepth - 1}, got ${maxDepth}`);
  }
  if (maxFunctions > PROGRAM_LIMITS.maxFunctions) throw new RangeError(`programArbitrary: maxFunctions must be <= ${PROGRAM_LIMITS.maxFunctions}, got ${maxFunctions}`);
  const bounds = { maxFunctions, maxStatements, maxDepth };
  if (options.swarm !== true) return featureProgramArbitrary(options, bounds, ALL_FEATURES);
  // A fixed pool of feature sets (building an arbitrary per program would cost more than running it), each built on first use.
  const built = new Map<number, fc.Arbitrary<Program>>();
  return fc.nat(SWARM_POOL.length - 1).chain((i) => {
    let arb = built.get(i);
    if (arb === undefined) built.set(i, (arb = featureProgramArbitrary(options, bounds, SWARM_POOL[i]!)));
    return arb;
  });
}

/** {@link programArbitrary} restricted to the features `f` turns on. */
function featureProgramArbitrary(options: ProgramArbitraryOptions, bounds: { maxFunctions: number; maxStatements: number; maxDepth: number }, f: SwarmFeatures): fc.Arbitrary<Program> {
  const { maxFunctions, maxStatements, maxDepth } = bounds;
  const target = fc.nat(7);
  const sequential = options.asyncPrograms === 'sequential';
  // Flat payloads with awkward strings (quotes, newlines, non-ASCII) under the fields programs allow.
  const payload: fc.Arbitrary<EventPayload> = fc.dictionary(fc.constantFrom('item', 'user', 'phase', 'ok', 'n'), fc.oneof(fc.nat(99), fc.boolean(), fc.constantFrom('a', 'b"c', 'line\nbreak', 'ünï', '')), {
    maxKeys: 3,
    noNullPrototype: true,
  });
  const tag = fc.constantFrom(...TAGS);
  const step: fc.Arbitrary<DriveStep> = fc.oneof(
    { weight: 3, arbitrary: fc.record({ method: fc.constant('next' as const), catch: fc.boolean() }) },
    { weight: weightIf(f.driveThrow, f === ALL_FEATURES ? 2 : 3), arbitrary: fc.record({ method: fc.constant('throw' as const), tag, catch: fc.boolean() }) },
    { weight: weightIf(f.driveReturn, 2), arbitrary: fc.record({ method: fc.constant('return' as const), catch: fc.boolean() }) },
  );
  // The table of swarm programs is the holder's kind's; without swarm testing, the one table of `any`.
  const statementsOf = (holder: FnKind | 'any'): fc.Arbitrary<RawStmt> => {
  const w = KIND_WEIGHTS[options.swarm === true ? holder : 'any'];
  const { stmt } = fc.letrec<{ stmt: RawStmt; block: RawStmt[] }>((tie) => ({
    stmt: fc.oneof(
      { maxDepth, depthIdentifier: 'stmt' },
      // Leaves first: at maxDepth fast-check picks only from the first arbitrary.
      { weight: w.leaves, arbitrary: fc.oneof(
        { weight: w.call, arbitrary: fc.record({ op: fc.constant('call' as const), t: target }) },
        { weight: w.yield, arbitrary: fc.constant({ op: 'yield' as const }) },
        { weight: weightIf(f.yieldStar, w['yield*']), arbitrary: fc.record({ op: fc.constant('yield*' as const), t: target }) },
        { weight: weightIf(f.throw, w.throw), arbitrary: fc.record({ op: fc.constant('throw' as const), tag }) },
        { weight: weightIf(f.return, w.return), arbitrary: fc.constant({ op: 'return' as const }) },
        {
          weight: weightIf(f.reenter, w.reenter),
          arbitrary: fc.record({ op: fc.constant('reenter' as const), method: options.reenter === 'next' ? fc.constant('next' as const) : fc.constantFrom('next' as const, 'throw' as const, 'return' as const) }),
        },
        { weight: w.drive, arbitrary: fc.record({ op: fc.constant('drive' as const), t: target, steps: fc.array(step, { minLength: 1, maxLength: 5 }) }) },
        {
          weight: w.await,
          arbitrary: fc.record({
            op: fc.constant('await' as const),
            w: awaitKind(f, sequential),
            t: target,
            ts: fc.array(target, { minLength: 1, maxLength: 3 }),
            tag,
            slot: fc.nat(SLOTS - 1),
          }),
        },
        { weight: sequential ? 0 : weightIf(f.start, w.start), arbitrary: fc.record({ op: fc.constant('start' as const), t: target, slot: fc.nat(SLOTS - 1) }) },
        { weight: options.events === false ? 0 : weightIf(f.event, w.event), arbitrary: fc.record({ op: fc.constant('event' as const), type: fc.constantFrom('phase_enter', 'work_done', 'lease_renew'), payload: fc.option(payload) }) },
        ...(options.observe === true
          ? [
              { weight: 2, arbitrary: fc.record({ op: fc.constant('defer' as const), via: fc.constantFrom('timeout' as const, 'microtask' as const), t: target, async: fc.boolean() }) },
              { weight: 2, arbitrary: fc.record({ op: fc.constant('handoff' as const), t: target, to: target, async: fc.boolean() }) },
              { weight: 2, arbitrary: fc.record({ op: fc.constant('adrive' as const), t: target, steps: fc.array(step, { maxLength: 4 }) }) },
              {
                weight: 2,
                arbitrary: fc.record({ op: fc.constant('await' as const), w: fc.constantFrom('allSettled' as const, 'thenable' as const), t: target, ts: fc.array(target, { minLength: 1, maxLength: 3 }), tag, slot: fc.nat(SLOTS - 1) }),
              },
            ]
          : []),
      ) },
      {
        weight: weightIf(f.try, w.try),
        arbitrary: fc.record({ op: fc.constant('try' as const), body: tie('block') as fc.Arbitrary<RawStmt[]>, handler: fc.option(tie('block') as fc.Arbitrary<RawStmt[]>), fin: fc.option(tie('block') as fc.Arbitrary<RawStmt[]>) }),
      },
      { weight: weightIf(f.forOf, w['for-of']), arbitrary: fc.record({ op: fc.constant('for-of' as const), t: target, body: tie('block') as fc.Arbitrary<RawStmt[]>, breakAfter: fc.option(fc.nat(3)) }) },
      ...(sequential ? [] : [{ weight: weightIf(f.forAwait, w['for-await']), arbitrary: fc.record({ op: fc.constant('for-await' as const), t: target, body: tie('block') as fc.Arbitrary<RawStmt[]>, breakAfter: fc.option(fc.nat(3)) }) }]),
    ),
    block: fc.array(tie('stmt'), { maxLength: maxStatements }),
  }));
  return stmt;
  };
  const bodies = new Map<FnKind | 'any', fc.Arbitrary<RawStmt[]>>();
  const bodyOf = (holder: FnKind | 'any'): fc.Arbitrary<RawStmt[]> => {
    let body = bodies.get(holder);
    if (body === undefined) bodies.set(holder, (body = fc.array(statementsOf(holder), { minLength: 1, maxLength: maxStatements })));
    return body;
  };
  // Generators and coroutines are what this suite is about: half the functions after the entry are
  // generators, a quarter async functions; a third of the entries are async.
  const kindWeights: [FnKind, number][] = [
    ['generator', 2],
    ['sync', weightIf(f.syncFunctions, 1)],
    ['async', options.async === false ? 0 : weightIf(f.asyncFunctions, 1)],
    ['asyncGenerator', options.async === false || sequential ? 0 : weightIf(f.asyncGenerators, 1)],
  ];
  const entry = options.async === false ? 'sync' : (options.entry ?? 'any');
  const mainKinds: [FnKind, number][] = entry === 'any' ? [['sync', 2], ['async', 1]] : [[entry, 1]];
  // Without swarm testing the kind and the body are drawn apart (as before issue 13); with it, each body from its kind's table.
  const fnOf = (kinds: [FnKind, number][]): fc.Arbitrary<RawFn> =>
    options.swarm === true
      ? fc.oneof(...kinds.map(([kind, weight]) => ({ weight, arbitrary: fc.record({ kind: fc.constant(kind), body: bodyOf(kind) }) })))
      : fc.record({ kind: kinds.length === 1 ? fc.constant(kinds[0]![0]) : fc.oneof(...kinds.map(([kind, weight]) => ({ weight, arbitrary: fc.constant(kind) }))), body: bodyOf('any') });
  const rest = fc.array(fnOf(kindWeights), { minLength: Math.min(1, maxFunctions - 1), maxLength: maxFunctions - 1 });
  if (options.swarm === true) return fc.record({ main: fnOf(mainKinds), rest }).map(({ main, rest }) => normalize([main, ...rest], true));
  // Without swarm testing: the record every program had before issue 13 (same seed, same programs, same shrinks).
  const mainKind = mainKinds.length === 1 ? fc.constant(mainKinds[0]![0]) : fc.oneof(...mainKinds.map(([kind, weight]) => ({ weight, arbitrary: fc.constant(kind) })));
  return fc.record({ mainKind, main: bodyOf('any'), rest }).map(({ mainKind, main, rest }) => normalize([{ kind: mainKind, body: main }, ...rest]));
}

type AwaitKind = 'call' | 'value' | 'reject' | 'tick' | 'all' | 'race' | 'slot';

/** What an `await` may await under the features `f` (calls and ticks twice as often as the rest). */
function awaitKind(f: SwarmFeatures, sequential: boolean): fc.Arbitrary<AwaitKind> {
  if (f === ALL_FEATURES) {
    // Without swarm testing: the draws every program made before issue 13 (same seed, same programs).
    const plain: AwaitKind[] = ['call', 'call', 'value', 'reject', 'tick', 'tick'];
    return fc.constantFrom(...(sequential ? plain : [...plain, 'all' as const, 'race' as const, 'slot' as const]));
  }
  const of = (kind: AwaitKind, weight: number): { weight: number; arbitrary: fc.Arbitrary<AwaitKind> } => ({ weight, arbitrary: fc.constant(kind) });
  return fc.oneof(
    of('call', 2),
    of('value', weightIf(f.awaitValue, 1)),
    of('reject', weightIf(f.awaitReject, 1)),
    of('tick', weightIf(f.awaitTick, 2)),
    of('all', sequential ? 0 : weightIf(f.awaitAllRace, 1)),
    of('race', sequential ? 0 : weightIf(f.awaitAllRace, 1)),
    of('slot', sequential ? 0 : weightIf(f.awaitSlot, 1)),
  );
}

interface RawFn {
  readonly kind: FnKind;
  readonly body: RawStmt[];
}

/**
 * Resolves raw targets to names and drops statements with no valid target or context, and those past
 * {@link PROGRAM_LIMITS}.maxStatements (in program order), so every result is a valid program. @internal
 */
export function normalize(raw: readonly RawFn[], yieldWhenNoDelegate = false): Program {
  const kinds: FnKind[] = raw.map((f) => f.kind);
  const names = kinds.map((k, i) => (i === 0 ? 'main' : k === 'sync' ? `f${i}` : k === 'generator' ? `g${i}` : k === 'async' ? `a${i}` : `ag${i}`));
  const budget = { left: PROGRAM_LIMITS.maxStatements };
  const functions: FnDecl[] = raw.map((f, i) => {
    const later = (k: FnKind): string[] => names.filter((_, j) => j > i && kinds[j] === k);
    const ctx = {
      generator: kinds[i] === 'generator',
      async: kinds[i] === 'async' || kinds[i] === 'asyncGenerator',
      asyncGenerator: kinds[i] === 'asyncGenerator',
      inForAwait: false,
      sync: later('sync'),
      gens: later('generator'),
      asyncs: later('async'),
      asyncGens: later('asyncGenerator'),
      started: [],
      budget,
      yieldWhenNoDelegate,
    };
    return { name: names[i]!, kind: kinds[i]!, body: normalizeBlock(f.body, ctx) };
  });
  return { functions };
}

interface Ctx {
  readonly generator: boolean;
  readonly async: boolean;
  readonly asyncGenerator: boolean;
  readonly inForAwait: boolean;
  readonly asyncGens: readonly string[];
  /** Slots a `start` filled so far in this function (an await of a slot prefers one of them). */
  readonly started: number[];
  readonly sync: readonly string[];
  readonly gens: readonly string[];
  readonly asyncs: readonly string[];
  /** Statements the program may still hold. */
  readonly budget: { left: number };
  /** A `yield*` with no later generator to delegate to becomes a `yield` (swarm programs), not nothing. */
  readonly yieldWhenNoDelegate: boolean;
}

function normalizeBlock(body: readonly RawStmt[], ctx: Ctx): Stmt[] {
  const out: Stmt[] = [];
  for (const s of body) {
    if (ctx.budget.left <= 0) break;
    const n = normalizeStmt(s, ctx);
    if (n !== undefined) out.push(n);
  }
  return out;
}

function normalizeStmt(s: RawStmt, ctx: Ctx): Stmt | undefined {
  ctx.budget.left--; // counted before its children; a dropped statement's unit is simply not used
  const pick = (list: readonly string[], t: number): string | undefined => (list.length === 0 ? undefined : list[t % list.length]);
  switch (s.op) {
    case 'call': {
      const fn = pick(ctx.sync, s.t);
      return fn === undefined ? undefined : { op: 'call', fn };
    }
    case 'yield*': {
      const fn = ctx.generator ? pick(ctx.gens, s.t) : undefined;
      if (fn === undefined) return ctx.generator && ctx.yieldWhenNoDelegate ? { op: 'yield' } : undefined;
      return { op: 'yield*', fn };
    }
    case 'for-of': {
      const fn = pick(ctx.gens, s.t);
      if (fn === undefined) return undefined;
      const body = normalizeBlock(s.body ?? [], ctx);
      return s.breakAfter === null || s.breakAfter === undefined ? { op: 'for-of', fn, body } : { op: 'for-of', fn, body, breakAfter: s.breakAfter };
    }
    case 'drive': {
      const fn = pick(ctx.gens, s.t);
      return fn === undefined ? undefined : { op: 'drive', fn, steps: s.steps ?? [] };
    }
    case 'yield':
      return (ctx.generator || ctx.asyncGenerator) && !ctx.inForAwait ? { op: 'yield' } : undefined;
    case 'for-await': {
      const fn = ctx.async ? pick(ctx.asyncGens, s.t) : undefined;
      if (fn === undefined) return undefined;
      const body = normalizeBlock(s.body, { ...ctx, inForAwait: true });
      return s.breakAfter === null ? { op: 'for-await', fn, body } : { op: 'for-await', fn, body, breakAfter: s.breakAfter };
    }
    case 'reenter':
      return ctx.generator ? { op: 'reenter', method: s.method } : undefined;
    case 'return':
      return ctx.inForAwait ? undefined : { op: 'return' };
    case 'start': {
      const fn = ctx.async ? pick(ctx.asyncs, s.t) : undefined;
      if (fn !== undefined) ctx.started.push(s.slot);
      return fn === undefined ? undefined : { op: 'start', fn, slot: s.slot };
    }
    case 'await': {
      if (!ctx.async) return undefined;
      switch (s.w) {
        case 'call': {
          const fn = pick(ctx.asyncs, s.t);
          return fn === undefined ? { op: 'await', what: { kind: 'value' } } : { op: 'await', what: { kind: 'call', fn } };
        }
        case 'thenable': {
          const fn = pick(ctx.sync, s.t);
          return fn === undefined ? { op: 'await', what: { kind: 'value' } } : { op: 'await', what: { kind: 'thenable', fn } };
        }
        case 'all':
        case 'race':
        case 'allSettled': {
          if (ctx.asyncs.length === 0) return { op: 'await', what: { kind: 'tick' } };
          return { op: 'await', what: { kind: s.w, fns: s.ts.map((t) => pick(ctx.asyncs, t)!) } };
        }
        case 'reject':
          return { op: 'await', what: { kind: 'reject', tag: s.tag } };
        case 'slot':
          return { op: 'await', what: { kind: 'slot', slot: ctx.started.length > 0 ? ctx.started[s.slot % ctx.started.length]! : s.slot } };
        default:
          return { op: 'await', what: { kind: s.w } };
      }
    }
    case 'defer': {
      const fn = pick(s.async ? ctx.asyncs : ctx.sync, s.t);
      return fn === undefined ? undefined : { op: 'defer', via: s.via, fn };
    }
    case 'handoff': {
      const asyncGen = s.async && ctx.async;
      const fn = pick(asyncGen ? ctx.asyncGens : ctx.gens, s.t);
      const to = pick(asyncGen ? ctx.asyncs : ctx.sync, s.to);
      return fn === undefined || to === undefined ? undefined : { op: 'handoff', fn, to };
    }
    case 'adrive': {
      const fn = ctx.async ? pick(ctx.asyncGens, s.t) : undefined;
      return fn === undefined ? undefined : { op: 'adrive', fn, steps: s.steps };
    }
    case 'throw':
      return { op: 'throw', tag: s.tag };
    case 'event':
      return s.payload === null ? { op: 'event', type: s.type } : { op: 'event', type: s.type, payload: s.payload };
    case 'try': {
      const body = normalizeBlock(s.body, ctx);
      const handler = s.handler === null ? undefined : normalizeBlock(s.handler, ctx);
      const fin = s.fin === null ? undefined : normalizeBlock(s.fin, ctx);
      if (handler === undefined && fin === undefined) return { op: 'try', body, catch: [] };
      return { op: 'try', body, ...(handler !== undefined ? { catch: handler } : {}), ...(fin !== undefined ? { finally: fin } : {}) };
    }
  }
}
