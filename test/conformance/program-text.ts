import type { Awaitable, DriveStep, FnDecl, Program, Stmt } from '../../harness/program/ast.ts';

/**
 * A program as short readable JavaScript, one string per line, without the harness's bookkeeping (what
 * `renderPlainProgram` adds around each call): the counterexample text of an expected-outcome file.
 * `event("x")` is a call-out (the active span is checked there), `tick()` a timer tick the scheduler
 * releases, `thenable(f)` a non-promise thenable whose `then` calls `f`, `self` a generator's own object,
 * `f(g())` a handoff (`f` drains the generator object first thing, before its own statements).
 *
 * @example
 * ```ts
 * programText({ functions: [{ name: 'main', kind: 'async', body: [{ op: 'await', what: { kind: 'tick' } }] }] });
 * // ['async function main() {', '  await tick();', '}']
 * ```
 */
export function programText(program: Program): string[] {
  const asyncGens = new Set(program.functions.filter((f) => f.kind === 'asyncGenerator').map((f) => f.name));
  return program.functions.flatMap((f) => [head(f), ...block(f.body, 1, asyncGens), '}']);
}

function head(f: FnDecl): string {
  switch (f.kind) {
    case 'sync':
      return `function ${f.name}() {`;
    case 'generator':
      return `function* ${f.name}() {`;
    case 'async':
      return `async function ${f.name}() {`;
    case 'asyncGenerator':
      return `async function* ${f.name}() {`;
  }
}

function block(body: readonly Stmt[], depth: number, asyncGens: ReadonlySet<string>): string[] {
  return body.flatMap((s) => stmt(s, depth, asyncGens));
}

function stmt(s: Stmt, depth: number, asyncGens: ReadonlySet<string>): string[] {
  const pad = '  '.repeat(depth);
  switch (s.op) {
    case 'call':
      return [`${pad}${s.fn}();`];
    case 'yield':
      return [`${pad}yield;`];
    case 'yield*':
      return [`${pad}yield* ${s.fn}();`];
    case 'for-of':
    case 'for-await': {
      const loop = s.op === 'for-of' ? 'for' : 'for await';
      const brk = s.breakAfter === undefined ? [] : [`${pad}  if (n++ === ${s.breakAfter}) break;`];
      return [`${pad}${loop} (const _ of ${s.fn}()) {`, ...block(s.body, depth + 1, asyncGens), ...brk, `${pad}}`];
    }
    case 'drive':
    case 'adrive':
      return [`${pad}const it = ${s.fn}();`, ...s.steps.map((d) => pad + step('it', d, s.op === 'adrive' ? 'await ' : ''))];
    case 'try':
      return [
        `${pad}try {`,
        ...block(s.body, depth + 1, asyncGens),
        ...(s.catch !== undefined ? [`${pad}} catch {`, ...block(s.catch, depth + 1, asyncGens)] : []),
        ...(s.finally !== undefined ? [`${pad}} finally {`, ...block(s.finally, depth + 1, asyncGens)] : []),
        `${pad}}`,
      ];
    case 'throw':
      return [`${pad}throw ${s.tag};`];
    case 'return':
      return [`${pad}return;`];
    case 'reenter':
      return [pad + step('self', { method: s.method, ...(s.method === 'throw' ? { tag: 'Reenter' } : {}) }, '')];
    case 'await':
      return [`${pad}await ${awaitable(s.what)};`];
    case 'start':
      return [`${pad}p${s.slot} = ${s.fn}();`];
    case 'event':
      return [`${pad}event(${JSON.stringify(s.type)});`];
    case 'defer':
      return [s.via === 'timeout' ? `${pad}setTimeout(${s.fn}, 0);` : `${pad}queueMicrotask(${s.fn});`];
    case 'handoff':
      return [`${pad}${asyncGens.has(s.fn) ? 'await ' : ''}${s.to}(${s.fn}());`];
  }
}

function awaitable(w: Awaitable): string {
  switch (w.kind) {
    case 'call':
      return `${w.fn}()`;
    case 'value':
      return '1';
    case 'reject':
      return `Promise.reject(${w.tag})`;
    case 'tick':
      return 'tick()';
    case 'all':
    case 'race':
    case 'allSettled':
      return `Promise.${w.kind}([${w.fns.map((f) => `${f}()`).join(', ')}])`;
    case 'slot':
      return `p${w.slot}`;
    case 'thenable':
      return `thenable(${w.fn})`;
  }
}

function step(it: string, d: DriveStep, wait: string): string {
  const call = d.method === 'throw' ? `${wait}${it}.throw(${d.tag ?? ''});` : `${wait}${it}.${d.method}();`;
  return d.catch === true ? `try { ${call} } catch {}` : call;
}
