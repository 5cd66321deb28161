// One counterexample in the html report: the program source, expected vs actual as swimlanes, the events
// side by side (issue 16).
import type { ReportCounterexample } from './check-report.ts';
import { escapeHtml as esc } from './html-escape.ts';
import { eventText, layoutSwimlanes } from './swimlane-layout.ts';
import { renderSwimlanes } from './swimlane-svg.ts';

/** The program, its lines numbered. */
function renderSource(cx: ReportCounterexample): string {
  const lines = cx.source.split('\n').map((l, i) => `<span class="line"><span class="ln">${i + 1}</span>${esc(l)}</span>`);
  return `<h3>program (${esc(cx.language)}, as run under the tracer)</h3>\n<pre class="source"><code>${lines.join('')}</code></pre>`;
}

/** What the two traces are: the model's and the tracer's, or a golden's stored and the run's produced. */
function labels(cx: ReportCounterexample): { readonly expected: string; readonly actual: string } {
  return cx.golden !== undefined ? { expected: `expected (${cx.golden}, as stored)`, actual: 'actual (as the run produced it)' } : { expected: 'expected (model)', actual: 'actual (tracer)' };
}

/** Both traces, one line per index; rows where they differ and the first violation's row marked. */
function renderEventTable(cx: ReportCounterexample): string {
  const n = Math.max(cx.expected.events.length, cx.actual.events.length);
  const rows: string[] = [];
  for (let i = 0; i < n; i++) {
    const want = cx.expected.events[i];
    const got = cx.actual.events[i];
    const a = want === undefined ? '' : eventText(want);
    const b = got === undefined ? '' : eventText(got);
    const cls = [a !== b ? 'differs' : '', i === cx.firstViolation ? 'first-violation' : ''].filter((c) => c !== '').join(' ');
    rows.push(`<tr${cls !== '' ? ` class="${cls}"` : ''}><td class="num">${i}</td><td>${esc(a)}</td><td>${esc(b)}</td></tr>`);
  }
  rows.push(`<tr class="outcome${cx.expected.outcome !== cx.actual.outcome ? ' differs' : ''}"><td class="num"></td><td>outcome: ${esc(cx.expected.outcome)}</td><td>outcome: ${esc(cx.actual.outcome)}</td></tr>`);
  return `<details class="event-table"><summary>the events side by side (${cx.expected.events.length} expected, ${cx.actual.events.length} actual)</summary>\n<table class="events"><thead><tr><th>index</th><th>${esc(labels(cx).expected)}</th><th>${esc(labels(cx).actual)}</th></tr></thead><tbody>\n${rows.join('\n')}\n</tbody></table></details>`;
}

/**
 * A counterexample as HTML: the numbered source, the schedule of an async program, the expected (model) and
 * actual (tracer) traces as swimlanes on one time scale (the first violation's column marked in both, the
 * violated event ringed in the actual trace; for an async program the expected trace is in the model's own
 * order, so only the actual one is marked), and a table of both traces.
 * @param cx - the counterexample
 * @param id - unique in the page (SVG ids are prefixed with it)
 * @returns HTML markup; every string from the trace is escaped
 */
export function renderCounterexample(cx: ReportCounterexample, id: string): string {
  const columns = Math.max(cx.expected.events.length, cx.actual.events.length) + (cx.firstViolation === -1 ? 1 : 0);
  const figure = (role: 'expected' | 'actual'): string => {
    const trace = cx[role];
    const layout = layoutSwimlanes(trace.events);
    const mark = role === 'actual' || cx.schedule === undefined ? cx.firstViolation : undefined;
    const svg = renderSwimlanes(layout, { role, columns, idPrefix: `${id}-${role}`, ...(mark !== undefined ? { violationColumn: mark, markEvent: role === 'actual' } : {}) });
    const caption = `${esc(labels(cx)[role])}: ${layout.lanes.length} activation${layout.lanes.length === 1 ? '' : 's'}, ${trace.events.length} events, outcome ${esc(trace.outcome)}`;
    return `<figure class="trace ${role}"><figcaption>${caption}</figcaption><div class="scroll">\n${svg}\n</div></figure>`;
  };
  const note = cx.schedule !== undefined
    ? 'The program has async functions: the expected trace is in the model&#39;s own order and is compared with the actual one per activation, so the columns of the two need not line up.'
    : 'Both traces on one time scale: x is the event index, one lane per activation.';
  return [
    '<div class="counterexample">',
    renderSource(cx),
    ...(cx.schedule !== undefined ? [`<h3>schedule (the order timer ticks were released)</h3>\n<pre class="schedule">${esc(cx.schedule)}</pre>`] : []),
    `<h3>trace: ${esc(labels(cx).expected)} vs ${esc(labels(cx).actual)}</h3>\n<p class="note">${note}</p>`,
    figure('expected'),
    figure('actual'),
    renderEventTable(cx),
    '</div>',
  ].join('\n');
}
