/**
 * The committed baseline (`bench/baseline.json`): per case the ratio, its interval, ns/op and the
 * deterministic counters of the build it was measured on. Written only on purpose (`--update-baseline`).
 * @module
 */
import { z } from 'zod';

const counters = z.record(z.string(), z.number());

const baselineCase = z.object({
  /** traced/untraced ratio (median of rounds). */
  ratio: z.number().positive(),
  /** Its 95% bootstrap interval. */
  low: z.number().positive(),
  high: z.number().positive(),
  /** ns per operation of the traced and untraced twins, for the reader (never gated: machines differ). */
  tracedNsPerOp: z.number().nonnegative(),
  plainNsPerOp: z.number().nonnegative(),
  /**
   * The clock it was measured with: a ratio is compared only with one of the same clock (CPU time counts
   * helper threads, the wall clock counts preemption). Absent in entries written before issue 15: `wall`.
   */
  clock: z.enum(['cpu', 'wall']).optional(),
  counters,
});

const baselineSchema = z.object({
  version: z.literal(1),
  /** Where it was measured: node version, CPU model and count, platform. */
  machine: z.object({ node: z.string(), cpu: z.string(), cpus: z.number().int(), platform: z.string() }),
  /** ISO 8601 time of the last update. */
  updated: z.string(),
  cases: z.record(z.string(), baselineCase),
});

/** One case of the baseline. */
export type BaselineCase = z.infer<typeof baselineCase>;
/** The whole baseline file. */
export type Baseline = z.infer<typeof baselineSchema>;

/** A baseline file that does not parse or does not match the schema. */
export class BaselineError extends Error {
  override readonly name = 'BaselineError';
}

/**
 * Parses a baseline file's text.
 * @param text - JSON
 * @param source - the file name, for the message
 * @throws {@link BaselineError} when it is not JSON or not a version-1 baseline
 */
export function parseBaseline(text: string, source: string): Baseline {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new BaselineError(`${source}: not JSON: ${(error as Error).message}`);
  }
  const r = baselineSchema.safeParse(json);
  if (!r.success) {
    const first = r.error.issues[0]!;
    throw new BaselineError(`${source}: not a version-1 bench baseline: ${first.path.join('.') || '(root)'}: ${first.message}`);
  }
  return r.data;
}

/**
 * A new baseline: `previous` with the given cases replaced (a filtered run updates only its cases).
 * @param previous - the committed baseline, or undefined for a first one
 * @param cases - this run's cases by id
 * @param machine - where this run was measured
 * @param updated - ISO time
 */
export function mergeBaseline(previous: Baseline | undefined, cases: Readonly<Record<string, BaselineCase>>, machine: Baseline['machine'], updated: string): Baseline {
  const all = { ...(previous?.cases ?? {}), ...cases };
  const sorted = Object.fromEntries(Object.keys(all).sort().map((k) => [k, all[k]!]));
  return { version: 1, machine, updated, cases: sorted };
}

/** The baseline as committed text: two-space JSON, numbers rounded to 4 significant digits (counters exact). */
export function formatBaseline(b: Baseline): string {
  const round = (x: number): number => Number(x.toPrecision(4));
  const cases = Object.fromEntries(
    Object.entries(b.cases).map(([k, c]) => [k, { ratio: round(c.ratio), low: round(c.low), high: round(c.high), tracedNsPerOp: round(c.tracedNsPerOp), plainNsPerOp: round(c.plainNsPerOp), ...(c.clock !== undefined ? { clock: c.clock } : {}), counters: c.counters }]),
  );
  return JSON.stringify({ ...b, cases }, null, 2) + '\n';
}

/**
 * Per case, the entry of the run whose ratio is the median over several processes' runs: a process
 * shifts a ratio by up to about 20% for its whole life (V8's compilation decisions), so a baseline from
 * one process could sit at either end. Counters and clock are those of the first run that has the case.
 * @param runs - each process's cases by id (at least one)
 * @returns one entry per case id found in any run
 */
export function medianOfRuns(runs: readonly Readonly<Record<string, BaselineCase>>[]): Record<string, BaselineCase> {
  const out: Record<string, BaselineCase> = {};
  const ids = new Set(runs.flatMap((r) => Object.keys(r)));
  for (const id of ids) {
    const entries = runs.map((r) => r[id]).filter((e): e is BaselineCase => e !== undefined);
    const sorted = [...entries].sort((a, b) => a.ratio - b.ratio);
    const mid = sorted[(sorted.length - 1) >> 1]!;
    const clock = entries[0]!.clock;
    out[id] = { ...mid, ...(clock !== undefined ? { clock } : {}), counters: entries[0]!.counters };
  }
  return out;
}
