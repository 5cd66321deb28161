// Where `check` writes: the pretty text, the report collector and the progress, wired to the process's streams.
import type { CheckIo } from './check.ts';
import { Progress } from './progress.ts';
import type { ReportCollector } from './reporters/collector.ts';

/** The process's output streams, as `check` uses them. */
export interface CheckStreams {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Standard error is a terminal: progress is a live line there. */
  readonly stderrIsTTY: boolean;
}

/** Options of {@link checkOutput}. */
export interface CheckOutputOptions {
  /** The pretty reporter is chosen: the run's text goes to standard output. */
  readonly pretty: boolean;
  readonly collector: ReportCollector;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The progress clock, ms (tests inject a fake one). */
  readonly now?: () => number;
}

/**
 * The `CheckIo` of a run and its progress. On a terminal (standard error a TTY) the progress is a live line on
 * standard error, cleared before any text is printed. Otherwise (a CI log) it is plain lines: on standard
 * output among the pretty text (whose header says when each part starts), or, when standard output is for a
 * json or junit document or pretty is off, on standard error with a line when each part starts.
 */
export function checkOutput(streams: CheckStreams, options: CheckOutputOptions): { io: CheckIo; progress: Progress } {
  const progress = new Progress({
    mode: streams.stderrIsTTY ? 'live' : 'lines',
    write: streams.stderrIsTTY || !options.pretty ? streams.stderr : streams.stdout,
    announce: !options.pretty,
    ...(options.now !== undefined ? { now: options.now } : {}),
  });
  const io: CheckIo = {
    out: (t: string) => {
      options.collector.text(t);
      if (!options.pretty) return;
      progress.clear();
      streams.stdout(t + '\n');
    },
    err: (t: string) => {
      progress.clear();
      streams.stderr(t + '\n');
    },
    env: options.env,
    report: options.collector,
    progress,
  };
  return { io, progress };
}
