// Output held back in order (`check --jobs 2`): the parts after the wire property run while it runs on its
// worker thread, and their lines and report entries are written after the wire part's, where a run on one
// thread writes them.
import type { CheckIo, CheckReportSink } from './check.ts';

/**
 * An io whose text lines (`out`, `err`) and report entries wait in one queue, in the order they were made,
 * until `flush()` hands them to `io`. Progress and the environment pass straight through.
 */
export function deferredIo(io: CheckIo): { readonly io: CheckIo; flush(): void } {
  const queue: (() => void)[] = [];
  const report = io.report;
  const deferredReport: CheckReportSink | undefined =
    report === undefined
      ? undefined
      : {
          part: (p) => void queue.push(() => report.part(p)),
          coverage: (c) => void queue.push(() => report.coverage(c)),
          skipped: (s) => void queue.push(() => report.skipped(s)),
        };
  return {
    io: { ...io, out: (t) => void queue.push(() => io.out(t)), err: (t) => void queue.push(() => io.err(t)), ...(deferredReport !== undefined ? { report: deferredReport } : {}) },
    flush: () => {
      for (const write of queue.splice(0)) write();
    },
  };
}
