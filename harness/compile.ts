import type { TracerUnderTest } from '../src/recorder/tracer.ts';
import type { Trace } from '../src/model/trace.ts';
import { type DriveStep, type FnDecl, type Outcome, type Program, type Stmt, TYPE_ERROR_TAG } from './ast.ts';
import { validateProgram } from './validate.ts';

/** The error programs throw: `throw new Tagged("E1")`; the tag is what outcomes and the model compare. */
export class Tagged extends Error {
  override readonly name = 'Tagged';
  /** @param tag - the tag of the `throw` statement */
  constructor(readonly tag: string) {
    super(tag);
  }
}

/** What a compiled program run gives: the trace recorded and how `main` ended. */
export interface RunResult {
  readonly trace: Trace;
  readonly outcome: Outcome;
}

const INDENT = '  ';

/**
 * Renders a program as readable JavaScript: one function declaration each, generators as `function*`
 * taking `self`, then the lines that wrap every function with the tracer. This is the source that runs
 * and the source a failure report prints.
 *
 * @param program - a validated program (see {@link validateProgram})
 * @returns the source of a function body taking `trace`, `spawn` and `Tagged`, returning the traced entry
 */
export function renderProgram(program: Program): string {
  const names = { loop: 0, it: 0 };
  const out: string[] = [];
  for (const f of program.functions) out.push(renderFunction(f, names), '');
  for (const f of program.functions) out.push(`${f.name} = trace(${f.name}, ${JSON.stringify(f.name)});`);
  out.push(`return ${program.functions[0]!.name};`);
  return out.join('\n') + '\n';
}

function renderFunction(f: FnDecl, names: { loop: number; it: number }): string {
  const head = f.kind === 'generator' ? `function* ${f.name}(self) {` : `function ${f.name}() {`;
  return [head, ...renderBlock(f.body, 1, names), '}'].join('\n');
}

function renderBlock(body: readonly Stmt[], depth: number, names: { loop: number; it: number }): string[] {
  return body.flatMap((s) => renderStmt(s, depth, names));
}

function renderStmt(s: Stmt, depth: number, names: { loop: number; it: number }): string[] {
  const pad = INDENT.repeat(depth);
  switch (s.op) {
    case 'call':
      return [`${pad}${s.fn}();`];
    case 'yield':
      return [`${pad}yield;`];
    case 'yield*':
      return [`${pad}yield* spawn(${s.fn});`];
    case 'for-of': {
      const body = renderBlock(s.body, depth + 1, names);
      if (s.breakAfter === undefined) return [`${pad}for (const _ of spawn(${s.fn})) {`, ...body, `${pad}}`];
      const n = `n${++names.loop}`;
      return [
        `${pad}let ${n} = 0;`,
        `${pad}for (const _ of spawn(${s.fn})) {`,
        ...body,
        `${pad}${INDENT}if (${n}++ === ${s.breakAfter}) break;`,
        `${pad}}`,
      ];
    }
    case 'drive': {
      const it = `it${++names.it}`;
      return [`${pad}const ${it} = spawn(${s.fn});`, ...s.steps.map((d) => pad + renderStep(it, d))];
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
      return [`${pad}return;`];
    case 'reenter':
      return [pad + renderCall('self.it', s.method, 'Reenter')];
  }
}

function renderStep(it: string, d: DriveStep): string {
  const call = renderCall(it, d.method, d.tag ?? '');
  return d.catch === true ? `try { ${call} } catch {}` : call;
}

function renderCall(target: string, method: string, tag: string): string {
  return method === 'throw' ? `${target}.throw(new Tagged(${JSON.stringify(tag)}));` : `${target}.${method}();`;
}

/** A compiled program: call it with a tracer to run the program once under that tracer. */
export type CompiledProgram = (tracer: TracerUnderTest) => RunResult;

/**
 * Compiles a program into a runnable function. The program is validated first, and the only code ever
 * evaluated is the source {@link renderProgram} rendered from it: identifiers are checked against a
 * pattern and tags are emitted as JSON string literals.
 *
 * @param program - an untrusted program
 * @throws {@link ProgramError} when the program is invalid
 */
export function compileProgram(program: Program): CompiledProgram {
  const valid = validateProgram(program);
  const source = renderProgram(valid);
  // Evaluates only code rendered from the validated AST above (see the doc comment).
  const factory = new Function('trace', 'spawn', 'Tagged', `"use strict";\n${source}`) as (
    trace: TracerUnderTest['trace'],
    spawn: (g: (self: { it?: unknown }) => unknown) => unknown,
    tagged: typeof Tagged,
  ) => () => void;
  return (tracer) => {
    const main = factory((fn, name) => tracer.trace(fn, name), spawn, Tagged);
    let outcome: Outcome;
    try {
      main();
      outcome = { kind: 'return' };
    } catch (error) {
      outcome = { kind: 'throw', tag: tagOf(error) };
    }
    return { trace: tracer.snapshot(), outcome };
  };
}

/** Creates a generator object and hands it to its own body as `self.it`. */
function spawn(g: (self: { it?: unknown }) => unknown): unknown {
  const self: { it?: unknown } = {};
  self.it = g(self);
  return self.it;
}

/**
 * The tag of an error that left a program: a {@link Tagged} error's tag, `TypeError` for the engine's
 * re-entry error, and for anything else (a crash inside the tracer under test) `<Name: message>`, which
 * never equals a model outcome and so is reported.
 */
function tagOf(error: unknown): string {
  if (error instanceof Tagged) return error.tag;
  if (error instanceof TypeError && /already running|generator is (already )?(running|executing)|running generator/i.test(error.message)) return TYPE_ERROR_TAG;
  const e = error as { name?: unknown; message?: unknown };
  return `<${String(e?.name ?? 'Error')}: ${String(e?.message ?? error)}>`;
}
