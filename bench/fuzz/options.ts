/**
 * The flags of `npm run fuzz` and their defaults.
 * @module
 */
import { parseArgs } from 'node:util';
import { UsageError } from '../../src/cli/usage-error.ts';
import { TARGETS } from './targets.ts';

/** Cases per decoder by default: 8 decoders x 150 000 = 1 200 000 cases, over the issue's 1 M. */
export const DEFAULT_CASES = 150_000;

/** Where failing inputs are saved by default (relative to the working directory). */
export const DEFAULT_OUT = 'fuzz-out';

/** Parsed flags. */
export interface FuzzOptions {
  readonly cases: number;
  readonly seed: number;
  readonly decoders: readonly string[];
  readonly out: string;
  readonly help: boolean;
  /** A saved input to run once through `decoders[0]`. */
  readonly replay?: string;
}

/** The `--help` text. */
export function usage(): string {
  return `Usage: npm run fuzz -- [options]

Feeds mutated trace files to every reader and classifies each case: ok (decoded), typed (a
TraceFormatError: bad input refused), untyped (any other error: a reader bug), masked (a TraceFormatError
wrapping an internal error), hung (one case over 10 s). Exit 0 only when untyped = masked = hung = 0.

Options:
  --cases <n>       cases per decoder (default ${DEFAULT_CASES}: ${DEFAULT_CASES * TARGETS.length} in all)
  --seed <n>        the run's seed, a u32 (default: random; printed, and part of every saved file's name)
  --decoder <name>  only this decoder (repeatable): ${TARGETS.map((t) => t.name).join(', ')}
  --out <dir>       where failing inputs are saved, as <decoder>-seed<seed>-case<index>.bin with a .txt
                    report next to it (default ${DEFAULT_OUT})
  --replay <file>   run one saved input through --decoder once and print its outcome
  -h, --help        this text

Decoders:
${TARGETS.map((t) => `  ${t.name.padEnd(14)} ${t.describe}`).join('\n')}
`;
}

/**
 * Parses the flags.
 * @param argv - the arguments after the script
 * @throws {@link UsageError} for an unknown flag or a bad value
 */
export function parseFuzzArgs(argv: readonly string[]): FuzzOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        cases: { type: 'string' },
        seed: { type: 'string' },
        decoder: { type: 'string', multiple: true },
        out: { type: 'string' },
        replay: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    throw new UsageError(`fuzz: ${(e as Error).message}`);
  }
  const int = (flag: string, text: string | undefined, max: number): number | undefined => {
    if (text === undefined) return undefined;
    const n = Number(text);
    if (!/^[0-9]+$/.test(text) || !(n <= max)) throw new UsageError(`fuzz: --${flag} must be an integer 0..${max}, got ${text}`);
    return n;
  };
  const decoders = values.decoder ?? [];
  for (const d of decoders) {
    if (!TARGETS.some((t) => t.name === d)) throw new UsageError(`fuzz: --decoder ${d} is not a decoder; decoders: ${TARGETS.map((t) => t.name).join(', ')}`);
  }
  if (values.replay !== undefined && decoders.length !== 1) throw new UsageError('fuzz: --replay needs one --decoder');
  return {
    cases: int('cases', values.cases, 1e9) ?? DEFAULT_CASES,
    seed: int('seed', values.seed, 0xffffffff) ?? ((Math.random() * 0x1_0000_0000) >>> 0),
    decoders,
    out: values.out ?? DEFAULT_OUT,
    help: values.help === true,
    ...(values.replay !== undefined ? { replay: values.replay } : {}),
  };
}
