import { createTwoFilesPatch } from 'diff';
import kleur from 'kleur';
import { formatOutcome } from '../../harness/program/ast.ts';
import type { ProgramCheck } from '../../harness/targets/js/check-program.ts';
import { renderProgram } from '../../harness/targets/js/compile.ts';
import { formatViolations } from '../assert/report.ts';
import { formatCanonical } from '../formats/text.ts';
import type { CanonicalEvent } from '../model/event.ts';

/**
 * A unified diff of two texts, without the patch preamble, `-` lines red and `+` lines green.
 * @param fromLabel - label of the first text (lines shown as `-`)
 * @param toLabel - label of the second text (lines shown as `+`)
 */
export function textDiff(fromLabel: string, toLabel: string, from: string, to: string): string {
  const patch = createTwoFilesPatch(fromLabel, toLabel, from, to, '', '', { context: 3 });
  return patch
    .split('\n')
    .map((l) => l.trimEnd())
    .filter((l) => !l.startsWith('====') && !l.startsWith('Index:') && l !== '\\ No newline at end of file')
    .map((l) => (l.startsWith('+') && !l.startsWith('+++') ? kleur.green(l) : l.startsWith('-') && !l.startsWith('---') ? kleur.red(l) : l))
    .join('\n')
    .trimEnd();
}

function withOutcome(events: readonly CanonicalEvent[], outcome: string): string {
  return formatCanonical(events) + `# outcome: ${outcome}\n`;
}

/**
 * The program of a check as the source that ran: the JavaScript the harness compiled, or another target's
 * rendering (Python for a `--tracer-cmd` adapter).
 * @param check - a {@link ProgramCheck}
 * @returns `{ language, text }`, the language capitalised as printed (`JavaScript`, `Python`)
 */
export function programSource(check: ProgramCheck): { readonly language: string; readonly text: string } {
  const language = check.rendered?.language === 'python' ? 'Python' : (check.rendered?.language ?? 'JavaScript');
  return { language, text: check.rendered?.text ?? renderProgram(check.program) };
}

/**
 * Everything a person needs to read a failed program check: the program as the source that ran (JavaScript,
 * or the rendering of another target such as Python),
 * the expected (model) vs actual (tracer) trace as a diff, and the violations in context.
 * @param check - a failed {@link ProgramCheck}
 * @returns multi-line text
 */
export function formatProgramFailure(check: ProgramCheck): string {
  const program = programSource(check);
  const source = program.text
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n')
    .trimEnd();
  const expected = withOutcome(check.expected.events, formatOutcome(check.expected.outcome));
  const actual = withOutcome(check.actual.events, formatOutcome(check.actual.outcome));
  const events = check.actual.events.map((e, i) => ({ ...e, seq: check.actual.trace.length > i ? check.actual.trace.columns.seq[i]! : i }));
  return [
    kleur.bold(`program (${program.language}, as run under the tracer):`),
    source,
    '',
    ...(check.schedule !== undefined ? [kleur.bold('schedule (the order timer ticks were released):'), `  ${check.schedule}`, ''] : []),
    kleur.bold(check.schedule !== undefined ? 'trace: expected (model, in its own order; compared per activation) vs actual (tracer):' : 'trace: expected (model) vs actual (tracer), canonical form:'),
    textDiff('expected (model)', 'actual (tracer)', expected, actual),
    '',
    kleur.bold(`violations (${check.violations.length}):`),
    formatViolations(check.violations, events)
      .split('\n')
      .map((l) => `  ${l}`)
      .join('\n'),
  ].join('\n');
}

/**
 * The program a tracer under test could not run (a check with a `tracer/` verdict: no trace came back), as
 * the JavaScript that ran, indented under a heading.
 * @param check - a {@link ProgramCheck} with a `verdict`
 * @returns multi-line text
 */
export function formatVerdictProgram(check: ProgramCheck): string {
  const source = renderProgram(check.program).trimEnd().split('\n').map((l) => `    ${l}`).join('\n');
  return `  ${kleur.bold('the program it was running (JavaScript):')}\n${source}`;
}
