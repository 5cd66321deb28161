import { decodeChrome } from '../../src/formats/chrome-read.ts';
import { formatCanonical } from '../../src/formats/text.ts';
import { byteMessage, type GoldenOutcome } from './golden-outcome.ts';

/**
 * Golden outcomes of `decodeChrome` (issue 13): each refusal with its whole message, written by hand from the
 * message templates and TSDoc of `chrome-foreign.ts`, `chrome-own.ts` and `chrome-read.ts`; each offset taken
 * from the input text (the event's first byte). Every input is small and built here.
 */

const encoder = new TextEncoder();
const decode = (text: string, thread?: { pid?: number; tid?: number }) => (): string => formatCanonical(decodeChrome(encoder.encode(text), thread === undefined ? {} : { thread }));

/** A bare-array file of the entries given. */
const file = (...entries: string[]): string => `[${entries.join(',')}]`;
/** An event on pid 1 tid 1 (the fields given, then the thread). */
const ev = (fields: string): string => `{${fields},"pid":1,"tid":1}`;

// foreignRows' refusal (its TSDoc: bad-event at the offending event's first byte, the thread and traceEvents[i] named):
// `want <want> on <thread>, got <got> at traceEvents[i] (slices that do not nest are no trace; verify reports them)`.
const nest = (want: string, thread: string, got: string, index: number): string => `want ${want} on ${thread}, got ${got} at traceEvents[${index}] (slices that do not nest are no trace; verify reports them)`;

function foreignRows(): GoldenOutcome[] {
  // Rule 4: an X must end within its parent X (refused at the inner X).
  const xInX = file(ev('"ph":"X","name":"p","ts":0,"dur":5'), ev('"ph":"X","name":"c","ts":1,"dur":5'));
  // Rule 4: an X must end before the E of a B around it (refused at that X).
  const xOverE = file(ev('"ph":"B","name":"f","ts":0'), ev('"ph":"X","name":"x","ts":1,"dur":10'), ev('"ph":"E","name":"f","ts":5'));
  // Rule 3: an E with no open B (refused at the E).
  const lonelyE = file(ev('"ph":"E","name":"f","ts":0'));
  // Rule 3: an E with a name must name the innermost open B.
  const otherE = file(ev('"ph":"B","name":"f","ts":0'), ev('"ph":"E","name":"g","ts":1'));
  // Rule 4: a B opened inside an X must end before it does (refused at the X).
  const bOutlivesX = file(ev('"ph":"X","name":"p","ts":0,"dur":5'), ev('"ph":"B","name":"f","ts":1'), ev('"ph":"E","name":"f","ts":8'));
  // Rule 5: an e without its b; an absent cat is "" and an absent pid or tid "-" (describeThread).
  const strayE = file(ev('"ph":"e","name":"r","cat":"io","id":1,"ts":0'));
  const bareE = file('{"ph":"e","name":"r","id":"x","ts":0}');
  return [
    { what: 'decodeChrome: an X ending after its parent X', run: decode(xInX), throws: { name: 'TraceFormatError', code: 'bad-event', byteOffset: xInX.indexOf('{"ph":"X","name":"c"'), message: byteMessage('bad-event', nest('x "c" to end by ts 5 (end of x "p")', 'pid 1 tid 1', 'end at ts 6', 1), xInX.indexOf('{"ph":"X","name":"c"')) } },
    { what: 'decodeChrome: an E while an unended X is on top', run: decode(xOverE), throws: { name: 'TraceFormatError', code: 'bad-event', byteOffset: xOverE.indexOf('{"ph":"X"'), message: byteMessage('bad-event', nest('x "x" to end by ts 5 (e of the b below it)', 'pid 1 tid 1', 'end at ts 11', 1), xOverE.indexOf('{"ph":"X"')) } },
    { what: 'decodeChrome: an E with no open B', run: decode(lonelyE), throws: { name: 'TraceFormatError', code: 'bad-event', byteOffset: 1, message: byteMessage('bad-event', nest('an open b slice', 'pid 1 tid 1', 'e "f" at ts 0', 0), 1) } },
    { what: 'decodeChrome: an E naming another B', run: decode(otherE), throws: { name: 'TraceFormatError', code: 'bad-event', byteOffset: otherE.indexOf('{"ph":"E"'), message: byteMessage('bad-event', nest('e "f" (top open slice)', 'pid 1 tid 1', 'e "g" at ts 1', 1), otherE.indexOf('{"ph":"E"')) } },
    { what: 'decodeChrome: a B outliving the X it opened in', run: decode(bOutlivesX), throws: { name: 'TraceFormatError', code: 'bad-event', byteOffset: 1, message: byteMessage('bad-event', nest('b "f" closed by ts 5 (end of x "p")', 'pid 1 tid 1', 'b "f" still open', 0), 1) } },
    { what: 'decodeChrome: an e of cat io without its b', run: decode(strayE), throws: { name: 'TraceFormatError', code: 'bad-event', byteOffset: 1, message: byteMessage('bad-event', nest('b "r" (cat "io", id 1) before its e', 'pid 1 tid 1', 'e at ts 0', 0), 1) } },
    { what: 'decodeChrome: an e without cat, pid or tid, without its b', run: decode(bareE), throws: { name: 'TraceFormatError', code: 'bad-event', byteOffset: 1, message: byteMessage('bad-event', nest('b "r" (cat "", id "x") before its e', 'pid - tid -', 'e at ts 0', 0), 1) } },
    // Rule 5: b/e paired by (cat, id, name), an absent cat on both sides the same key: call, yield, resume, return.
    { what: 'decodeChrome: a cat-less b and its cat-less e', run: decode(file('{"ph":"b","name":"r","id":1,"ts":0}', '{"ph":"e","name":"r","id":1,"ts":1}')), gives: 'call r #1\nyield r #1\nresume r #1\nreturn r #1\n' },
  ];
}

