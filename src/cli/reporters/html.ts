// The html reporter (issue 16): one self-contained page per run (inline CSS and SVG, no script, no network)
// showing each failure as a picture: the program, expected vs actual swimlanes, and the semantic coverage.
import { SEMANTIC_ROWS } from '../../../harness/model/semantic-rows.ts';
import type { CheckReport, ReportCase, ReportCounterexample, ReportCoverage, ReportPart, ReportViolation } from './check-report.ts';
import { renderCounterexample } from './html-counterexample.ts';
import { escapeHtml as esc } from './html-escape.ts';
import { HTML_STYLE } from './html-style.ts';
import { KIND_LETTERS } from './swimlane-svg.ts';

/** The most violations listed per failure; the rest are counted. */
const MAX_VIOLATIONS = 20;

/** One failure to draw: a failed property part, or a failed case of a corpus part. */
interface Failure {
  readonly title: string;
  readonly message?: string;
  readonly violations: readonly ReportViolation[];
  readonly counterexample?: ReportCounterexample;
  /** The plain text of the failure, shown when there is no counterexample to draw. */
  readonly text?: string;
  readonly replay?: string;
}

/** The failures of a report, in part order: each failed property or tracer part, each failed case. */
function failuresOf(report: CheckReport): Failure[] {
  const failures: Failure[] = [];
  const fromCase = (part: ReportPart, c: ReportCase): Failure => ({
    title: `${part.name}: ${c.file}`,
    ...(c.message !== undefined ? { message: c.message } : {}),
    violations: c.violations ?? [],
    ...(c.counterexample !== undefined ? { counterexample: c.counterexample } : {}),
    ...(c.details !== undefined ? { text: c.details } : {}),
  });
  for (const part of report.parts) {
    if (part.ok) continue;
    const cases = part.cases.filter((c) => !c.ok && !c.skipped);
    if (cases.length > 0) {
      failures.push(...cases.map((c) => fromCase(part, c)));
      continue;
    }
    failures.push({
      title: part.name,
      ...(part.message !== undefined ? { message: part.message } : {}),
      violations: part.violations ?? [],
      ...(part.counterexample !== undefined ? { counterexample: part.counterexample } : {}),
      ...(part.output !== '' ? { text: part.output } : {}),
      ...(part.replay !== undefined ? { replay: part.replay } : {}),
    });
  }
  return failures;
}

function renderViolations(violations: readonly ReportViolation[], first: number | undefined): string {
  if (violations.length === 0) return '';
  const items = violations.slice(0, MAX_VIOLATIONS).map((v) => {
    const where = v.eventIndex === undefined ? '' : v.eventIndex < 0 ? ' at the end of the trace' : ` at event ${v.eventIndex}`;
    const isFirst = first !== undefined && v.eventIndex === first;
    return `<li${isFirst ? ' class="first"' : ''}><code>${esc(v.rule)}</code>${where}: ${esc(v.message)}${isFirst ? ' (first violation)' : ''}</li>`;
  });
  const more = violations.length > MAX_VIOLATIONS ? `<p class="note">and ${violations.length - MAX_VIOLATIONS} more</p>` : '';
  return `<h3>violations (${violations.length})</h3>\n<ol class="violations">${items.join('\n')}</ol>${more}`;
}

function renderFailure(f: Failure, n: number): string {
  return [
    `<article class="failure" id="failure-${n}" data-title="${esc(f.title)}">`,
    `<h3>${esc(f.title)}</h3>`,
    ...(f.message !== undefined ? [`<p class="message">${esc(f.message)}</p>`] : []),
    renderViolations(f.violations, f.counterexample?.firstViolation),
    f.counterexample !== undefined ? renderCounterexample(f.counterexample, `cx${n}`) : f.text !== undefined ? `<pre class="details">${esc(f.text)}</pre>` : '',
    ...(f.counterexample !== undefined && f.text !== undefined ? [`<details class="as-text"><summary>the same failure as text</summary>\n<pre class="details">${esc(f.text)}</pre></details>`] : []),
    ...(f.replay !== undefined ? [`<p class="replay">replay: <code>${esc(f.replay)}</code></p>`] : []),
    '</article>',
  ].join('\n');
}

function renderParts(report: CheckReport): string {
  const rows = report.parts.map((p) => {
    const files = p.kind === 'corpus' ? `${p.cases.filter((c) => c.ok && !c.skipped).length}/${p.cases.length} files` : p.runs !== undefined ? `${p.runs}` : '';
    return `<tr${p.ok ? '' : ' class="failed"'}><td>${esc(p.name)}</td><td class="${p.ok ? 'verdict-ok' : 'verdict-fail'}">${p.ok ? 'ok' : 'FAIL'}</td><td class="num">${files}</td><td class="num">${p.seed ?? ''}</td><td class="num">${p.elapsedMs !== undefined ? (p.elapsedMs / 1000).toFixed(2) : ''}</td><td>${esc(p.message ?? '')}</td></tr>`;
  });
  return `<table class="parts"><thead><tr><th>part</th><th>verdict</th><th>runs / files passed</th><th>seed</th><th>time (s)</th><th>why it failed</th></tr></thead><tbody>\n${rows.join('\n')}\n</tbody></table>`;
}

