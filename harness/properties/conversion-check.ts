import { validateTrace } from '../../src/check/validate-trace.ts';
import { encodeChrome } from '../../src/formats/chrome.ts';
import { verifyChrome } from '../../src/formats/chrome-verify.ts';
import { decodeJsonl, encodeJsonl } from '../../src/formats/jsonl.ts';
import { formatCanonical, parseCanonical, traceFromCanonical } from '../../src/formats/text.ts';
import type { Trace } from '../../src/model/trace.ts';
import { encodeWire } from '../../src/wire/encode.ts';
import { readWire } from '../../src/wire/reader.ts';

/** The formats a trace is read back from, with their writer and reader. @internal */
const READABLE = {
  wire: { write: (t: Trace) => encodeWire(t), read: (b: Uint8Array | string) => readWire(b as Uint8Array).trace },
  jsonl: { write: (t: Trace) => encodeJsonl(t), read: (b: Uint8Array | string) => decodeJsonl(b as string) },
  text: {
    write: (t: Trace) => formatCanonical(t),
    read: (b: Uint8Array | string) => {
      const p = parseCanonical(b as string);
      return traceFromCanonical(p.events, p.open, p.openPartial, p.complete);
    },
  },
} as const;

/** Whether a trace verifies as `trace-harness verify` judges it (no `--strict`). */
function verifies(trace: Trace): boolean {
  return validateTrace(trace).length === 0;
}

/** Whether Chrome JSON verifies as `trace-harness verify` judges it: open async slices (suspended) and, for a trace that stops early, open slices (running) are notes. */
function chromeVerifies(text: string): boolean {
  const r = verifyChrome(text);
  return r.violations.every((v) => v.rule === 'chrome/async-open-at-end' || (r.incomplete && v.rule === 'chrome/open-at-end'));
}

/**
 * Convert-then-verify agrees with verify, for every pair of formats (issue 14): the trace is written in
 * each readable format (wire, JSONL, text) and read back, then written in every format (Chrome JSON too)
 * and verified there; every verdict must equal the trace's own, and every read-back trace must declare
 * the same open set (canonical form), partial flag and completeness.
 * @param trace - a trace, partial or not (a flight-recorder snapshot, a wire segment)
 * @returns what went wrong, one line each (`wire -> text: ...`); empty when it holds
 */
export function checkConversions(trace: Trace): string[] {
  const problems: string[] = [];
  const want = verifies(trace);
  const open = JSON.stringify([trace.canonicalOpen(), trace.openPartial, trace.complete]);
  for (const [from, f] of Object.entries(READABLE)) {
    const back = f.read(f.write(trace));
    for (const [to, g] of Object.entries(READABLE)) {
      const again = g.read(g.write(back));
      if (verifies(again) !== want) problems.push(`${from} -> ${to}: verify says ${verifies(again) ? 'ok' : 'FAIL'}, the trace itself ${want ? 'ok' : 'FAIL'}`);
      const declared = JSON.stringify([again.canonicalOpen(), again.openPartial, again.complete]);
      if (declared !== open) problems.push(`${from} -> ${to}: declares ${declared}, want ${open} (open set, partial, complete)`);
    }
    const chrome = chromeVerifies(encodeChrome(back));
    if (chrome !== want) problems.push(`${from} -> chrome: verify says ${chrome ? 'ok' : 'FAIL'}, the trace itself ${want ? 'ok' : 'FAIL'}`);
  }
  return problems;
}
