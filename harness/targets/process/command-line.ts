import { parse, type ParseEntry } from 'shell-quote';

/**
 * Splits an adapter command line into words as a POSIX shell does (PROTOCOL.md §1): blanks separate words,
 * `'...'`, `"..."` and `\` quote. No shell ever runs, so what only a shell could do is refused rather than
 * silently passed on as text: operators (`|`, `&&`, `;`, `>`, ...), unquoted globs (`*`, `?`, `[...]`),
 * `$VAR` expansion and `#` comments. Quote such characters to pass them as they are.
 *
 * @example
 * ```ts
 * splitCommandLine(`python3.12 "my adapter.py" --mode 'a|b'`); // ['python3.12', 'my adapter.py', '--mode', 'a|b']
 * splitCommandLine('python3 adapter.py | tee log'); // throws TypeError:
 * // splitCommandLine: want plain words (no shell runs the command), got the operator "|"; quote it to pass it as text
 * ```
 * @param command - the command line, e.g. the `--tracer-cmd` value
 * @returns the words, program first; never empty
 * @throws TypeError for an empty command line, an operator, a glob, a `$` expansion or a comment
 */
export function splitCommandLine(command: string): string[] {
  const expanded: string[] = [];
  let entries: ParseEntry[];
  try {
    entries = parse(command, (name: string) => {
      expanded.push(name);
      return '';
    });
  } catch (e) {
    throw new TypeError(`splitCommandLine: want a command line, got ${(e instanceof Error ? e.message : String(e)).toLowerCase()}`);
  }
  if (expanded.length > 0) {
    throw refuse(`the expansion $${expanded[0]}`);
  }
  const words: string[] = [];
  for (const entry of entries) {
    if (typeof entry === 'string') words.push(entry);
    else if ('comment' in entry) throw refuse(`the comment ${JSON.stringify(`#${entry.comment}`)}`);
    else if (entry.op === 'glob') throw refuse(`the glob ${JSON.stringify(entry.pattern)}`);
    else throw refuse(`the operator ${JSON.stringify(entry.op)}`);
  }
  if (words.length === 0 || words[0] === '') {
    throw new TypeError(`splitCommandLine: want a command line with a program, got ${JSON.stringify(command)}`);
  }
  return words;
}

function refuse(what: string): TypeError {
  return new TypeError(`splitCommandLine: want plain words (no shell runs the command), got ${what}; quote it to pass it as text`);
}
