import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkChromeRoundTrip } from '../../../harness/properties/chrome-round-trip.ts';
import { checkPartialRoundTrips, declare, partialDeclarationArbitrary } from '../../../harness/properties/partial-round-trip.ts';
import { traceArbitrary } from '../../../harness/properties/trace-arbitrary.ts';
import { formatCanonical } from '../../../src/formats/text.ts';
import { EventKind } from '../../../src/model/kinds.ts';
import { Trace } from '../../../src/model/trace.ts';

// f (#5) runs and returns; a wake of #5 by #7 with a payload between (canonical: #7 is the fourth activation seen).
const trace = Trace.fromEvents(
  [
    { seq: 0, kind: EventKind.Call, activation: 5, code: 0, flags: 0 },
    { seq: 1, kind: EventKind.Wake, activation: 5, code: 0, flags: 0, waker: 7, payload: '{"a":1}' },
    { seq: 2, kind: EventKind.Return, activation: 5, code: 0, flags: 0 },
  ],
  ['f'],
);

describe('traces through the formats and back (decodeChrome, decodeJsonl, parseCanonical, readWire TSDoc)', () => {
  it('should declare the open set as the text format numbers it: open activations first', () => {
    const t = declare(trace, { running: [{ activation: 2, code: 0 }], suspended: [{ activation: 3, code: 4 }, { activation: 2, code: 0 }], openPartial: true, incomplete: true })!;
    expect(formatCanonical(t)).toBe('open f #1 running\nopen f #2 suspended\nopen partial\nincomplete\ncall f #3\nwake f #3 by #4 = {"a":1}\nreturn f #3\n');
    expect(checkPartialRoundTrips(trace, { running: [{ activation: 2, code: 0 }], suspended: [{ activation: 3, code: 4 }], openPartial: true, incomplete: true })).toEqual([]);
  });

  it('should keep activations, the waker and the payload through Chrome JSON', () => {
    expect(checkChromeRoundTrip(trace)).toEqual([]);
  });

  it('should hold for random traces and declarations', () => {
    const problems = fc.sample(fc.tuple(traceArbitrary(60), partialDeclarationArbitrary()), { numRuns: 500, seed: 3 }).flatMap(([t, d]) => [...checkChromeRoundTrip(t), ...checkPartialRoundTrips(t, d)]);
    expect(problems).toEqual([]);
  });
});
