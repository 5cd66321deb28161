// Node adapter (node:child_process): a persistent tracer-adapter worker speaking PROTOCOL.md v1 over stdio.
// Works unchanged on Node 20, Deno 2 and Bun 1 through their node:child_process (see adapter-process.ts).
import type { Trace } from '../../../src/model/trace.ts';
import type { Outcome } from '../../program/ast.ts';
import { type AdapterProcess, CLOSE_GRACE_MS, describeExit, type ReadEvent } from './adapter-process.ts';
import { splitCommandLine } from './command-line.ts';
import { type AdapterWorkerOptions, handshake } from './handshake.ts';
import { type AdapterHello, encodeMessage, MAX_LINE_BYTES, oneLine, parseResponse } from './protocol.ts';
import { decodeResultTrace } from './result-trace.ts';
import { quoteFirstBytes, type Verdict, type VerdictRule } from './verdict.ts';

/** Restarts in a row without a good response after which the adapter is unusable (PROTOCOL.md §4). */
export const MAX_RESTARTS_IN_ROW = 3;

/** One program for the adapter (PROTOCOL.md §3 `run`, without `type`). */
export interface AdapterProgram {
  /** Unique per worker, e.g. `gen-17`. */
  readonly id: string;
  readonly entry: string;
  readonly functions: readonly string[];
  readonly source: string;
}

/** The answer to one program: the outcome and decoded trace, or a verdict naming the program. */
export type AdapterRunResult = { readonly ok: true; readonly outcome: Outcome; readonly trace: Trace } | { readonly ok: false; readonly verdict: Verdict };

/**
 * A tracer adapter in another process, kept as a persistent worker for many programs (PROTOCOL.md).
 *
 * A run that kills the process (timeout, exit, garbage, wrong id) returns its verdict; the next run starts
 * a new process first. After {@link MAX_RESTARTS_IN_ROW} restarts with no good response between them, the
 * verdict is `unusable` and later runs throw. Always {@link AdapterWorker.close} it: no process is left behind.
 *
 * @example
 * ```ts
 * const started = await AdapterWorker.start('python3.12 adapter.py', { language: 'python', timeoutMs: 5000, harnessVersion: '0.1.0' });
 * if (!started.ok) throw new Error(formatVerdict(started.verdict));
 * const r = await started.worker.run({ id: 'gen-1', entry: 'main', functions: ['main'], source });
 * // r: { ok: true, outcome: { kind: 'return' }, trace } | { ok: false, verdict: { rule: 'adapter/timeout', programId: 'gen-1', ... } }
 * await started.worker.close();
 * ```
 */
export class AdapterWorker {
  private restartsTotal = 0;
  private restartsInRow = 0;
  private busy = false;
  private closed = false;
  private lost: Verdict | undefined;

  private constructor(
    private readonly argv: readonly string[],
    private readonly options: AdapterWorkerOptions,
    private proc: AdapterProcess | undefined,
    /** The adapter's hello from the first handshake: tracer, semantics, supports, trace encoding. */
    readonly hello: AdapterHello,
  ) {}

  /**
   * Starts the adapter and does the handshake (PROTOCOL.md §2).
   * @param command - a command line (split by `splitCommandLine`, no shell) or its words
   * @param options - language, timeout (ms) and harness version
   * @returns the worker, or an unusable verdict (`adapter/exited`, `adapter/protocol-version`, `adapter/handshake`)
   * @throws TypeError for a command line a shell would be needed for, or a timeout (ms) that is not an integer >= 1
   */
  static async start(command: string | readonly string[], options: AdapterWorkerOptions): Promise<{ ok: true; worker: AdapterWorker } | { ok: false; verdict: Verdict }> {
    for (const key of ['timeoutMs', 'helloTimeoutMs'] as const) {
      const ms = options[key];
      if (ms !== undefined && (!Number.isInteger(ms) || ms < 1)) throw new TypeError(`AdapterWorker.start: ${key} must be an integer >= 1, got ${ms}`);
    }
    const argv = typeof command === 'string' ? splitCommandLine(command) : [...command];
    if (argv.length === 0) throw new TypeError('AdapterWorker.start: want a command, got no words');
    const r = await handshake(argv, options);
    return r.ok ? { ok: true, worker: new AdapterWorker(argv, options, r.process, r.hello) } : r;
  }

  /** The current adapter process id; undefined between a failure and the next run's restart. */
  get pid(): number | undefined {
    return this.proc?.pid;
  }

  /** How many times the process was started again after a failure. */
  get restarts(): number {
    return this.restartsTotal;
  }

