import { encodeChrome, encodeChromeStreams } from '../../src/formats/chrome.ts';
import { decodeChrome } from '../../src/formats/chrome-read.ts';
import { ChromeVerifier, verifyChrome } from '../../src/formats/chrome-verify.ts';
import { EventKind } from '../../src/model/kinds.ts';
import { MergedTrace } from '../../src/model/merged-trace.ts';
import { Trace } from '../../src/model/trace.ts';
import { byteMessage, type GoldenOutcome } from './golden-outcome.ts';

/**
 * Golden outcomes of `verifyChrome` / `ChromeVerifier`, of the scanner under both readers, and of the Chrome
 * encoders (issue 13): each written by hand from the TSDoc and message templates of `chrome-verify.ts`,
 * `chrome-slices.ts`, `chrome-scan.ts` and `chrome.ts`; offsets from the input. Cheap, except three inputs of
 * one to two MB (a surrogate pair at UTF-16 index 2^20, an otherData of over 1 MiB, 65,537 slices in columns).
 */

type Throws = Extract<GoldenOutcome, { throws: unknown }>['throws'];
const encoder = new TextEncoder();
const decodeBytes = (bytes: Uint8Array) => (): number => decodeChrome(bytes).length;
const decode = (text: string) => decodeBytes(encoder.encode(text));
const messages = (text: string) => (): string[] => verifyChrome(text).violations.map((v) => v.message);
/** A report with no violation, of `events` entries (threads: pairs among B/E/X). */
const clean = (events: number, threads: number, incomplete = false): unknown => ({ events, threads, violations: [], incomplete });
/** The scanner's bad-json: `want chrome trace json, got <detail>` at the byte. */
const badJson = (detail: string, at: number): Throws => ({ name: 'TraceFormatError', code: 'bad-json', byteOffset: at, message: byteMessage('bad-json', `want chrome trace json, got ${detail}`, at) });
/** readEvent's bad-event: `want a chrome trace event at traceEvents[i], got <what>` (byteOffset 0 in verify). */
const badEntry = (index: number, what: string, at = 0): Throws => ({ name: 'TraceFormatError', code: 'bad-event', byteOffset: at, message: byteMessage('bad-event', `want a chrome trace event at traceEvents[${index}], got ${what}`, at) });
const NO_EVENT_LIST: Throws = { name: 'TraceFormatError', code: 'unknown-format', byteOffset: 0, message: byteMessage('unknown-format', 'want an array of events or {"traceEvents":[...]}, got another json value', 0) };

