import { type Awaitable, type DriveStep, type FnDecl, type Program, SLOTS, type Stmt } from './ast.ts';

/** A program that breaks a rule of {@link validateProgram}; `path` points at the offending node. */
export class ProgramError extends Error {
  override readonly name = 'ProgramError';
  /**
   * @param path - e.g. `functions[1].body[0].fn`
   * @param detail - what is wrong and what is allowed
   */
  constructor(
    readonly path: string,
    detail: string,
  ) {
    super(`${path}: ${detail}`);
  }
}

/** Bounds of a valid program. */
export const PROGRAM_LIMITS = {
  /** Functions per program. */
  maxFunctions: 64,
  /** Statements in the whole program. */
  maxStatements: 2000,
  /** Nesting of blocks. */
  maxDepth: 16,
  /** Steps of one `drive`. */
  maxSteps: 64,
  /** `breakAfter` of a `for-of`. */
  maxBreakAfter: 1000,
} as const;

const NAME = /^[a-z][A-Za-z0-9_]{0,31}$/;
const TAG = /^[A-Z][A-Za-z0-9_]{0,31}$/;
const RESERVED = new Set([
  'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete', 'do', 'else', 'enum', 'export',
  'extends', 'false', 'finally', 'for', 'function', 'if', 'import', 'in', 'instanceof', 'new', 'null', 'return', 'super',
  'switch', 'this', 'throw', 'true', 'try', 'typeof', 'var', 'void', 'while', 'with', 'yield', 'let', 'static', 'implements',
  'interface', 'package', 'private', 'protected', 'public', 'await', 'async', 'of', 'arguments', 'eval', 'undefined',
  // names the compiled program binds itself
  'trace', 'spawn', 'self', 'Tagged', 'enter', 'tick', 'p0', 'p1', 'p2', 'p3', '$', 'it', 'setTimeout', 'queueMicrotask', 'Promise',
]);
const STMT_KEYS: Record<string, readonly string[]> = {
  call: ['op', 'fn'],
  yield: ['op'],
  'yield*': ['op', 'fn'],
  'for-of': ['op', 'fn', 'body', 'breakAfter'],
  'for-await': ['op', 'fn', 'body', 'breakAfter'],
  drive: ['op', 'fn', 'steps'],
  try: ['op', 'body', 'catch', 'finally'],
  throw: ['op', 'tag'],
  return: ['op'],
  reenter: ['op', 'method'],
  await: ['op', 'what'],
  start: ['op', 'fn', 'slot'],
  event: ['op', 'type', 'payload'],
  defer: ['op', 'via', 'fn'],
  handoff: ['op', 'fn', 'to'],
  adrive: ['op', 'fn', 'steps'],
};
/** User event types in programs, and payload field names (no `__proto__`: lowercase first letter). */
const EVENT_TYPE = /^[a-z][a-z0-9_]{0,31}$/;
const FIELD = /^[a-z][A-Za-z0-9_]{0,15}$/;
const AWAIT_KEYS: Record<string, readonly string[]> = {
  call: ['kind', 'fn'],
  value: ['kind'],
  reject: ['kind', 'tag'],
  tick: ['kind'],
  all: ['kind', 'fns'],
  race: ['kind', 'fns'],
  slot: ['kind', 'slot'],
  allSettled: ['kind', 'fns'],
  thenable: ['kind', 'fn'],
};
const METHODS = new Set(['next', 'throw', 'return']);

/**
 * Checks that an untrusted value (say, parsed JSON from a file) is a valid {@link Program}; only a
 * validated program is ever compiled.
 *
 * Rules: known keys only; unique function names that are identifiers and not reserved; the entry is
 * `sync` or `async`; a function uses only functions declared after it (`call` a sync one; `yield*`,
 * `for-of`, `drive` a generator; `start` and `await` of calls an async one); `yield`, `yield*`, `reenter`
 * only inside generators, `await` and `start` only inside async functions; slots 0..3; `try` has `catch`
 * or `finally`; tags match `[A-Z][A-Za-z0-9_]*` and are not `TypeError`; sizes within {@link PROGRAM_LIMITS}.
 *
 * @param value - anything
 * @returns the same value, typed
 * @throws {@link ProgramError} naming the first offending node and the rule
 */
