import fc from 'fast-check';
import { encodeChrome } from '../../src/formats/chrome.ts';
import { checkChromeEncoding } from './chrome-encode-check.ts';
import { decodeChrome } from '../../src/formats/chrome-read.ts';
import { decodeJsonl, encodeJsonl } from '../../src/formats/jsonl.ts';
import { formatCanonical, parseCanonical, traceFromCanonical } from '../../src/formats/text.ts';
import { TraceFormatError } from '../../src/model/errors.ts';
import type { Trace } from '../../src/model/trace.ts';
import { encodeWire } from '../../src/wire/encode.ts';
import { readWire } from '../../src/wire/reader.ts';

/**
 * What a partial trace declares where it starts (a flight-recorder snapshot, a wire segment): the open set
 * (running activations first, bottom of the stack first, then suspended ones), `openPartial`, and whether
 * it stops before its stream ended. The trace arbitrary writes whole traces only, so without this no format's
 * open-set lines (`open` text lines, the JSONL header's `open`, Chrome's `args.event: "open"` slices and
 * `otherData`, a checkpoint's open list) would be met in `check`.
 */
export interface PartialDeclaration {
  readonly running: readonly { readonly activation: number; readonly code: number }[];
  readonly suspended: readonly { readonly activation: number; readonly code: number }[];
  readonly openPartial: boolean;
  readonly incomplete: boolean;
}

/** Declarations of up to three running and three suspended activations (ids 1..2^32 - 1, each once), codes as fractions of the trace's table. */
export function partialDeclarationArbitrary(): fc.Arbitrary<PartialDeclaration> {
  const entry = fc.record({ activation: fc.oneof(fc.integer({ min: 1, max: 9 }), fc.constant(2 ** 32 - 1)), code: fc.nat({ max: 1023 }) });
  return fc.record({
    running: fc.uniqueArray(entry, { maxLength: 3, selector: (e) => e.activation }),
    suspended: fc.uniqueArray(entry, { maxLength: 3, selector: (e) => e.activation }),
    openPartial: fc.boolean(),
    incomplete: fc.boolean(),
  });
}

/** The trace with the declaration (activations declared running and suspended both keep the running one). */
export function declare(trace: Trace, d: PartialDeclaration): Trace | undefined {
  if (trace.codes.length === 0) return undefined;
  const running = d.running.map((r) => ({ activation: r.activation, code: r.code % trace.codes.length, state: 'running' as const }));
  const taken = new Set(running.map((r) => r.activation));
  const suspended = d.suspended.filter((s) => !taken.has(s.activation)).map((s) => ({ activation: s.activation, code: s.code % trace.codes.length, state: 'suspended' as const }));
  return trace.withOpen([...running, ...suspended], d.openPartial).withComplete(!d.incomplete);
}

/**
 * The partial trace through every format and back, by each format's TSDoc: JSONL, canonical text and Chrome
 * JSON keep the open set, `open partial` and `incomplete` (the canonical text of the trace comes back); a
 * wire file keeps the open set and `openPartial` in its first checkpoint and is complete exactly when the
 * trace is (`encodeWire`: a trace that stops early keeps no end-of-stream record); and its Chrome file is
 * the one the model of `encodeChrome` writes (`chrome-encode-check.ts`).
 * @returns what differs, one line each
 */
export function checkPartialRoundTrips(trace: Trace, d: PartialDeclaration): string[] {
  const t = declare(trace, d);
  if (t === undefined) return [];
  const want = formatCanonical(t);
  const problems: string[] = [...checkChromeEncoding(t)];
  // formatCanonical's TSDoc: an `open <code> #<activation> <state>` line per open activation (numbered first: #1, #2, ...; a code name that is not one word free of `"` and `#` as a JSON string), then `open partial`, then `incomplete`, before the first event.
  const head = [...t.open.map((o, i) => `open ${/^[^\s"#]+$/.test(t.codeName(o.code)) ? t.codeName(o.code) : JSON.stringify(t.codeName(o.code))} #${i + 1} ${o.state}`), ...(t.openPartial ? ['open partial'] : []), ...(t.complete ? [] : ['incomplete'])];
  const lines = want.split('\n').filter((l) => l !== '' && !l.startsWith('#'));
  if (JSON.stringify(lines.slice(0, head.length)) !== JSON.stringify(head)) problems.push(`partial trace: the canonical text starts ${JSON.stringify(lines.slice(0, head.length))}, want ${JSON.stringify(head)}`);
  const formats: readonly (readonly [string, () => Trace])[] = [
    ['jsonl', () => decodeJsonl(encodeJsonl(t))],
    ['text', () => {
      const p = parseCanonical(formatCanonical(t));
      return traceFromCanonical(p.events, p.open, p.openPartial, p.complete);
    }],
    ['chrome', () => decodeChrome(new TextEncoder().encode(encodeChrome(t)))],
    ['wire', () => {
      const r = readWire(encodeWire(t));
      return r.trace.withComplete(r.complete);
    }],
  ];
  for (const [name, roundTrip] of formats) {
    let back: Trace;
    try {
      back = roundTrip();
    } catch (error) {
      if (!(error instanceof TraceFormatError)) throw error;
      problems.push(`partial trace through ${name}: refused: ${error.message}`);
      continue;
    }
    // The declarations themselves, not only as the canonical text shows them (a formatter that drops one drops it on both sides).
    // (Canonical text numbers the open activations 1, 2, ...: through it only their order, code and state are kept.)
    const declared = (x: Trace): string => JSON.stringify([x.open.map((o, i) => [name === 'text' ? i + 1 : o.activation, x.codeName(o.code), o.state]), x.openPartial, x.complete]);
    if (declared(back) !== declared(t)) problems.push(`partial trace through ${name}: read back with open set, openPartial, complete ${declared(back)}, want ${declared(t)}`);
    const got = formatCanonical(back);
    if (got === want) continue;
    const w = want.split('\n');
    const g = got.split('\n');
    const at = w.findIndex((l, i) => l !== g[i]);
    problems.push(`partial trace through ${name}: line ${at + 1} of the canonical text: want ${JSON.stringify(w[at])}, got ${JSON.stringify(g[at])}`);
  }
  return problems;
}
