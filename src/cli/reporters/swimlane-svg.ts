// A swimlane layout as inline SVG: lanes of activations, boxes while running, gaps while suspended,
// arrows for wakes, the first violation's column marked (issue 16). No script, no external reference.
import { escapeHtml as esc } from './html-escape.ts';
import type { LaneStretch, SwimlaneLayout } from './swimlane-layout.ts';

/** Two letters per kind, drawn in the event's circle (the page's legend spells them out). */
export const KIND_LETTERS: Readonly<Record<string, string>> = {
  call: 'ca', return: 'rt', yield: 'yd', resume: 'rs', throw: 'th', unwind: 'uw', wake: 'wk', await: 'aw',
  pending: 'pd', event: 'ev', dropped: 'dr', abandoned: 'ab', checkpoint: 'cp', recovery: 'rc',
};

/** Left column for lane labels, px. */
const LABEL_W = 150;
/** Height of the time axis at the top, px. */
const AXIS_H = 28;
/** Height of one lane, px. */
const LANE_H = 36;
/** Height of a running box, px. */
const BOX_H = 20;

/** How the diagram is drawn. */
export interface SwimlaneOptions {
  /** `expected` or `actual`: the `data-role` of the `<svg>`. */
  readonly role: string;
  /** Columns on the time axis, >= the layout's length (the two traces of a counterexample share one scale). */
  readonly columns: number;
  /** Prefix of the SVG ids (the arrowhead marker), unique in the page. */
  readonly idPrefix: string;
  /** Column to mark as the first violation: an event index, or -1 for the end of the trace. */
  readonly violationColumn?: number;
  /** Ring the event at `violationColumn` and give the column `data-first-violation` (the actual trace). */
  readonly markEvent?: boolean;
}

/**
 * One trace as an inline `<svg class="swimlanes">`: a `<g class="lane" data-activation="n">` per activation
 * with a label (`#2 g1`), a `rect.running` from each entry edge to its exit edge (`.open` when the trace
 * ends first), a dashed `line.suspended` across each suspension, a `g.event` per event (two letters, the
 * canonical text as its `<title>`), a `path.wake` arrow from the waker's last exit edge to each `wake`
 * (from the axis when the waker is unknown), and, when asked, a `rect.violation-column` at the first violation.
 * @param layout - from `layoutSwimlanes`
 * @param options - role, scale, ids, the violation to mark
 * @returns SVG markup; every name is escaped
 */