function countTable(cls: string, head: readonly string[], counts: Readonly<Record<string, number>>, extra?: (key: string) => string): string {
  const max = Math.max(1, ...Object.values(counts));
  const rows = Object.entries(counts).map(([k, n]) => {
    const bar = `<span class="bar" style="width:${Math.round((n / max) * 160)}px"></span>`;
    return `<tr data-key="${esc(k)}"${n === 0 ? ' class="zero"' : ''}><td class="mono">${esc(k)}</td>${extra !== undefined ? `<td>${esc(extra(k))}</td>` : ''}<td class="num">${n}</td><td>${bar}</td></tr>`;
  });
  return `<table class="${cls}"><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}<th></th></tr></thead><tbody>\n${rows.join('\n')}\n</tbody></table>`;
}

function renderCoverage(c: ReportCoverage): string {
  const hit = (m: Readonly<Record<string, number>>): string => `${Object.values(m).filter((n) => n > 0).length}/${Object.keys(m).length}`;
  const situation = new Map<string, string>(SEMANTIC_ROWS.map((r) => [r.id, r.situation]));
  return [
    '<section id="coverage"><h2>semantic coverage</h2>',
    `<p>${c.programs} judged programs: ${hit(c.rows)} event-semantics rows hit, ${hit(c.statements)} statement kinds held, ${hit(c.rules)} validator rules rejected by negative inputs. A row in red was never reached.</p>`,
    '<h3>rows of the event-semantics table (README "Event semantics")</h3>',
    countTable('coverage-rows', ['row', 'situation', 'programs'], c.rows, (k) => situation.get(k) ?? ''),
    '<h3>statement kinds</h3>',
    countTable('coverage-statements', ['statement kind', 'programs'], c.statements),
    '<h3>validator rules</h3>',
    countTable('coverage-rules', ['rule', 'negative inputs rejected with it'], c.rules),
    '</section>',
  ].join('\n');
}

function renderLegend(): string {
  const chips = Object.entries(KIND_LETTERS).map(([kind, letters]) => {
    const colour = ['call', 'resume'].includes(kind) ? 'var(--entry)' : ['return', 'yield'].includes(kind) ? 'var(--exit)' : ['throw', 'unwind', 'abandoned'].includes(kind) ? 'var(--raise)' : kind === 'wake' ? 'var(--wake)' : 'var(--other)';
    return `<span><span class="chip" style="background:${colour}">${letters}</span>${kind}</span>`;
  });
  return `<section id="legend"><h2>how to read the swimlanes</h2><p>One lane per activation (<code>#n</code>, numbered in order of first appearance, with its function); x is the event index. A box runs from an entry edge (call, resume, throw) to the exit edge that ends it (return, yield, unwind); a dotted line is a suspension (from a yield to the resume); a dashed box is still running when the trace ends. A violet arrow goes from the activation whose completion woke another to its <code>wake</code> (dashed from the top: the waker is unknown, a timer or an outside promise). The red column is the first violation; its event is ringed in red. Hover an event for its text.</p><div class="legend">${chips.join('')}</div></section>`;
}

/**
 * The html report: one self-contained page (inline CSS and SVG; no script; a Content-Security-Policy that
 * forbids every fetch) with the run's verdict, a table of its parts, each failure (its violations, the
 * program, the expected vs actual traces as swimlanes with the first violation marked, the events side by
 * side; or its text, for a failure with no program), what was skipped, and the semantic coverage.
 * @param report - the finished report
 * @returns the page, UTF-8 text; every string from the run is escaped
 */
export function renderHtml(report: CheckReport): string {
  const failures = failuresOf(report);
  const verdict = report.ok ? 'passed' : 'FAILED';
  const title = `trace-harness check: ${verdict} (exit ${report.exitCode})`;
  const skipped = report.skipped.map((s) => `<li>${esc(s.part)}${s.count !== undefined ? ` (${s.count})` : ''}: ${esc(s.reason)}</li>`);
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(title)}</title>`,
    `<style>${HTML_STYLE}</style></head><body>`,
    `<header><h1>trace-harness check: <span class="${report.ok ? 'verdict-ok' : 'verdict-fail'}">${verdict}</span></h1>`,
    `<dl class="meta"><dt>tracer</dt><dd>${esc(report.tracer)}</dd><dt>command</dt><dd><code>${esc(['trace-harness', ...report.argv].join(' '))}</code></dd><dt>exit code</dt><dd>${report.exitCode}</dd>${report.shard !== undefined ? `<dt>shard</dt><dd>${report.shard.index}/${report.shard.count}</dd>` : ''}<dt>version</dt><dd>${esc(report.tool.version)}</dd></dl></header>`,
    `<section id="parts"><h2>parts</h2>\n${renderParts(report)}</section>`,
    failures.length > 0 ? `<section id="failures"><h2>failures (${failures.length})</h2>\n${failures.map(renderFailure).join('\n')}</section>` : '',
    skipped.length > 0 ? `<section id="skipped"><h2>skipped</h2><ul>${skipped.join('')}</ul></section>` : '',
    report.coverage !== undefined ? renderCoverage(report.coverage) : '',
    failures.some((f) => f.counterexample !== undefined) ? renderLegend() : '',
    `<footer>written by trace-harness ${esc(report.tool.version)}; one file, no script, nothing fetched</footer>`,
    '</body></html>',
    '',
  ].join('\n');
}
