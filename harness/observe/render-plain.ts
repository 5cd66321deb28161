import type { Awaitable, DriveStep, FnDecl, Program, Stmt } from '../program/ast.ts';
import { validateProgram } from '../program/validate.ts';

/**
 * Renders a program **plain** for observe mode (issue 12): real `async function`s, `await`s, `for await`
 * loops and callbacks, with no probe of the tracer anywhere; the only tracer call is `trace(fn, name)` on
 * each function. What the harness adds is bookkeeping the tracer never sees: each call goes through `$`
 * (which passes the invocation as the first argument, so a body knows which invocation it is), a body
 * starts with `$.enter` and ends through `$.exit`, and `event` statements are call-outs `$.out` that read
 * the tracer's active span.
 *
 * @param program - a program (validated here)
 * @returns the source of a function body taking `$`, `trace`, `Tagged` and `tick`, returning the traced entry
 * @throws {@link ProgramError} for an invalid program
 */
export function renderPlainProgram(program: Program): string {
  const valid = validateProgram(program);
  const handed = new Set<string>();
  forEachStmt(valid.functions, (s) => s.op === 'handoff' && handed.add(s.to));
  const out: string[] = [];
  const names: RenderState = { n: 0, asyncGens: new Set(valid.functions.filter((f) => f.kind === 'asyncGenerator').map((f) => f.name)) };
  for (const f of valid.functions) out.push(renderFunction(f, handed.has(f.name), names), '');
  for (const f of valid.functions) out.push(`${f.name} = $.wrap(trace, ${f.name}, ${JSON.stringify(f.name)});`);
  out.push(`return ${valid.functions[0]!.name};`);
  return out.join('\n') + '\n';
}

const INDENT = '  ';

function renderFunction(f: FnDecl, handed: boolean, names: RenderState): string {
  const head =
    f.kind === 'sync'
      ? `function ${f.name}($k, it) {`
      : f.kind === 'generator'
        ? `function* ${f.name}($k, self) {`
        : f.kind === 'async'
          ? `async function ${f.name}($k, it) {`
          : `async function* ${f.name}($k) {`;
  const slots = f.kind === 'async' || f.kind === 'asyncGenerator' ? [...new Set(JSON.stringify(f.body).match(/"slot":\d/g) ?? [])].map((m) => `p${m.slice(-1)}`).sort() : [];
  const drain = !handed ? [] : f.kind === 'sync' ? ['    if (it !== undefined) for (const _ of it) {}'] : ['    if (it !== undefined) for await (const _ of it) {}'];
  return [
    head,
    '  const $a = $.enter($k);',
    ...(slots.length > 0 ? [`  let ${slots.join(', ')};`] : []),
    '  try {',
    ...drain,
    ...renderBlock(f.body, 2, names),
    '  } catch (e) {',
    '    throw $.threw($a, e);',
    '  } finally {',
    '    $.exit($a);',
    '  }',
    '  return $a;',
    '}',
  ].join('\n');
}

function renderBlock(body: readonly Stmt[], depth: number, names: RenderState): string[] {
  return body.flatMap((s) => renderStmt(s, depth, names));
}

function renderAwaitable(w: Awaitable): string {
  switch (w.kind) {
    case 'call':
      return `$.callAsync($a, ${w.fn})`;
    case 'value':
      return '1';
    case 'reject':
      return `Promise.reject(new Tagged(${JSON.stringify(w.tag)}))`;
    case 'tick':
      return 'tick()';
    case 'all':
    case 'race':
    case 'allSettled':
      return `Promise.${w.kind}([${w.fns.map((f) => `$.callAsync($a, ${f})`).join(', ')}])`;
    case 'slot':
      return `p${w.slot}`;
    case 'thenable':
      return `$.thenable($a, ${w.fn})`;
  }
}

