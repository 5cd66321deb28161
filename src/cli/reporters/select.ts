// Which reporters a `check` run uses and where each writes (README "Reporters"), from --reporter and --output-file.
import { UsageError } from '../usage-error.ts';

/** The reporters `check --reporter` takes. */
export const REPORTERS = ['pretty', 'json', 'junit', 'github', 'html'] as const;

/**
 * The file `--reporter html` writes when no `--output-file html=FILE` is given (relative to the working
 * directory): a page is never written to standard output.
 */
export const DEFAULT_HTML_FILE = 'trace-harness-report.html';

/** A reporter name. */
export type ReporterName = (typeof REPORTERS)[number];

/** One reporter and its destination. */
export interface ReporterTarget {
  readonly name: ReporterName;
  /** The file it writes; absent for standard output. */
  readonly file?: string;
}

/** The reporters that write a document (to a file, or alone to standard output; html to a file only). */
const DOCUMENTS: readonly ReporterName[] = ['json', 'junit', 'html'];

/**
 * Rewrites vitest's spelling `--output-file.json=r.json` (or `--output-file.json r.json`) as
 * `--output-file json=r.json`, which the option parser takes.
 * @param argv - the command-line words
 * @returns the words, rewritten
 */
export function normalizeOutputFileFlags(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const m = /^--output-file\.([a-z]+)(?:=(.*))?$/.exec(argv[i]!);
    if (m === null) out.push(argv[i]!);
    else if (m[2] !== undefined) out.push('--output-file', `${m[1]}=${m[2]}`);
    else out.push('--output-file', `${m[1]}=${argv[++i] ?? ''}`);
  }
  return out;
}

/**
 * Chooses the reporters: those named (in order, each once), else `pretty`, plus `github` when
 * `GITHUB_ACTIONS=true` (as GitHub sets it). `--output-file FILE` goes to the one json, junit or html
 * reporter; `--output-file NAME=FILE` to the reporter NAME. A json or junit reporter without a file writes to
 * standard output, so it must be the only one there (github's lines excepted, which workflows read from any
 * output); an html reporter without a file writes {@link DEFAULT_HTML_FILE} (a page is never written to a terminal).
 * @param names - the `--reporter` values
 * @param files - the `--output-file` values
 * @param env - the environment (`GITHUB_ACTIONS`)
 * @throws {@link UsageError} for an unknown reporter, a file for a reporter not chosen, a bare file with no or
 *   several json/junit/html reporters, or two reporters on standard output
 */
export function selectReporters(names: readonly string[], files: readonly string[], env: Readonly<Record<string, string | undefined>>): ReporterTarget[] {
  for (const n of names) if (!(REPORTERS as readonly string[]).includes(n)) throw new UsageError(`--reporter: want one of ${REPORTERS.join(', ')}, got "${n}"`);
  const chosen: ReporterName[] = names.length > 0 ? [...new Set(names as ReporterName[])] : ['pretty', ...(env.GITHUB_ACTIONS === 'true' ? (['github'] as const) : [])];
  const fileOf = new Map<ReporterName, string>();
  for (const f of files) {
    const m = /^([a-z]+)=(.+)$/.exec(f);
    if (m !== null && (REPORTERS as readonly string[]).includes(m[1]!)) {
      const name = m[1] as ReporterName;
      if (!chosen.includes(name)) throw new UsageError(`--output-file ${f}: the ${name} reporter is not chosen (add --reporter ${name})`);
      if (!DOCUMENTS.includes(name)) throw new UsageError(`--output-file ${f}: the ${name} reporter writes to standard output only`);
      fileOf.set(name, m[2]!);
      continue;
    }
    const documents = chosen.filter((n) => DOCUMENTS.includes(n));
    if (documents.length !== 1) throw new UsageError(`--output-file ${f}: name the reporter when ${documents.length === 0 ? 'none' : 'several'} of json, junit, html ${documents.length === 0 ? 'is' : 'are'} chosen, e.g. --output-file junit=${f}`);
    fileOf.set(documents[0]!, f);
  }
  if (chosen.includes('html') && !fileOf.has('html')) fileOf.set('html', DEFAULT_HTML_FILE);
  const targets = chosen.map((name) => (fileOf.has(name) ? { name, file: fileOf.get(name)! } : { name }));
  const onStdout = targets.filter((t) => t.file === undefined && t.name !== 'github');
  if (onStdout.length > 1) {
    const doc = onStdout.find((t) => DOCUMENTS.includes(t.name))!;
    throw new UsageError(`--reporter ${onStdout.map((t) => t.name).join(' and ')} would both write to standard output: give --output-file ${doc.name}=FILE`);
  }
  return targets;
}
