// The html report's stylesheet, inlined in the page (no network, no CDN). Data, not logic.

/** Colours of the event kinds: entry edges green, exit edges blue, throws and unwinds red, wakes violet. */
export const HTML_STYLE = `
:root { --fg: #1d1f23; --muted: #5b6270; --line: #d5d9e0; --bg: #fff; --panel: #f6f7f9; --bad: #c62828; --ok: #2e7d32;
  --entry: #2e7d32; --exit: #1565c0; --raise: #c62828; --wake: #7b1fa2; --other: #6d6d6d; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1400px; padding: 16px 24px 48px; color: var(--fg); background: var(--bg);
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
h1 { font-size: 22px; margin: 8px 0 4px; } h2 { font-size: 18px; margin: 28px 0 8px; border-bottom: 1px solid var(--line); }
h3 { font-size: 15px; margin: 16px 0 6px; }
code, pre, .mono { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 12.5px; }
.verdict-fail { color: var(--bad); } .verdict-ok { color: var(--ok); }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 8px 0; }
dl.meta dt { color: var(--muted); } dl.meta dd { margin: 0; }
table { border-collapse: collapse; } th, td { padding: 3px 10px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
th { color: var(--muted); font-weight: 600; } td.num { text-align: right; font-variant-numeric: tabular-nums; }
tr.failed td:first-child { border-left: 3px solid var(--bad); }
article.failure { border: 1px solid var(--line); border-left: 4px solid var(--bad); border-radius: 6px; padding: 8px 16px 16px; margin: 16px 0; }
.message { font-weight: 600; }
ol.violations { margin: 4px 0; padding-left: 22px; } ol.violations li.first { color: var(--bad); font-weight: 600; }
pre { background: var(--panel); border: 1px solid var(--line); border-radius: 4px; padding: 8px 10px; overflow-x: auto; margin: 4px 0; }
pre.source .line { display: block; } pre.source .ln { display: inline-block; width: 3ch; margin-right: 12px; color: var(--muted); text-align: right; user-select: none; }
.note { color: var(--muted); margin: 2px 0 8px; }
figure.trace { margin: 8px 0 12px; } figure.trace figcaption { font-weight: 600; margin-bottom: 2px; }
.scroll { overflow-x: auto; border: 1px solid var(--line); border-radius: 4px; background: #fff; }
svg.swimlanes { display: block; font-family: ui-monospace, "DejaVu Sans Mono", Menlo, monospace; }
svg .axis text { font-size: 10px; fill: var(--muted); text-anchor: middle; } svg .axis text.axis-title { text-anchor: start; }
svg .lane-bg { fill: #fff; } svg .lane:nth-of-type(even) .lane-bg { fill: #f7f8fa; }
svg .lane-label { font-size: 12px; fill: var(--fg); }
svg rect.running { fill: #dbe8f7; stroke: #5b8fc7; stroke-width: 1; } svg rect.running.open { stroke-dasharray: 4 3; }
svg line.suspended { stroke: #9aa3ad; stroke-width: 1.5; stroke-dasharray: 2 4; }
svg .event circle { fill: var(--other); stroke: #fff; stroke-width: 1; }
svg .event text { font-size: 8.5px; fill: #fff; text-anchor: middle; font-weight: 700; pointer-events: none; }
svg .kind-call circle, svg .kind-resume circle { fill: var(--entry); }
svg .kind-return circle, svg .kind-yield circle { fill: var(--exit); }
svg .kind-throw circle, svg .kind-unwind circle, svg .kind-abandoned circle { fill: var(--raise); }
svg .kind-wake circle { fill: var(--wake); }
svg .event.violated circle { stroke: var(--bad); stroke-width: 3.5; }
svg .event:hover circle { stroke: #000; stroke-width: 2; }
svg rect.violation-column { pointer-events: none; fill: rgba(198, 40, 40, 0.13); stroke: var(--bad); stroke-width: 1; stroke-dasharray: 3 2; }
svg path.wake { fill: none; stroke: var(--wake); stroke-width: 1.6; } svg path.wake.unknown { stroke-dasharray: 4 3; }
svg .arrowhead { fill: var(--wake); }
details.event-table summary, details.as-text summary { cursor: pointer; color: var(--muted); margin: 4px 0; }
table.events td { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, monospace; font-size: 12px; padding: 1px 10px; }
table.events tr.differs td { background: #fff4e5; } table.events tr.first-violation td { background: #fde0e0; font-weight: 700; }
.bar { display: inline-block; height: 9px; background: #7aa6d8; border-radius: 2px; vertical-align: middle; }
tr.zero td { color: var(--bad); }
.legend { display: flex; flex-wrap: wrap; gap: 4px 18px; color: var(--muted); }
.legend .chip { display: inline-block; min-width: 22px; padding: 0 4px; border-radius: 9px; color: #fff; font: 700 10px/18px ui-monospace, monospace; text-align: center; margin-right: 4px; }
footer { margin-top: 32px; color: var(--muted); font-size: 12px; }
`;
