import { parseMerged } from '../../src/formats/merged-text.ts';
import { parseCanonical } from '../../src/formats/text.ts';
import { TraceFormatError } from '../../src/model/errors.ts';
import { refusalShapeProblems } from './refusal-shape.ts';
import { ACTS, CODES, checkTextLine, KINDS, OPEN_ACTS, PAYLOADS, STATES, STREAM_IDS, STREAM_VALUES, TAILS, type TextLine, type TextLineCase } from './text-line-edits.ts';

/**
 * Every value of every part of the text grammar's lines, one part at a time with the others at a plain
 * value, and every kind with every tail (the rules that tie them: a wake's `by`, a pending's `on`, no
 * `return` on a record); each line before and after the first event, and after `@<stream id>` (issue 13:
 * the random lines of `text-line-edits.ts` meet a given value of a part once in about ten cases, a given
 * kind and tail once in a hundred). Run once per process.
 */
export function textLineTable(): TextLineCase[] {
  const plain = { t: 'event' as const, kind: 'call', code: 0, act: 1, tail: 0, payload: 0 };
  const lines: TextLine[] = [
    ...KINDS.flatMap((kind) => TAILS.map((_, tail) => ({ ...plain, kind, tail }))),
    ...CODES.map((_, code) => ({ ...plain, code })),
    ...ACTS.map((_, act) => ({ ...plain, act })),
    ...PAYLOADS.map((_, payload) => ({ ...plain, payload })),
    ...(['dropped', 'checkpoint', 'recovery from'] as const).flatMap((word) => STREAM_VALUES.map((value) => ({ t: 'stream' as const, word, value }))),
    ...CODES.map((_, code) => ({ t: 'open' as const, code, act: 0, state: 'running' })),
    ...OPEN_ACTS.flatMap((_, act) => STATES.map((state) => ({ t: 'open' as const, code: 0, act, state }))),
    ...(['open partial', 'incomplete', 'header', 'comment'] as const).map((t) => ({ t })),
  ];
  return [
    ...lines.flatMap((line) => [{ line, before: true }, { line, before: false }, { line, before: true, stream: 0 }]),
    ...STREAM_IDS.map((_, stream) => ({ line: plain, before: true, stream })),
  ];
}

let tablePassed = false;

/**
 * {@link checkTextLine} on every line of {@link textLineTable}, and an activation declared open twice
 * (`parseCanonical`'s TSDoc: each once), once per process once it passes (40 ms). The bound of 65,536 open
 * activations is the unit tests' (a file past it costs 0.2 s).
 * @returns what differs, one line each
 */
