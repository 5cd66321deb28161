import { describe, expect, it } from 'vitest';
import { ProgramError, validateProgram } from '../../../harness/program/validate.ts';

const main = (body: unknown[], more: unknown[] = []): unknown => ({ functions: [{ name: 'main', kind: 'sync', body }, ...more] });
const gen = (name: string, body: unknown[] = []): unknown => ({ name, kind: 'generator', body });
const sync = (name: string, body: unknown[] = []): unknown => ({ name, kind: 'sync', body });

function error(value: unknown): ProgramError {
  try {
    validateProgram(value);
  } catch (e) {
    if (e instanceof ProgramError) return e;
    throw e;
  }
  throw new Error('expected a ProgramError');
}

describe('validateProgram', () => {
  it('should accept a program using every statement', () => {
    const p = main(
      [
        { op: 'call', fn: 'helper' },
        { op: 'for-of', fn: 'ticker', body: [{ op: 'call', fn: 'helper' }], breakAfter: 1 },
        { op: 'drive', fn: 'ticker', steps: [{ method: 'next' }, { method: 'throw', tag: 'Boom', catch: true }, { method: 'return' }] },
        { op: 'try', body: [{ op: 'throw', tag: 'E1' }], catch: [], finally: [{ op: 'return' }] },
      ],
      [sync('helper'), gen('ticker', [{ op: 'yield' }, { op: 'yield*', fn: 'inner' }, { op: 'reenter', method: 'next' }]), gen('inner')],
    );
    expect(validateProgram(p)).toBe(p);
  });

  it('should name the offending node and the rule', () => {
    expect(error(main([{ op: 'call', fn: 'nope' }])).message).toBe('functions[0].body[0].fn: unknown function "nope"');
    expect(error(main([{ op: 'call', fn: 'g' }], [gen('g')])).message).toBe('functions[0].body[0].fn: "g" is a generator function, want a sync one');
    expect(error(main([{ op: 'yield' }])).message).toBe('functions[0].body[0]: "yield" is only allowed in a generator function');
    expect(error(main([], [sync('a', [{ op: 'call', fn: 'a' }])])).message).toMatch(/must be declared after the function that uses it/);
    expect(error(main([{ op: 'try', body: [] }])).message).toBe('functions[0].body[0]: "try" needs "catch" or "finally"');
    expect(error(main([{ op: 'throw', tag: 'TypeError' }])).path).toBe('functions[0].body[0].tag');
    expect(error({ functions: [gen('main')] }).message).toBe('functions[0].kind: the entry function must be "sync" or "async"');
    expect(error(main([{ op: 'await', what: { kind: 'value' } }])).message).toBe('functions[0].body[0]: "await" is only allowed in an async function');
    expect(error({ functions: [{ name: 'main', kind: 'async', body: [{ op: 'await', what: { kind: 'call', fn: 'g' } }] }, gen('g')] }).message).toBe(
      'functions[0].body[0].what.fn: "g" is a generator function, want a async one',
    );
    expect(error({ functions: [{ name: 'main', kind: 'async', body: [{ op: 'await', what: { kind: 'slot', slot: 4 } }] }] }).path).toBe('functions[0].body[0].what.slot');
    expect(error({ functions: [{ name: 'main', kind: 'async', body: [{ op: 'await', what: { kind: 'all', fns: [] } }] }] }).path).toBe('functions[0].body[0].what.fns');
  });

  it('should reject names that could inject code, reserved words and duplicates', () => {
    expect(error(main([], [sync('a(){};process.exit()//')])).path).toBe('functions[1].name');
    expect(error(main([], [sync('spawn')])).path).toBe('functions[1].name');
    expect(error(main([], [sync('a'), sync('a')])).message).toBe('functions[2].name: duplicate function name "a"');
    expect(error(main([{ op: 'throw', tag: 'E"); process.exit(); ("' }])).path).toBe('functions[0].body[0].tag');
  });

  it('should reject unknown keys, including __proto__ from JSON', () => {
    expect(error(JSON.parse('{"functions":[{"name":"main","kind":"sync","body":[]}],"__proto__":{"x":1}}')).path).toBe('program.__proto__');
    expect(error(main([{ op: 'return', extra: 1 }])).path).toBe('functions[0].body[0].extra');
    expect(error(main([{ op: 'jump' }])).path).toBe('functions[0].body[0].op');
  });

  it('should reject shapes that are not programs and sizes over the limits', () => {
    expect(error(null).message).toBe('program: must be an object');
    expect(error({ functions: [] }).message).toBe('functions: must be a non-empty array');
    expect(error(main([{ op: 'for-of', fn: 'g', body: [], breakAfter: -1 }], [gen('g')])).path).toBe('functions[0].body[0].breakAfter');
    let deep: unknown[] = [];
    for (let i = 0; i < 20; i++) deep = [{ op: 'try', body: deep, catch: [] }];
    expect(error(main(deep)).message).toMatch(/nesting deeper than 16/);
    expect(error(main(Array.from({ length: 2001 }, () => ({ op: 'return' })))).message).toMatch(/more than 2000 statements/);
  });
});

describe('validateProgram: async generators and for-await', () => {
  const ag = (name: string, body: unknown[] = []): unknown => ({ name, kind: 'asyncGenerator', body });
  const asyncMain = (body: unknown[], more: unknown[] = []): unknown => ({ functions: [{ name: 'main', kind: 'async', body }, ...more] });

  it('should accept an async generator with yields and awaits, iterated by for-await with a break', () => {
    const p = asyncMain([{ op: 'for-await', fn: 'ticks', body: [{ op: 'await', what: { kind: 'value' } }], breakAfter: 0 }], [ag('ticks', [{ op: 'yield' }, { op: 'await', what: { kind: 'tick' } }])]);
    expect(validateProgram(p)).toBe(p);
  });

  it('should refuse return and yield in a for-await body, for-await outside async code, and an async generator entry', () => {
    expect(error(asyncMain([{ op: 'for-await', fn: 'ticks', body: [{ op: 'return' }] }], [ag('ticks')])).message).toBe('functions[0].body[0].body[0]: "return" is not allowed in a "for-await" body');
    expect(error({ functions: [{ name: 'main', kind: 'async', body: [] }, ag('outer', [{ op: 'for-await', fn: 'inner', body: [{ op: 'yield' }] }]), ag('inner')] }).message).toBe(
      'functions[1].body[0].body[0]: "yield" is not allowed in a "for-await" body',
    );
    expect(error(main([{ op: 'for-await', fn: 'ticks', body: [] }], [ag('ticks')])).message).toBe('functions[0].body[0]: "for-await" is only allowed in an async function or async generator');
    expect(error({ functions: [ag('main')] }).message).toBe('functions[0].kind: the entry function must be "sync" or "async"');
    expect(error(asyncMain([{ op: 'for-await', fn: 'g', body: [] }], [gen('g')])).message).toBe('functions[0].body[0].fn: "g" is a generator function, want a asyncGenerator one');
  });
});
