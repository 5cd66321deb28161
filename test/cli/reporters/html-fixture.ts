// A hand-built check report for the html reporter's tests: an async counterexample with a suspension, an
// await, a wake, a hostile function name, and a coverage table.
import type { CheckReport, ReportCounterexample, ReportEvent } from '../../../src/cli/reporters/check-report.ts';

/** A function name that would break a page that did not escape it. */
export const HOSTILE = `a<b>&"c'</svg><script>alert(1)</script>`;

const ev = (kind: string, code: string, activation: number, waker?: number): ReportEvent => ({ kind, code, activation, ...(waker !== undefined ? { waker } : {}) });

/** main awaits a generator-like async child; the tracer records `resume` where the model wants `throw` at event 5. */
export function asyncCounterexample(): ReportCounterexample {
  const head = [ev('call', 'main', 1), ev('call', HOSTILE, 2), ev('yield', HOSTILE, 2), ev('yield', 'main', 1), ev('await', 'main', 1, 2)];
  const tail = [ev('unwind', HOSTILE, 2), ev('wake', 'main', 1, 2), ev('resume', 'main', 1), ev('return', 'main', 1)];
  return {
    language: 'JavaScript',
    source: `async function main() {\n  await ${HOSTILE}();\n}`,
    expected: { events: [...head, ev('throw', HOSTILE, 2), ...tail], outcome: 'return' },
    actual: { events: [...head, ev('resume', HOSTILE, 2), ...tail], outcome: 'return' },
    firstViolation: 5,
  };
}

/** A failed run: a generators part with {@link asyncCounterexample}, a failed golden with text only, coverage. */
export function handBuiltReport(): CheckReport {
  return {
    schema: 'trace-harness/check-report',
    schemaVersion: 1,
    tool: { name: 'trace-harness', version: '0.0.0-test' },
    argv: ['check', '--seed', '7'],
    tracer: '--tracer ./t<x>.mjs',
    exitCode: 1,
    ok: false,
    parts: [
      {
        name: 'generators',
        kind: 'property',
        ok: false,
        seed: 7,
        runs: 12,
        elapsedMs: 40,
        replay: 'npx trace-harness check --suite generators --seed 7 --path 1:2',
        message: '1 violation(s) after 12 programs',
        violations: [{ rule: 'model/mismatch', eventIndex: 5, message: `want throw ${HOSTILE} #2, got resume ${HOSTILE} #2` }],
        counterexample: asyncCounterexample(),
        cases: [],
        output: 'program ...',
      },
      {
        name: 'goldens',
        kind: 'corpus',
        ok: false,
        cases: [
          { file: 'traces/ok.trace', path: '/g/traces/ok.trace', kind: 'positive', ok: true, skipped: false },
          { file: 'traces/bad.trace', path: '/g/traces/bad.trace', kind: 'positive', ok: false, skipped: false, message: 'differs', details: '-yield b #3\n+return <b> #3' },
        ],
        output: '',
      },
    ],
    skipped: [{ part: 'coroutines suite', reason: 'no enterAsync' }],
    coverage: { programs: 12, rows: { 'sync/return': 12, 'gen/throw': 0 }, statements: { call: 12, 'yield*': 3 }, rules: { 'stack/balance': 1 } },
  };
}
