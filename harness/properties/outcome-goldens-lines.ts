import { jsonFormatError } from '../../src/formats/json-format-error.ts';
import { decodeJsonl, encodeJsonl } from '../../src/formats/jsonl.ts';
import { loadTrace } from '../../src/formats/load.ts';
import { formatMerged, parseMerged } from '../../src/formats/merged-text.ts';
import { formatCanonical, parseCanonical, traceFromCanonical } from '../../src/formats/text.ts';
import { TraceFormatError } from '../../src/model/errors.ts';
import { EventKind } from '../../src/model/kinds.ts';
import { mergeStreams } from '../../src/model/merged-trace.ts';
import { Trace } from '../../src/model/trace.ts';
import { encodeWire } from '../../src/wire/encode.ts';
import { byteMessage, type GoldenOutcome } from './golden-outcome.ts';

/**
 * The line formats' outcomes written out whole (JSONL, canonical and merged text, format detection): each
 * message as the reader's TSDoc and its message templates word it, the RangeErrors the writers throw for a
 * name they must refuse (FORMAT.md §4.2), and the edges of their grammars and bounds (issue 13: `check`
 * compared these refusals by code, line and a few words, so a refusal that lost the rest of its words, or a
 * bound one off, passed it). Each expected value is written here from the documentation, never read back
 * from the code. Run once per process.
 */
export function lineGoldenOutcomes(): GoldenOutcome[] {
  return [...jsonlRows(), ...textRows(), ...mergedRows(), ...detectRows()];
}

const enc = new TextEncoder();
const bytes = (s: string): number => enc.encode(s).length;
const HEADER = '{"format":"trace-harness-jsonl","version":1}';
const CALL_F = Trace.fromEvents([{ seq: 0, kind: EventKind.Call, activation: 1, code: 0, flags: 0 }], ['f']);
const LONE = 'f\ud800';
/** The words every lone-surrogate refusal ends in (`src/model/well-formed.ts`, FORMAT.md §4.2). */
const loneSurrogate = (what: string, shown: string, at: number): string => `${what} ${shown} holds a lone surrogate (U+D800 at index ${at}); names must be well-formed Unicode (FORMAT.md §4.2)`;

/** A trace built with the public constructor: one event of `kind`, no waker column (TraceColumns: "absent when the trace has no wake"). */
function withoutWakerColumn(kind: number): Trace {
  return new Trace({ kind: Uint8Array.of(kind), flags: new Uint8Array(1), activation: Uint32Array.of(1), code: new Uint32Array(1), seq: new Float64Array(1) }, ['f']);
}

/** The SyntaxError words of this runtime's JSON.parse for `text`, lowercased: decodeJsonl's bad-json detail ends with them. */
function parserWords(text: string): string {
  try {
    JSON.parse(text);
  } catch (e) {
    return (e as Error).message.toLowerCase();
  }
  throw new Error(`${text} parses`);
}

