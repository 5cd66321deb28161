import { AdapterProcess, CLOSE_GRACE_MS, describeExit } from './adapter-process.ts';
import { type AdapterHello, encodeMessage, MAX_LINE_BYTES, parseHello, PROTOCOL_VERSION } from './protocol.ts';
import { quoteFirstBytes, type Verdict, type VerdictRule } from './verdict.ts';

/** Options of `AdapterWorker.start`. */
export interface AdapterWorkerOptions {
  /** The harness's language (`python`, `js`); the adapter's hello must name the same (PROTOCOL.md §2). */
  readonly language: string;
  /** The limit for the hello and for each response, in ms, >= 1 (PROTOCOL.md §4; the CLI's default is 5000). */
  readonly timeoutMs: number;
  /**
   * The limit for the hello alone, in ms, >= 1: an interpreter may take longer to start than a program to run.
   * @defaultValue `timeoutMs`
   */
  readonly helloTimeoutMs?: number;
  /** This harness's version, sent as `trace-harness <version>`. */
  readonly harnessVersion: string;
}

/**
 * Starts the adapter and does the handshake (PROTOCOL.md §2): writes the harness's hello and reads one line.
 * On any failure the process is killed and reaped before the verdict returns; the verdict is `unusable`. @internal
 * @param argv - program and arguments
 * @param options - language, timeout, harness version
 * @returns the live process and its hello, or an `adapter/exited`, `adapter/protocol-version` or
 *   `adapter/handshake` verdict without a program id
 */
export async function handshake(
  argv: readonly string[],
  options: AdapterWorkerOptions,
): Promise<{ ok: true; process: AdapterProcess; hello: AdapterHello } | { ok: false; verdict: Verdict }> {
  const proc = new AdapterProcess(argv);
  proc.write(encodeMessage({ type: 'hello', protocol: PROTOCOL_VERSION, language: options.language, harness: `trace-harness ${options.harnessVersion}` }));
  const timeoutMs = options.helloTimeoutMs ?? options.timeoutMs;
  const e = await proc.next(timeoutMs);
  let rule: VerdictRule = 'adapter/handshake';
  let message: string;
  switch (e.kind) {
    case 'line': {
      if (e.text === undefined) {
        message = 'want a hello, got a line that is not utf-8';
        break;
      }
      const r = parseHello(e.text, options.language);
      if (r.ok) return { ok: true, process: proc, hello: r.hello };
      ({ rule, message } = r.problem);
      break;
    }
    case 'end': {
      const info = await proc.close(CLOSE_GRACE_MS);
      rule = 'adapter/exited';
      message = `want a hello, got ${describeExit(info, proc.killed)}`;
      break;
    }
    case 'timeout':
      message = `want a hello within ${timeoutMs} ms, got ${e.bytes.length === 0 ? 'nothing' : 'no complete line'}`;
      break;
    case 'overlong':
      message = `want a hello line of at most ${MAX_LINE_BYTES} bytes, got more`;
      break;
  }
  await proc.kill();
  const stderrTail = proc.stderr.text();
  return { ok: false, verdict: { rule, message, firstBytes: quoteFirstBytes(e.bytes), ...(stderrTail !== undefined ? { stderrTail } : {}), unusable: true } };
}