export function validateProgram(value: unknown): Program {
  const p = record(value, 'program');
  onlyKeys(p, ['about', 'functions'], 'program');
  if (p.about !== undefined && typeof p.about !== 'string') throw new ProgramError('about', 'must be a string');
  const fns = p.functions;
  if (!Array.isArray(fns) || fns.length === 0) throw new ProgramError('functions', 'must be a non-empty array');
  if (fns.length > PROGRAM_LIMITS.maxFunctions) throw new ProgramError('functions', `at most ${PROGRAM_LIMITS.maxFunctions} functions, got ${fns.length}`);
  const index = new Map<string, { i: number; kind: string }>();
  fns.forEach((f: unknown, i) => {
    const path = `functions[${i}]`;
    const d = record(f, path);
    onlyKeys(d, ['name', 'kind', 'body'], path);
    if (typeof d.name !== 'string' || !NAME.test(d.name) || RESERVED.has(d.name)) {
      throw new ProgramError(`${path}.name`, `must be an identifier matching ${NAME.source} and not reserved, got ${JSON.stringify(d.name)}`);
    }
    if (index.has(d.name)) throw new ProgramError(`${path}.name`, `duplicate function name "${d.name}"`);
    if (d.kind !== 'sync' && d.kind !== 'generator' && d.kind !== 'async' && d.kind !== 'asyncGenerator') {
      throw new ProgramError(`${path}.kind`, `must be "sync", "generator", "async" or "asyncGenerator", got ${JSON.stringify(d.kind)}`);
    }
    index.set(d.name, { i, kind: d.kind });
  });
  const entryKind = (fns[0] as FnDecl).kind;
  if (entryKind !== 'sync' && entryKind !== 'async') throw new ProgramError('functions[0].kind', 'the entry function must be "sync" or "async"');
  const budget = { statements: 0 };
  fns.forEach((f: FnDecl, i) =>
    block(
      f.body,
      `functions[${i}].body`,
      { i, generator: f.kind === 'generator', async: f.kind === 'async' || f.kind === 'asyncGenerator', asyncGenerator: f.kind === 'asyncGenerator', inForAwait: false, index, budget },
      1,
    ),
  );
  return value as Program;
}

interface Ctx {
  readonly i: number;
  readonly generator: boolean;
  /** An async function or async generator: `await` and `start` allowed. */
  readonly async: boolean;
  readonly asyncGenerator: boolean;
  /** Inside a `for-await` body: no `return`, no `yield` (the compiled loop closes the iterator on throw and break only). */
  readonly inForAwait: boolean;
  readonly index: ReadonlyMap<string, { i: number; kind: string }>;
  readonly budget: { statements: number };
}

function block(value: unknown, path: string, ctx: Ctx, depth: number): void {
  if (!Array.isArray(value)) throw new ProgramError(path, 'must be an array of statements');
  if (depth > PROGRAM_LIMITS.maxDepth) throw new ProgramError(path, `nesting deeper than ${PROGRAM_LIMITS.maxDepth}`);
  value.forEach((s: unknown, k) => stmt(s, `${path}[${k}]`, ctx, depth));
}