function jsonlRows(): GoldenOutcome[] {
  const longValue = `${HEADER}\n{"seq":0,"kind":"call","activation":"${'x'.repeat(100)}","code":"f","flags":0}\n`;
  const line2 = bytes(HEADER) + 1;
  const notJson = '{"seq":0,"kind":"call",}';
  return [
    // decodeJsonl's TSDoc: "@throws TypeError when options.requireHeader is not a boolean".
    { what: 'decodeJsonl requireHeader "yes"', run: () => decodeJsonl(HEADER, { requireHeader: 'yes' as unknown as boolean }), throws: { name: 'TypeError', message: 'decodeJsonl: options.requireHeader must be a boolean, got string' } },
    // A field's value is shown as its type and its JSON cut to 40 characters (the 400-character detail bound).
    {
      what: 'jsonl activation a 100-character string',
      run: () => decodeJsonl(longValue),
      throws: { name: 'TraceFormatError', code: 'bad-event', line: 2, byteOffset: line2, message: `line 2: want a valid event, got activation: want an integer in 0..2^32-1, got string "${'x'.repeat(39)}` },
    },
    // A waker belongs to wake events, and a wake needs one: two refusals, two messages.
    { what: 'jsonl waker on a call', run: () => decodeJsonl(`${HEADER}\n{"seq":0,"kind":"call","activation":1,"code":"f","flags":0,"waker":2}\n`), throws: { name: 'TraceFormatError', code: 'bad-event', line: 2, message: 'line 2: want waker on wake events only' } },
    { what: 'jsonl wake without waker', run: () => decodeJsonl(`${HEADER}\n{"seq":0,"kind":"wake","activation":1,"code":"f","flags":0}\n`), throws: { name: 'TraceFormatError', code: 'bad-event', line: 2, message: 'line 2: want waker on a wake event' } },
    // bad-json: "want a json object, got <the parser's message, lowercased>".
    { what: 'jsonl event line that is no JSON', run: () => decodeJsonl(`${HEADER}\n${notJson}\n`), throws: { name: 'TraceFormatError', code: 'bad-json', line: 2, byteOffset: line2, message: `line 2: want a json object, got ${parserWords(notJson)}` } },
    // encodeJsonl: the header line carries `open` only when something is open (FORMAT.md's JSONL header).
    { what: 'encodeJsonl of a trace with nothing open', run: () => encodeJsonl(CALL_F), gives: `${HEADER}\n{"seq":0,"kind":"call","activation":1,"code":"f","flags":0}\n` },
    // A trace without a waker column writes waker 0 ("0 when unknown"), the stream records' value 0.
    { what: 'encodeJsonl of a dropped record, no waker column', run: () => encodeJsonl(withoutWakerColumn(EventKind.Dropped)), gives: `${HEADER}\n{"seq":0,"kind":"dropped","count":0}\n` },
    { what: 'encodeJsonl of a wake, no waker column', run: () => encodeJsonl(withoutWakerColumn(EventKind.Wake)), gives: `${HEADER}\n{"seq":0,"kind":"wake","activation":1,"code":"f","flags":0,"waker":0}\n` },
    { what: 'encodeJsonl of a pending, no waker column', run: () => encodeJsonl(withoutWakerColumn(EventKind.Pending)), gives: `${HEADER}\n{"seq":0,"kind":"pending","activation":1,"code":"f","flags":0,"on":0}\n` },
    { what: 'encodeJsonl of a code name with a lone surrogate', run: () => encodeJsonl(Trace.fromEvents([{ seq: 0, kind: EventKind.Call, activation: 1, code: 0, flags: 0 }], [LONE])), throws: { name: 'RangeError', message: `encodeJsonl: ${loneSurrogate('code name', '"f\\ud800"', 1)}` } },
  ];
}

