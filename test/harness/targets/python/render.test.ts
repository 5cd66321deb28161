import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Outcome, Program, Stmt } from '../../../../harness/program/ast.ts';
import { programArbitrary } from '../../../../harness/program/arbitrary.ts';
import { ProgramError } from '../../../../harness/program/validate.ts';
import { PYTHON_PRELUDE } from '../../../../harness/targets/python/prelude.ts';
import { renderPython } from '../../../../harness/targets/python/render.ts';
import { lexPython, type PythonLex, runPython } from '../../../fixtures/python-batch.ts';
import { pythonPath } from '../../../fixtures/python.ts';

const PROTOCOL = new URL('../../../../harness/targets/process/PROTOCOL.md', import.meta.url);
/** Any python 3 parses the syntax (the default here is 3.11); programs run under 3.12 (PEP 669 era). */
const PYTHON = 'python3';
/** Resolved when used: a missing interpreter fails the test with the install command, never skips it. */
const python312 = (): string => pythonPath('3.12.1');

const sync = (name: string, body: Stmt[] = []): Program['functions'][number] => ({ name, kind: 'sync', body });
const gen = (name: string, body: Stmt[] = []): Program['functions'][number] => ({ name, kind: 'generator', body });
/** The source for these functions: the prelude, two blank lines, then the defs. */
const source = (...defs: string[][]): string => `${PYTHON_PRELUDE}\n\n${defs.map((d) => d.join('\n')).join('\n\n\n')}\n`;

describe('PYTHON_PRELUDE', () => {
  it('should be the prelude of PROTOCOL.md §6 byte for byte', () => {
    const protocol = readFileSync(PROTOCOL, 'utf8');
    expect(protocol).toContain('```python\n' + PYTHON_PRELUDE + '```\n');
  });
});

