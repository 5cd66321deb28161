// Node adapter (node:child_process): one adapter process, its stdout as bounded lines, its stderr tail.
// Works unchanged on Node 20, Deno 2 and Bun 1 through their node:child_process.
import { type ChildProcess, spawn } from 'node:child_process';
import { MAX_LINE_BYTES } from './protocol.ts';
import { type LineEvent, LineSplitter } from './line-splitter.ts';
import { StderrTail } from './verdict.ts';

/** What reading stdout gave: a line, an overlong line, its end, or nothing in time (with the partial line). @internal */
export type ReadEvent =
  | LineEvent
  | { readonly kind: 'end'; readonly bytes: Uint8Array }
  | { readonly kind: 'timeout'; readonly bytes: Uint8Array };

/** How the process ended: exit code, signal, or why it could not start. @internal */
export interface ExitInfo {
  readonly code: number | null;
  readonly signal: string | null;
  readonly spawnError?: string;
}

/**
 * How a process ended, for a "want X, got Y" message: `exit code 3`, `signal SIGSEGV`, `no process (spawn
 * x ENOENT)`; `killed` when the harness had to kill it. @internal
 */
export function describeExit(info: ExitInfo, killed: boolean): string {
  if (info.spawnError !== undefined) return `no process (${info.spawnError.toLowerCase()})`;
  // Killed by us and not exited first (a process that exited unreaped has a code): stdout closed, process ran on.
  if (killed && info.signal === 'SIGKILL') return 'end of stdout while the process ran on (killed)';
  return info.code !== null ? `exit code ${info.code}` : `signal ${info.signal}`;
}

/**
 * How long the adapter may take to exit once its stdin is closed or its stdout ended, in ms, before the
 * harness SIGKILLs it (PROTOCOL.md §1).
 */
export const CLOSE_GRACE_MS = 1000;

/**
 * How long a reaped process's stderr may take to deliver its last bytes, in ms. Only the tail depends on it;
 * it is waited for only when stderr is still open after the exit (a grandchild holding it), so it can be generous
 * for a loaded machine.
 */
const STDERR_DRAIN_MS = 2000;

/**
 * One adapter process: spawned without a shell, stdout cut into lines of at most {@link MAX_LINE_BYTES}
 * (checked on bytes, before any decoding), stderr kept as a 4 KiB tail, and always reaped. @internal
 */
export class AdapterProcess {
  readonly stderr = new StderrTail();
  /** Resolves once the process is gone and reaped (the `exit` event), or could not start. */
  readonly exited: Promise<ExitInfo>;
  private readonly child: ChildProcess;
  private readonly events: ReadEvent[] = [];
  private waiter: ((e: ReadEvent) => void) | undefined;
  private readonly lines = new LineSplitter(MAX_LINE_BYTES, (e) => this.push(e));
  private killedByUs = false;
  private readonly stderrEnded: Promise<void>;

  /**
   * @param argv - program and arguments (see `splitCommandLine`)
   */
  constructor(argv: readonly string[]) {
    const child = spawn(argv[0]!, argv.slice(1), { stdio: ['pipe', 'pipe', 'pipe'], shell: false, windowsHide: true });
    this.child = child;
    let resolveExit!: (e: ExitInfo) => void;
    this.exited = new Promise((resolve) => (resolveExit = resolve));
    child.on('exit', (code, signal) => resolveExit({ code, signal }));
    child.on('error', (e) => {
      // A failed spawn emits 'error' and no 'exit'; a failed kill also lands here and changes nothing.
      if (child.pid === undefined) {
        resolveExit({ code: null, signal: null, spawnError: e.message });
        this.push({ kind: 'end', bytes: new Uint8Array(0) });
      }
    });
    child.stdin!.on('error', () => {}); // EPIPE after the adapter died: its exit tells the story
    child.stdout!.on('data', (chunk: Uint8Array) => this.lines.push(chunk));
    child.stdout!.on('end', () => this.push({ kind: 'end', bytes: this.lines.partial() }));
    child.stderr!.on('data', (chunk: Uint8Array) => this.stderr.push(chunk));
    this.stderrEnded = new Promise((resolve) => child.stderr!.on('close', () => resolve()));
  }

  /** The process id, undefined when it could not start. */
  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Writes one line (newline included) to stdin; a dead process's EPIPE is ignored. */
  write(line: string): void {
    if (this.child.stdin!.writable) this.child.stdin!.write(line);
  }

  /**
   * The next stdout event, or `timeout` when none comes within `timeoutMs`.
   * @param timeoutMs - ms, >= 1
   */
  next(timeoutMs: number): Promise<ReadEvent> {
    const queued = this.events.shift();
    if (queued !== undefined) return Promise.resolve(queued);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiter = undefined;
        resolve({ kind: 'timeout', bytes: this.lines.partial() });
      }, timeoutMs);
      this.waiter = (e) => {
        clearTimeout(timer);
        this.waiter = undefined;
        resolve(e);
      };
    });
  }

  /** True when {@link kill} had to signal a process that still ran. */
  get killed(): boolean {
    return this.killedByUs;
  }

  /**
   * SIGKILLs the process (when it still runs), waits until it is reaped, then gives stderr up to
   * `STDERR_DRAIN_MS` to deliver its last bytes (a grandchild may hold it open: never wait on it for long).
   */
  async kill(): Promise<ExitInfo> {
    if (this.child.exitCode === null && this.child.signalCode === null && this.child.pid !== undefined) {
      this.killedByUs = true;
      this.child.kill('SIGKILL');
    }
    const info = await this.exited;
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([this.stderrEnded, new Promise((resolve) => (timer = setTimeout(resolve, STDERR_DRAIN_MS)))]);
    clearTimeout(timer);
    return info;
  }

  /**
   * Ends stdin, waits up to `graceMs` for the process to exit, then SIGKILLs it; always reaps (PROTOCOL.md §1).
   * @param graceMs - ms to wait before the kill
   */
  async close(graceMs: number): Promise<ExitInfo> {
    this.child.stdin!.end();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), graceMs)));
    await Promise.race([this.exited, late]);
    clearTimeout(timer);
    return this.kill();
  }

  private push(e: ReadEvent): void {
    if (this.waiter !== undefined) this.waiter(e);
    else this.events.push(e);
  }
}