/** A file encodeChrome could have written (otherData.generator "trace-harness"), of the entries given. */
const ownFile = (...entries: string[]): string => `{"traceEvents":[${entries.join(',')}],"otherData":{"generator":"trace-harness"}}`;
// ownRows' refusal (its TSDoc: bad-event at the event's first byte for an event encodeChrome does not write):
// `want an event as trace-harness writes it at traceEvents[i], got <what>`; a u32 field shown as its JSON, `none` when absent.
const ownBad = (text: string, at: string, index: number, what: string, last = false): { throws: Extract<GoldenOutcome, { throws: unknown }>['throws'] } => {
  const byteOffset = last ? text.lastIndexOf(at) : text.indexOf(at);
  return { throws: { name: 'TraceFormatError', code: 'bad-event', byteOffset, message: byteMessage('bad-event', `want an event as trace-harness writes it at traceEvents[${index}], got ${what}`, byteOffset) } };
};

function ownRowsGoldens(): GoldenOutcome[] {
  const call = (args: string): string => ev(`"ph":"B","name":"f","ts":0,"args":{${args}}`);
  const rows: [string, string, string, number, string, boolean?][] = [
    ['an activation "1" (a string)', ownFile(call('"activation":"1","event":"call"')), '{"ph":"B"', 0, 'args.activation: "1", want an integer 0..2^32-1'],
    ['no activation', ownFile(call('"event":"call"')), '{"ph":"B"', 0, 'args.activation: none, want an integer 0..2^32-1'],
    ['an instant named call without args.event', ownFile(ev('"ph":"i","s":"t","name":"call","ts":0,"args":{"value":1}')), '{"ph":"i"', 0, 'instant "call" without args.event'],
    ['a dropped record of value -1', ownFile(ev('"ph":"i","s":"t","name":"dropped","ts":0,"args":{"value":-1}')), '{"ph":"i"', 0, 'args.value: -1, want an integer 0..2^32-1'],
    ['args.event 5', ownFile(call('"activation":1,"event":5')), '{"ph":"B"', 0, 'args.event: 5, want an event kind name'],
    ['no args.event', ownFile(call('"activation":1')), '{"ph":"B"', 0, 'args.event: none, want an event kind name'],
    // The value shown is its JSON cut to 40 characters.
    ['args.event a long array', ownFile(call('"activation":1,"event":[1234567890,1234567890,1234567890,1234567890]')), '{"ph":"B"', 0, 'args.event: [1234567890,1234567890,1234567890,123456, want an event kind name'],
    ['a suspended b of cat other', ownFile(ev('"ph":"b","cat":"other","id":1,"name":"f","ts":0,"args":{"activation":1,"event":"yield"}')), '{"ph":"b"', 0, 'async "b" of cat "other", want "suspended"'],
    ['activation 1 open twice', ownFile(call('"activation":1,"event":"open"'), call('"activation":1,"event":"open"')), '{"ph":"B"', 1, 'activation 1 open twice', true],
    ['a wake by waker -1', ownFile(ev('"ph":"i","s":"t","name":"f","ts":0,"args":{"activation":1,"event":"wake","waker":-1}')), '{"ph":"i"', 0, 'args.waker: -1, want an integer 0..2^32-1'],
    ['a pending on "x"', ownFile(ev('"ph":"i","s":"t","name":"f","ts":0,"args":{"activation":1,"event":"pending","on":"x"}')), '{"ph":"i"', 0, 'args.on: "x", want an integer 0..2^32-1'],
    // All seven args written: they are read (not taken for a foreign event's), so the activation is what is refused.
    ['all seven args, activation "x"', ownFile(call('"activation":"x","event":"call","returnCompletion":true,"payload":"1","waker":1,"on":1,"value":1')), '{"ph":"B"', 0, 'args.activation: "x", want an integer 0..2^32-1'],
  ];
  return rows.map(([what, text, at, index, detail, last]) => ({ what: `decodeChrome own: ${what}`, run: decode(text), ...ownBad(text, at, index, detail, last) }));
}