describe('renderPython', () => {
  it('should render a sync entry with an empty body as pass', () => {
    expect(renderPython({ functions: [sync('main')] })).toEqual({ source: source(['def main():', '    pass']), entry: 'main', functions: ['main'] });
  });

  it('should render drives, for-of with and without break, try/except/finally, yield from and reenter', () => {
    // Arrange: main drives g2 through every kind of step; g3 re-enters itself inside a loop (so it takes
    // _me and is created with _spawn) and never yields, nor does g4.
    const program: Program = {
      functions: [
        sync('main', [
          { op: 'call', fn: 'f1' },
          {
            op: 'drive',
            fn: 'g2',
            steps: [
              { method: 'next' },
              { method: 'throw', tag: 'E1' },
              { method: 'return' },
              { method: 'next', catch: true },
              { method: 'throw', tag: 'E2', catch: true },
              { method: 'return', catch: true },
            ],
          },
          { op: 'for-of', fn: 'g3', body: [{ op: 'call', fn: 'f1' }], breakAfter: 1 },
          { op: 'for-of', fn: 'g2', body: [] },
          { op: 'try', body: [{ op: 'throw', tag: 'E3' }], catch: [], finally: [{ op: 'return' }] },
        ]),
        sync('f1'),
        gen('g2', [{ op: 'yield' }, { op: 'try', body: [{ op: 'yield*', fn: 'g3' }], catch: [{ op: 'yield' }] }]),
        gen('g3', [{ op: 'for-of', fn: 'g4', body: [{ op: 'reenter', method: 'next' }] }]),
        gen('g4'),
      ],
    };

    // Act
    const rendered = renderPython(program);

    // Assert
    expect(rendered.entry).toBe('main');
    expect(rendered.functions).toEqual(['main', 'f1', 'g2', 'g3', 'g4']);
    expect(rendered.source).toBe(
      source(
        [
          'def main():',
          '    f1()',
          '    _g1 = g2()',
          '    _held.append(_g1)',
          '    next(_g1, None)',
          '    try:',
          '        _g1.throw(Tagged("E1"))',
          '    except StopIteration:',
          '        pass',
          '    _g1.close()',
          '    try:',
          '        next(_g1, None)',
          '    except Exception:',
          '        pass',
          '    try:',
          '        _g1.throw(Tagged("E2"))',
          '    except Exception:',
          '        pass',
          '    try:',
          '        _g1.close()',
          '    except Exception:',
          '        pass',
          '    for _n1, _ in enumerate(_spawn(g3)):',
          '        f1()',
          '        if _n1 == 1:',
          '            break',
          '    for _ in g2():',
          '        pass',
          '    try:',
          '        raise Tagged("E3")',
          '    except Exception:',
          '        pass',
          '    finally:',
          '        return',
        ],
        ['def f1():', '    pass'],
        ['def g2():', '    yield', '    try:', '        yield from _spawn(g3)', '    except Exception:', '        yield'],
        ['def g3(_me):', '    for _ in g4():', '        next(_me.it)', '    if False:', '        yield  # a generator that never yields'],
        ['def g4():', '    if False:', '        yield  # a generator that never yields'],
      ),
    );
  });

  it('should number loop counters and driven generators from 1 in each function, outer first', () => {
    const program: Program = {
      functions: [
        sync('main', [
          { op: 'for-of', fn: 'walk', body: [{ op: 'for-of', fn: 'leaf', body: [], breakAfter: 2 }], breakAfter: 0 },
          { op: 'drive', fn: 'leaf', steps: [] },
          { op: 'drive', fn: 'walk', steps: [{ method: 'next' }] },
        ]),
        gen('walk', [
          { op: 'reenter', method: 'throw' },
          { op: 'reenter', method: 'return' },
          { op: 'drive', fn: 'leaf', steps: [{ method: 'return' }] },
          { op: 'for-of', fn: 'leaf', body: [{ op: 'yield' }], breakAfter: 0 },
        ]),
        gen('leaf'),
      ],
    };

    expect(renderPython(program).source).toBe(
      source(
        [
          'def main():',
          '    for _n1, _ in enumerate(_spawn(walk)):',
          '        for _n2, _ in enumerate(leaf()):',
          '            if _n2 == 2:',
          '                break',
          '        if _n1 == 0:',
          '            break',
          '    _g1 = leaf()',
          '    _held.append(_g1)',
          '    _g2 = _spawn(walk)',
          '    _held.append(_g2)',
          '    next(_g2, None)',
        ],
        [
          'def walk(_me):',
          '    _me.it.throw(Tagged("Reenter"))',
          '    _me.it.close()',
          '    _g1 = leaf()',
          '    _held.append(_g1)',
          '    _g1.close()',
          '    for _n1, _ in enumerate(leaf()):',
          '        yield',
          '        if _n1 == 0:',
          '            break',
        ],
        ['def leaf():', '    if False:', '        yield  # a generator that never yields'],
      ),
    );
  });

  it('should validate first and throw the ProgramError of validateForPython', () => {
    const bad: Program = { functions: [sync('main', [{ op: 'event', type: 'phase_enter' }])] };
    expect(() => renderPython(bad)).toThrow(ProgramError);
    expect(() => renderPython(bad)).toThrow('functions[0].body[0]: "event": the python target has no user events');
  });
});

/** Every identifier the rendered code (after the prelude) may hold besides the program's function names. */
const VOCABULARY = new Set([
  'def', 'pass', 'if', 'False', 'None', 'yield', 'from', 'return', 'raise', 'try', 'except', 'finally', 'for', 'in', 'break',
  'Tagged', 'Exception', 'StopIteration', 'enumerate', 'next', '_held', 'append', '_spawn', '_me', 'it', 'throw', 'close', '_',
]);
/** Locals the renderer numbers: loop counters and driven generators. */
const NUMBERED = /^_[ng][1-9][0-9]*$/;
const NEVER_YIELDS = '# a generator that never yields';

