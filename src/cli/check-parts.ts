// What the property parts of `check` that test this package's own recorder and codecs share: their report
// entry, and the line a passing part prints.
import kleur from 'kleur';
import type { CheckIo } from './check.ts';
import type { PartInput } from './reporters/collector.ts';

/** A property part's outcome, as the harness's runners return it. */
export interface PartOutcome {
  readonly seed: number;
  readonly runs: number;
  /** Wall time, ms. */
  readonly elapsedMs: number;
  readonly failure?: { readonly problems: readonly string[] };
}

/** A part of the recorder's own properties (wire, retention, recovery, recording, streams, payloads) for the report. */
export function recorderPart(name: string, r: PartOutcome, replay?: string): PartInput {
  return {
    name,
    kind: 'property',
    ok: r.failure === undefined,
    seed: r.seed,
    runs: r.runs,
    elapsedMs: r.elapsedMs,
    ...(r.failure !== undefined ? { message: r.failure.problems.slice(0, 5).join('; '), ...(replay !== undefined ? { replay } : {}) } : {}),
  };
}

/**
 * Prints a passing part's line (`ok    200 cases passed in 0.41 s, seed 1`) and reports it.
 * @param unit - what its runs are: `cases`, `programs`, `recordings`
 * @returns false: the part did not fail
 */
export function passed(io: CheckIo, name: string, unit: string, r: PartOutcome): false {
  io.out(`  ${kleur.green('ok')}    ${r.runs} ${unit} passed in ${(r.elapsedMs / 1000).toFixed(2)} s, seed ${r.seed}\n`);
  io.report?.part(recorderPart(name, r));
  return false;
}