// decodeChrome's own refusals (its TSDoc and readItem's): a lone surrogate in a name (FORMAT.md §4.2, bad-event
// at the event), several threads without options.thread (limit-exceeded at the first event of the second thread,
// naming the threads, at most 8 then `, ...`), bad-json before a bad-event found earlier; args and otherData
// that are no object are no trace-harness args or declaration.
const threads = (n: number): string => file(...Array.from({ length: n }, (_, k) => `{"ph":"X","name":"f","pid":1,"tid":${k + 1},"ts":0,"dur":1}`));
const threadsMessage = (n: number, shown: number, more: boolean): string =>
  `want chrome json with the slices of one thread to read as one trace, got ${n} threads: ${Array.from({ length: shown }, (_, k) => `pid 1 tid ${k + 1}`).join(', ')}${more ? ', ...' : ''} (verify checks each; print and convert read one with --thread pid:tid, decodeChrome with { thread: { pid, tid } })`;

function readGoldens(): GoldenOutcome[] {
  const lone = file(ev('"ph":"B","name":"\\ud800","ts":0'));
  const second = (text: string): number => text.indexOf('"tid":2') - '{"ph":"X","name":"f","pid":1,'.length;
  return [
    { what: 'decodeChrome: a name holding a lone surrogate', run: decode(lone), throws: { name: 'TraceFormatError', code: 'bad-event', byteOffset: 1, message: byteMessage('bad-event', 'want a chrome trace event at traceEvents[0], got name "\\ud800" holds a lone surrogate (U+D800 at index 0); names must be well-formed Unicode (FORMAT.md §4.2)', 1) } },
    { what: 'decodeChrome: a wrong entry, then a grammar break', run: decode('[5,x]'), throws: { name: 'TraceFormatError', code: 'bad-json', byteOffset: 3, message: byteMessage('bad-json', "want chrome trace json, got unexpected token 'x' in json at position 3", 3) } },
    ...[2, 8, 9].map((n): GoldenOutcome => ({ what: `decodeChrome: ${n} threads`, run: decode(threads(n)), throws: { name: 'TraceFormatError', code: 'limit-exceeded', byteOffset: second(threads(n)), message: byteMessage('limit-exceeded', threadsMessage(n, Math.min(n, 8), n > 8), second(threads(n))) } })),
    { what: 'decodeChrome: otherData null (a foreign file)', run: decode('{"traceEvents":[],"otherData":null}'), gives: '' },
    { what: 'decodeChrome: args null (a foreign event)', run: decode(file(ev('"ph":"B","name":"f","ts":0,"args":null'))), gives: 'call f #1\n' },
  ];
}

/** The golden outcomes of decodeChrome: its foreign mapping, its own mapping, its reading of entries and threads. */
export function chromeReadGoldenOutcomes(): GoldenOutcome[] {
  return [...foreignRows(), ...ownRowsGoldens(), ...readGoldens()];
}