function tagsOf(program: Program): Set<string> {
  const tags = new Set(['Reenter']);
  const walk = (body: readonly Stmt[]): void => {
    for (const s of body) {
      if (s.op === 'throw') tags.add(s.tag);
      if (s.op === 'drive') for (const d of s.steps) if (d.tag !== undefined) tags.add(d.tag);
      if (s.op === 'for-of') walk(s.body);
      if (s.op === 'try') [s.body, s.catch ?? [], s.finally ?? []].forEach(walk);
    }
  };
  program.functions.forEach((f) => walk(f.body));
  return tags;
}

describe('renderPython over generated programs', () => {
  const SEED = 1102;
  const RUNS = 300;
  const programs = programArbitrary({ async: false, events: false });
  const lexed = new Map<string, PythonLex>();
  /** One python process for the whole sample; a program fast-check shrinks to is lexed on its own. */
  const lex = (src: string): PythonLex => lexed.get(src) ?? lexPython(PYTHON, [{ source: src, skip: PYTHON_PRELUDE.length }])[0]!;

  beforeAll(() => {
    // The same seed and run count as the properties below: fc.sample yields the values they check.
    const sources = fc.sample(programs, { seed: SEED, numRuns: RUNS }).map((p) => renderPython(p).source);
    lexPython(PYTHON, sources.map((src) => ({ source: src, skip: PYTHON_PRELUDE.length }))).forEach((r, i) => lexed.set(sources[i]!, r));
  });

  it('should render valid python (ast.parse, then compile) for every program', () => {
    fc.assert(
      fc.property(programs, (p) => {
        const { source: src } = renderPython(p);
        const r = lex(src);
        if (r.error !== undefined) throw new Error(`${r.error}\n${src}`);
      }),
      // A shrunk program is lexed by a python process of its own: bound the shrinking.
      { seed: SEED, numRuns: RUNS, interruptAfterTimeLimit: 10_000 },
    );
    expect(lexed.size).toBeGreaterThan(RUNS / 2); // the batch really covered the sample
  });

  it('should only emit identifiers, strings and comments from the AST or the fixed vocabulary', () => {
    fc.assert(
      fc.property(programs, (p) => {
        const { source: src, functions } = renderPython(p);
        expect(src.startsWith(PYTHON_PRELUDE)).toBe(true);
        const r = lex(src);
        const names = new Set(functions);
        const strings = new Set([...tagsOf(p)].map((t) => JSON.stringify(t)));
        expect(r.names.filter((n) => !VOCABULARY.has(n) && !names.has(n) && !NUMBERED.test(n))).toEqual([]);
        expect(r.strings.filter((s) => !strings.has(s))).toEqual([]);
        expect(r.comments.filter((c) => c !== NEVER_YIELDS)).toEqual([]);
      }),
      { seed: SEED, numRuns: RUNS, interruptAfterTimeLimit: 10_000 },
    );
  });
});

