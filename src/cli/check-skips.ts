// What `check` ran, what it skipped and why, and the summary block that says so (README "check --tracer").
import kleur from 'kleur';
import { type GoldenResult, SKIP_TRACER_OPTIONS } from '../../harness/goldens/golden.ts';
import type { TracerVerdict } from '../../harness/targets/js/probe-tracer.ts';
import type { CheckIo } from './check.ts';

/** One thing `check` left out, and why. */
export interface SkippedPart {
  /** What: `coroutines suite`, `goldens`, `regressions`, `user events in random programs`. */
  readonly part: string;
  /** Why, short and lowercase: `no enterAsync`, `need event`, `need this package's tracer options`. */
  readonly reason: string;
  /** How many items of the part (goldens, regressions); absent when the whole part was left out. */
  readonly count?: number;
  /**
   * True for what no tracer under test can run (goldens that need this package's tracer options):
   * `--require-all` does not count it.
   */
  readonly packageOnly?: boolean;
}

/** Everything one `check` run left out, in the order it happened. */
export type Skipped = SkippedPart[];

/** A part of `check` that ran, and whether it passed. */
export interface PartVerdict {
  /** `regressions`, `generators`, `coroutines`, `wire`, `retention`, `recovery`, `recording`, `streams`, `negative`, `goldens`. */
  readonly name: string;
  readonly ok: boolean;
}

/** The line `check --tracer` prints where the parts that do not involve the tracer under test would run. */
export const NOT_RUN_UNDER_TRACER = "wire, retention, recovery, recording, streams, payloads, negative: not run: they check this package's recorder, codecs and validators, not the tracer under test";

/**
 * The skipped results of a golden or regression run, one {@link SkippedPart} per reason.
 * @param part - `goldens` or `regressions`
 * @param results - what `runGoldens` or `runRegressions` returned
 * @returns the skips, most frequent reason first; empty when nothing was skipped
 */
export function skipsOf(part: 'goldens' | 'regressions', results: readonly GoldenResult[]): SkippedPart[] {
  const byReason = new Map<string, number>();
  for (const r of results) if (r.skipped === true) byReason.set(r.skipReason ?? 'skipped', (byReason.get(r.skipReason ?? 'skipped') ?? 0) + 1);
  return [...byReason]
    .sort((a, b) => b[1] - a[1])
    .map(([reason, count]) => ({ part, reason, count, ...(reason === SKIP_TRACER_OPTIONS ? { packageOnly: true } : {}) }));
}

/**
 * The reasons of some skips of one part, with counts when there are several:
 * `need event` or `need enterAsync: 31; need this package's tracer options: 4`.
 */
export function formatReasons(skips: readonly SkippedPart[]): string {
  return skips.length === 1 ? skips[0]!.reason : skips.map((s) => `${s.reason}: ${s.count ?? 1}`).join('; ');
}

/**
 * Everything skipped, in one line, each part once:
 * @example
 * ```ts
 * formatSkipped([{ part: 'coroutines suite', reason: 'no enterAsync' }, { part: 'regressions', reason: 'need event', count: 1 }]);
 * // 'coroutines suite (no enterAsync), 1 regression (need event)'
 * ```
 */
export function formatSkipped(skipped: readonly SkippedPart[]): string {
  const parts = [...new Set(skipped.map((s) => s.part))];
  return parts
    .map((part) => {
      const of = skipped.filter((s) => s.part === part);
      if (of[0]!.count === undefined) return `${part} (${formatReasons(of)})`;
      const n = of.reduce((a, s) => a + (s.count ?? 0), 0);
      return `${n} ${n === 1 ? part.replace(/s$/, '') : part} (${formatReasons(of)})`;
    })
    .join(', ');
}

/**
 * Prints the summary block that ends `check`: each part that ran and its verdict, the exit code, then what
 * was skipped and why.
 * @param ran - the parts that ran, in order
 * @param skipped - what was left out
 * @param requireAll - `--require-all`: a skip other than {@link SkippedPart.packageOnly} is a failure
 * @returns the exit code: 1 when a part failed (or, with `requireAll`, something was skipped), else 0
 */
export function printSummary(ran: readonly PartVerdict[], skipped: readonly SkippedPart[], requireAll: boolean, io: CheckIo): number {
  const failed = ran.some((p) => !p.ok);
  const counted = skipped.filter((s) => s.packageOnly !== true);
  const code = failed || (requireAll && counted.length > 0) ? 1 : 0;
  const why = !failed && code === 1 ? ' (--require-all, and parts were skipped: see below)' : '';
  const verdicts = ran.map((p) => `${p.name} ${p.ok ? 'ok' : 'FAIL'}`).join(', ');
  io.out(`${kleur.bold('summary')}   ${verdicts || 'nothing ran'}; exit ${code}${why}`);
  io.report?.skipped(skipped);
  if (skipped.length > 0) io.out(`          skipped: ${formatSkipped(skipped)}`);
  return code;
}

/**
 * Prints a verdict on the tracer under test as a whole, found before anything ran (see `probeTracer`),
 * and the summary: nothing else runs.
 * @param verdict - the probe's verdict
 * @param flag - how the tracer was named, e.g. `--tracer ./my-tracer.js`
 * @param planned - the parts that would have run
 * @returns the exit code: 2 when the module cannot be used as a tracer, else 1
 */
export function printTracerVerdict(verdict: TracerVerdict, flag: string, planned: readonly string[], io: CheckIo): number {
  const code = verdict.unusable ? 2 : 1;
  io.out(`${kleur.bold('tracer')}    ${kleur.red('FAIL')}  ${verdict.rule} (${flag}): ${verdict.message}`);
  io.report?.part({ name: 'tracer', kind: 'tracer', ok: false, message: `${verdict.rule}: ${verdict.message}` });
  const what = verdict.unusable ? 'the module cannot be used as a tracer: nothing was checked' : `${planned.join(', ')} not run (the tracer verdict above)`;
  io.out(`${kleur.bold('summary')}   ${what}; exit ${code}`);
  return code;
}
