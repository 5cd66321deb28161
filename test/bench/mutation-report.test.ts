import { describe, expect, it } from 'vitest';
import { readMutants, scoreOf } from '../../bench/mutation/mutants.ts';
import { renderReport } from '../../bench/mutation/report.ts';

/** A StrykerJS JSON report in miniature: two files, every status that counts. */
const REPORT = JSON.stringify({
  schemaVersion: '2',
  files: {
    'src/check/seq.ts': {
      language: 'typescript',
      source: 'const a = 1;\nif (a > 0) x();\n  return a + 1;\n',
      mutants: [
        { id: '1', mutatorName: 'EqualityOperator', replacement: 'a >= 0', status: 'Survived', location: { start: { line: 2, column: 5 }, end: { line: 2, column: 10 } } },
        { id: '2', mutatorName: 'ConditionalExpression', replacement: 'true', status: 'Killed', location: { start: { line: 2, column: 5 }, end: { line: 2, column: 10 } } },
        { id: '3', mutatorName: 'ArithmeticOperator', replacement: 'a -\n 1', status: 'Timeout', location: { start: { line: 3, column: 10 }, end: { line: 3, column: 15 } } },
        { id: '4', mutatorName: 'BlockStatement', replacement: '{}', status: 'CompileError', location: { start: { line: 1, column: 1 }, end: { line: 1, column: 2 } } },
      ],
    },
    'src/wire/crc32.ts': {
      language: 'typescript',
      source: 'export const K = 0xedb88320;\n',
      mutants: [{ id: '5', mutatorName: 'ArithmeticOperator', replacement: '0', status: 'NoCoverage', location: { start: { line: 1, column: 18 }, end: { line: 1, column: 28 } } }],
    },
  },
});

describe('mutation report', () => {
  it('reads every mutant with its source line in the key, sorted by file and line', () => {
    const m = readMutants(REPORT);
    expect(m.map((x) => `${x.file}:${x.line}:${x.column}`)).toEqual(['src/check/seq.ts:1:1', 'src/check/seq.ts:2:5', 'src/check/seq.ts:2:5', 'src/check/seq.ts:3:10', 'src/wire/crc32.ts:1:18']);
    expect(m.find((x) => x.status === 'Timeout')!.replacement).toBe('a - 1');
    expect(m.find((x) => x.status === 'Survived')!.key).toBe('src/check/seq.ts | EqualityOperator | a >= 0 | if (a > 0) x();');
  });

  it("scores as Stryker does: detected over valid, errors left out", () => {
    // killed 1 + timeout 1 detected; survived 1 + no coverage 1 undetected; 1 compile error not counted.
    const s = scoreOf(readMutants(REPORT));
    expect(s).toEqual({ killed: 1, timeout: 1, survived: 1, noCoverage: 1, invalid: 1, score: 50 });
    expect(scoreOf([]).score).toBeNaN();
  });

  it('lists every survivor with its reason, or as unexplained', () => {
    const m = readMutants(REPORT);
    const md = renderReport({ check: m }, { [m.find((x) => x.status === 'Survived')!.key]: 'equivalent: a is never 0' });
    expect(md).toContain('| **all four folders** | 50.0% (2/4) | not run | not run |');
    expect(md).toContain('| `src/check/seq.ts` | 66.7% (2/3) | not run | not run |');
    expect(md).toContain('| `src/wire` | 0.0% (0/1) | not run | not run |');
    // A folder with no mutant in a runner's files was not run with it.
    expect(md).toContain('| `src/recorder` | not run | not run | not run |');
    expect(md).toContain('| `src/check/seq.ts:2:5` | EqualityOperator | `a >= 0` | Survived | equivalent: a is never 0 |');
    expect(md).toContain('| `src/wire/crc32.ts:1:18` | ArithmeticOperator | `0` | NoCoverage | **unexplained** |');
    expect(md).toContain('## Surviving mutants, check runner (2)');
    expect(md).not.toContain('vitest runner (');
  });

  it('explains a unit-test survivor that check kills by the check runner\'s result, and only then', () => {
    const m = readMutants(REPORT);
    const survivor = m.find((x) => x.status === 'Survived')!;
    const killedByCheck = m.map((x) => (x.key === survivor.key ? { ...x, status: 'Killed' as const } : x));
    const md = renderReport({ check: killedByCheck, 'vitest-unit': m }, {});
    expect(md).toContain('| `src/check/seq.ts:2:5` | EqualityOperator | `a >= 0` | Survived | killed by `check` (the check runner); the unit tests alone do not kill it |');
    // Survived under check too: no reason to borrow.
    expect(renderReport({ check: m, 'vitest-unit': m }, {})).toContain('| `src/check/seq.ts:2:5` | EqualityOperator | `a >= 0` | Survived | **unexplained** |');
    // Two check-runner mutants with the key, one survived: not known to be killed.
    const oneOfTwo = [...killedByCheck, { ...survivor, column: 9 }];
    expect(renderReport({ check: oneOfTwo, 'vitest-unit': m }, { [survivor.key]: 'x' }).split('\n').filter((l) => l.includes('seq.ts:2:5') && l.includes('Survived'))).toEqual(['| `src/check/seq.ts:2:5` | EqualityOperator | `a >= 0` | Survived | x |']);
    expect(renderReport({ check: oneOfTwo, 'vitest-unit': m }, {})).toContain('| `src/check/seq.ts:2:5` | EqualityOperator | `a >= 0` | Survived | **unexplained** |');
  });

  it('refuses a file that is not a report', () => {
    expect(() => readMutants('{"schemaVersion":"2"}')).toThrow(/no "files" object/);
    expect(() => readMutants('{"files":{"a.ts":{"source":""}}}')).toThrow(/a.ts has no "mutants" array/);
  });
});