describe('rendered programs under CPython 3.12.1', () => {
  const throws = (tag: string): Outcome => ({ kind: 'throw', tag });
  const returns: Outcome = { kind: 'return' };
  const yields3 = gen('g1', [{ op: 'yield' }, { op: 'yield' }, { op: 'throw', tag: 'E1' }]);
  // Each outcome derived by hand from the rendering rules and Python semantics.
  const cases: [string, Program, Outcome][] = [
    ['a raise leaves main', { functions: [sync('main', [{ op: 'throw', tag: 'E1' }])] }, throws('E1')],
    ['return in finally swallows the raise', { functions: [sync('main', [{ op: 'try', body: [{ op: 'throw', tag: 'E3' }], finally: [{ op: 'return' }] }])] }, returns],
    ['reenter next of a running generator', { functions: [sync('main', [{ op: 'for-of', fn: 'g1', body: [] }]), gen('g1', [{ op: 'reenter', method: 'next' }])] }, throws('ValueError')],
    ['reenter throw, first step of a drive', { functions: [sync('main', [{ op: 'drive', fn: 'g1', steps: [{ method: 'next' }] }]), gen('g1', [{ op: 'reenter', method: 'throw' }])] }, throws('ValueError')],
    [
      'reenter close caught by except Exception, then the generator raises',
      {
        functions: [
          sync('main', [{ op: 'for-of', fn: 'g1', body: [] }]),
          gen('g1', [{ op: 'try', body: [{ op: 'reenter', method: 'return' }], catch: [{ op: 'yield' }] }, { op: 'throw', tag: 'E2' }]),
        ],
      },
      throws('E2'),
    ],
    [
      'reenter through yield from',
      { functions: [sync('main', [{ op: 'for-of', fn: 'g1', body: [] }]), gen('g1', [{ op: 'yield*', fn: 'g2' }]), gen('g2', [{ op: 'yield' }, { op: 'reenter', method: 'next' }])] },
      throws('ValueError'),
    ],
    [
      'close() skips except Exception (GeneratorExit), like JS return() skips catch',
      {
        functions: [
          sync('main', [{ op: 'drive', fn: 'g1', steps: [{ method: 'next' }, { method: 'return' }] }, { op: 'throw', tag: 'E3' }]),
          gen('g1', [{ op: 'try', body: [{ op: 'yield' }], catch: [{ op: 'throw', tag: 'E1' }], finally: [] }]),
        ],
      },
      throws('E3'),
    ],
    [
      'a throw step the generator catches and then finishes (StopIteration swallowed)',
      { functions: [sync('main', [{ op: 'drive', fn: 'g1', steps: [{ method: 'next' }, { method: 'throw', tag: 'E1' }] }]), gen('g1', [{ op: 'try', body: [{ op: 'yield' }], catch: [] }])] },
      returns,
    ],
    ['a throw step the generator does not catch', { functions: [sync('main', [{ op: 'drive', fn: 'g1', steps: [{ method: 'next' }, { method: 'throw', tag: 'E2' }] }]), gen('g1', [{ op: 'yield' }])] }, throws('E2')],
    ['a next step with catch swallows the raise', { functions: [sync('main', [{ op: 'drive', fn: 'g1', steps: [{ method: 'next', catch: true }] }]), gen('g1', [{ op: 'throw', tag: 'E1' }])] }, returns],
    ['breakAfter 0: one iteration', { functions: [sync('main', [{ op: 'for-of', fn: 'g1', body: [], breakAfter: 0 }]), yields3] }, returns],
    ['breakAfter 1: two iterations, as JS n++ === 1', { functions: [sync('main', [{ op: 'for-of', fn: 'g1', body: [], breakAfter: 1 }]), yields3] }, returns],
    ['breakAfter 2: the third next raises', { functions: [sync('main', [{ op: 'for-of', fn: 'g1', body: [], breakAfter: 2 }]), yields3] }, throws('E1')],
    [
      // A difference from JS for whoever models python: break drops the generator, which CPython closes at
      // once (refcount), but what its finally raises is unraisable; JS return() would throw it out of the loop.
      'break closes the generator, what its finally raises is unraisable',
      {
        functions: [
          sync('main', [{ op: 'for-of', fn: 'g1', body: [], breakAfter: 0 }]),
          gen('g1', [{ op: 'try', body: [{ op: 'yield' }, { op: 'yield' }], finally: [{ op: 'throw', tag: 'E2' }] }]),
        ],
      },
      returns,
    ],
    ['a generator that never yields is still a generator', { functions: [sync('main', [{ op: 'for-of', fn: 'g1', body: [{ op: 'throw', tag: 'E1' }] }]), gen('g1', [{ op: 'call', fn: 'f2' }]), sync('f2', [{ op: 'throw', tag: 'E2' }])] }, throws('E2')],
  ];

  it('should end each program with the outcome derived by hand (one python process)', () => {
    const outcomes = runPython(python312(), cases.map(([, p]) => renderPython(p)));
    expect(cases.map(([name], i) => [name, outcomes[i]])).toEqual(cases.map(([name, , want]) => [name, want]));
  });
});
