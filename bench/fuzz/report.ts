/**
 * What the fuzz driver prints: a progress line per decoder while it runs, and the final table (every
 * column labelled with its unit).
 * @module
 */
import type { Counterexample, Tally } from './campaign.ts';

/** The sum of a tally's typed errors. */
export function typedTotal(t: Tally): number {
  let n = 0;
  for (const v of Object.values(t.typed)) n += v ?? 0;
  return n;
}

/** Cases per second of a tally. */
function rate(t: Tally): number {
  return t.elapsedMs > 0 ? Math.round((t.cases / t.elapsedMs) * 1000) : 0;
}

/** One progress line: `jsonl: 20000/150000 cases, 2190 cases/s, untyped 0, masked 0, hung 0`. */
export function progressLine(t: Tally, total: number): string {
  return `${t.decoder}: ${t.cases}/${total} cases, ${rate(t)} cases/s, untyped ${t.untyped}, masked ${t.masked}, hung ${t.hung}`;
}

/** The typed errors by code, most frequent first: `truncated 537, bad-record 443, ...`. */
export function byCode(t: Tally): string {
  return Object.entries(t.typed)
    .sort((a, b) => b[1]! - a[1]! || a[0].localeCompare(b[0]))
    .map(([code, n]) => `${code} ${n}`)
    .join(', ');
}

/**
 * The final table, a markdown table: one row per decoder and a total.
 * @param tallies - the decoders' counts
 * @param wallMs - wall time of the whole run, ms
 */
export function finalTable(tallies: readonly Tally[], wallMs: number): string {
  const rows = tallies.map((t) => `| ${t.decoder} | ${t.cases} | ${t.ok} | ${typedTotal(t)} | ${t.untyped} | ${t.masked} | ${t.hung} | ${rate(t)} | ${Math.round(t.slowestMs)} | ${byCode(t)} |`);
  const sum = (f: (t: Tally) => number): number => tallies.reduce((n, t) => n + f(t), 0);
  const total = `| **total** | ${sum((t) => t.cases)} | ${sum((t) => t.ok)} | ${sum(typedTotal)} | ${sum((t) => t.untyped)} | ${sum((t) => t.masked)} | ${sum((t) => t.hung)} | ${Math.round((sum((t) => t.cases) / wallMs) * 1000)} | ${Math.round(Math.max(0, ...tallies.map((t) => t.slowestMs)))} | |`;
  return [
    '| decoder | cases | ok | typed | untyped | masked | hung | cases/s | slowest case (ms) | typed errors by code |',
    '|---|--:|--:|--:|--:|--:|--:|--:|--:|---|',
    ...rows,
    total,
  ].join('\n');
}

/** The `.txt` report saved next to a counterexample's input. */
export function counterexampleReport(c: Counterexample, file: string): string {
  const e = c.outcome.error;
  const stack = e instanceof Error ? (e.stack ?? e.message) : String(e);
  return [
    `decoder: ${c.decoder}`,
    `seed: ${c.seed}`,
    `case: ${c.index}`,
    `outcome: ${c.outcome.kind}${c.outcome.code !== undefined ? ` (${c.outcome.code})` : ''}`,
    `reason: ${c.outcome.reason ?? ''}`,
    `replay: npm run fuzz -- --decoder ${c.decoder} --replay ${file}`,
    '',
    stack,
    '',
  ].join('\n');
}