// ChromeScanner (class TSDoc): bad-json at the first byte that breaks the grammar (a number or literal that is
// none: its first byte; bytes not UTF-8: the first byte of the ill-formed sequence, RFC 3629 with F4 a lead),
// a byte order mark skipped (the start of one that is not all of it refused at byte 0), the bare array's `]`
// optional, unknown-format for JSON without an event list or with a second traceEvents member, otherData
// kept when at most 64 KiB, nesting at most 256 levels.
function scannerGoldens(): GoldenOutcome[] {
  const twoLists = '{"traceEvents":[],"traceEvents":[]}';
  const deep = `${'['.repeat(256)}1${']'.repeat(256)}`;
  const f4 = Uint8Array.of(...encoder.encode('[{"n":"'), 0xf4, 0x8f, 0xbf, 0xbf, 0xff, ...encoder.encode('"}]'));
  return [
    { what: 'scanner: two bytes of a byte order mark, then the end', run: decodeBytes(Uint8Array.of(0xef, 0xbb)), throws: badJson('unexpected byte 0xef in json at position 0', 0) },
    { what: 'scanner: no byte at all', run: decodeBytes(new Uint8Array(0)), throws: badJson('unexpected end of json input', 0) },
    { what: "scanner: a bare array cut after a number ('[1')", run: () => verifyChrome('[1'), throws: badEntry(0, 'event: want an object, got number') },
    { what: 'scanner: a root number', run: decode('1'), throws: NO_EVENT_LIST },
    { what: 'scanner: a root string', run: decode('"x"'), throws: NO_EVENT_LIST },
    { what: 'scanner: traceEvents an object holding an array', run: decode('{"traceEvents":{"a":[]}}'), throws: NO_EVENT_LIST },
    { what: 'scanner: a second traceEvents member', run: decode(twoLists), throws: { name: 'TraceFormatError', code: 'unknown-format', byteOffset: twoLists.lastIndexOf('['), message: byteMessage('unknown-format', `want one traceEvents list, got a second traceEvents list at byte ${twoLists.lastIndexOf('[')}`, twoLists.lastIndexOf('[')) } },
    { what: "scanner: '}' closing an array", run: decode('[1}]'), throws: badJson("unexpected token '}' in json at position 2", 2) },
    { what: "scanner: ']' closing an object", run: decode('[{"a":1]]'), throws: badJson("unexpected token ']' in json at position 7", 7) },
    { what: 'scanner: a byte that starts no value', run: decode('[x]'), throws: badJson("unexpected token 'x' in json at position 1", 1) },
    { what: "scanner: a value starting with '+'", run: decode('[+1]'), throws: badJson("unexpected token '+' in json at position 1", 1) },
    ...['z', 'A', 'Z'].map((c): GoldenOutcome => ({ what: `scanner: a number run on by '${c}'`, run: decode(`[0${c}]`), throws: badJson(`unexpected token "0${c}" in json at position 1`, 1) })),
    { what: 'scanner: U+10FFFF (lead F4) before a byte FF in one event', run: decodeBytes(f4), throws: badJson('bytes that are not utf-8 (byte 0xff)', 11) },
    { what: 'scanner: 256 levels around a number', run: () => verifyChrome(deep), throws: badEntry(0, 'event: want an object, got an array') },
    { what: 'scanner: otherData of exactly 64 KiB declaring incomplete', run: () => verifyChrome(otherDataOf(1 << 16, 'x')), gives: clean(0, 0, true) },
    // Over 64 KiB: not kept (so not read), and never an event's 1 MiB bound; 600,000 two-byte characters in one piece.
    { what: 'scanner: otherData of 1.2 MB in one piece', run: () => verifyChrome(otherDataOf(600_100 * 2, 'é')), gives: clean(0, 0) },
  ];
}

/** A file whose otherData (declaring incomplete) is `bytes` UTF-8 bytes long, padded with `pad` (1 or 2 bytes a character). */
function otherDataOf(bytes: number, pad: string): string {
  const head = '{"generator":"trace-harness","incomplete":true,"pad":"';
  const padBytes = bytes - head.length - 2;
  return `{"traceEvents":[],"otherData":${head}${pad.repeat(padBytes / encoder.encode(pad).length)}"}}`;
}

