/**
 * `npm run fuzz`: the fuzz driver of issue 14. Feeds structure-aware mutations of valid trace files to
 * every reader (see `targets.ts`), one decoder after another, each in a watched worker thread, and prints
 * a progress line per 10 000 cases and a final table: per decoder the cases, `ok`, `typed` (by code),
 * `untyped`, `masked` and `hung` (definitions in `outcome.ts` and README "Fuzzing"). Exit 0 only when
 * untyped = masked = hung = 0; 1 otherwise, naming the first saved counterexamples; 2 for a bad flag.
 *
 * @example
 * ```sh
 * npm run fuzz                                  # 8 decoders x 150 000 cases, random seed (printed)
 * npm run fuzz -- --cases 20000 --seed 7 --decoder jsonl --out /tmp/fz
 * npm run fuzz -- --decoder wire --replay fuzz-out/wire-seed7-case123.bin
 * ```
 * @module
 */
import { readFileSync } from 'node:fs';
import { UsageError } from '../../src/cli/usage-error.ts';
import type { Tally } from './campaign.ts';
import { runOne } from './campaign.ts';
import { parseFuzzArgs, usage, type FuzzOptions } from './options.ts';
import { describe } from './outcome.ts';
import { finalTable, progressLine } from './report.ts';
import { supervise } from './supervisor.ts';
import { selectTargets, TARGETS } from './targets.ts';

/** Progress lines come this many cases apart. */
const PROGRESS_EVERY = 10_000;

/** Saved inputs named in the closing message at most. */
const SHOWN = 5;

async function main(argv: readonly string[]): Promise<number> {
  let options: FuzzOptions;
  try {
    options = parseFuzzArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`${e.message}\n`);
    return 2;
  }
  if (options.help) {
    process.stdout.write(usage());
    return 0;
  }
  if (options.replay !== undefined) return replay(options.replay, options.decoders[0]!);
  const targets = selectTargets(options.decoders);
  console.log(`fuzz: seed ${options.seed}, ${options.cases} cases per decoder, ${targets.length} decoders (${targets.map((t) => t.name).join(', ')}), failing inputs to ${options.out}/`);
  const started = performance.now();
  const tallies: Tally[] = [];
  const saved: string[] = [];
  for (const target of targets) {
    let shown = 0;
    const tally = await supervise(TARGETS.indexOf(target), {
      seed: options.seed,
      cases: options.cases,
      out: options.out,
      onProgress: (t) => {
        if (t.cases - shown < PROGRESS_EVERY) return;
        shown = t.cases;
        process.stderr.write(`${progressLine(t, options.cases)}\n`);
      },
      onSaved: (file, kind) => {
        if (saved.length < SHOWN) process.stderr.write(`fuzz: ${kind} case saved to ${file}\n`);
        saved.push(file);
      },
    });
    process.stderr.write(`${progressLine(tally, options.cases)} (done in ${(tally.elapsedMs / 1000).toFixed(1)} s)\n`);
    tallies.push(tally);
  }
  const wallMs = performance.now() - started;
  const bad = tallies.reduce((n, t) => n + t.untyped + t.masked + t.hung, 0);
  const cases = tallies.reduce((n, t) => n + t.cases, 0);
  console.log(`\n${finalTable(tallies, wallMs)}\n`);
  console.log(`fuzz: ${cases} cases in ${(wallMs / 1000).toFixed(1)} s, seed ${options.seed}: ${bad === 0 ? 'ok, 0 untyped, 0 masked, 0 hung' : `FAILED, ${bad} cases untyped, masked or hung`}`);
  if (bad > 0) {
    console.log(`first counterexamples (a .txt report next to each):\n${saved.slice(0, SHOWN).map((f) => `  ${f}`).join('\n')}`);
    console.log(`replay one: npm run fuzz -- --decoder <decoder> --replay <file>`);
  }
  return bad === 0 ? 0 : 1;
}

/** Runs one saved input through a decoder and prints what happened (exit 0 for ok or typed, 1 otherwise). */
async function replay(file: string, decoder: string): Promise<number> {
  const target = selectTargets([decoder])[0]!;
  const input = new Uint8Array(readFileSync(file));
  const o = await runOne(target, input);
  console.log(`${decoder} on ${file} (${input.length} bytes): ${o.kind}${o.code !== undefined ? ` (${o.code})` : ''} in ${o.ms.toFixed(1)} ms${o.reason !== undefined ? `: ${o.reason}` : ''}`);
  if (o.error !== undefined) console.log(o.error instanceof Error ? o.error.stack : describe(o.error));
  return o.kind === 'ok' || o.kind === 'typed' ? 0 : 1;
}

process.exitCode = await main(process.argv.slice(2));
