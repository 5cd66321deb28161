import type { DriveStep, FnDecl, Program, Stmt } from '../../program/ast.ts';
import { PYTHON_PRELUDE } from './prelude.ts';
import { validateForPython } from './validate.ts';

/** A program rendered for the Python target: what a `run` request carries (PROTOCOL.md §3). */
export interface PythonProgram {
  /** {@link PYTHON_PRELUDE}, two blank lines, then one top-level `def` per program function, entry first. */
  readonly source: string;
  /** The entry function's name (`functions[0]`), called with no arguments. */
  readonly entry: string;
  /** The program's own function names, entry first: record events for these only. */
  readonly functions: string[];
}

const INDENT = '    ';

/**
 * Renders a program as readable Python 3 source after {@link PYTHON_PRELUDE} (PROTOCOL.md §6): 4-space
 * indent, one top-level `def` per function (`async def` for an async one), entry first. An `await` of a call
 * is `await f()`, of a value or a tick `await _asyncio.sleep(0)`, of a rejection `await _reject("E1")`.
 * Generators are plain `def`s that `yield`; one that
 * re-enters itself takes `_me` and is created with `_spawn(g)`; one that never yields ends with
 * `if False: yield`. `catch` is `except Exception:` (a `close()`'s GeneratorExit passes through, as JS
 * `return()` skips `catch`); a `for-of` with `breakAfter` k breaks after iteration k (0-based), as the JS
 * renderer does; a `drive` keeps its generator in `_held`. Locals (`_n1`, `_g1`, …) are numbered from 1
 * in each function, outer first. Tags are emitted as JSON string literals; nothing else but function
 * names from the validated AST and a fixed vocabulary reaches the output.
 *
 * @remarks Same text, not always the same semantics as the JS renderer: a `for-of` that breaks drops its
 * generator, which CPython closes at once, but an exception its `finally` raises then is unraisable (JS
 * `return()` throws it out of the loop); `close()` of a generator that yields in `finally` raises
 * RuntimeError (JS `return()` suspends it again). A Python model has to follow CPython here.
 *
 * @example
 * ```ts
 * renderPython({ functions: [{ name: 'main', kind: 'sync', body: [{ op: 'throw', tag: 'E1' }] }] }).source;
 * // PYTHON_PRELUDE + '\n\ndef main():\n    raise Tagged("E1")\n'
 * ```
 * @param program - an untrusted program, validated with {@link validateForPython} first
 * @returns `{ source, entry, functions }` for a `run` request
 * @throws {@link ProgramError} when the program is invalid or the Python target cannot express it
 */
export function renderPython(program: Program): PythonProgram {
  const valid = validateForPython(program);
  const takesMe = new Set(valid.functions.filter((f) => f.kind === 'generator' && contains(f.body, (s) => s.op === 'reenter')).map((f) => f.name));
  const defs = valid.functions.map((f) => renderFunction(f, takesMe));
  return {
    source: `${PYTHON_PRELUDE}\n\n${defs.join('\n\n\n')}\n`,
    entry: valid.functions[0]!.name,
    functions: valid.functions.map((f) => f.name),
  };
}

/** What rendering one function needs: which generators take `_me`, and its local counters. */
interface Scope {
  readonly takesMe: ReadonlySet<string>;
  loop: number;
  gen: number;
}

function renderFunction(f: FnDecl, takesMe: ReadonlySet<string>): string {
  const scope: Scope = { takesMe, loop: 0, gen: 0 };
  const head = `${f.kind === 'async' ? 'async def' : 'def'} ${f.name}(${takesMe.has(f.name) ? '_me' : ''}):`;
  const body = f.body.flatMap((s) => renderStmt(s, 1, scope));
  // Without a yield the def would be a plain function: this keeps it a generator (CPython decides that
  // when compiling, and compiles the dead branch away).
  if (f.kind === 'generator' && !contains(f.body, (s) => s.op === 'yield' || s.op === 'yield*')) {
    body.push(`${INDENT}if False:`, `${INDENT}${INDENT}yield  # a generator that never yields`);
  }
  return [head, ...(body.length === 0 ? [`${INDENT}pass`] : body)].join('\n');
}

function renderBlock(body: readonly Stmt[], depth: number, scope: Scope): string[] {
  return body.length === 0 ? [`${INDENT.repeat(depth)}pass`] : body.flatMap((s) => renderStmt(s, depth, scope));
}