function textRows(): GoldenOutcome[] {
  const openLines = Array.from({ length: 65537 }, (_, i) => `open f #${i + 1} running\n`);
  const badOpen = `open f #1 runnin${'g'.repeat(100)}`;
  return [
    { what: 'formatCanonical of a code name with a lone surrogate', run: () => formatCanonical(Trace.fromEvents([{ seq: 0, kind: EventKind.Call, activation: 1, code: 0, flags: 0 }], [LONE])), throws: { name: 'RangeError', message: `formatCanonical: ${loneSurrogate('code name', '"f\\ud800"', 1)}` } },
    // A header line's value runs to the line's end: a U+2028 inside it makes no header (parseCanonical's TSDoc grammar: '#', key, ':', value).
    { what: 'text header value holding U+2028', run: () => [...parseCanonical('# key: a\u2028b\ncall f #1\n').header.entries()], gives: [] },
    // An open line that is none is shown as its first 80 characters, JSON-quoted.
    {
      what: 'text open line of 116 characters',
      run: () => parseCanonical(`${badOpen}\n`),
      throws: { name: 'TraceFormatError', code: 'bad-line', line: 1, byteOffset: 0, message: `line 1: want "open <code> #<activation> running|suspended" or "open partial", got ${JSON.stringify(badOpen.slice(0, 80))}` },
    },
    // 65,536 open activations at most (a wire checkpoint's limit, FORMAT.md §8): the 65,537th line is refused.
    {
      what: 'text with 65,537 open lines',
      run: () => parseCanonical(openLines.join('')),
      throws: { name: 'TraceFormatError', code: 'limit-exceeded', line: 65537, byteOffset: bytes(openLines.slice(0, 65536).join('')), message: 'line 65537: want at most 65536 open activations' },
    },
    // A stream record's line is the whole line: text before "recovery from" makes no record.
    { what: 'text "call recovery from 3"', run: () => parseCanonical('call recovery from 3\n'), throws: { name: 'TraceFormatError', code: 'bad-line', line: 1, message: 'line 1: want "<kind> <code> #<activation>[ return]", got "call recovery from 3"' } },
    // An event without a payload has no payload key (CanonicalEvent's optional field).
    { what: 'keys of a parsed event without payload', run: () => Object.keys(parseCanonical('call f #1\n').events[0]!), gives: ['kind', 'code', 'activation', 'flags'] },
    // traceFromCanonical keeps a waker only where the kind has one (wake, pending, await).
    { what: 'traceFromCanonical of a call given a waker', run: () => traceFromCanonical([{ kind: EventKind.Call, code: 'f', activation: 1, flags: 0, waker: 5 }]).columns.waker === undefined, gives: true },
    // Payloads and quoted names that are none are shown as their first 40 characters.
    { what: 'text payload that is no JSON', run: () => parseCanonical(`call f #1 = ${'x'.repeat(50)}\n`), throws: { name: 'TraceFormatError', code: 'bad-line', line: 1, message: `line 1: payload is not JSON: ${'x'.repeat(40)}` } },
    {
      what: 'text payload that is not compact',
      run: () => parseCanonical(`call f #1 = [${Array.from({ length: 20 }, (_, i) => i).join(', ')}]\n`),
      throws: { name: 'TraceFormatError', code: 'bad-line', line: 1, message: `line 1: payload is not compact JSON text as JSON.stringify writes it, integers within 2^53: ${`[${Array.from({ length: 20 }, (_, i) => i).join(', ')}]`.slice(0, 40)}` },
    },
    { what: 'text quoted code name that is no JSON string', run: () => parseCanonical(`call "${'a'.repeat(45)}\\x" #1\n`), throws: { name: 'TraceFormatError', code: 'bad-line', line: 1, message: `line 1: bad quoted code name "${'a'.repeat(39)}` } },
  ];
}

function mergedRows(): GoldenOutcome[] {
  const id = (n: number): string => `${'s'.repeat(40)}${n}`;
  const streams = Array.from({ length: 65536 }, (_, n) => `@${id(n)} call f #1\n`);
  return [
    { what: 'formatMerged of a stream id with a lone surrogate', run: () => formatMerged(mergeStreams([{ id: 'a\ud800', trace: CALL_F }])), throws: { name: 'RangeError', message: `formatMerged: ${loneSurrogate('stream id', '"a\\ud800"', 1)}` } },
    // 65,535 streams at most (the stream column is 16 bits); the id shown cut to 40 characters.
    {
      what: 'merged text of 65,536 streams',
      run: () => parseMerged(streams.join('')),
      throws: { name: 'TraceFormatError', code: 'limit-exceeded', line: 65536, byteOffset: bytes(streams.slice(0, 65535).join('')), message: `line 65536: want at most 65535 streams, got more at stream "${'s'.repeat(40)}"` },
    },
    // A line's canonical refusal keeps its words, the merged line's number in front.
    { what: 'merged line of an unknown kind', run: () => parseMerged('@a call f #1\n@a leap f #1\n'), throws: { name: 'TraceFormatError', code: 'unknown-kind', line: 2, byteOffset: 13, message: 'line 2: unknown event kind "leap"' } },
    // parseMerged's order is the file's: by seq, each stream complete and not partial.
    {
      what: 'parseMerged of one resume',
      run: () => {
        const m = parseMerged('@a resume f #1\n');
        return { by: m.by, openPartial: m.streams[0]!.trace.openPartial, complete: m.streams[0]!.trace.complete };
      },
      gives: { by: 'seq', openPartial: false, complete: true },
    },
    { what: 'merged quoted stream id that is no JSON string', run: () => parseMerged(`@"${'a'.repeat(45)}\\x" call f #1\n`), throws: { name: 'TraceFormatError', code: 'bad-line', line: 1, message: `line 1: bad quoted stream id "${'a'.repeat(39)}` } },
  ];
}

