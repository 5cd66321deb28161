import { TraceFormatError, type TraceFormatErrorCode } from '../../src/model/errors.ts';

/**
 * A call with its outcome written by hand from the documentation of what it calls (a reader's refusal
 * words, an API's RangeError, a verifier's report): the exact message, not only the code and a few words
 * (issue 13: the tables of `check` held refusals to their code, offset and named words, so a refusal that
 * lost or garbled the rest of its message passed `check`; a user reads the whole message).
 */
export type GoldenOutcome =
  | {
      readonly what: string;
      /** The call; a promise it returns is awaited (a rejection is a throw). */
      readonly run: () => unknown;
      /** The thrown error: its class name, and for a `TraceFormatError` its code, offset and line. */
      readonly throws: { readonly name: string; readonly code?: TraceFormatErrorCode; readonly byteOffset?: number; readonly line?: number; readonly message?: string };
    }
  | {
      readonly what: string;
      readonly run: () => unknown;
      /** The returned value, compared as JSON text (`undefined` keys dropped, as JSON drops them). */
      readonly gives: unknown;
    };

/**
 * Runs the rows one after another (a row's promise settles before the next row starts).
 * @returns what differs, one line each (empty when every outcome is the one written)
 */
export async function checkGoldenOutcomes(rows: readonly GoldenOutcome[]): Promise<string[]> {
  const problems: string[] = [];
  for (const g of rows) problems.push(...(await checkGoldenOutcome(g)));
  return problems;
}

/**
 * Runs one {@link GoldenOutcome}.
 * @returns what differs, one line each (empty when the outcome is the one written)
 */
export async function checkGoldenOutcome(g: GoldenOutcome): Promise<string[]> {
  let value: unknown;
  try {
    value = await g.run();
  } catch (error) {
    if (!('throws' in g)) return [`${g.what}: threw ${describe(error)}, want ${JSON.stringify(g.gives).slice(0, 200)}`];
    return thrownProblems(g.what, error, g.throws);
  }
  if ('throws' in g) return [`${g.what}: gave ${JSON.stringify(value)?.slice(0, 200)}, want ${g.throws.name} ${g.throws.message ?? g.throws.code ?? ''}`];
  const got = JSON.stringify(value);
  const want = JSON.stringify(g.gives);
  return got === want ? [] : [`${g.what}: gave ${got?.slice(0, 300)}, want ${want?.slice(0, 300)}`];
}

function thrownProblems(what: string, error: unknown, want: Extract<GoldenOutcome, { throws: unknown }>['throws']): string[] {
  if (!(error instanceof Error) || error.name !== want.name) return [`${what}: threw ${describe(error)}, want a ${want.name}`];
  const problems: string[] = [];
  if (error instanceof TraceFormatError) {
    if (want.code !== undefined && error.code !== want.code) problems.push(`code ${error.code}, want ${want.code}`);
    if (want.byteOffset !== undefined && error.byteOffset !== want.byteOffset) problems.push(`byteOffset ${error.byteOffset}, want ${want.byteOffset}`);
    if (want.line !== undefined && error.line !== want.line) problems.push(`line ${error.line}, want ${want.line}`);
  }
  if (want.message !== undefined && error.message !== want.message) problems.push(`message ${JSON.stringify(error.message.slice(0, 400))}, want ${JSON.stringify(want.message)}`);
  return problems.map((p) => `${what}: ${p}`);
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name} ${JSON.stringify(error.message.slice(0, 300))}` : String(error);
}

/** The message of a `TraceFormatError` without a line (its constructor's shape: `<code>: <detail> (at byte N)`). */
export function byteMessage(code: TraceFormatErrorCode, detail: string, byteOffset: number): string {
  return `${code}: ${detail} (at byte ${byteOffset})`;
}