function renderStmt(s: Stmt, depth: number, names: RenderState): string[] {
  const pad = INDENT.repeat(depth);
  switch (s.op) {
    case 'call':
      return [`${pad}$.call($a, ${s.fn});`];
    case 'yield':
      return [`${pad}yield;`];
    case 'yield*':
      return [`${pad}yield* $.spawn($a, ${s.fn});`];
    case 'for-of':
    case 'for-await': {
      const loop = s.op === 'for-of' ? 'for' : 'for await';
      const body = renderBlock(s.body, depth + 1, names);
      if (s.breakAfter === undefined) return [`${pad}${loop} (const _ of $.spawn($a, ${s.fn})) {`, ...body, `${pad}}`];
      const n = `n${++names.n}`;
      return [`${pad}let ${n} = 0;`, `${pad}${loop} (const _ of $.spawn($a, ${s.fn})) {`, ...body, `${pad}${INDENT}if (${n}++ === ${s.breakAfter}) break;`, `${pad}}`];
    }
    case 'drive':
    case 'adrive': {
      const it = `it${++names.n}`;
      const wait = s.op === 'adrive' ? 'await ' : '';
      return [`${pad}const ${it} = $.spawn($a, ${s.fn});`, ...s.steps.map((d) => pad + renderStep(it, d, wait))];
    }
    case 'try': {
      const lines = [`${pad}try {`, ...renderBlock(s.body, depth + 1, names)];
      if (s.catch !== undefined) lines.push(`${pad}} catch {`, ...renderBlock(s.catch, depth + 1, names));
      if (s.finally !== undefined) lines.push(`${pad}} finally {`, ...renderBlock(s.finally, depth + 1, names));
      lines.push(`${pad}}`);
      return lines;
    }
    case 'throw':
      return [`${pad}throw new Tagged(${JSON.stringify(s.tag)});`];
    case 'return':
      return [`${pad}return $a;`];
    case 'reenter':
      return [pad + renderStep('self.it', { method: s.method, ...(s.method === 'throw' ? { tag: 'Reenter' } : {}) }, '')];
    case 'event':
      return [`${pad}$.out($a, ${JSON.stringify(s.type)});`];
    case 'await':
      return [`${pad}await ${renderAwaitable(s.what)};`];
    case 'start':
      // Started, not awaited yet: mark the rejection handled so it is never an unhandled rejection.
      return [`${pad}(p${s.slot} = $.callAsync($a, ${s.fn})).catch(() => {});`];
    case 'defer': {
      const cb = `cb${++names.n}`;
      const run = `$.callback(${cb}, ${s.fn})`;
      return [`${pad}const ${cb} = $.cb($a);`, s.via === 'timeout' ? `${pad}setTimeout(() => ${run}, 0);` : `${pad}queueMicrotask(() => ${run});`];
    }
    case 'handoff':
      // The generator object is created here (the argument is evaluated first) and passed to `to`, which drains it.
      return [names.asyncGens.has(s.fn) ? `${pad}await $.callAsync($a, ${s.to}, $.spawn($a, ${s.fn}));` : `${pad}$.call($a, ${s.to}, $.spawn($a, ${s.fn}));`];
  }
}

/** Counters for unique local names, and the program's async generator functions (a handoff of one is awaited). */
interface RenderState {
  n: number;
  readonly asyncGens: ReadonlySet<string>;
}

function renderStep(it: string, d: DriveStep, wait: string): string {
  const call = d.method === 'throw' ? `${wait}${it}.throw(new Tagged(${JSON.stringify(d.tag)}));` : `${wait}${it}.${d.method}();`;
  return d.catch === true ? `try { ${call} } catch {}` : call;
}

function forEachStmt(fns: readonly FnDecl[], visit: (s: Stmt) => void): void {
  const walk = (body: readonly Stmt[]): void => {
    for (const s of body) {
      visit(s);
      if (s.op === 'try') {
        walk(s.body);
        walk(s.catch ?? []);
        walk(s.finally ?? []);
      } else if (s.op === 'for-of' || s.op === 'for-await') walk(s.body);
    }
  };
  for (const f of fns) walk(f.body);
}