// verifyChrome / ChromeVerifier (TSDoc): text over maxTextLength refused, fed in 1 Mi-unit pieces with a pair never
// split; bad-json first (a wrong entry reported once the text is JSON); phases other than B/E/X/b/e ignored;
// readEvent's message names the first wrong field; otherData declares incomplete only as trace-harness's object;
// with a replay a thread (or the async events) is read again only when not in nondecreasing ts order.
function verifyGoldens(): GoldenOutcome[] {
  const line = (fields: string): string => `{${fields},"pid":1,"tid":1}`;
  const inOrder = `[${[line('"ph":"B","name":"f","ts":0'), line('"ph":"E","name":"f","ts":0'), line('"ph":"b","name":"r","cat":"c","id":1,"ts":0'), line('"ph":"e","name":"r","cat":"c","id":1,"ts":0')].join(',')}]`;
  const outOfOrder = `[${line('"ph":"E","name":"f","ts":2')},${line('"ph":"B","name":"f","ts":1')}]`;
  return [
    { what: 'verifyChrome: text of exactly maxTextLength', run: () => verifyChrome('[]', { maxTextLength: 2 }), gives: clean(0, 0) },
    { what: 'verifyChrome: a surrogate pair at UTF-16 index 2^20', run: () => verifyChrome(pairAtPiece()).violations.map((v) => v.message), gives: ['want e for b "\u{1f600}" on pid 1 tid 1, got end of trace'] },
    { what: 'verifyChrome: a wrong entry, then a grammar break', run: () => verifyChrome('[{"ph":"B"} {"ph":"E"}]'), throws: badJson("unexpected token '{' in json at position 12", 12) },
    { what: "verifyChrome: a ph named 'toString'", run: () => verifyChrome('[{"ph":"toString","ts":1}]'), gives: clean(1, 0) },
    { what: 'verifyChrome: otherData null', run: () => verifyChrome('{"traceEvents":[],"otherData":null}'), gives: clean(0, 0) },
    { what: 'verifyChrome: an entry that is a number', run: () => verifyChrome('[5]'), throws: badEntry(0, 'event: want an object, got number') },
    { what: 'verifyChrome: an entry that is null', run: () => verifyChrome('[null]'), throws: badEntry(0, 'event: want an object, got null') },
    { what: 'verifyChrome: an entry that is an array', run: () => verifyChrome('[[]]'), throws: badEntry(0, 'event: want an object, got an array') },
    { what: 'verifyChrome: an entry without ph', run: () => verifyChrome('[{}]'), throws: badEntry(0, 'ph: want a string, got none') },
    { what: 'verifyChrome: a ph that is a number', run: () => verifyChrome('[{"ph":5}]'), throws: badEntry(0, 'ph: want a string, got number') },
    { what: 'ChromeVerifier: in ts order (ties included), no second read', run: () => replayed(inOrder), gives: { messages: [], replays: 0 } },
    { what: 'ChromeVerifier: a thread out of ts order, one second read', run: () => replayed(outOfOrder), gives: { messages: [], replays: 1 } },
    { what: 'ChromeVerifier: 65,537 slices kept in columns', run: manySlices, gives: ['want e for b "f" on pid - tid -, got end of trace'] },
  ];
}

/** A file whose second event's name is one surrogate pair starting at UTF-16 index 2^20 (the first piece's end). */
function pairAtPiece(): string {
  const head = '[{"ph":"i","pid":1,"tid":1,"ts":0,"args":{"p":"';
  const tail = '"}},{"ph":"B","pid":1,"tid":1,"ts":0,"name":"';
  return `${head}${'x'.repeat((1 << 20) - head.length - tail.length)}${tail}\u{1f600}"}]`;
}

/** The report's messages and how often the replay was called. */
function replayed(text: string): { messages: string[]; replays: number } {
  const bytes = encoder.encode(text);
  let replays = 0;
  const v = new ChromeVerifier({ replay: (push) => (replays++, push(bytes)) });
  v.push(bytes);
  return { messages: v.end().violations.map((x) => x.message), replays };
}

/** A B never ended, then 65,536 X slices (two blocks of columns, the last holding one), without a replay. */
function manySlices(): string[] {
  const v = new ChromeVerifier();
  v.push(encoder.encode(`[{"ph":"B","name":"f","ts":0}${',{"ph":"X","ts":0,"dur":0}'.repeat(1 << 16)}]`));
  return v.end().violations.map((x) => x.message);
}