export function checkTextLineTable(): string[] {
  if (tablePassed) return [];
  const problems = textLineTable().flatMap(checkTextLine);
  problems.push(...refusedOn('open f #1 running\nopen g #1 suspended\ncall f #2\n', 'bad-line', 2, ['#1', 'twice']));
  // Lines with a word too many, a word glued on, a carriage return inside, an id one past u32: not lines of
  // the grammar (`kind code #activation [tail] [= payload]`, `open code #activation state`).
  // Open lines where open lines may stand (before the first event: after it any open line is refused for that alone).
  for (const line of ['open f #1 running extra', 'open open f #1 running', 'call f\rg #1', 'call dropped 3', 'call f x#1', 'call f #1x', 'pending f #1 on #4294967296', 'open f #4294967296 running']) {
    problems.push(...refusedOn(line.startsWith('open') ? `open g #2 running\n${line}\ncall g #2\n` : `call g #1\n${line}\n`, 'bad-line', 2, []));
  }
  // Merged text's lines are canonical lines after `@<stream id> `: the carriage return there too.
  problems.push(...refusedOn('@a call g #1\n@a call f\rg #1\n', 'bad-line', 2, [], parseMerged));
  // At the edges they hold: the largest u32 as an open activation, a payload nested 2048 deep (4096 bytes,
  // FORMAT.md §8's payload bound) read; one level more is past the bound.
  problems.push(...readsAs('open f #4294967295 running\nreturn f #4294967295\n', 1));
  // Merged text: a line is trimmed before its '@' is looked for (an indented line and a line of spaces read).
  try {
    const m = parseMerged('  @a call f #1\n \t\n@a return f #1\n');
    const n = m.length;
    if (n !== 2) problems.push(`merged text with an indented line and a line of spaces: read ${n} events, want 2`);
  } catch (error) {
    problems.push(`merged text with an indented line and a line of spaces: refused (${(error as Error).message}), want 2 events read`);
  }
  problems.push(...readsAs(`event e #0 = ${'['.repeat(2048)}${']'.repeat(2048)}\n`, 1));
  problems.push(...refusedOn(`call g #1\nevent e #0 = ${'['.repeat(2049)}${']'.repeat(2049)}\n`, 'limit-exceeded', 2, []));
  // A bare code may end in '"' (only its first character may not be one); runs of spaces part words, so a
  // fourth word is a flag; text glued to '#<n>' makes no activation (parseCanonical's grammar).
  problems.push(...readsCode('open a" #1 running\nreturn a" #1\n', 'a"'), ...readsCode('call a" #1\n', 'a"'));
  problems.push(...refusedOn('call g #1\ncall f  #1 x\n', 'unknown-flag', 2, ['x']));
  for (const line of ['call f x#1 extra', 'call f #1x extra']) problems.push(...refusedOn(`call g #1\n${line}\n`, 'bad-line', 2, []));
  // Header lines before the first event: '#', optional whitespace, a key (lowercased), ':', the value trimmed; any other '#' line is a comment.
  for (const [line, value] of [['#key: v', 'v'], ['#  Key: v', 'v'], ['# key:v', 'v'], ['# key:', ''], ['# key:  v ', 'v'], ['# x #key: v', undefined]] as const) {
    const got = parseCanonical(`${line}\ncall f #1\n`).header.get('key');
    if (got !== value) problems.push(`text header line ${JSON.stringify(line)}: key read as ${JSON.stringify(got)}, want ${JSON.stringify(value)}`);
  }
  tablePassed = problems.length === 0;
  return problems;
}

/** `parse` (`parseCanonical` unless given) refuses `text` with `code` on line `line`, naming `says`. */
function refusedOn(text: string, code: string, line: number, says: readonly string[], parse: (text: string) => unknown = parseCanonical): string[] {
  const what = `text ${JSON.stringify(text.slice(0, 60))} (${parse.name})`;
  try {
    parse(text);
    return [`${what}: read; want ${code} on line ${line}`];
  } catch (error) {
    if (!(error instanceof TraceFormatError)) return [`${what}: ${(error as Error).name} escaped ${parse.name}: ${(error as Error).message}`];
    const problems = refusalShapeProblems(error, what, says);
    if (error.code !== code || error.line !== line) problems.push(`${what}: want ${code} on line ${line}, got ${error.code} on line ${error.line}: ${error.message}`);
    return problems;
  }
}

/** `parseCanonical` reads `text`, every event of code `name`. */
function readsCode(text: string, name: string): string[] {
  const what = `text ${JSON.stringify(text.slice(0, 40))}`;
  try {
    const t = parseCanonical(text);
    const names = [...t.events.map((e) => e.code), ...t.open.map((o) => o.code)];
    return names.length > 0 && names.every((c) => c === name) ? [] : [`${what}: read codes ${JSON.stringify(names)}, want ${JSON.stringify(name)}`];
  } catch (error) {
    return [`${what}: refused (${(error as Error).message}); want it read with code ${JSON.stringify(name)}`];
  }
}

/** `parseCanonical` reads `text` into `events` events. */
function readsAs(text: string, events: number): string[] {
  const what = `text ${JSON.stringify(text.slice(0, 40))}`;
  try {
    const n = parseCanonical(text).events.length;
    return n === events ? [] : [`${what}: read ${n} events, want ${events}`];
  } catch (error) {
    return [`${what}: refused, want it read: ${(error as Error).message}`];
  }
}
