// The `negative` part of `check` (issue 13): generated inputs through this package's validators.
import kleur from 'kleur';
import { runNegativeProperty } from '../../harness/properties/negative-property.ts';
import { eventText, type NegativeCase } from '../../harness/reach/negative-case.ts';
import type { CoverageCounter } from '../../harness/reach/semantic-coverage.ts';
import { CASE_VARIANTS } from '../../harness/reach/negative-traces.ts';
import type { CheckIo, CheckOptions } from './check.ts';

/**
 * Cases of the `negative` part in a default run (`--negative-runs`): three of each family of
 * {@link CASE_VARIANTS}, dealt round robin, so every rule of `src/check` is rejected at least three times.
 */
export const DEFAULT_NEGATIVE_RUNS = 3 * CASE_VARIANTS.length;

/** Whether the negative part's runs deal at least one case to every family, so every rule can be reached. */
export function reachesEveryFamily(options: CheckOptions): boolean {
  return (options.negativeRuns ?? DEFAULT_NEGATIVE_RUNS) >= CASE_VARIANTS.length && options.shard === undefined;
}

/**
 * Runs and reports the negative-input property: every rule it saw rejected goes to `coverage`.
 * @returns true when it failed
 */
export function negativeProperty(options: CheckOptions, io: CheckIo, coverage: CoverageCounter): boolean {
  const runs = options.negativeRuns ?? DEFAULT_NEGATIVE_RUNS;
  const seed = options.seed ?? (Math.random() * 0x7fffffff) | 0;
  io.out(
    `${kleur.bold('negative')}  ${runs} generated inputs, round robin over ${CASE_VARIANTS.length} families: each rule of the validators broken by a targeted edit of a random valid trace and rejected with exactly the violations its rules derive (rule, event, seq, activation, message); valid inputs accepted by every validator; the fast path agreeing with the per-event validators`,
  );
  io.progress?.start('negative', runs, 'inputs');
  const r = runNegativeProperty({ runs, seed, onProgress: (n) => io.progress?.tick(n), onRejected: (rules) => coverage.addRejection(rules), ...(options.shard !== undefined ? { shard: options.shard } : {}) });
  const replay = `npx trace-harness check --seed ${r.seed} --negative-runs ${runs}`;
  const base = { name: 'negative', kind: 'property' as const, seed: r.seed, runs: r.runs, elapsedMs: r.elapsedMs };
  if (r.failures.length === 0) {
    io.out(`  ${kleur.green('ok')}    ${r.runs} inputs passed in ${(r.elapsedMs / 1000).toFixed(2)} s, ${r.rules.size} rule${r.rules.size === 1 ? '' : 's'} rejected, seed ${r.seed}\n`);
    io.report?.part({ ...base, ok: true });
    return false;
  }
  for (const f of r.failures) {
    io.out(`  ${kleur.red('FAIL')}  seed ${r.seed}, ${f.variant}: ${f.problems.slice(0, 5).join('; ')}`);
    if (f.case !== undefined) io.out(caseText(f.case));
    io.out(`  (family ${JSON.stringify(f.variant)}, path ${f.path})`);
  }
  io.out(`${kleur.bold('replay:')} ${replay}\n`);
  const first = r.failures[0]!;
  io.report?.part({ ...base, ok: false, replay, message: `${r.failures.length} famil${r.failures.length === 1 ? 'y' : 'ies'} failed; ${first.variant}: ${first.problems.slice(0, 3).join('; ')}` });
  return true;
}

/** A failed case for a person: the edit, then the trace's events with index and seq, as validators name them. */
function caseText(c: NegativeCase): string {
  const t = c.trace;
  const lines = [`  edit: ${c.edit}`, `  trace (${t.length} events${t.open.length > 0 ? `, ${t.open.length} open at its start${t.openPartial ? ', partial' : ''}` : ''}${t.complete ? '' : ', incomplete'}):`];
  for (let i = 0; i < t.length; i++) {
    const e = t.at(i);
    lines.push(`    ${String(i).padStart(4)}  seq ${e.seq}  ${eventText({ ...e, code: t.codeName(e.code) })}`);
  }
  return lines.join('\n');
}