function stmt(value: unknown, path: string, ctx: Ctx, depth: number): void {
  if (++ctx.budget.statements > PROGRAM_LIMITS.maxStatements) throw new ProgramError(path, `more than ${PROGRAM_LIMITS.maxStatements} statements`);
  const s = record(value, path);
  const keys = typeof s.op === 'string' ? STMT_KEYS[s.op] : undefined;
  if (keys === undefined) throw new ProgramError(`${path}.op`, `unknown statement ${JSON.stringify(s.op)}, want one of ${Object.keys(STMT_KEYS).join(', ')}`);
  onlyKeys(s, keys, path);
  const st = s as Stmt;
  switch (st.op) {
    case 'call':
      target(st.fn, 'sync', `${path}.fn`, ctx);
      return;
    case 'yield':
      if (!ctx.generator && !ctx.asyncGenerator) throw new ProgramError(path, '"yield" is only allowed in a generator function');
      if (ctx.inForAwait) throw new ProgramError(path, '"yield" is not allowed in a "for-await" body');
      return;
    case 'reenter':
      if (!ctx.generator) throw new ProgramError(path, `"${st.op}" is only allowed in a generator function`);
      if (st.op === 'reenter' && !METHODS.has(st.method)) throw new ProgramError(`${path}.method`, 'must be "next", "throw" or "return"');
      return;
    case 'yield*':
      if (!ctx.generator) throw new ProgramError(path, '"yield*" is only allowed in a generator function');
      target(st.fn, 'generator', `${path}.fn`, ctx);
      return;
    case 'for-of':
      target(st.fn, 'generator', `${path}.fn`, ctx);
      if (st.breakAfter !== undefined && !(Number.isInteger(st.breakAfter) && st.breakAfter >= 0 && st.breakAfter <= PROGRAM_LIMITS.maxBreakAfter)) {
        throw new ProgramError(`${path}.breakAfter`, `must be an integer in 0..${PROGRAM_LIMITS.maxBreakAfter}`);
      }
      block(st.body, `${path}.body`, ctx, depth + 1);
      return;
    case 'drive':
      target(st.fn, 'generator', `${path}.fn`, ctx);
      if (!Array.isArray(st.steps) || st.steps.length > PROGRAM_LIMITS.maxSteps) throw new ProgramError(`${path}.steps`, `must be an array of at most ${PROGRAM_LIMITS.maxSteps} steps`);
      st.steps.forEach((d: unknown, k) => step(d, `${path}.steps[${k}]`));
      return;
    case 'try':
      if (st.catch === undefined && st.finally === undefined) throw new ProgramError(path, '"try" needs "catch" or "finally"');
      block(st.body, `${path}.body`, ctx, depth + 1);
      if (st.catch !== undefined) block(st.catch, `${path}.catch`, ctx, depth + 1);
      if (st.finally !== undefined) block(st.finally, `${path}.finally`, ctx, depth + 1);
      return;
    case 'throw':
      tag(st.tag, `${path}.tag`);
      return;
    case 'return':
      if (ctx.inForAwait) throw new ProgramError(path, '"return" is not allowed in a "for-await" body');
      return;
    case 'for-await':
      if (!ctx.async) throw new ProgramError(path, '"for-await" is only allowed in an async function or async generator');
      target(st.fn, 'asyncGenerator', `${path}.fn`, ctx);
      if (st.breakAfter !== undefined && !(Number.isInteger(st.breakAfter) && st.breakAfter >= 0 && st.breakAfter <= PROGRAM_LIMITS.maxBreakAfter)) {
        throw new ProgramError(`${path}.breakAfter`, `must be an integer in 0..${PROGRAM_LIMITS.maxBreakAfter}`);
      }
      block(st.body, `${path}.body`, { ...ctx, inForAwait: true }, depth + 1);
      return;
    case 'start':
      if (!ctx.async) throw new ProgramError(path, '"start" is only allowed in an async function');
      target(st.fn, 'async', `${path}.fn`, ctx);
      slot(st.slot, `${path}.slot`);
      return;
    case 'await':
      if (!ctx.async) throw new ProgramError(path, '"await" is only allowed in an async function');
      awaitable(st.what, `${path}.what`, ctx);
      return;
    case 'defer': {
      if (st.via !== 'timeout' && st.via !== 'microtask') throw new ProgramError(`${path}.via`, 'must be "timeout" or "microtask"');
      const t = typeof st.fn === 'string' ? ctx.index.get(st.fn) : undefined;
      target(st.fn, t?.kind === 'async' ? 'async' : 'sync', `${path}.fn`, ctx);
      return;
    }
    case 'handoff': {
      const t = typeof st.fn === 'string' ? ctx.index.get(st.fn) : undefined;
      const asyncGen = t?.kind === 'asyncGenerator';
      if (asyncGen && !ctx.async) throw new ProgramError(path, 'a "handoff" of an async generator is only allowed in an async function');
      target(st.fn, asyncGen ? 'asyncGenerator' : 'generator', `${path}.fn`, ctx);
      target(st.to, asyncGen ? 'async' : 'sync', `${path}.to`, ctx);
      return;
    }
    case 'adrive':
      if (!ctx.async) throw new ProgramError(path, '"adrive" is only allowed in an async function');
      target(st.fn, 'asyncGenerator', `${path}.fn`, ctx);
      if (!Array.isArray(st.steps) || st.steps.length > PROGRAM_LIMITS.maxSteps) throw new ProgramError(`${path}.steps`, `must be an array of at most ${PROGRAM_LIMITS.maxSteps} steps`);
      st.steps.forEach((d: unknown, k) => step(d, `${path}.steps[${k}]`));
      return;
    case 'event':
      if (typeof st.type !== 'string' || !EVENT_TYPE.test(st.type)) throw new ProgramError(`${path}.type`, `must match ${String(EVENT_TYPE)}`);
      if (st.payload !== undefined) payload(st.payload, `${path}.payload`);
      return;
  }
}

