import { encodeChrome, encodeChromeStreams } from '../../src/formats/chrome.ts';
import { verifyChrome } from '../../src/formats/chrome-verify.ts';
import type { MergedTrace } from '../../src/model/merged-trace.ts';
import type { Trace } from '../../src/model/trace.ts';
import { canonicalJson, expectedChrome, expectedChromeStreams } from '../model/model-chrome-encode.ts';

/**
 * `encodeChrome(trace)` against the model of its mapping (`harness/model/model-chrome-encode.ts`): the same
 * document (key order aside), laid out as its TSDoc says, one event a line, ending in a newline.
 * @returns what differs, one line each
 */
export function checkChromeEncoding(trace: Trace): string[] {
  const text = encodeChrome(trace);
  const problems = compare('encodeChrome', text, expectedChrome(trace));
  // verifyChrome reads our declaration: `incomplete` exactly when the trace stops before its stream ended.
  if (verifyChrome(text).incomplete === trace.complete) problems.push(`chrome encoding: verifyChrome says incomplete ${trace.complete}, the trace is ${trace.complete ? 'complete' : 'incomplete'}`);
  return problems;
}

/** `encodeChromeStreams(merged)` against the model, as {@link checkChromeEncoding}. */
export function checkChromeStreamsEncoding(merged: MergedTrace): string[] {
  return compare(`encodeChromeStreams (merged by ${merged.by})`, encodeChromeStreams(merged), expectedChromeStreams(merged));
}

function compare(what: string, text: string, want: ReturnType<typeof expectedChrome>): string[] {
  const lines = text.split('\n');
  const n = want.traceEvents.length;
  if (lines[0] !== '{"traceEvents":[' || lines.length !== n + 3 || lines[n + 2] !== '' || !lines[n + 1]!.startsWith('],')) {
    return [`chrome encoding: ${what}: want {"traceEvents":[, one line per event (${n}), the rest of the object and a newline; got ${lines.length} lines: ${JSON.stringify(text.slice(0, 300))}`];
  }
  for (let k = 0; k < n; k++) {
    const line = lines[k + 1]!;
    const got = canonicalJson(JSON.parse(k < n - 1 ? line.replace(/,$/, '') : line));
    const expected = canonicalJson(want.traceEvents[k]);
    if (got !== expected || (k < n - 1) !== line.endsWith(',')) return [`chrome encoding: ${what}: event ${k}: got ${line}, want ${expected}`];
  }
  const doc = JSON.parse(text) as Record<string, unknown>;
  const rest = canonicalJson({ ...doc, traceEvents: [] });
  const wantRest = canonicalJson({ ...want, traceEvents: [] });
  return rest === wantRest ? [] : [`chrome encoding: ${what}: got ${rest} besides the events, want ${wantRest}`];
}
