import { encodeChrome, encodeChromeStreams } from '../../src/formats/chrome.ts';
import type { MergedTrace } from '../../src/model/merged-trace.ts';
import type { Trace } from '../../src/model/trace.ts';
import { canonicalJson, expectedChrome, expectedChromeStreams } from '../model/model-chrome-encode.ts';

/**
 * `encodeChrome(trace)` against the model of its mapping (`harness/model/model-chrome-encode.ts`): the same
 * document, each event's line as written (keys in the order of the TSDoc's example), one event a line, ending
 * in a newline.
 * @returns what differs, one line each
 */
export function checkChromeEncoding(trace: Trace): string[] {
  return compare('encodeChrome', encodeChrome(trace), expectedChrome(trace));
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
    // Each line as written, keys in the order of the TSDoc's example (the model builds them so); a line that
    // differs is shown with its keys sorted, so a difference of order alone reads as one.
    const line = lines[k + 1]!;
    const expected = JSON.stringify(want.traceEvents[k]) + (k < n - 1 ? ',' : '');
    if (line !== expected) {
      const sorted = (l: string): string => canonicalJson(JSON.parse(l.replace(/,$/, '')));
      return [`chrome encoding: ${what}: event ${k}: got ${line}, want ${expected}${sorted(line) === sorted(expected) ? ' (the same keys in another order)' : ''}`];
    }
  }
  const tail = `],"displayTimeUnit":${JSON.stringify(want.displayTimeUnit)},"otherData":${JSON.stringify(want.otherData)}}`;
  return lines[n + 1] === tail ? [] : [`chrome encoding: ${what}: the line after the events is ${lines[n + 1]}, want ${tail}`];
}
