import { describe, expect, it } from 'vitest';
import { splitCommandLine } from '../../../../harness/targets/process/command-line.ts';

describe('splitCommandLine', () => {
  it('should split words and respect quotes and backslashes', () => {
    expect(splitCommandLine(`python3.12 "my adapter.py" --mode 'a|b' x\\ y`)).toEqual(['python3.12', 'my adapter.py', '--mode', 'a|b', 'x y']);
  });

  it('should keep quoted globs and dollars as text', () => {
    expect(splitCommandLine(`node '*.mjs' '$HOME'`)).toEqual(['node', '*.mjs', '$HOME']);
  });

  it.each([
    ['python3 a.py | tee log', 'the operator "|"'],
    ['python3 a.py > log', 'the operator ">"'],
    ['python3 a.py && true', 'the operator "&&"'],
    ['python3 a.py; true', 'the operator ";"'],
    ['python3 *.py', 'the glob "*.py"'],
    ['python3 $HOME/a.py', 'the expansion $HOME'],
    ['python3 a.py # note', 'the comment "# note"'],
  ])('should refuse %j naming %s', (command, what) => {
    expect(() => splitCommandLine(command)).toThrow(new TypeError(`splitCommandLine: want plain words (no shell runs the command), got ${what}; quote it to pass it as text`));
  });

  it('should refuse an empty command line', () => {
    expect(() => splitCommandLine('   ')).toThrow(new TypeError('splitCommandLine: want a command line with a program, got "   "'));
  });
});
