import type { Trace } from '../../../src/model/trace.ts';
import type { Outcome } from '../../program/ast.ts';
import type { Verdict } from './verdict.ts';

/** One program for a process adapter (PROTOCOL.md §3), without the message `type`. */
export interface ProgramRequest {
  readonly id: string;
  readonly entry: string;
  readonly functions: readonly string[];
  readonly source: string;
}

/** What running a program in a process adapter gave: its outcome and decoded trace, or a verdict. */
export type RunReply = { readonly ok: true; readonly outcome: Outcome; readonly trace: Trace } | { readonly ok: false; readonly verdict: Verdict };

/** What runs programs in another process: an `AdapterWorker`, or a test double. */
export interface ProgramRunner {
  run(request: ProgramRequest): Promise<RunReply>;
}
