import { describe, expect, it } from 'vitest';
import { formatError } from '../fixtures/format-error.ts';
import { decodeChrome } from '../../src/formats/chrome-read.ts';
import { decodeJsonl } from '../../src/formats/jsonl.ts';
import { parseCanonical } from '../../src/formats/text.ts';
import { encodeWire } from '../../src/wire/encode.ts';

// FORMAT.md §4.3: only frame events (kinds 1..7) carry flags; pending, await, user events and abandoned
// records have none in wire. The JSONL, text and Chrome readers accepted a return completion on them, and the
// wire writer then refused the trace (`convert --to wire`: an internal error, exit 3). Found by `npm run fuzz`
// writing every decoded trace back (text seed 99 case 10096, jsonl seed 99 case 4987).
const HEADER = '{"format":"trace-harness-jsonl","version":1}';

/** The code and line (or byte offset) of the reader's refusal. */
function refusal(read: () => unknown): [string, number | undefined] {
  const e = formatError(read);
  return [e.code, e.line ?? e.byteOffset];
}

describe('flags on records that have none (FORMAT.md §4.3), alike in every reader', () => {
  it('should refuse a return completion on a user event and an abandoned record in text', () => {
    expect(refusal(() => parseCanonical('call main #1\nevent tick #1 return\n'))).toEqual(['unknown-flag', 2]);
    expect(refusal(() => parseCanonical('open main #1 running\nabandoned main #1 return\n'))).toEqual(['unknown-flag', 2]);
  });

  it('should refuse flags on a pending, await, user event or abandoned record in JSONL', () => {
    for (const [kind, extra] of [['pending', ',"on":2'], ['await', ',"on":2'], ['event', ''], ['abandoned', '']]) {
      const text = `${HEADER}\n{"seq":0,"kind":"call","activation":1,"code":"f","flags":0}\n{"seq":1,"kind":"${kind}","activation":1,"code":"f","flags":1${extra}}\n`;
      expect(refusal(() => decodeJsonl(text)), kind).toEqual(['unknown-flag', 3]);
    }
  });

  it('should refuse args.returnCompletion on a user event in a trace-harness Chrome file, at its byte', () => {
    const first = '{"traceEvents":[\n{"ph":"B","name":"main","pid":1,"tid":1,"ts":0,"args":{"activation":1,"event":"call"}},\n';
    const bad = '{"ph":"i","s":"t","name":"tick","pid":1,"tid":1,"ts":1,"args":{"activation":1,"event":"event","returnCompletion":true}}';
    const file = `${first}${bad}\n],"otherData":{"generator":"trace-harness","format":1}}\n`;
    expect(refusal(() => decodeChrome(new TextEncoder().encode(file)))).toEqual(['bad-event', first.length]);
  });

  it('should still read a return completion on a resume, and write it as wire', () => {
    const t = decodeJsonl(`${HEADER}\n{"seq":0,"kind":"resume","activation":1,"code":"g","flags":1}\n`);
    expect(t.columns.flags[0]).toBe(1);
    expect(encodeWire(t).length).toBeGreaterThan(0);
    expect(parseCanonical('resume g #1 return\n').events[0]!.flags).toBe(1);
  });
});
