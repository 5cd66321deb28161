import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import type { SpanTracerModule } from '../../harness/observe/span-tracer.ts';
import { comparable, conformanceOutcome, CONFORMANCE_RUN, type ConformanceOutcome } from './conformance-outcome.ts';

// Conformance of tracers/otel-async-hooks.mjs (issue 12): the observe-mode property under every policy combination,
// compared with the committed outcome. A finding about the library is a result recorded there with a note,
// not a test failure; this test fails when the outcome changes (the library, Node, or the adapter).
const ADAPTER = 'otel-async-hooks';

it(`should give the committed outcome under every policy combination (seed ${CONFORMANCE_RUN.seed}, ${CONFORMANCE_RUN.runs} programs each)`, async () => {
  const expected = JSON.parse(readFileSync(new URL(`./expected/${ADAPTER}.json`, import.meta.url), 'utf8')) as ConformanceOutcome;
  const mod = (await import(`./tracers/${ADAPTER}.mjs`)) as SpanTracerModule;

  const actual = await conformanceOutcome(ADAPTER, mod);

  expect(actual).toEqual(comparable(expected));
  for (const row of expected.outcomes) if (!row.pass) expect(row.notes, `notes on ${row.policies}`).toMatch(/\S/);
});