/** jsonFormatError's message (json-format-error.ts): the three formats wanted, the first line shown, why. */
const unknownJson = (first: string, why: string): string =>
  byteMessage('unknown-format', `want a trace-harness-jsonl header line ${HEADER}, a jsonl event line {"seq":<n>,"kind":"<event kind>",...} or chrome trace json, got first line ${first} (${why})`, 0);

function detectRows(): GoldenOutcome[] {
  const load = (text: string) => () => loadTrace(enc.encode(text));
  // A first line shown on one line: trailing whitespace dropped, control characters as JSON escapes.
  const controls = '{"k":12345\b\f\u0001}  \n';
  const of = (n: number): string => `{"k":"${'a'.repeat(n)}"x}`;
  // A first line of exactly 1 MiB (the JSONL line bound) shaped like an event of an unknown kind.
  const head = '{"seq":0,"kind":"leap","pad":"';
  const mib = `${head}${'x'.repeat((1 << 20) - head.length - 2)}"}`;
  const torn = encodeWire(CALL_F).subarray(0, 14);
  return [
    { what: 'loadTrace of a first line with control characters', run: load(controls), throws: { name: 'TraceFormatError', code: 'unknown-format', byteOffset: 0, message: unknownJson('{"k":12345\\b\\f\\u0001}', 'as chrome json: unexpected byte 0x08 in json at position 10') } },
    // Up to 80 characters the line is shown whole; past that, its first 77 and "...".
    { what: 'loadTrace of an 80-character first line', run: load(`${of(71)}\n`), throws: { name: 'TraceFormatError', code: 'unknown-format', message: unknownJson(of(71), "as chrome json: unexpected token 'x' in json at position 78") } },
    { what: 'loadTrace of an 81-character first line', run: load(`${of(72)}\n`), throws: { name: 'TraceFormatError', code: 'unknown-format', message: unknownJson(`${of(72).slice(0, 77)}...`, "as chrome json: unexpected token 'x' in json at position 79") } },
    { what: 'loadTrace of a 1 MiB first line of kind "leap"', run: load(`${mib}\n`), throws: { name: 'TraceFormatError', code: 'unknown-format', message: unknownJson(`${mib.slice(0, 77)}...`, '"leap" is not an event kind name') } },
    // A bare array gone wrong is Chrome JSON gone wrong: the scanner's own refusal, not unknown-format.
    { what: 'loadTrace of "[1,}"', run: load('[1,}'), throws: { name: 'TraceFormatError', code: 'bad-json', byteOffset: 3, message: byteMessage('bad-json', "want chrome trace json, got unexpected token '}' in json at position 3", 3) } },
    // jsonFormatError drops only the cause's leading code and "want chrome trace json, got ", and its trailing offset.
    {
      what: 'jsonFormatError of a line-numbered cause',
      run: () => { throw jsonFormatError('{"a":1}', new TraceFormatError('bad-json', 5, 'want chrome trace json, got ph: bad', 3)); },
      throws: { name: 'TraceFormatError', code: 'unknown-format', message: unknownJson('{"a":1}', 'as chrome json: line 3: want chrome trace json, got ph: bad') },
    },
    {
      what: 'jsonFormatError of a cause naming a byte inside',
      run: () => { throw jsonFormatError('{"a":1}', new TraceFormatError('bad-json', 9, 'x (at byte 5) y')); },
      throws: { name: 'TraceFormatError', code: 'unknown-format', message: unknownJson('{"a":1}', 'as chrome json: x (at byte 5) y') },
    },
    // A blank line (a CR alone) between a comment and the first '@' line: still merged text.
    { what: 'detect merged text after a comment and a CRLF blank line', run: () => { try { loadTrace(enc.encode('# c\r\n\r\n@a call f #1\r\n')); return 'read'; } catch (e) { return (e as TraceFormatError).code; } }, gives: 'unknown-format' },
    // A wire file torn inside its first chunk is read with its loss (not refused as empty).
    { what: 'loadTrace of a wire file torn in its first chunk', run: () => { const l = loadTrace(torn); return { format: l.format, events: l.trace.length, loss: l.wire?.loss !== undefined }; }, gives: { format: 'wire', events: 0, loss: true } },
  ];
}
