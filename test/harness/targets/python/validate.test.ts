import { describe, expect, it } from 'vitest';
import { ProgramError } from '../../../../harness/program/validate.ts';
import { PYTHON_STATEMENTS, validateForPython } from '../../../../harness/targets/python/validate.ts';

const main = (body: unknown[], more: unknown[] = []): unknown => ({ functions: [{ name: 'main', kind: 'sync', body }, ...more] });
const gen = (name: string, body: unknown[] = []): unknown => ({ name, kind: 'generator', body });
const fn = (name: string, kind: string, body: unknown[] = []): unknown => ({ name, kind, body });

function error(value: unknown): ProgramError {
  try {
    validateForPython(value);
  } catch (e) {
    if (e instanceof ProgramError) return e;
    throw e;
  }
  throw new Error('expected a ProgramError');
}

const ONLY = 'the python target renders sync, generator and async functions, one chain of coroutines (protocol §6)';

describe('validateForPython', () => {
  it('should accept a program using every statement it renders, and soft keywords as names', () => {
    // Arrange
    const p = main(
      [
        { op: 'call', fn: 'match' },
        { op: 'for-of', fn: 'ticker', body: [{ op: 'return' }], breakAfter: 1 },
        { op: 'drive', fn: 'ticker', steps: [{ method: 'next' }, { method: 'throw', tag: 'Boom', catch: true }, { method: 'return' }] },
        { op: 'try', body: [{ op: 'throw', tag: 'E1' }], catch: [], finally: [] },
      ],
      [fn('match', 'sync'), gen('ticker', [{ op: 'yield' }, { op: 'yield*', fn: 'inner' }, { op: 'reenter', method: 'throw' }]), gen('inner')],
    );

    // Act + Assert
    expect(validateForPython(p)).toBe(p);
    expect([...PYTHON_STATEMENTS].sort()).toEqual(['await', 'call', 'drive', 'for-of', 'reenter', 'return', 'throw', 'try', 'yield', 'yield*']);
  });

  it('should run validateProgram first', () => {
    expect(error(main([{ op: 'call', fn: 'nope' }])).message).toBe('functions[0].body[0].fn: unknown function "nope"');
  });

  it('should accept one chain of coroutines: await of a call, a value, a tick, a rejection', () => {
    const p = {
      functions: [
        fn('main', 'async', [{ op: 'await', what: { kind: 'call', fn: 'a1' } }, { op: 'await', what: { kind: 'value' } }]),
        fn('a1', 'async', [{ op: 'await', what: { kind: 'tick' } }, { op: 'await', what: { kind: 'reject', tag: 'E1' } }]),
      ],
    };
    expect(validateForPython(p)).toBe(p);
  });

  it('should refuse async generators, started promises, Promise.all/race, slots and for await with their path', () => {
    const ag = error(main([], [gen('g1'), fn('ag2', 'asyncGenerator', [{ op: 'yield' }])]));
    expect([ag.path, ag.message]).toEqual(['functions[2].kind', `functions[2].kind: ${ONLY}, got "asyncGenerator"`]);
    const start = error({ functions: [fn('main', 'async', [{ op: 'start', fn: 'a1', slot: 0 }]), fn('a1', 'async')] });
    expect([start.path, start.message]).toEqual(['functions[0].body[0]', `functions[0].body[0]: "start": ${ONLY}`]);
    const all = error({ functions: [fn('main', 'async', [{ op: 'await', what: { kind: 'all', fns: ['a1'] } }]), fn('a1', 'async')] });
    expect([all.path, all.message]).toEqual(['functions[0].body[0].what.kind', `functions[0].body[0].what.kind: await of "all": ${ONLY}: await a call, a value, a tick or a rejection`]);
    expect(error({ functions: [fn('main', 'async', [{ op: 'await', what: { kind: 'slot', slot: 0 } }])] }).path).toBe('functions[0].body[0].what.kind');
    expect(error({ functions: [fn('main', 'async', [{ op: 'await', what: { kind: 'reject', tag: 'ValueError' } }])] }).path).toBe('functions[0].body[0].what.tag');
  });

  it('should refuse event statements with their path', () => {
    const e = error(main([{ op: 'try', body: [], finally: [{ op: 'event', type: 'phase_enter' }] }]));
    expect([e.path, e.message]).toEqual(['functions[0].body[0].finally[0]', 'functions[0].body[0].finally[0]: "event": the python target has no user events']);
  });

  it('should refuse python hard keywords as function names, and allow soft ones', () => {
    for (const name of ['lambda', 'def', 'pass', 'nonlocal', 'is', 'not', 'and', 'del', 'elif', 'except', 'raise', 'global', 'assert', 'from', 'as', 'or']) {
      const e = error(main([], [fn(name, 'sync')]));
      expect([e.path, e.message]).toEqual(['functions[1].name', `functions[1].name: "${name}" is a python keyword`]);
    }
    expect(() => validateForPython(main([], [fn('match', 'sync')]))).not.toThrow();
  });

  it('should refuse python builtins as function names', () => {
    for (const name of ['next', 'iter', 'enumerate', 'print', 'list', 'type', 'open', 'exec', 'exit', 'aiter', 'breakpoint', 'zip']) {
      const e = error(main([], [gen(name)]));
      expect([e.path, e.message]).toEqual(['functions[1].name', `functions[1].name: "${name}" is a python builtin; a program function may not shadow it`]);
    }
  });

  it('should refuse tags that name the builtin exceptions outcomes use, in throw and drive', () => {
    for (const tag of ['ValueError', 'RuntimeError', 'StopIteration', 'GeneratorExit']) {
      const t = error(main([{ op: 'for-of', fn: 'g1', body: [{ op: 'throw', tag }] }], [gen('g1')]));
      expect(t.path).toBe('functions[0].body[0].body[0].tag');
      expect(t.message).toContain(`got "${tag}"`);
      const d = error(main([{ op: 'drive', fn: 'g1', steps: [{ method: 'next' }, { method: 'throw', tag }] }], [gen('g1')]));
      expect(d.path).toBe('functions[0].body[0].steps[1].tag');
    }
    expect(() => validateForPython(main([{ op: 'throw', tag: 'KeyError' }]))).not.toThrow();
  });

  it('should refuse what would inject code, through validateProgram', () => {
    expect(error(main([{ op: 'throw', tag: 'E1"); import os; ("' }])).path).toBe('functions[0].body[0].tag');
    expect(error({ functions: [fn('__import__', 'sync')] }).path).toBe('functions[0].name');
    expect(error({ functions: [fn('main', 'sync', [{ op: 'call', fn: 'os.system' }])] }).path).toBe('functions[0].body[0].fn');
  });
});