function payload(value: unknown, path: string): void {
  const p = record(value, path);
  const keys = Object.keys(p);
  if (keys.length > 8) throw new ProgramError(path, 'at most 8 fields');
  for (const k of keys) {
    if (!FIELD.test(k)) throw new ProgramError(`${path}.${k}`, `field names must match ${String(FIELD)}`);
    const v = p[k];
    const ok = (typeof v === 'string' && v.length <= 64) || (typeof v === 'number' && Number.isFinite(v)) || typeof v === 'boolean';
    if (!ok) throw new ProgramError(`${path}.${k}`, 'must be a string of at most 64 characters, a finite number or a boolean');
  }
}

function awaitable(value: unknown, path: string, ctx: Ctx): void {
  const w = record(value, path);
  const keys = typeof w.kind === 'string' ? AWAIT_KEYS[w.kind] : undefined;
  if (keys === undefined) throw new ProgramError(`${path}.kind`, `unknown awaitable ${JSON.stringify(w.kind)}, want one of ${Object.keys(AWAIT_KEYS).join(', ')}`);
  onlyKeys(w, keys, path);
  const a = w as Awaitable;
  switch (a.kind) {
    case 'call':
      target(a.fn, 'async', `${path}.fn`, ctx);
      return;
    case 'reject':
      tag(a.tag, `${path}.tag`);
      return;
    case 'thenable':
      target(a.fn, 'sync', `${path}.fn`, ctx);
      return;
    case 'all':
    case 'race':
    case 'allSettled':
      if (!Array.isArray(a.fns) || a.fns.length === 0 || a.fns.length > 8) throw new ProgramError(`${path}.fns`, 'must be an array of 1..8 function names');
      a.fns.forEach((f: unknown, k) => target(f, 'async', `${path}.fns[${k}]`, ctx));
      return;
    case 'slot':
      slot(a.slot, `${path}.slot`);
      return;
    default:
      return;
  }
}

function slot(value: unknown, path: string): void {
  if (!(Number.isInteger(value) && (value as number) >= 0 && (value as number) < SLOTS)) throw new ProgramError(path, `must be an integer in 0..${SLOTS - 1}`);
}

function step(value: unknown, path: string): void {
  const d = record(value, path) as Partial<DriveStep>;
  onlyKeys(d as Record<string, unknown>, ['method', 'tag', 'catch'], path);
  if (!METHODS.has(d.method as string)) throw new ProgramError(`${path}.method`, 'must be "next", "throw" or "return"');
  if (d.method === 'throw') tag(d.tag, `${path}.tag`);
  else if (d.tag !== undefined) throw new ProgramError(`${path}.tag`, 'only a "throw" step has a tag');
  if (d.catch !== undefined && typeof d.catch !== 'boolean') throw new ProgramError(`${path}.catch`, 'must be a boolean');
}

function target(name: unknown, kind: 'sync' | 'generator' | 'async' | 'asyncGenerator', path: string, ctx: Ctx): void {
  const t = typeof name === 'string' ? ctx.index.get(name) : undefined;
  if (t === undefined) throw new ProgramError(path, `unknown function ${JSON.stringify(name)}`);
  if (t.kind !== kind) throw new ProgramError(path, `"${String(name)}" is a ${t.kind} function, want a ${kind} one`);
  if (t.i <= ctx.i) throw new ProgramError(path, `"${String(name)}" must be declared after the function that uses it (no recursion)`);
}

function tag(value: unknown, path: string): void {
  if (typeof value !== 'string' || !TAG.test(value) || value === 'TypeError') {
    throw new ProgramError(path, `a tag must match ${TAG.source} and not be "TypeError", got ${JSON.stringify(value)}`);
  }
}

function record(value: unknown, path: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ProgramError(path, 'must be an object');
  return value as Record<string, unknown>;
}

function onlyKeys(obj: Record<string, unknown>, allowed: readonly string[], path: string): void {
  for (const k of Object.keys(obj)) {
    if (!allowed.includes(k)) throw new ProgramError(`${path}.${k}`, `unknown key, want one of ${allowed.join(', ')}`);
  }
}
