import type { Program, Stmt, StmtOp } from './ast.ts';

/**
 * Every statement kind a program uses, nested blocks included (`for-of`, `for-await` and `try` bodies,
 * `catch` and `finally` blocks), each once, in first-seen order.
 * @example
 * ```ts
 * statementsOf({ functions: [{ name: 'main', kind: 'sync', body: [{ op: 'try', body: [{ op: 'event', type: 'a' }] }] }] });
 * // ['try', 'event']
 * ```
 * @param program - a program
 * @returns the statement kinds (`op`s)
 */
export function statementsOf(program: Program): StmtOp[] {
  const ops = new Set<StmtOp>();
  const walk = (body: readonly Stmt[]): void => {
    for (const s of body) {
      ops.add(s.op);
      if ('body' in s && s.body !== undefined) walk(s.body);
      if (s.op === 'try') {
        if (s.catch) walk(s.catch);
        if (s.finally) walk(s.finally);
      }
    }
  };
  for (const f of program.functions) walk(f.body);
  return [...ops];
}
