import { type Shard, ShardFilter } from './shard.ts';
import fc from 'fast-check';
import { SeqValidator } from '../../src/check/seq.ts';
import { runValidators } from '../../src/check/run.ts';
import { validateTrace } from '../../src/check/validate-trace.ts';
import { EventKind } from '../../src/model/kinds.ts';
import { Tracer } from '../../src/recorder/tracer.ts';
import { decodeWire } from '../../src/wire/reader.ts';
import { encodeWire } from '../../src/wire/encode.ts';
import { programArbitrary } from '../program/arbitrary.ts';
import type { Program } from '../program/ast.ts';
import { compileProgram } from '../targets/js/compile.ts';
import { checkConversions } from './conversion-check.ts';

/**
 * Checks one program recorded by a flight recorder keeping the last `retain` events against the same
 * program recorded in full (issue 5, DESIGN §4 invariants 1, 2, 6): the snapshot holds exactly the last
 * `retain` events, led by a `dropped` record counting the rest (emitted = retained + dropped); it
 * validates as a partial trace from the activations it declares open; its seq starts at 0 counting the
 * drop; it survives the wire format with its open activations; and converted between any two formats
 * (wire, JSONL, text, Chrome JSON) it verifies as it does itself ({@link checkConversions}).
 * @param makeTracer - builds the bounded tracer (this package's by default)
 * @returns what went wrong, one line each; empty when it holds
 */
export function checkRetention(program: Program, retain: number, makeTracer: (retain: number) => Tracer = (n) => new Tracer({ retain: { events: n } })): string[] {
  const problems: string[] = [];
  const full = compileProgram(program)(new Tracer()).trace;
  const tracer = makeTracer(retain);
  const snap = compileProgram(program)(tracer).trace;
  const kept = Math.min(retain, full.length);
  const dropped = full.length - kept;
  const rows = snap.events();
  const lead = rows[0]?.kind === EventKind.Dropped ? rows[0] : undefined;
  const body = lead ? rows.slice(1) : rows;
  if (dropped > 0 && (lead === undefined || lead.waker !== dropped)) problems.push(`want a dropped record of ${dropped} first, got ${lead ? `dropped ${lead.waker}` : 'none'}`);
  if (tracer.recorder.emitted !== body.length + (lead?.waker ?? 0)) problems.push(`emitted ${tracer.recorder.emitted} != retained ${body.length} + dropped ${lead?.waker ?? 0}`);
  const want = full.events().slice(full.length - kept);
  if (JSON.stringify(body) !== JSON.stringify(want)) problems.push(`the snapshot does not hold the last ${kept} events of the run`);
  const seq = runValidators(snap, [new SeqValidator({ from: 0 })]);
  if (seq.length > 0) problems.push(`seq: ${seq[0]!.rule}: ${seq[0]!.message}`);
  const v = validateTrace(snap);
  if (v.length > 0) problems.push(`as a partial trace: ${v[0]!.rule}: ${v[0]!.message}`);
  const back = decodeWire(encodeWire(snap));
  if (JSON.stringify(back.open) !== JSON.stringify(snap.open) || back.length !== snap.length) problems.push('the snapshot does not survive the wire format with its open activations');
  // Convert-then-verify agrees with verify for every pair of formats: the open set travels.
  for (const p of checkConversions(snap)) problems.push(`conversion: ${p}`);
  return problems;
}

/** What {@link runRetentionProperty} found. */
export interface RetentionReport {
  readonly runs: number;
  readonly seed: number;
  readonly elapsedMs: number;
  readonly failure?: { readonly program: Program; readonly retain: number; readonly problems: string[]; readonly path: string };
}

/**
 * The retention property: random programs of sync and generator functions under flight recorders of
 * random sizes (1..64 events), through {@link checkRetention}.
 */
export function runRetentionProperty(runs: number, seed: number, path?: string, makeTracer?: (retain: number) => Tracer, onProgress?: (done: number) => void, shard?: Shard): RetentionReport {
  const started = performance.now();
  let done = 0;
  const filter = new ShardFilter(shard);
  const arb = fc.record({ program: programArbitrary({ async: false }), retain: fc.integer({ min: 1, max: 64 }) });
  const details = fc.check(fc.property(arb, ({ program, retain }) => {
    if (!filter.take()) return true; // another shard's program
    onProgress?.(++done);
    const ok = checkRetention(program, retain, makeTracer).length === 0;
    if (!ok) filter.failed();
    return ok;
  }), { numRuns: runs, seed, ...(path !== undefined ? { path } : {}) });
  const base = { runs: shard === undefined ? details.numRuns : filter.checked, seed: details.seed, elapsedMs: performance.now() - started };
  const c = details.counterexample?.[0];
  if (!details.failed || c === undefined) return base;
  return { ...base, failure: { program: c.program, retain: c.retain, problems: checkRetention(c.program, c.retain, makeTracer), path: details.counterexamplePath ?? '' } };
}