  /**
   * Runs one program (PROTOCOL.md §3); never throws for anything the adapter does. Once the adapter is
   * unusable (§4: 3 restarts in a row without a good response), nothing more is sent: every later run
   * resolves at once with that verdict, under its own program id, `unusable` set.
   * @param program - id, entry, functions, source
   * @returns `{ ok: true, outcome, trace }`, or `{ ok: false, verdict }` with `verdict.programId === program.id`
   * @throws Error when the worker is closed, or a run is already in flight (one at a time): misuse by the
   *   caller; RangeError when the request line would be over 16 MiB
   */
  async run(program: AdapterProgram): Promise<AdapterRunResult> {
    if (this.closed) throw new Error('AdapterWorker.run: the worker is closed');
    const lost = this.lost;
    if (lost !== undefined) {
      const message = `not run: the adapter is unusable since ${lost.rule} on ${lost.programId}`;
      return { ok: false, verdict: { rule: lost.rule, programId: program.id, message, firstBytes: '""', unusable: true } };
    }
    if (this.busy) throw new Error('AdapterWorker.run: one run at a time; await the previous one');
    const line = encodeMessage({ type: 'run', ...program });
    this.busy = true;
    try {
      return await this.exchange(program.id, line);
    } finally {
      this.busy = false;
    }
  }

  /** Ends stdin, waits up to {@link CLOSE_GRACE_MS}, then SIGKILLs; resolves once the process is reaped. */
  async close(): Promise<void> {
    this.closed = true;
    const proc = this.proc;
    this.proc = undefined;
    await proc?.close(CLOSE_GRACE_MS);
  }

  // 1. Restart when the last run killed the process. 2. Write the request. 3. Judge the one line that answers.
  private async exchange(id: string, request: string): Promise<AdapterRunResult> {
    if (this.proc === undefined) {
      this.restartsTotal++;
      this.restartsInRow++;
      const r = await handshake(this.argv, this.options);
      if (!r.ok) return this.fail({ ...r.verdict, programId: id, message: `on restart ${this.restartsTotal}: ${r.verdict.message}` }, this.restartsInRow >= MAX_RESTARTS_IN_ROW);
      this.proc = r.process;
    }
    const proc = this.proc;
    proc.write(request);
    const e = await proc.next(this.options.timeoutMs);
    const verdict = (rule: VerdictRule, message: string, from: ReadEvent = e): Verdict => ({ rule, programId: id, message, firstBytes: quoteFirstBytes(from.bytes), unusable: false });
    switch (e.kind) {
      case 'timeout':
        return this.kill(verdict('adapter/timeout', `want a response within ${this.options.timeoutMs} ms, got ${e.bytes.length === 0 ? 'nothing' : 'no complete line'}`));
      case 'overlong':
        return this.kill(verdict('adapter/garbage', `want a line of at most ${MAX_LINE_BYTES} bytes, got more`));
      case 'end': {
        const info = await proc.close(CLOSE_GRACE_MS);
        return this.kill(verdict('adapter/exited', `want a response, got ${describeExit(info, proc.killed)}`));
      }
      case 'line':
        break;
    }
    if (e.text === undefined) return this.kill(verdict('adapter/garbage', 'want a protocol message, got a line that is not utf-8'));
    const r = parseResponse(e.text);
    if (!r.ok) return this.kill(verdict('adapter/garbage', r.message));
    if (r.response.id !== id) return this.kill(verdict('adapter/wrong-id', `want a response for ${JSON.stringify(id)}, got one for ${JSON.stringify(r.response.id)}`));
    // In step with the adapter again: a good response ends a run of restarts.
    this.restartsInRow = 0;
    if (r.response.type === 'error') return { ok: false, verdict: verdict('adapter/error', `the adapter could not run the program: ${oneLine(r.response.message)}`) };
    const t = decodeResultTrace(r.response.trace, this.hello.trace);
    if (!t.ok) return { ok: false, verdict: verdict('adapter/bad-trace', t.message) };
    return { ok: true, outcome: r.response.outcome, trace: t.trace };
  }

  // The process can no longer be trusted: kill and reap it now, restart on the next run.
  private async kill(v: Verdict): Promise<AdapterRunResult> {
    const proc = this.proc;
    this.proc = undefined;
    await proc?.kill();
    const stderrTail = proc?.stderr.text();
    return this.fail({ ...v, ...(stderrTail !== undefined ? { stderrTail } : {}) }, this.restartsInRow >= MAX_RESTARTS_IN_ROW);
  }

  private fail(v: Verdict, unusable: boolean): AdapterRunResult {
    const verdict = { ...v, unusable };
    if (unusable) this.lost = verdict;
    return { ok: false, verdict };
  }
}
