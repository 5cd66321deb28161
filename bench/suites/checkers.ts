/**
 * The checkers case: events/s of the combined streaming validators (stack balance, lifecycle, seq:
 * `validateTrace`) over the 10 M-event random trace, against one plain pass over its columns.
 * @module
 */
import { validateTrace } from '../../src/check/validate-trace.ts';
import type { BenchCase, Twins } from './case.ts';
import { RANDOM_EVENTS, randomInput, scanColumns } from './inputs.ts';

let sink = 0;

const validators: BenchCase = {
  id: 'check/validators',
  group: 'checkers',
  title: 'combined streaming validators (stack balance, lifecycle, seq), random trace, 10 M events',
  unit: 'event',
  ops: { plain: RANDOM_EVENTS, traced: RANDOM_EVENTS },
  samplesPerRound: 1,
  twin: 'one pass over the columns',
  setup(): Twins {
    const { trace } = randomInput();
    return {
      plain: () => (sink += scanColumns(trace)),
      traced: () => (sink += validateTrace(trace).length),
      counters: () => ({ 'violations/event': validateTrace(trace).length / RANDOM_EVENTS }),
    };
  },
};

/** The checker cases. */
export const CHECKER_CASES: readonly BenchCase[] = [validators];

/** @internal */
export function checkerSink(): number {
  return sink;
}
