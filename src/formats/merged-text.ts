import { TraceFormatError } from '../model/errors.ts';
import type { CanonicalEvent } from '../model/event.ts';
import { MAX_STREAMS, MergedTrace } from '../model/merged-trace.ts';
import { utf8Length } from '../model/utf8-length.ts';
import { assertWellFormedName, loneSurrogateAt, loneSurrogateMessage } from '../model/well-formed.ts';
import { formatCanonicalEvent, parseCanonical, traceFromCanonical } from './text.ts';

const STREAM_LINE = /^@("(?:[^"\\]|\\.)*"|[^\s"]+) ([^]*)$/;

/** A stream id as text: bare when it is one word without quotes, else a JSON string. */
function formatStreamId(id: string): string {
  assertWellFormedName('formatMerged', 'stream id', id);
  return /^[^\s"]+$/.test(id) ? id : JSON.stringify(id);
}

/**
 * Renders a merged view as text: one event a line, in merged order, as `@<stream> <canonical line>`, each
 * stream's activations renumbered first-seen within that stream; a stream id that is not one word free of
 * `"` is written as a JSON string (`@"my trace" call f #1`).
 *
 * ```text
 * @main call main #1
 * @worker-1 call job #1
 * @main return main #1
 * ```
 * @param merged - the merged view
 * @returns the text, ending in a newline
 */
export function formatMerged(merged: MergedTrace): string {
  const canonical = merged.streams.map((s) => s.trace.canonical());
  let out = '';
  for (let p = 0; p < merged.length; p++) {
    const k = merged.streamOf[p]!;
    out += `@${formatStreamId(merged.streams[k]!.id)} ${formatCanonicalEvent(canonical[k]![merged.indexOf[p]!]!)}\n`;
  }
  return out;
}

/**
 * Parses merged text (see {@link formatMerged}) into a merged view: each stream's lines become its trace
 * (seq = position in the stream), in order of first appearance; the merged order is the line order.
 * Blank lines and `#` comments are ignored.
 * @param text - the text
 * @throws {@link TraceFormatError} `bad-line` for a line without an `@<stream> ` prefix (with its line
 *   number), `limit-exceeded` at the first line of a stream past {@link MAX_STREAMS}, and whatever
 *   canonical text parsing throws for the rest of a line
 */
export function parseMerged(text: string): MergedTrace {
  const ids = new Map<string, number>();
  const lines: CanonicalEvent[][] = [];
  const streamOf: number[] = [];
  const indexOf: number[] = [];
  let offset = 0;
  text.split('\n').forEach((raw, n) => {
    const line = raw.replace(/\r$/, '').trim();
    const at = offset;
    offset += utf8Length(raw) + 1; // bytes, as TraceFormatError's byteOffset counts them
    if (line === '' || line.startsWith('#')) return;
    const m = STREAM_LINE.exec(line);
    if (m === null) throw new TraceFormatError('bad-line', at, `want "@<stream> <event>", got ${JSON.stringify(line.slice(0, 80))}`, n + 1);
    const id = m[1]!.startsWith('"') ? quotedId(m[1]!, at, n + 1) : m[1]!;
    const lone = loneSurrogateAt(id);
    if (lone >= 0) throw new TraceFormatError('bad-line', at, loneSurrogateMessage('stream id', id, lone), n + 1);
    let k = ids.get(id);
    if (k === undefined) {
      // The stream column is 16 bits: bound the streams before a new one, never wrap.
      if (ids.size >= MAX_STREAMS) throw new TraceFormatError('limit-exceeded', at, `want at most ${MAX_STREAMS} streams, got more at stream ${JSON.stringify(id.slice(0, 40))}`, n + 1);
      ids.set(id, (k = ids.size));
      lines.push([]);
    }
    let parsed: CanonicalEvent[];
    try {
      parsed = parseCanonical(m[2]!).events;
    } catch (e) {
      if (e instanceof TraceFormatError) throw new TraceFormatError(e.code, at, e.message.replace(/^line \d+: /, ''), n + 1);
      throw e;
    }
    if (parsed.length !== 1) throw new TraceFormatError('bad-line', at, `want one event after "@${id} ", got ${JSON.stringify(m[2]!.slice(0, 80))}`, n + 1);
    streamOf.push(k);
    indexOf.push(lines[k]!.length);
    lines[k]!.push(parsed[0]!);
  });
  const streams = [...ids.keys()].map((id, k) => ({ id, trace: traceFromCanonical(lines[k]!) }));
  return new MergedTrace(streams, Uint16Array.from(streamOf), Uint32Array.from(indexOf), 'seq');
}

function quotedId(text: string, at: number, line: number): string {
  try {
    return JSON.parse(text) as string;
  } catch (e) {
    if (!(e instanceof SyntaxError)) throw e;
    throw new TraceFormatError('bad-line', at, `bad quoted stream id ${text.slice(0, 40)}`, line);
  }
}
