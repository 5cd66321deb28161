/**
 * The markdown report: one row per case (ratio, 95% CI, baseline, change with its p-value and flag, verdict,
 * ns/op), every column labelled with its unit, then the counters that changed and the targets.
 * @module
 */
import type { CaseResult } from './case-result.ts';
import { FLAG_P } from './change.ts';
import type { TargetCheck } from './targets.ts';

const fmtRatio = (x: number): string => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));

/** ns with a sensible precision: 4.87, 48.7, 487, 4870. */
export function formatNs(ns: number): string {
  const a = Math.abs(ns);
  return a >= 100 ? ns.toFixed(0) : a >= 10 ? ns.toFixed(1) : ns.toFixed(2);
}

/** Operations per second as `12.3 M/s`, `45.6 k/s` or `789 /s`. */
export function formatRate(nsPerOp: number): string {
  const perS = 1e9 / nsPerOp;
  return perS >= 1e6 ? `${(perS / 1e6).toFixed(1)} M/s` : perS >= 1e3 ? `${(perS / 1e3).toFixed(1)} k/s` : `${perS.toFixed(0)} /s`;
}

/** The counters as `events/op 2, wire bytes/op 3.06` (4 significant digits; compared exactly elsewhere). */
function countersCell(r: CaseResult): string {
  return Object.entries(r.counters)
    .map(([k, v]) => `${k} ${Number(v.toPrecision(4))}`)
    .join(', ');
}

function verdictCell(r: CaseResult): string {
  if (r.verdict === 'noise') return 'ok (flagged, re-run passed)';
  // Only a re-run confirms: without --gate there is none, and the first run's word is all there is.
  if (r.verdict === 'slower') return r.rerunVerdict === 'slower' ? '**SLOWER** (confirmed by re-run)' : '**SLOWER** (first run only: --gate re-runs to confirm)';
  if (r.verdict === 'counters') return '**COUNTERS CHANGED**';
  if (r.verdict === 'refused') return '**REFUSED**';
  if (r.verdict === 'error') return '**ERROR**';
  if (r.verdict === 'smoke') return 'smoke (not judged)';
  return r.verdict;
}

/** The report tier's cell: `+12.3% (p 0.004) flagged`. */
function changeCell(r: CaseResult): string {
  const c = r.change;
  if (c === undefined) return '-';
  const p = c.pValue < 0.001 ? '< 0.001' : c.pValue.toFixed(3);
  return `${c.change >= 0 ? '+' : ''}${(c.change * 100).toFixed(1)}% (p ${p})${c.flagged ? ' flagged' : ''}`;
}

/**
 * The results as a markdown table, followed by the problems (refusals, errors, counter changes) and a note on
 * flags (multiple comparisons).
 * @param results - in report order
 * @param maxRegression - the fail tier's limit (for the header), a fraction
 */
export function formatReport(results: readonly CaseResult[], maxRegression: number): string {
  const lines = [
    `| case | ratio (traced/untraced) | 95% CI | baseline ratio | change vs baseline (p) | verdict (fails over +${Math.round(maxRegression * 100)}%) | traced ns/op | untraced ns/op | overhead ns/op | traced rate (op/s) | op | counters (deterministic) |`,
    '|---|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const r of results) {
    const e = r.estimate;
    const base = r.baseline !== undefined ? fmtRatio(r.baseline.ratio) : '-';
    if (e === undefined) {
      lines.push(`| ${r.id} | - | - | ${base} | - | ${verdictCell(r)} | - | - | - | - | ${r.unit} | ${countersCell(r)} |`);
      continue;
    }
    lines.push(
      `| ${r.id} | ${fmtRatio(e.ratio)} | ${fmtRatio(e.low)} – ${fmtRatio(e.high)} | ${base} | ${changeCell(r)} | ${verdictCell(r)} | ${formatNs(e.tracedNsPerOp)} | ${formatNs(e.plainNsPerOp)} | ${formatNs(e.overheadNsPerOp)} | ${formatRate(e.tracedNsPerOp)} | ${r.unit} | ${countersCell(r)} |`,
    );
  }
  const notes: string[] = [];
  for (const r of results) {
    if (r.problem !== undefined) notes.push(`- ${r.id}: ${r.problem}`);
    for (const d of r.counterDiffs) notes.push(`- ${r.id}: counter ${d}`);
    if (r.rerunEstimate !== undefined && r.estimate !== undefined) {
      notes.push(`- ${r.id}: first run ${fmtRatio(r.estimate.ratio)} (CI ${fmtRatio(r.estimate.low)} – ${fmtRatio(r.estimate.high)}) over --max-regression; re-run ${fmtRatio(r.rerunEstimate.ratio)} (CI ${fmtRatio(r.rerunEstimate.low)} – ${fmtRatio(r.rerunEstimate.high)}): ${r.verdict}`);
    }
  }
  const flagged = results.filter((r) => r.change?.flagged === true).length;
  const judged = results.filter((r) => r.change !== undefined).length;
  if (flagged > 0) {
    notes.push(
      `- flagged (p < ${FLAG_P}): ${flagged} of ${judged} case(s); by chance alone about ${(judged * FLAG_P).toFixed(1)} would be (multiple comparisons), and the p-values ignore the shift between processes: a flag is a hint, only the verdict fails`,
    );
  }
  return [...lines, ...(notes.length > 0 ? ['', ...notes] : [])].join('\n');
}

/** The targets as a markdown table (informational: the gate compares with the baseline, not with these). */
export function formatTargets(checks: readonly TargetCheck[]): string {
  if (checks.length === 0) return '';
  const lines = ['| target | measured | status |', '|---|---|---|'];
  for (const c of checks) lines.push(`| ${c.target} | ${c.measured} | ${c.met === undefined ? 'not measured' : c.met ? 'met' : '**missed**'} |`);
  return lines.join('\n');
}