// ThreadCheck's messages (chrome-slices.ts): `want <want> on pid P tid T, got <got>` (violation()).
function sliceGoldens(): GoldenOutcome[] {
  return [
    { what: 'verifyChrome: an E with no open B', run: messages('[{"ph":"E","name":"f","pid":1,"tid":2,"ts":0}]'), gives: ['want an open b slice on pid 1 tid 2, got e "f" at ts 0'] },
    { what: 'verifyChrome: a B outliving the X it opened in', run: messages('[{"ph":"X","name":"p","pid":1,"tid":1,"ts":0,"dur":5},{"ph":"B","name":"f","pid":1,"tid":1,"ts":1},{"ph":"E","name":"f","pid":1,"tid":1,"ts":8}]'), gives: ['want b "f" closed by ts 5 (end of x "p") on pid 1 tid 1, got b "f" still open'] },
    { what: 'verifyChrome: a B never ended', run: messages('[{"ph":"B","name":"f","pid":1,"tid":1,"ts":0}]'), gives: ['want e for b "f" on pid 1 tid 1, got end of trace'] },
  ];
}

// encodeChrome / encodeChromeStreams (TSDoc): RangeError `<api>: <what> "<name>" holds a lone surrogate ...`
// (well-formed.ts) for a code name or stream id; async ids per stream (tid - 1) * 2^32 + activation; a
// `pending` without a known awaited activation has on 0, a stream record without a value column value 0.
const columns = (kinds: number[]) => ({ kind: Uint8Array.from(kinds), flags: new Uint8Array(kinds.length), activation: Uint32Array.from(kinds, (k) => (k === EventKind.Dropped ? 0 : 1)), code: new Uint32Array(kinds.length), seq: Float64Array.from(kinds, (_, i) => i) });
const lone = (api: string, what: string, shown: string, unit: string, at: number): Throws => ({ name: 'RangeError', message: `${api}: ${what} "${shown}" holds a lone surrogate (U+${unit} at index ${at}); names must be well-formed Unicode (FORMAT.md §4.2)` });
const merged = (...streams: { id: string; trace: Trace }[]): MergedTrace => new MergedTrace(streams, new Uint16Array(0), new Uint32Array(0), 'seq');

function encodeGoldens(): GoldenOutcome[] {
  const none = (codes: string[]): Trace => new Trace(columns([]), codes);
  const chromeEvents = (text: string): { ph: string; id?: number; args: unknown }[] => JSON.parse(text).traceEvents;
  return [
    { what: 'encodeChrome: a code name holding a lone surrogate', run: () => encodeChrome(none(['\ud800'])), throws: lone('encodeChrome', 'code name', '\\ud800', 'D800', 0) },
    { what: 'encodeChromeStreams: a stream id holding a lone surrogate', run: () => encodeChromeStreams(merged({ id: '\udc00', trace: none([]) })), throws: lone('encodeChromeStreams', 'stream id', '\\udc00', 'DC00', 0) },
    { what: 'encodeChromeStreams: a code name holding a lone surrogate', run: () => encodeChromeStreams(merged({ id: 'w', trace: none(['a\ud800']) })), throws: lone('encodeChromeStreams', 'code name', 'a\\ud800', 'D800', 1) },
    {
      what: "encodeChromeStreams: the second stream's suspended open activation",
      run: () => chromeEvents(encodeChromeStreams(merged({ id: 'a', trace: none([]) }, { id: 'b', trace: none(['g']).withOpen([{ activation: 5, code: 0, state: 'suspended' }]) }))).filter((e) => e.ph === 'b').map((e) => e.id),
      gives: [2 ** 32 + 5],
    },
    { what: 'encodeChrome: a Trace without a waker column', run: () => chromeEvents(encodeChrome(new Trace(columns([EventKind.Dropped, EventKind.Pending]), ['f']))).filter((e) => e.ph === 'i').map((e) => e.args), gives: [{ value: 0 }, { activation: 1, event: 'pending', on: 0 }] },
  ];
}

/** The golden outcomes of verifyChrome, the scanner, the slice checks and the encoders. */
export function chromeVerifyGoldenOutcomes(): GoldenOutcome[] {
  return [...scannerGoldens(), ...verifyGoldens(), ...sliceGoldens(), ...encodeGoldens()];
}