export function renderSwimlanes(layout: SwimlaneLayout, options: SwimlaneOptions): string {
  const columns = Math.max(options.columns, layout.length, 1);
  const step = columns <= 24 ? 40 : columns <= 40 ? 34 : columns <= 120 ? 20 : columns <= 400 ? 10 : 5;
  const letters = step >= 20;
  const x = (i: number): number => LABEL_W + i * step + step / 2;
  const rows = layout.lanes.length + (layout.unattached.length > 0 ? 1 : 0);
  const laneY = (k: number): number => AXIS_H + k * LANE_H + LANE_H / 2;
  const width = LABEL_W + columns * step + 24;
  const height = AXIS_H + rows * LANE_H + 8;
  const rowOf = new Map(layout.lanes.map((l, k) => [l.activation, k]));
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" class="swimlanes" data-role="${esc(options.role)}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${esc(options.role)} trace: ${layout.lanes.length} activations, ${layout.length} events">`);
  out.push(`<defs><marker id="${esc(options.idPrefix)}-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" class="arrowhead"/></marker></defs>`);
  // 1. The time axis: event indexes.
  const every = step >= 20 ? 1 : step >= 10 ? 5 : 10;
  out.push('<g class="axis">');
  for (let i = 0; i < columns; i += every) out.push(`<text x="${x(i)}" y="${AXIS_H - 10}">${i}</text>`);
  out.push(`<text x="8" y="${AXIS_H - 10}" class="axis-title">event index →</text></g>`);
  // 2. One lane per activation: label, running boxes, suspensions, events.
  const stretch = (s: LaneStretch, y: number, cls: string): string => {
    const x0 = x(s.from) - (cls === 'running' ? step * 0.4 : 0);
    const x1 = s.open ? x(columns - 1) + step / 2 : x(s.to) + (cls === 'running' ? step * 0.4 : 0);
    return cls === 'running'
      ? `<rect class="running${s.open ? ' open' : ''}" x="${x0}" y="${y - BOX_H / 2}" width="${Math.max(x1 - x0, 2)}" height="${BOX_H}" rx="4"/>`
      : `<line class="suspended${s.open ? ' open' : ''}" x1="${x0}" y1="${y}" x2="${x1}" y2="${y}"><title>suspended</title></line>`;
  };
  const event = (m: { index: number; kind: string; text: string }, y: number): string => {
    const violated = options.markEvent === true && m.index === options.violationColumn ? ' violated' : '';
    const label = letters ? `<text x="${x(m.index)}" y="${y + 3.5}">${esc(KIND_LETTERS[m.kind] ?? m.kind.slice(0, 2))}</text>` : '';
    return `<g class="event kind-${esc(m.kind)}${violated}" data-index="${m.index}"><circle cx="${x(m.index)}" cy="${y}" r="${letters ? 9 : Math.max(step / 2 - 0.5, 1.5)}"/>${label}<title>${m.index}  ${esc(m.text)}</title></g>`;
  };
  layout.lanes.forEach((lane, k) => {
    const y = laneY(k);
    const name = lane.code.length > 16 ? `${lane.code.slice(0, 15)}…` : lane.code;
    out.push(`<g class="lane" data-activation="${lane.activation}">`);
    out.push(`<rect class="lane-bg" x="0" y="${y - LANE_H / 2}" width="${width}" height="${LANE_H}"/>`);
    out.push(`<text class="lane-label" x="8" y="${y + 4}">#${lane.activation} ${esc(name)}<title>activation #${lane.activation}: ${esc(lane.code)}</title></text>`);
    for (const s of lane.suspended) out.push(stretch(s, y, 'suspended'));
    for (const s of lane.running) out.push(stretch(s, y, 'running'));
    for (const m of lane.marks) out.push(event(m, y));
    out.push('</g>');
  });
  if (layout.unattached.length > 0) {
    const y = laneY(layout.lanes.length);
    out.push(`<g class="unattached"><text class="lane-label" x="8" y="${y + 4}">no activation</text>${layout.unattached.map((m) => event(m, y)).join('')}</g>`);
  }
  // 3. The first violation's column, over the lanes (translucent).
  if (options.violationColumn !== undefined) {
    const col = options.violationColumn < 0 ? layout.length : options.violationColumn;
    const attr = options.markEvent === true ? ` data-first-violation="${options.violationColumn}"` : '';
    out.push(`<rect class="violation-column"${attr} x="${x(col) - step / 2}" y="${AXIS_H - 4}" width="${step}" height="${rows * LANE_H + 8}"><title>first violation: event ${options.violationColumn < 0 ? 'at the end of the trace' : options.violationColumn}</title></rect>`);
  }
  // 4. Wake arrows, on top: from the waker's last exit edge (or the axis, waker unknown) to the wake.
  for (const w of layout.wakes) {
    const y1 = laneY(rowOf.get(w.to) ?? 0);
    const known = rowOf.get(w.from);
    const x0 = x(w.fromIndex);
    const y0 = known === undefined ? AXIS_H - 2 : laneY(known);
    const bend = Math.max(step, 12);
    const d = `M${x0},${y0} C${x0 + bend},${y0} ${x(w.index) - bend},${y1 + (y0 < y1 ? -LANE_H / 2 : LANE_H / 2)} ${x(w.index)},${y1 + (y0 < y1 ? -10 : 10)}`;
    out.push(`<path class="wake${known === undefined ? ' unknown' : ''}" d="${d}" marker-end="url(#${esc(options.idPrefix)}-arrow)"><title>event ${w.index}: #${w.to} woken by ${known === undefined ? 'an unknown waker (a timer or an outside promise)' : `#${w.from}`}</title></path>`);
  }
  out.push('</svg>');
  return out.join('\n');
}
