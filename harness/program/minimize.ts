import type { FnDecl, Program, Stmt } from './ast.ts';
import { validateProgram } from './validate.ts';

/** Upper bound on predicate calls of one {@link minimizeProgram}. */
export const MINIMIZE_BUDGET = 2000;

/**
 * Structural shrinking after fast-check's: fast-check shrinks arrays and integers, but cannot lift the
 * statements of a `try` or `for-of` out of it, or drop a `catch`. This pass tries, to a fixpoint, every
 * one-step simplification (delete a statement, replace a block statement by one of its blocks, inline a
 * sync call, drop a `try` clause, a `break`, a drive step, a `catch: true`, an unused function) and keeps each candidate
 * that is a valid program on which `fails` still holds. Deterministic: the same input gives the same
 * output, so a replayed counterexample minimises the same way.
 *
 * @param program - a program on which `fails` holds
 * @param fails - the failure to preserve
 * @param budget - maximum calls of `fails`
 * @returns a program no larger than `program` on which `fails` holds (a promise: `fails` may be async)
 */
export async function minimizeProgram(program: Program, fails: (p: Program) => boolean | Promise<boolean>, budget: number = MINIMIZE_BUDGET): Promise<Program> {
  let best = program;
  let calls = 0;
  let improved = true;
  while (improved && calls < budget) {
    improved = false;
    for (const candidate of candidates(best)) {
      if (calls >= budget) break;
      if (!isValid(candidate)) continue;
      calls++;
      if (await fails(candidate)) {
        best = candidate;
        improved = true;
        break;
      }
    }
  }
  return best;
}

function isValid(p: Program): boolean {
  try {
    validateProgram(p);
    return true;
  } catch {
    return false;
  }
}

/** Every one-step simplification of a program, most aggressive first. */
function* candidates(p: Program): Generator<Program> {
  const fns = p.functions;
  // 1. drop a function nothing uses (never the entry)
  for (let i = fns.length - 1; i >= 1; i--) {
    const name = fns[i]!.name;
    if (!JSON.stringify(fns.filter((_, j) => j !== i)).includes(`"fn":"${name}"`)) yield { ...p, functions: fns.filter((_, j) => j !== i) };
  }
  // 2. make an async function sync (an async generator a generator) when it is still valid: no await left
  for (let i = 0; i < fns.length; i++) {
    const kind = fns[i]!.kind === 'async' ? 'sync' : fns[i]!.kind === 'asyncGenerator' ? 'generator' : undefined;
    if (kind !== undefined) yield { ...p, functions: fns.map((g, j) => (j === i ? { ...g, kind } : g)) };
  }
  // 3. simplify one function body
  const inlinable = new Map(fns.filter((f) => f.kind === 'sync' && !JSON.stringify(f.body).includes('"op":"return"')).map((f) => [f.name, f.body]));
  for (let i = 0; i < fns.length; i++) {
    for (const body of blockCandidates(fns[i]!.body, inlinable)) {
      const f: FnDecl = { ...fns[i]!, body };
      yield { ...p, functions: fns.map((g, j) => (j === i ? f : g)) };
    }
  }
}

/** Sync functions whose body can replace a call to them (no `return` that would leave the caller). */
type Inlinable = ReadonlyMap<string, readonly Stmt[]>;

function* blockCandidates(block: readonly Stmt[], inlinable: Inlinable): Generator<Stmt[]> {
  const splice = (k: number, by: readonly Stmt[]): Stmt[] => [...block.slice(0, k), ...by, ...block.slice(k + 1)];
  for (let k = 0; k < block.length; k++) yield splice(k, []);
  for (let k = 0; k < block.length; k++) {
    for (const replacement of stmtCandidates(block[k]!, inlinable)) yield splice(k, replacement);
  }
}

/** Replacements of one statement: lists of statements that take its place. */
function* stmtCandidates(s: Stmt, inlinable: Inlinable): Generator<Stmt[]> {
  switch (s.op) {
    case 'call': {
      const body = inlinable.get(s.fn);
      if (body !== undefined) yield [...body];
      return;
    }
    case 'try': {
      yield [...s.body];
      if (s.catch !== undefined) yield [...s.catch];
      if (s.finally !== undefined) yield [...s.finally];
      // The body then its finally, as a sequence: keeps what a normal completion runs, one level flatter.
      if (s.catch === undefined && s.finally !== undefined) yield [...s.body, ...s.finally];
      if (s.catch !== undefined && s.finally !== undefined) {
        yield [{ op: 'try', body: s.body, finally: s.finally }];
        yield [{ op: 'try', body: s.body, catch: s.catch }];
      }
      for (const body of blockCandidates(s.body, inlinable)) yield [{ ...s, body }];
      if (s.catch !== undefined) for (const c of blockCandidates(s.catch, inlinable)) yield [{ ...s, catch: c }];
      if (s.finally !== undefined) for (const f of blockCandidates(s.finally, inlinable)) yield [{ ...s, finally: f }];
      return;
    }
    case 'for-of': {
      yield [...s.body];
      if (s.breakAfter !== undefined) {
        yield [{ op: 'for-of', fn: s.fn, body: s.body }];
        if (s.breakAfter > 0) yield [{ ...s, breakAfter: s.breakAfter - 1 }];
      }
      for (const body of blockCandidates(s.body, inlinable)) yield [{ ...s, body }];
      return;
    }
    case 'for-await': {
      // One await of a value keeps "this activation awaits" with none of the loop's machinery.
      yield [{ op: 'await', what: { kind: 'value' } }];
      yield [...s.body];
      if (s.breakAfter !== undefined) {
        yield [{ op: 'for-await', fn: s.fn, body: s.body }];
        if (s.breakAfter > 0) yield [{ ...s, breakAfter: s.breakAfter - 1 }];
      }
      for (const body of blockCandidates(s.body, inlinable)) yield [{ ...s, body }];
      return;
    }
    case 'event':
      if (s.payload !== undefined) yield [{ op: 'event', type: s.type }];
      return;
    case 'await':
      if (s.what.kind !== 'value') yield [{ op: 'await', what: { kind: 'value' } }];
      return;
    case 'drive':
    case 'adrive':
      for (let k = s.steps.length - 1; k >= 0; k--) yield [{ ...s, steps: s.steps.filter((_, j) => j !== k) }];
      for (let k = 0; k < s.steps.length; k++) {
        const step = s.steps[k]!;
        if (step.catch === true) yield [{ ...s, steps: s.steps.map((d, j) => (j === k ? { ...d, catch: false } : d)) }];
      }
      return;
    default:
      return;
  }
}