/** The expression that creates a generator object of `fn`. */
function create(fn: string, scope: Scope): string {
  return scope.takesMe.has(fn) ? `_spawn(${fn})` : `${fn}()`;
}

function renderStmt(s: Stmt, depth: number, scope: Scope): string[] {
  const pad = INDENT.repeat(depth);
  switch (s.op) {
    case 'call':
      return [`${pad}${s.fn}()`];
    case 'yield':
      return [`${pad}yield`];
    case 'yield*':
      return [`${pad}yield from ${create(s.fn, scope)}`];
    case 'throw':
      return [`${pad}raise Tagged(${JSON.stringify(s.tag)})`];
    case 'return':
      return [`${pad}return`];
    case 'reenter':
      return [pad + (s.method === 'next' ? 'next(_me.it)' : s.method === 'throw' ? '_me.it.throw(Tagged("Reenter"))' : '_me.it.close()')];
    case 'try': {
      const lines = [`${pad}try:`, ...renderBlock(s.body, depth + 1, scope)];
      if (s.catch !== undefined) lines.push(`${pad}except Exception:`, ...renderBlock(s.catch, depth + 1, scope));
      if (s.finally !== undefined) lines.push(`${pad}finally:`, ...renderBlock(s.finally, depth + 1, scope));
      return lines;
    }
    case 'for-of': {
      if (s.breakAfter === undefined) return [`${pad}for _ in ${create(s.fn, scope)}:`, ...renderBlock(s.body, depth + 1, scope)];
      // JS: `if (n++ === k) break;` at the end of the body, n from 0: the same as enumerate's index.
      const n = `_n${++scope.loop}`;
      const inner = pad + INDENT;
      return [
        `${pad}for ${n}, _ in enumerate(${create(s.fn, scope)}):`,
        ...(s.body.length === 0 ? [] : renderBlock(s.body, depth + 1, scope)),
        `${inner}if ${n} == ${s.breakAfter}:`,
        `${inner}${INDENT}break`,
      ];
    }
    case 'drive': {
      const g = `_g${++scope.gen}`;
      return [`${pad}${g} = ${create(s.fn, scope)}`, `${pad}_held.append(${g})`, ...s.steps.flatMap((d) => renderStep(g, d, pad))];
    }
    case 'await':
      // One chain of coroutines: a call runs inline (its suspensions suspend this frame too); a value or a
      // tick is one trip through the event loop; a rejection is one trip, then the raise.
      if (s.what.kind === 'call') return [`${pad}await ${s.what.fn}()`];
      if (s.what.kind === 'reject') return [`${pad}await _reject(${JSON.stringify(s.what.tag)})`];
      if (s.what.kind === 'value' || s.what.kind === 'tick') return [`${pad}await _asyncio.sleep(0)`];
      throw new Error(`renderPython: unreachable await of "${s.what.kind}"`);
    case 'start':
    case 'for-await':
    case 'event':
    case 'defer':
    case 'handoff':
    case 'adrive':
      // validateForPython refuses these.
      throw new Error(`renderPython: unreachable statement "${s.op}"`);
  }
}

/** One `drive` step: next → `next(g, None)`, throw → `g.throw(...)` minus StopIteration, return → `g.close()`. */
function renderStep(g: string, d: DriveStep, pad: string): string[] {
  const guarded = (call: string, caught: string): string[] => [`${pad}try:`, `${pad}${INDENT}${call}`, `${pad}except ${caught}:`, `${pad}${INDENT}pass`];
  if (d.method === 'throw') return guarded(`${g}.throw(Tagged(${JSON.stringify(d.tag)}))`, d.catch === true ? 'Exception' : 'StopIteration');
  const call = d.method === 'next' ? `next(${g}, None)` : `${g}.close()`;
  return d.catch === true ? guarded(call, 'Exception') : [`${pad}${call}`];
}

function contains(body: readonly Stmt[], test: (s: Stmt) => boolean): boolean {
  return body.some(
    (s) =>
      test(s) ||
      (s.op === 'for-of' && contains(s.body, test)) ||
      (s.op === 'try' && (contains(s.body, test) || contains(s.catch ?? [], test) || contains(s.finally ?? [], test))),
  );
}
