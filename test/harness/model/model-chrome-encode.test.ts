import { describe, expect, it } from 'vitest';
import { canonicalJson, expectedChrome } from '../../../harness/model/model-chrome-encode.ts';
import { checkChromeEncoding } from '../../../harness/properties/chrome-encode-check.ts';
import { EventFlag, EventKind } from '../../../src/model/kinds.ts';
import { Trace } from '../../../src/model/trace.ts';

// Documents derived by hand from encodeChrome's TSDoc (src/formats/chrome.ts), not from the encoder.
const K = EventKind;
const gen = Trace.fromEvents(
  [
    { seq: 0, kind: K.Call, activation: 1, code: 0, flags: 0, tsNs: 1000 },
    { seq: 1, kind: K.Yield, activation: 1, code: 0, flags: 0, tsNs: 2500, payload: '1' },
    { seq: 2, kind: K.Resume, activation: 1, code: 0, flags: EventFlag.ReturnCompletion, tsNs: 3000 },
    { seq: 3, kind: K.Return, activation: 1, code: 0, flags: 0, tsNs: 4000 },
  ],
  ['g'],
);

describe('the model of encodeChrome', () => {
  it('should map a generator step by step: B, E and b at the yield, e and B at the resume, E', () => {
    const base = { name: 'g', pid: 1, tid: 1 };
    expect(expectedChrome(gen).traceEvents.slice(2)).toEqual([
      { ph: 'B', ...base, ts: 1, args: { activation: 1, event: 'call' } },
      { ph: 'E', ...base, ts: 2.5, args: { activation: 1, event: 'yield', payload: '1' } },
      { ph: 'b', cat: 'suspended', id: 1, ...base, ts: 2.5, args: { activation: 1, event: 'yield', payload: '1' } },
      { ph: 'e', cat: 'suspended', id: 1, ...base, ts: 3, args: { activation: 1, event: 'resume', returnCompletion: true } },
      { ph: 'B', ...base, ts: 3, args: { activation: 1, event: 'resume', returnCompletion: true } },
      { ph: 'E', ...base, ts: 4, args: { activation: 1, event: 'return' } },
    ]);
    expect(expectedChrome(gen).otherData).toEqual({ generator: 'trace-harness', format: 1 });
  });

  it('should open a partial trace with its open set at the first event, seq as the clock without one, and declare it', () => {
    const t = Trace.fromEvents([{ seq: 7, kind: K.Return, activation: 2, code: 1, flags: 0 }], ['main', 'f'])
      .withOpen([{ activation: 2, code: 1, state: 'running' }, { activation: 3, code: 0, state: 'suspended' }], true)
      .withComplete(false);
    expect(expectedChrome(t).traceEvents.slice(2)).toEqual([
      { ph: 'B', name: 'f', pid: 1, tid: 1, ts: 7, args: { activation: 2, event: 'open' } },
      { ph: 'b', cat: 'suspended', id: 3, name: 'main', pid: 1, tid: 1, ts: 7, args: { activation: 3, event: 'open' } },
      { ph: 'E', name: 'f', pid: 1, tid: 1, ts: 7, args: { activation: 2, event: 'return' } },
    ]);
    expect(expectedChrome(t).otherData).toEqual({ generator: 'trace-harness', format: 1, openPartial: true, incomplete: true });
  });

  it('should hold for the encoder on these traces, and compare documents whatever their key order', () => {
    expect(checkChromeEncoding(gen)).toEqual([]);
    expect(canonicalJson({ b: [1, { d: 2, c: 3 }], a: 'x' })).toBe('{"a":"x","b":[1,{"c":3,"d":2}]}');
  });
});
