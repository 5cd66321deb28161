import type { Program, Stmt, StmtOp } from '../../program/ast.ts';
import { ProgramError, validateProgram } from '../../program/validate.ts';

/**
 * The statement ops the Python target renders (PROTOCOL.md §5 names, §6 spelling): everything but
 * `start`, `for-await` and user events (`event`); `await` of a call, a value, a tick or a rejection (one
 * chain of coroutines run by asyncio, no concurrency). What an adapter's `supports.statements` may list.
 */
export const PYTHON_STATEMENTS: readonly StmtOp[] = ['call', 'yield', 'yield*', 'for-of', 'drive', 'try', 'throw', 'return', 'reenter', 'await'];

/** What an `await` may await in the Python target: a coroutine call, `asyncio.sleep(0)` (a value or a tick), a rejection. */
const PYTHON_AWAITS = new Set(['call', 'value', 'tick', 'reject']);

/** Python 3.12 hard keywords (`keyword.kwlist`) that {@link validateProgram}'s name pattern lets through. */
const KEYWORDS = new Set([
  'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del', 'elif', 'else', 'except', 'finally',
  'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or', 'pass', 'raise', 'return', 'try',
  'while', 'with', 'yield',
]);

/**
 * Every lowercase name in `dir(builtins)` of CPython 3.12.1 (site loaded: `exit`, `help`, … included). A
 * program function with one of these names would shadow the builtin for the whole program, and the
 * rendered code itself calls `next` and `enumerate`.
 */
const BUILTINS = new Set([
  'abs', 'aiter', 'all', 'anext', 'any', 'ascii', 'bin', 'bool', 'breakpoint', 'bytearray', 'bytes', 'callable', 'chr',
  'classmethod', 'compile', 'complex', 'copyright', 'credits', 'delattr', 'dict', 'dir', 'divmod', 'enumerate', 'eval',
  'exec', 'exit', 'filter', 'float', 'format', 'frozenset', 'getattr', 'globals', 'hasattr', 'hash', 'help', 'hex', 'id',
  'input', 'int', 'isinstance', 'issubclass', 'iter', 'len', 'license', 'list', 'locals', 'map', 'max', 'memoryview', 'min',
  'next', 'object', 'oct', 'open', 'ord', 'pow', 'print', 'property', 'quit', 'range', 'repr', 'reversed', 'round', 'set',
  'setattr', 'slice', 'sorted', 'staticmethod', 'str', 'sum', 'super', 'tuple', 'type', 'vars', 'zip',
]);

/** Builtin exceptions outcomes name (PROTOCOL.md §3): a tag equal to one could not be told apart. */
const BUILTIN_TAGS = new Set(['ValueError', 'RuntimeError', 'StopIteration', 'GeneratorExit']);

const WHAT_PYTHON_RENDERS = 'the python target renders sync, generator and async functions, one chain of coroutines (protocol §6)';

/**
 * Checks that an untrusted value is a valid {@link Program} the Python target can express; only a
 * program that passed is ever rendered by `renderPython`.
 *
 * Rules, on top of {@link validateProgram}'s: functions are `sync`, `generator` or `async` (no
 * `asyncGenerator`; no `start`, `for-await` statements; `await` only of a call, a value, a tick or a
 * rejection: one chain of coroutines); no `event` statements; function names
 * are neither Python hard keywords (`def`, `lambda`, …; soft keywords such as `match` are fine) nor
 * builtins (`next`, `print`, …: CPython 3.12's `dir(builtins)`); `throw` and `drive` tags are not
 * `ValueError`, `RuntimeError`, `StopIteration` or `GeneratorExit`, the builtin exceptions an outcome
 * names (PROTOCOL.md §3, §6).
 *
 * @example
 * ```ts
 * validateForPython({ functions: [{ name: 'main', kind: 'sync', body: [{ op: 'throw', tag: 'E1' }] }] }); // passes
 * validateForPython({ functions: [{ name: 'print', kind: 'sync', body: [] }] });
 * // throws ProgramError: functions[0].name: "print" is a python builtin; a program function may not shadow it
 * ```
 * @param value - anything
 * @returns the same value, typed
 * @throws {@link ProgramError} naming the first offending node (`path`) and the rule, from
 *   {@link validateProgram} first, then from the rules above
 */
export function validateForPython(value: unknown): Program {
  const program = validateProgram(value);
  program.functions.forEach((f, i) => {
    if (KEYWORDS.has(f.name)) throw new ProgramError(`functions[${i}].name`, `"${f.name}" is a python keyword`);
    if (BUILTINS.has(f.name)) throw new ProgramError(`functions[${i}].name`, `"${f.name}" is a python builtin; a program function may not shadow it`);
  });
  program.functions.forEach((f, i) => {
    if (f.kind === 'asyncGenerator') throw new ProgramError(`functions[${i}].kind`, `${WHAT_PYTHON_RENDERS}, got "${f.kind}"`);
    block(f.body, `functions[${i}].body`);
  });
  return program;
}

function block(body: readonly Stmt[], path: string): void {
  body.forEach((s, k) => stmt(s, `${path}[${k}]`));
}

function stmt(s: Stmt, path: string): void {
  switch (s.op) {
    case 'call':
    case 'yield':
    case 'yield*':
    case 'return':
    case 'reenter':
      return;
    case 'throw':
      tag(s.tag, `${path}.tag`);
      return;
    case 'drive':
      s.steps.forEach((d, k) => d.tag !== undefined && tag(d.tag, `${path}.steps[${k}].tag`));
      return;
    case 'for-of':
      block(s.body, `${path}.body`);
      return;
    case 'try':
      block(s.body, `${path}.body`);
      if (s.catch !== undefined) block(s.catch, `${path}.catch`);
      if (s.finally !== undefined) block(s.finally, `${path}.finally`);
      return;
    case 'await':
      if (!PYTHON_AWAITS.has(s.what.kind)) throw new ProgramError(`${path}.what.kind`, `await of "${s.what.kind}": ${WHAT_PYTHON_RENDERS}: await a call, a value, a tick or a rejection`);
      if (s.what.kind === 'reject') tag(s.what.tag, `${path}.what.tag`);
      return;
    case 'start':
    case 'for-await':
    case 'defer':
    case 'handoff':
    case 'adrive':
      throw new ProgramError(path, `"${s.op}": ${WHAT_PYTHON_RENDERS}`);
    case 'event':
      throw new ProgramError(path, '"event": the python target has no user events');
  }
}

function tag(value: string, path: string): void {
  if (BUILTIN_TAGS.has(value)) {
    throw new ProgramError(path, `a tag may not be ${[...BUILTIN_TAGS].map((t) => `"${t}"`).join(', ')} (outcomes name those builtin exceptions), got "${value}"`);
  }
}
